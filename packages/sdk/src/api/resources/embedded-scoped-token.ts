import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { EmbeddedScopedTokenRequest, EmbeddedScopedTokenResponse } from "../models.gen.js";
import { ApiResource } from "../resource.js";

export class EmbeddedScopedToken extends ApiResource {
  /** `POST /embedded/scoped_token` */
  generateEmbeddedScopedToken(
    body: EmbeddedScopedTokenRequest,
    options?: RequestOptions,
  ): ApiPromise<EmbeddedScopedTokenResponse> {
    return this.client.request({
      operation: "generateEmbeddedScopedToken",
      method: "POST",
      path: "/embedded/scoped_token",
      body,
      idempotent: true,
      options,
    });
  }
}
