import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import { ApiResource } from "../resource.js";

export class Health extends ApiResource {
  /** `GET /health`: the server answers 200 with the text "Successful operation" when healthy. */
  getHealthCheck(options?: RequestOptions): ApiPromise<string> {
    return this.client.request({
      operation: "getHealthCheck",
      method: "GET",
      path: "/health",
      response: "text",
      authenticate: false,
      options,
    });
  }
}
