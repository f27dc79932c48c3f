/**
 * Deleting a remote object: one the files dropped (with `prune`), or the old object of a
 * replacement once its successor exists. Deleting a source or destination also deletes the
 * connections on it (Airbyte does), which the plan says.
 */
import type { ApplyStep } from "./apply-step.js";
import type { RemoteObject } from "./bindings.js";
import type { PlanAction } from "./plan.js";
import type { RemoteDefinition } from "./plan-definitions.js";
import type { Address, ResourceKind } from "./project.js";

/**
 * The step that deletes `remote`. For a replacement, `replacing` is its action (the lock file
 * already names the successor); otherwise it is a delete of its own and leaves the lock file.
 */
export function deletionStep(
  kind: ResourceKind,
  address: Address,
  remote: RemoteObject<unknown>,
  replacing?: PlanAction,
): ApplyStep {
  const action: PlanAction = replacing ?? {
    address,
    action: "delete",
    name: remote.name,
    id: remote.id,
    changes: [],
    reason:
      kind === "source" || kind === "destination"
        ? "not in the files (Airbyte deletes its connections with it)"
        : "not in the files",
  };
  return {
    action,
    retiresReplaced: replacing !== undefined,
    run: async ({ api, workspaceId, request }) => {
      const id = remote.id;
      const definition = { workspaceId, definitionId: id };
      if (kind === "tag") await api.tags.deleteTag({ tagId: id }, request);
      else if (kind === "source") await api.sources.deleteSource({ sourceId: id }, request);
      else if (kind === "destination") await api.destinations.deleteDestination({ destinationId: id }, request);
      else if (kind === "connection") await api.connections.deleteConnection({ connectionId: id }, request);
      else if (kind === "destination_definition") {
        await api.destinationDefinitions.deleteDestinationDefinition(definition, request);
      } else if ((remote.raw as RemoteDefinition).type === "declarative") {
        await api.declarativeSourceDefinitions.deleteDeclarativeSourceDefinition(definition, request);
      } else {
        await api.sourceDefinitions.deleteSourceDefinition(definition, request);
      }
      return undefined;
    },
  };
}
