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

export class SourceDefinitions extends ApiResource {
  /** `GET /workspaces/{workspaceId}/definitions/sources` */
  listSourceDefinitions(params: WorkspaceIdParams, options?: RequestOptions): ApiPromise<DefinitionsResponse> {
    return this.client.request({
      operation: "listSourceDefinitions",
      method: "GET",
      path: "/workspaces/{workspaceId}/definitions/sources",
      params,
      options,
    });
  }

  /** `POST /workspaces/{workspaceId}/definitions/sources` */
  createSourceDefinition(
    params: WorkspaceIdParams,
    body: CreateDefinitionRequest,
    options?: RequestOptions,
  ): ApiPromise<DefinitionResponse> {
    return this.client.request({
      operation: "createSourceDefinition",
      method: "POST",
      path: "/workspaces/{workspaceId}/definitions/sources",
      params,
      body,
      options,
    });
  }

  /** `GET /workspaces/{workspaceId}/definitions/sources/{definitionId}` */
  getSourceDefinition(params: WorkspaceDefinitionParams, options?: RequestOptions): ApiPromise<DefinitionResponse> {
    return this.client.request({
      operation: "getSourceDefinition",
      method: "GET",
      path: "/workspaces/{workspaceId}/definitions/sources/{definitionId}",
      params,
      options,
    });
  }

  /** `PUT /workspaces/{workspaceId}/definitions/sources/{definitionId}` */
  updateSourceDefinition(
    params: WorkspaceDefinitionParams,
    body: UpdateDefinitionRequest,
    options?: RequestOptions,
  ): ApiPromise<DefinitionResponse> {
    return this.client.request({
      operation: "updateSourceDefinition",
      method: "PUT",
      path: "/workspaces/{workspaceId}/definitions/sources/{definitionId}",
      params,
      body,
      options,
    });
  }

  /** `DELETE /workspaces/{workspaceId}/definitions/sources/{definitionId}` */
  deleteSourceDefinition(params: WorkspaceDefinitionParams, options?: RequestOptions): ApiPromise<DefinitionResponse> {
    return this.client.request({
      operation: "deleteSourceDefinition",
      method: "DELETE",
      path: "/workspaces/{workspaceId}/definitions/sources/{definitionId}",
      params,
      options,
    });
  }
}
