import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { SourceDefinitionReadList, WorkspaceIdActorDefinitionRequestBody } from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigSourceDefinitions extends ConfigResource {
  /** `POST /source_definitions/list_for_workspace`: every source definition a workspace can use. */
  listForWorkspace(
    body: WorkspaceIdActorDefinitionRequestBody,
    options?: RequestOptions,
  ): ApiPromise<SourceDefinitionReadList> {
    return this.post("/source_definitions/list_for_workspace", body, options);
  }
}
