/**
 * What `apply` runs for one planned action. Steps hold the values to send (secrets included),
 * so they live only in memory beside the plan that made them, never in the plan's data.
 */
import type { AirbyteApi } from "../api/client.js";
import type { RequestOptions } from "../http/request-options.js";
import type { FileLocation } from "./errors.js";
import type { LockEntry, LockFile } from "./lock-file.js";
import type { Plan, PlanAction } from "./plan.js";
import type { Address, ResourceKind } from "./project.js";

export interface ApplyContext {
  api: AirbyteApi;
  workspaceId: string;
  /** The id of a resource of this project: bound at plan time, or created earlier in this apply. */
  idOf(address: Address): string;
  /** Runs a create that returns the new object's id, finding the object by name if its answer was lost. */
  createOnce(kind: ResourceKind, name: string, create: () => Promise<string>): Promise<string>;
  request?: RequestOptions | undefined;
}

export interface ApplyStep {
  action: PlanAction;
  /**
   * Deletes the object a replacement succeeded (the lock file already names the new one);
   * such a step leaves the lock file alone.
   */
  retiresReplaced?: boolean;
  /** Carries the action out; the lock entry to record, or undefined to drop the address's entry. */
  run(context: ApplyContext): Promise<LockEntry | undefined>;
}

/** What a plan made in this process keeps for `apply`, out of its printable data. */
export interface PlanInternals {
  steps: ApplyStep[];
  api: AirbyteApi;
  lock: LockFile;
  /** Where the lock file is written after each step; undefined: kept in memory only. */
  lockPath: string | undefined;
  request: RequestOptions | undefined;
  /** Every resource bound to a remote object at plan time: recorded in the lock file on apply. */
  bindings: { address: Address; id: string; movedFrom?: Address | undefined }[];
  /** Where each resource of the files was declared, for an error about it. */
  locations: ReadonlyMap<Address, FileLocation>;
}

const internalsOfPlans = new WeakMap<Plan, PlanInternals>();

export function attachInternals(plan: Plan, internals: PlanInternals): void {
  internalsOfPlans.set(plan, internals);
}

/** The internals of a plan this process made; undefined for a plan read back from JSON. */
export const internalsOf = (plan: Plan): PlanInternals | undefined => internalsOfPlans.get(plan);
