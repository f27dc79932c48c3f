import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  DeclarativeManifestsReadList,
  DeclarativeSourceDefinitionCreateManifestRequestBody,
  ListDeclarativeManifestsRequestBody,
  UpdateActiveManifestRequestBody,
} from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigDeclarativeSourceDefinitions extends ConfigResource {
  /** `POST /declarative_source_definitions/create_manifest`: a new manifest version (201; 409 if it exists). */
  createManifest(
    body: DeclarativeSourceDefinitionCreateManifestRequestBody,
    options?: RequestOptions,
  ): ApiPromise<void> {
    return this.post("/declarative_source_definitions/create_manifest", body, options, {
      idempotent: false,
      response: "empty",
    });
  }

  /** `POST /declarative_source_definitions/update_active_manifest`: makes a version the active one (204). */
  updateActiveManifest(body: UpdateActiveManifestRequestBody, options?: RequestOptions): ApiPromise<void> {
    return this.post("/declarative_source_definitions/update_active_manifest", body, options, { response: "empty" });
  }

  /** `POST /declarative_source_definitions/list_manifests`: every version, with which is active. */
  listManifests(
    body: ListDeclarativeManifestsRequestBody,
    options?: RequestOptions,
  ): ApiPromise<DeclarativeManifestsReadList> {
    return this.post("/declarative_source_definitions/list_manifests", body, options);
  }
}
