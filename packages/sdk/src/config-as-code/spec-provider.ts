/**
 * Where a plan gets each connector's specification: the Config API of the workspace's Airbyte
 * (`source_definition_specifications/get` and the destination one), asked once per definition
 * per plan; for a custom definition this plan creates, the manifest in the project's files.
 *
 * An Airbyte that will not say (the Config API refused to this caller, or a definition it
 * cannot describe) does not stop the plan: its configurations are planned without their spec,
 * as before specs were read, and a warning says they were not checked.
 */
import type { AirbyteApi } from "../api/client.js";
import { refusedToCaller } from "../cloud/errors.js";
import type { RequestOptions } from "../http/request-options.js";
import { isRecord } from "./compare.js";
import type { PlanWarning } from "./plan.js";
import type { DefinitionChoice, SpecProvider } from "./plan-connectors.js";
import type { DefinitionResource, Project } from "./project.js";

type Spec = Record<string, unknown>;

/** Specifications from the workspace's Airbyte, each fetched once. */
export function workspaceSpecs(
  api: AirbyteApi,
  workspaceId: string,
  warnings: PlanWarning[],
  request?: RequestOptions,
): SpecProvider {
  const cache = new Map<string, Promise<Spec | undefined>>();
  return (kind, definitionId) => {
    const key = `${kind}:${definitionId}`;
    let spec = cache.get(key);
    if (!spec) {
      spec = readSpec(api, workspaceId, kind, definitionId, request).catch((error: unknown) => {
        if (!refusedToCaller(error)) throw error;
        warnings.push({
          message: `The ${kind} definition ${definitionId} has no specification this Airbyte gives (${(error as Error).message}); its configurations are not checked before apply, and secrets are found by their names.`,
        });
        return undefined;
      });
      cache.set(key, spec);
    }
    return spec;
  };
}

async function readSpec(
  api: AirbyteApi,
  workspaceId: string,
  kind: "source" | "destination",
  definitionId: string,
  request?: RequestOptions,
): Promise<Spec | undefined> {
  const read =
    kind === "source"
      ? await api.config.sourceDefinitionSpecifications.get({ sourceDefinitionId: definitionId, workspaceId }, request)
      : await api.config.destinationDefinitionSpecifications.get(
          { destinationDefinitionId: definitionId, workspaceId },
          request,
        );
  return read.connectionSpecification;
}

/**
 * The spec of the definition a connector runs: the workspace's for one that exists, the
 * manifest's `spec.connection_specification` for a declarative one this plan creates (a Docker
 * image this plan registers has none to read before it is registered).
 */
export async function specOf(
  kind: "source" | "destination",
  definition: DefinitionChoice,
  project: Project,
  specs: SpecProvider,
): Promise<Spec | undefined> {
  if ("id" in definition) return specs(kind, definition.id);
  const resource = project.resources.get(definition.pending) as DefinitionResource | undefined;
  const spec = resource?.manifest?.value.spec;
  const connectionSpecification = isRecord(spec) ? spec.connection_specification : undefined;
  return isRecord(connectionSpecification) ? connectionSpecification : undefined;
}
