import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { AttemptInfoRead, GetAttemptStatsRequestBody } from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigAttempt extends ConfigResource {
  /**
   * `POST /attempt/get_for_job`: one attempt of a job with its logs, either formatted
   * (`logs.logLines`) or structured (`logs.events`) as `logType` says.
   */
  getForJob(body: GetAttemptStatsRequestBody, options?: RequestOptions): ApiPromise<AttemptInfoRead> {
    return this.post("/attempt/get_for_job", body, options);
  }
}
