import type { ApiPromise } from "../../http/api-promise.js";
import type { PagePromise } from "../../http/pagination.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  InitiateOauthRequest,
  RedirectUrlResponse,
  SourceCreateRequest,
  SourcePatchRequest,
  SourcePutRequest,
  SourceResponse,
} from "../models.gen.js";
import type { SourceIdParams } from "../params.js";
import { ApiResource } from "../resource.js";

export interface ListSourcesParams {
  workspaceIds?: string[];
  includeDeleted?: boolean;
  limit?: number;
  offset?: number;
}

export interface GetSourceParams {
  sourceId: string;
  includeSecretCoordinates?: boolean;
}

/** The documents describe "an object with the redirect URL"; its property name has varied. */
export type InitiateOAuthResponse = RedirectUrlResponse & { redirect_url?: string };

export class Sources extends ApiResource {
  /** `GET /sources` */
  listSources(params: ListSourcesParams = {}, options?: RequestOptions): PagePromise<SourceResponse> {
    return this.client.list({
      operation: "listSources",
      method: "GET",
      path: "/sources{?workspaceIds,includeDeleted,limit,offset}",
      params,
      options,
    });
  }

  /** `POST /sources` */
  createSource(body: SourceCreateRequest, options?: RequestOptions): ApiPromise<SourceResponse> {
    return this.client.request({ operation: "createSource", method: "POST", path: "/sources", body, options });
  }

  /** `GET /sources/{sourceId}` */
  getSource(params: GetSourceParams, options?: RequestOptions): ApiPromise<SourceResponse> {
    return this.client.request({
      operation: "getSource",
      method: "GET",
      path: "/sources/{sourceId}{?includeSecretCoordinates}",
      params,
      options,
    });
  }

  /** `PATCH /sources/{sourceId}` */
  patchSource(params: SourceIdParams, body: SourcePatchRequest, options?: RequestOptions): ApiPromise<SourceResponse> {
    return this.client.request({
      operation: "patchSource",
      method: "PATCH",
      path: "/sources/{sourceId}",
      params,
      body,
      options,
    });
  }

  /** `PUT /sources/{sourceId}` */
  putSource(params: SourceIdParams, body: SourcePutRequest, options?: RequestOptions): ApiPromise<SourceResponse> {
    return this.client.request({
      operation: "putSource",
      method: "PUT",
      path: "/sources/{sourceId}",
      params,
      body,
      options,
    });
  }

  /** `DELETE /sources/{sourceId}` */
  deleteSource(params: SourceIdParams, options?: RequestOptions): ApiPromise<void> {
    return this.client.request({
      operation: "deleteSource",
      method: "DELETE",
      path: "/sources/{sourceId}",
      params,
      response: "empty",
      options,
    });
  }

  /** `POST /sources/initiateOAuth` (Airbyte Cloud): the consent URL to send the user to. */
  initiateOAuth(body: InitiateOauthRequest, options?: RequestOptions): ApiPromise<InitiateOAuthResponse> {
    return this.client.request({
      operation: "initiateOAuth",
      method: "POST",
      path: "/sources/initiateOAuth",
      body,
      options,
    });
  }
}
