/**
 * A workspace's own Docker definitions, which `import` writes as `definitions:`. The public API
 * lists them among the catalogue's with nothing to tell them apart; the Config API's
 * `source_definitions/list_for_workspace` (and the destination one) marks them `custom`, so it
 * is read here, where the public API has no equivalent. Declarative (YAML) definitions are
 * custom too but come from the public API with their manifests.
 */
import type { AirbyteApi } from "../api/client.js";
import type { RequestOptions } from "../http/request-options.js";
import { refusedToCaller } from "../cloud/errors.js";

interface CustomDockerDefinition {
  id: string;
  name: string;
  repository: string;
  tag: string;
  documentationUrl?: string | undefined;
}

export interface CustomDockerDefinitions {
  sources: CustomDockerDefinition[];
  destinations: CustomDockerDefinition[];
  /** Why none could be read, when the Config API refused (then the definitions stay unmanaged). */
  unavailable?: string | undefined;
}

export async function readCustomDockerDefinitions(
  api: AirbyteApi,
  workspaceId: string,
  declarativeIds: ReadonlySet<string>,
  request?: RequestOptions,
): Promise<CustomDockerDefinitions> {
  try {
    const [sources, destinations] = await Promise.all([
      api.config.sourceDefinitions.listForWorkspace({ workspaceId }, request),
      api.config.destinationDefinitions.listForWorkspace({ workspaceId }, request),
    ]);
    return {
      sources: sources.sourceDefinitions
        .filter((definition) => definition.custom === true && !declarativeIds.has(definition.sourceDefinitionId))
        .map((definition) => docker(definition.sourceDefinitionId, definition)),
      destinations: destinations.destinationDefinitions
        .filter((definition) => definition.custom === true)
        .map((definition) => docker(definition.destinationDefinitionId, definition)),
    };
  } catch (error) {
    if (!refusedToCaller(error)) throw error;
    return { sources: [], destinations: [], unavailable: (error as Error).message };
  }
}

function docker(
  id: string,
  definition: { name: string; dockerRepository: string; dockerImageTag: string; documentationUrl?: string },
): CustomDockerDefinition {
  return {
    id,
    name: definition.name,
    repository: definition.dockerRepository,
    tag: definition.dockerImageTag,
    // A web page, or nothing: Airbyte answers "" for a definition registered without one.
    documentationUrl: /^https?:\/\//.test(definition.documentationUrl ?? "") ? definition.documentationUrl : undefined,
  };
}
