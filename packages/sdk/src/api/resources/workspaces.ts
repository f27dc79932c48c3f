import type { ApiPromise } from "../../http/api-promise.js";
import type { PagePromise } from "../../http/pagination.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  WorkspaceCreateRequest,
  WorkspaceOAuthCredentialsRequest,
  WorkspaceResponse,
  WorkspaceUpdateRequest,
} from "../models.gen.js";
import type { WorkspaceIdParams, WorkspaceOAuthCredentialsParams } from "../params.js";
import { ApiResource } from "../resource.js";

export interface ListWorkspacesParams {
  workspaceIds?: string[];
  includeDeleted?: boolean;
  limit?: number;
  offset?: number;
}

export class Workspaces extends ApiResource {
  /** `GET /workspaces` */
  listWorkspaces(params: ListWorkspacesParams = {}, options?: RequestOptions): PagePromise<WorkspaceResponse> {
    return this.client.list({
      operation: "listWorkspaces",
      method: "GET",
      path: "/workspaces{?workspaceIds,includeDeleted,limit,offset}",
      params,
      options,
    });
  }

  /** `POST /workspaces` */
  createWorkspace(body: WorkspaceCreateRequest, options?: RequestOptions): ApiPromise<WorkspaceResponse> {
    return this.client.request({ operation: "createWorkspace", method: "POST", path: "/workspaces", body, options });
  }

  /** `GET /workspaces/{workspaceId}` */
  getWorkspace(params: WorkspaceIdParams, options?: RequestOptions): ApiPromise<WorkspaceResponse> {
    return this.client.request({
      operation: "getWorkspace",
      method: "GET",
      path: "/workspaces/{workspaceId}",
      params,
      options,
    });
  }

  /** `PATCH /workspaces/{workspaceId}` */
  updateWorkspace(
    params: WorkspaceIdParams,
    body: WorkspaceUpdateRequest,
    options?: RequestOptions,
  ): ApiPromise<WorkspaceResponse> {
    return this.client.request({
      operation: "updateWorkspace",
      method: "PATCH",
      path: "/workspaces/{workspaceId}",
      params,
      body,
      options,
    });
  }

  /** `DELETE /workspaces/{workspaceId}` */
  deleteWorkspace(params: WorkspaceIdParams, options?: RequestOptions): ApiPromise<void> {
    return this.client.request({
      operation: "deleteWorkspace",
      method: "DELETE",
      path: "/workspaces/{workspaceId}",
      params,
      response: "empty",
      options,
    });
  }

  /** `PUT /workspaces/{workspaceId}/oauthCredentials` */
  createOrUpdateWorkspaceOAuthCredentials(
    params: WorkspaceIdParams,
    body: WorkspaceOAuthCredentialsRequest,
    options?: RequestOptions,
  ): ApiPromise<void> {
    return this.client.request({
      operation: "createOrUpdateWorkspaceOAuthCredentials",
      method: "PUT",
      path: "/workspaces/{workspaceId}/oauthCredentials",
      params,
      body,
      response: "empty",
      options,
    });
  }

  /** `DELETE /workspaces/{workspaceId}/oauthCredentials/{actorType}/{name}` */
  deleteWorkspaceOAuthCredentials(params: WorkspaceOAuthCredentialsParams, options?: RequestOptions): ApiPromise<void> {
    return this.client.request({
      operation: "deleteWorkspaceOAuthCredentials",
      method: "DELETE",
      path: "/workspaces/{workspaceId}/oauthCredentials/{actorType}/{name}",
      params,
      response: "empty",
      options,
    });
  }
}
