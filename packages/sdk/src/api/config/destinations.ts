import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { CheckConnectionRead, DestinationIdRequestBody } from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigDestinations extends ConfigResource {
  /** `POST /destinations/check_connection`: runs the connector's check. */
  checkConnection(body: DestinationIdRequestBody, options?: RequestOptions): ApiPromise<CheckConnectionRead> {
    return this.post("/destinations/check_connection", body, options);
  }
}
