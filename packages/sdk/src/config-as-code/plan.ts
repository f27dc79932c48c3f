/**
 * A plan: what `apply` would do to one workspace, per resource and per field, with warnings.
 * It is plain data (JSON-safe, with no secret in it), so it can be printed, saved with
 * `--out` and read back by a script. What `apply` needs beyond it (the values to send,
 * secrets included) stays in memory with the plan it belongs to, never in the plan itself.
 */
import type { Binding } from "./bindings.js";
import type { FieldChange } from "./compare.js";
import { type Address, addressOf } from "./project.js";

export type PlanActionKind = "create" | "update" | "replace" | "delete";

export interface PlanAction {
  address: Address;
  action: PlanActionKind;
  /** The display name (the new one, for a rename). */
  name: string;
  /** The remote object's id, for anything but a create. */
  id?: string | undefined;
  /** Per field, for an update or a replace; the fields set, for a create. Secrets only as `op: "secret"`. */
  changes: FieldChange[];
  /** Why a replace or a delete happens, in words for the plan's reader. */
  reason?: string | undefined;
  /** The lock file's entry moves from this earlier key (`renamedFrom`). */
  movedFrom?: Address | undefined;
  /** Bound to the remote object by its unique name, because the lock file did not know it. */
  adoptedByName?: boolean | undefined;
}

export interface PlanWarning {
  address?: Address | undefined;
  message: string;
}

export interface PlanCounts {
  create: number;
  update: number;
  replace: number;
  delete: number;
}

export interface Plan {
  workspaceId: string;
  /** The workspace as the plan saw it; `apply` refuses to carry out the plan if it changed since. */
  fingerprint: string;
  /** In the order they would be carried out: creations by dependency, deletions in reverse. */
  actions: PlanAction[];
  /** Resources already as the files say (bindings the lock file will record included). */
  unchanged: Address[];
  warnings: PlanWarning[];
  counts: PlanCounts;
}

export function countActions(actions: readonly PlanAction[]): PlanCounts {
  const counts: PlanCounts = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const action of actions) counts[action.action]++;
  return counts;
}

/**
 * Whether applying the plan would change anything in the workspace. Applying a plan without
 * changes still records in the lock file what it found by name or under an earlier key, so
 * apply it anyway where a lock file is kept: `if (hasChanges(p))` is for reporting, not for
 * skipping `apply`.
 */
export const hasChanges = (plan: Plan): boolean => plan.actions.length > 0;

/** The update of a bound resource: its id, its changes, and how the binding was found. */
export function updateAction(
  binding: Pick<Binding<unknown>, "resource" | "movedFrom" | "adoptedByName">,
  id: string,
  changes: FieldChange[],
): PlanAction {
  return {
    address: addressOf(binding.resource.kind, binding.resource.key),
    action: "update",
    name: binding.resource.name,
    id,
    changes,
    movedFrom: binding.movedFrom,
    adoptedByName: binding.adoptedByName,
  };
}
