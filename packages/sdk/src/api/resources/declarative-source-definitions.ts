import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  CreateDeclarativeSourceDefinitionRequest,
  DeclarativeSourceDefinitionResponse,
  DeclarativeSourceDefinitionsResponse,
  UpdateDeclarativeSourceDefinitionRequest,
} from "../models.gen.js";
import type { WorkspaceDefinitionParams, WorkspaceIdParams } from "../params.js";
import { ApiResource } from "../resource.js";

export class DeclarativeSourceDefinitions extends ApiResource {
  /** `GET /workspaces/{workspaceId}/definitions/declarative_sources` */
  listDeclarativeSourceDefinitions(
    params: WorkspaceIdParams,
    options?: RequestOptions,
  ): ApiPromise<DeclarativeSourceDefinitionsResponse> {
    return this.client.request({
      operation: "listDeclarativeSourceDefinitions",
      method: "GET",
      path: "/workspaces/{workspaceId}/definitions/declarative_sources",
      params,
      options,
    });
  }

  /** `POST /workspaces/{workspaceId}/definitions/declarative_sources` */
  createDeclarativeSourceDefinition(
    params: WorkspaceIdParams,
    body: CreateDeclarativeSourceDefinitionRequest,
    options?: RequestOptions,
  ): ApiPromise<DeclarativeSourceDefinitionResponse> {
    return this.client.request({
      operation: "createDeclarativeSourceDefinition",
      method: "POST",
      path: "/workspaces/{workspaceId}/definitions/declarative_sources",
      params,
      body,
      options,
    });
  }

  /** `GET /workspaces/{workspaceId}/definitions/declarative_sources/{definitionId}` */
  getDeclarativeSourceDefinition(
    params: WorkspaceDefinitionParams,
    options?: RequestOptions,
  ): ApiPromise<DeclarativeSourceDefinitionResponse> {
    return this.client.request({
      operation: "getDeclarativeSourceDefinition",
      method: "GET",
      path: "/workspaces/{workspaceId}/definitions/declarative_sources/{definitionId}",
      params,
      options,
    });
  }

  /** `PUT /workspaces/{workspaceId}/definitions/declarative_sources/{definitionId}` */
  updateDeclarativeSourceDefinition(
    params: WorkspaceDefinitionParams,
    body: UpdateDeclarativeSourceDefinitionRequest,
    options?: RequestOptions,
  ): ApiPromise<DeclarativeSourceDefinitionResponse> {
    return this.client.request({
      operation: "updateDeclarativeSourceDefinition",
      method: "PUT",
      path: "/workspaces/{workspaceId}/definitions/declarative_sources/{definitionId}",
      params,
      body,
      options,
    });
  }

  /** `DELETE /workspaces/{workspaceId}/definitions/declarative_sources/{definitionId}` */
  deleteDeclarativeSourceDefinition(
    params: WorkspaceDefinitionParams,
    options?: RequestOptions,
  ): ApiPromise<DeclarativeSourceDefinitionResponse> {
    return this.client.request({
      operation: "deleteDeclarativeSourceDefinition",
      method: "DELETE",
      path: "/workspaces/{workspaceId}/definitions/declarative_sources/{definitionId}",
      params,
      options,
    });
  }
}
