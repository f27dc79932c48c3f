import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  BuilderProjectForDefinitionRequestBody,
  BuilderProjectForDefinitionResponse,
  ConnectorBuilderProjectIdWithWorkspaceId,
  ConnectorBuilderProjectRead,
  ConnectorBuilderProjectTestingValues,
  ConnectorBuilderProjectTestingValuesUpdate,
  ConnectorBuilderProjectWithWorkspaceId,
  ConnectorBuilderPublishRequestBody,
  SourceDefinitionIdBody,
} from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigConnectorBuilderProjects extends ConfigResource {
  /** `POST /connector_builder_projects/get_for_definition_id`: the builder project of a YAML definition. */
  getForDefinitionId(
    body: BuilderProjectForDefinitionRequestBody,
    options?: RequestOptions,
  ): ApiPromise<BuilderProjectForDefinitionResponse> {
    return this.post("/connector_builder_projects/get_for_definition_id", body, options);
  }

  /** `POST /connector_builder_projects/get_with_manifest`: the project with its draft or published manifest. */
  getWithManifest(
    body: ConnectorBuilderProjectIdWithWorkspaceId,
    options?: RequestOptions,
  ): ApiPromise<ConnectorBuilderProjectRead> {
    return this.post("/connector_builder_projects/get_with_manifest", body, options);
  }

  /** `POST /connector_builder_projects/update_testing_values` */
  updateTestingValues(
    body: ConnectorBuilderProjectTestingValuesUpdate,
    options?: RequestOptions,
  ): ApiPromise<ConnectorBuilderProjectTestingValues> {
    return this.post("/connector_builder_projects/update_testing_values", body, options);
  }

  /** `POST /connector_builder_projects/create` (answers 201). */
  create(
    body: ConnectorBuilderProjectWithWorkspaceId,
    options?: RequestOptions,
  ): ApiPromise<ConnectorBuilderProjectIdWithWorkspaceId> {
    return this.post("/connector_builder_projects/create", body, options, { idempotent: false });
  }

  /** `POST /connector_builder_projects/publish`: makes the project a source definition of the workspace. */
  publish(body: ConnectorBuilderPublishRequestBody, options?: RequestOptions): ApiPromise<SourceDefinitionIdBody> {
    return this.post("/connector_builder_projects/publish", body, options, { idempotent: false });
  }
}
