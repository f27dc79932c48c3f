import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { DestinationDefinitionReadList, WorkspaceIdActorDefinitionRequestBody } from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigDestinationDefinitions extends ConfigResource {
  /** `POST /destination_definitions/list_for_workspace`: every destination definition a workspace can use. */
  listForWorkspace(
    body: WorkspaceIdActorDefinitionRequestBody,
    options?: RequestOptions,
  ): ApiPromise<DestinationDefinitionReadList> {
    return this.post("/destination_definitions/list_for_workspace", body, options);
  }
}
