/**
 * Deleting a remote object: one the files dropped (with `prune`), or the old object of a
 * replacement once its successor exists. Deleting a source or destination also deletes the
 * connections on it (Airbyte does), which the plan says.
 */
import type { ApplyStep } from "./apply-step.js";
import type { RemoteObject } from "./bindings.js";
import type { PlanAction } from "./plan.js";
import type { RemoteDefinition } from "./plan-definitions.js";
import type { ConnectionResponse } from "../api/models.gen.js";
import type { LockFile } from "./lock-file.js";
import { type Address, addressOf, type ResourceKind } from "./project.js";

/**
 * The step that deletes `remote`. For a replacement, `replacing` is its action (the lock file
 * already names the successor); otherwise it is a delete of its own and leaves the lock file.
 */
export function deletionStep(
  kind: ResourceKind,
  address: Address,
  remote: RemoteObject<unknown>,
  replacing?: PlanAction,
  reason?: string,
): ApplyStep {
  const action: PlanAction = replacing ?? {
    address,
    action: "delete",
    name: remote.name,
    id: remote.id,
    changes: [],
    reason:
      reason ??
      (kind === "source" || kind === "destination"
        ? "not in the files (Airbyte deletes its connections with it)"
        : "not in the files"),
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

/**
 * The connections Airbyte would delete with a source or destination this plan deletes (or
 * replaces) that no step of the plan deletes yet: the files do not declare them, so without
 * these steps the plan would not name them. Deleting them first, explicitly, is the same end.
 */
export function cascadedDeletions(
  deletions: readonly ApplyStep[],
  connections: readonly ConnectionResponse[],
  lock: LockFile,
): ApplyStep[] {
  const going = new Map<string, Address>();
  for (const step of deletions) {
    const kind = step.action.address.slice(0, step.action.address.indexOf("."));
    if (step.action.id && (kind === "source" || kind === "destination")) going.set(step.action.id, step.action.address);
  }
  const deleted = new Set(deletions.map((step) => step.action.id));
  const lockAddress = new Map(Object.entries(lock.resources).map(([address, entry]) => [entry.id, address as Address]));
  const steps: ApplyStep[] = [];
  for (const connection of connections) {
    const on = going.get(connection.sourceId) ?? going.get(connection.destinationId);
    if (!on || deleted.has(connection.connectionId)) continue;
    const id = connection.connectionId;
    const address = lockAddress.get(id) ?? addressOf("connection", `unmanaged-${id}`);
    const remote = { id, name: connection.name, raw: connection };
    steps.push(deletionStep("connection", address, remote, undefined, `it is on ${on}, which this plan deletes`));
  }
  return steps;
}
