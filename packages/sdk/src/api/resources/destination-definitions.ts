import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  CreateDefinitionRequest,
  DefinitionResponse,
  DefinitionsResponse,
  UpdateDefinitionRequest,
} from "../models.gen.js";
import type { WorkspaceDefinitionParams, WorkspaceIdParams } from "../params.js";
import { ApiResource } from "../resource.js";

export class DestinationDefinitions extends ApiResource {
  /** `GET /workspaces/{workspaceId}/definitions/destinations` */
  listDestinationDefinitions(params: WorkspaceIdParams, options?: RequestOptions): ApiPromise<DefinitionsResponse> {
    return this.client.request({
      operation: "listDestinationDefinitions",
      method: "GET",
      path: "/workspaces/{workspaceId}/definitions/destinations",
      params,
      options,
    });
  }

  /** `POST /workspaces/{workspaceId}/definitions/destinations` */
  createDestinationDefinition(
    params: WorkspaceIdParams,
    body: CreateDefinitionRequest,
    options?: RequestOptions,
  ): ApiPromise<DefinitionResponse> {
    return this.client.request({
      operation: "createDestinationDefinition",
      method: "POST",
      path: "/workspaces/{workspaceId}/definitions/destinations",
      params,
      body,
      options,
    });
  }

  /** `GET /workspaces/{workspaceId}/definitions/destinations/{definitionId}` */
  getDestinationDefinition(
    params: WorkspaceDefinitionParams,
    options?: RequestOptions,
  ): ApiPromise<DefinitionResponse> {
    return this.client.request({
      operation: "getDestinationDefinition",
      method: "GET",
      path: "/workspaces/{workspaceId}/definitions/destinations/{definitionId}",
      params,
      options,
    });
  }

  /** `PUT /workspaces/{workspaceId}/definitions/destinations/{definitionId}` */
  updateDestinationDefinition(
    params: WorkspaceDefinitionParams,
    body: UpdateDefinitionRequest,
    options?: RequestOptions,
  ): ApiPromise<DefinitionResponse> {
    return this.client.request({
      operation: "updateDestinationDefinition",
      method: "PUT",
      path: "/workspaces/{workspaceId}/definitions/destinations/{definitionId}",
      params,
      body,
      options,
    });
  }

  /** `DELETE /workspaces/{workspaceId}/definitions/destinations/{definitionId}` */
  deleteDestinationDefinition(
    params: WorkspaceDefinitionParams,
    options?: RequestOptions,
  ): ApiPromise<DefinitionResponse> {
    return this.client.request({
      operation: "deleteDestinationDefinition",
      method: "DELETE",
      path: "/workspaces/{workspaceId}/definitions/destinations/{definitionId}",
      params,
      options,
    });
  }
}
