import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import { ApiResource } from "../resource.js";

export interface OauthCallbackParams {
  queryParams?: Record<string, string>;
}

export class OAuth extends ApiResource {
  /** `GET /oauth/callback` */
  oauthCallback(params: OauthCallbackParams = {}, options?: RequestOptions): ApiPromise<string> {
    return this.client.request({
      operation: "oauthCallback",
      method: "GET",
      path: "/oauth/callback",
      query: params.queryParams,
      response: "redirect",
      authenticate: false,
      options,
    });
  }
}
