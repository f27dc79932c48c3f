import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { JobIdRequestBody, JobInfoRead, JobListRequestBody, JobReadList } from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigJobs extends ConfigResource {
  /** `POST /jobs/get`: the job with its attempts, each with its logs. */
  get(body: JobIdRequestBody, options?: RequestOptions): ApiPromise<JobInfoRead> {
    return this.post("/jobs/get", body, options);
  }

  /** `POST /jobs/list`: jobs of a connection (`configId`), newest first by default. */
  list(body: JobListRequestBody, options?: RequestOptions): ApiPromise<JobReadList> {
    return this.post("/jobs/list", body, options);
  }
}
