import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { SourceDefinitionIdWithWorkspaceId, SourceDefinitionSpecificationRead } from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigSourceDefinitionSpecifications extends ConfigResource {
  /** `POST /source_definition_specifications/get`: the JSON Schema a source's configuration must follow. */
  get(
    body: SourceDefinitionIdWithWorkspaceId,
    options?: RequestOptions,
  ): ApiPromise<SourceDefinitionSpecificationRead> {
    return this.post("/source_definition_specifications/get", body, options);
  }
}
