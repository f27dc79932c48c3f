/**
 * What `apply` runs for one planned action. Steps hold the values to send (secrets included),
 * so they live only in memory beside the plan that made them, never in the plan's data.
 */
import type { AirbyteApi } from "../api/client.js";
import type { RequestOptions } from "../http/request-options.js";
import type { LockEntry } from "./lock-file.js";
import type { PlanAction, Plan } from "./plan.js";
import type { Address } from "./project.js";

export interface ApplyContext {
  api: AirbyteApi;
  workspaceId: string;
  /** The id of a resource of this project: bound at plan time, or created earlier in this apply. */
  idOf(address: Address): string;
  request?: RequestOptions | undefined;
}

export interface ApplyStep {
  action: PlanAction;
  /** Carries the action out; the lock entry to record, or undefined to drop the address's entry. */
  run(context: ApplyContext): Promise<LockEntry | undefined>;
}

const stepsOfPlans = new WeakMap<Plan, ApplyStep[]>();

export function attachSteps(plan: Plan, steps: ApplyStep[]): void {
  stepsOfPlans.set(plan, steps);
}

/** The steps of a plan this process made; undefined for a plan read back from JSON. */
export const stepsOf = (plan: Plan): ApplyStep[] | undefined => stepsOfPlans.get(plan);
