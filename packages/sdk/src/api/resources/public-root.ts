import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import { ApiResource } from "../resource.js";

export class PublicRoot extends ApiResource {
  /** `GET /`: the address of the API documentation the server redirects to. */
  getDocumentation(options?: RequestOptions): ApiPromise<string> {
    return this.client.request({
      operation: "getDocumentation",
      method: "GET",
      path: "/",
      response: "redirect",
      authenticate: false,
      options,
    });
  }
}
