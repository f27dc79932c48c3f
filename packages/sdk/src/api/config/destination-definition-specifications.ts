import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { DestinationDefinitionIdWithWorkspaceId, DestinationDefinitionSpecificationRead } from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigDestinationDefinitionSpecifications extends ConfigResource {
  /** `POST /destination_definition_specifications/get`: a destination's configuration schema and sync modes. */
  get(
    body: DestinationDefinitionIdWithWorkspaceId,
    options?: RequestOptions,
  ): ApiPromise<DestinationDefinitionSpecificationRead> {
    return this.post("/destination_definition_specifications/get", body, options);
  }
}
