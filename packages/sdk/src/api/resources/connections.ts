import type { ApiPromise } from "../../http/api-promise.js";
import type { PagePromise } from "../../http/pagination.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { ConnectionCreateRequest, ConnectionPatchRequest, ConnectionResponse } from "../models.gen.js";
import type { ConnectionIdParams } from "../params.js";
import { ApiResource } from "../resource.js";

export interface ListConnectionsParams {
  workspaceIds?: string[];
  tagIds?: string[];
  includeDeleted?: boolean;
  limit?: number;
  offset?: number;
}

export class Connections extends ApiResource {
  /** `POST /connections` */
  createConnection(body: ConnectionCreateRequest, options?: RequestOptions): ApiPromise<ConnectionResponse> {
    return this.client.request({ operation: "createConnection", method: "POST", path: "/connections", body, options });
  }

  /** `GET /connections` */
  listConnections(params: ListConnectionsParams = {}, options?: RequestOptions): PagePromise<ConnectionResponse> {
    return this.client.list({
      operation: "listConnections",
      method: "GET",
      path: "/connections{?workspaceIds,tagIds,includeDeleted,limit,offset}",
      params,
      options,
    });
  }

  /** `GET /connections/{connectionId}` */
  getConnection(params: ConnectionIdParams, options?: RequestOptions): ApiPromise<ConnectionResponse> {
    return this.client.request({
      operation: "getConnection",
      method: "GET",
      path: "/connections/{connectionId}",
      params,
      options,
    });
  }

  /** `PATCH /connections/{connectionId}` */
  patchConnection(
    params: ConnectionIdParams,
    body: ConnectionPatchRequest,
    options?: RequestOptions,
  ): ApiPromise<ConnectionResponse> {
    return this.client.request({
      operation: "patchConnection",
      method: "PATCH",
      path: "/connections/{connectionId}",
      params,
      body,
      options,
    });
  }

  /** `DELETE /connections/{connectionId}` */
  deleteConnection(params: ConnectionIdParams, options?: RequestOptions): ApiPromise<void> {
    return this.client.request({
      operation: "deleteConnection",
      method: "DELETE",
      path: "/connections/{connectionId}",
      params,
      response: "empty",
      options,
    });
  }
}
