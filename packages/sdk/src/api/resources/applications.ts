import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  ApplicationCreate,
  ApplicationRead,
  ApplicationReadList,
  ApplicationTokenRequestWithGrant,
  PublicAccessTokenResponse,
} from "../models.gen.js";
import type { ApplicationIdParams } from "../params.js";
import { ApiResource } from "../resource.js";

export class Applications extends ApiResource {
  /** `GET /applications` */
  listApplications(options?: RequestOptions): ApiPromise<ApplicationReadList> {
    return this.client.request({ operation: "listApplications", method: "GET", path: "/applications", options });
  }

  /** `POST /applications` */
  createApplication(body: ApplicationCreate, options?: RequestOptions): ApiPromise<ApplicationRead> {
    return this.client.request({
      operation: "createApplication",
      method: "POST",
      path: "/applications",
      body,
      options,
    });
  }

  /** `GET /applications/{applicationId}` */
  getApplication(params: ApplicationIdParams, options?: RequestOptions): ApiPromise<ApplicationRead> {
    return this.client.request({
      operation: "getApplication",
      method: "GET",
      path: "/applications/{applicationId}",
      params,
      options,
    });
  }

  /** `DELETE /applications/{applicationId}` */
  deleteApplication(params: ApplicationIdParams, options?: RequestOptions): ApiPromise<ApplicationRead> {
    return this.client.request({
      operation: "deleteApplication",
      method: "DELETE",
      path: "/applications/{applicationId}",
      params,
      options,
    });
  }

  /** `POST /applications/token` */
  createAccessToken(
    body: ApplicationTokenRequestWithGrant,
    options?: RequestOptions,
  ): ApiPromise<PublicAccessTokenResponse> {
    return this.client.request({
      operation: "createAccessToken",
      method: "POST",
      path: "/applications/token",
      body,
      idempotent: true,
      authenticate: false,
      options,
    });
  }
}
