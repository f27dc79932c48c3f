/**
 * `apply(plan)`: carries a plan out in its order, after checking that the workspace is still
 * the one planned against. The lock file is written after every step, so an apply that stops
 * (an error, a kill, an abort) leaves a lock file that the next plan resumes from: what was
 * created is bound, never created twice (a create whose answer was lost is found by its name
 * at once), and a replaced object not yet deleted is listed for the next plan to delete.
 */
import { BadRequestError, InvalidArgumentError, UnprocessableEntityError } from "../http/errors.js";
import { type ApplyContext, internalsOf } from "./apply-step.js";
import { createOnce } from "./create-once.js";
import { ConfigFileError, type FileLocation, PlanStaleError, ReplaceNotAllowedError } from "./errors.js";
import { type LockFile, writeLockFile } from "./lock-file.js";
import type { Plan, PlanAction } from "./plan.js";
import type { Address } from "./project.js";
import { readWorkspaceSnapshot, snapshotFingerprint, snapshotIds } from "./workspace-snapshot.js";

export interface ApplyProgress {
  action: PlanAction;
  /** `start` before its requests, `done` after them and after the lock file was written. */
  phase: "start" | "done";
  /** 1-based position among the plan's steps, and their number. */
  step: number;
  steps: number;
  /** This step deletes the old object of a replacement (whose successor an earlier step made). */
  retiresOld: boolean;
}

export interface ApplyOptions {
  /** Carry out replacements (which reset sync state and data); without, a plan with one is refused. */
  allowReplace?: boolean;
  onProgress?: (progress: ApplyProgress) => void;
  /** Stops between steps (and aborts the step's requests): the lock file holds what was done. */
  signal?: AbortSignal;
  /**
   * Only these resources' actions (`source.pg`); the rest of the plan waits. A target that
   * needs an untargeted resource created first fails, naming it.
   */
  targets?: readonly Address[];
}

export interface ApplyResult {
  /** The actions carried out, in order. */
  applied: PlanAction[];
  lock: LockFile;
}

export async function apply(plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const internals = internalsOf(plan);
  if (!internals) {
    throw new InvalidArgumentError("This plan was not made in this process (it was read back from JSON).", {
      guidance: "Plan again from the project's files and apply that plan.",
    });
  }
  const targets = options.targets ? new Set(options.targets) : undefined;
  const steps = targets ? internals.steps.filter((step) => targets.has(step.action.address)) : internals.steps;
  const replaced = [
    ...new Set(steps.filter((step) => step.action.action === "replace").map((step) => step.action.address)),
  ];
  if (replaced.length > 0 && !options.allowReplace) throw new ReplaceNotAllowedError(replaced);

  const { api, lock, lockPath } = internals;
  const request = options.signal ? { ...internals.request, signal: options.signal } : internals.request;
  const now = await readWorkspaceSnapshot(api, plan.workspaceId, { request });
  if (snapshotFingerprint(now) !== plan.fingerprint) throw new PlanStaleError(plan.workspaceId);

  const save = async () => {
    if (lockPath !== undefined) await writeLockFile(lockPath, lock);
  };
  // An old object someone deleted meanwhile needs retiring no more.
  const present = snapshotIds(now);
  lock.retiring = lock.retiring?.filter((old) => present.has(old.id));
  if (lock.retiring?.length === 0) delete lock.retiring;
  // Bindings first: what the plan found by name or under an earlier key is recorded even if nothing changes.
  for (const { address, id, movedFrom } of internals.bindings) {
    const previous = lock.resources[address] ?? (movedFrom ? lock.resources[movedFrom] : undefined);
    lock.resources[address] = { ...previous, id };
    if (movedFrom) delete lock.resources[movedFrom];
  }
  await save();

  const context: ApplyContext = {
    api,
    workspaceId: plan.workspaceId,
    request,
    idOf(address: Address): string {
      const id = lock.resources[address]?.id;
      if (!id) {
        throw new InvalidArgumentError(`${address} has no id yet: it is created by this plan, but not by this apply.`, {
          guidance: `Apply it first, or add it to the targets.`,
        });
      }
      return id;
    },
    createOnce(kind, name, create) {
      const recorded = (id: string) =>
        Object.values(lock.resources).some((entry) => entry.id === id) ||
        (lock.retiring ?? []).some((old) => old.id === id);
      return createOnce({ api, workspaceId: plan.workspaceId, request }, kind, name, recorded, create);
    },
  };
  const applied: PlanAction[] = [];
  const total = steps.length;
  for (const [index, step] of steps.entries()) {
    options.signal?.throwIfAborted();
    const { action } = step;
    const retiresOld = step.retiresReplaced === true;
    options.onProgress?.({ action, phase: "start", step: index + 1, steps: total, retiresOld });
    const entry = await step.run(context).catch((error: unknown) => {
      throw refusedValue(error, action, internals.locations.get(action.address)) ?? error;
    });
    if (step.retiresReplaced) {
      lock.retiring = lock.retiring?.filter((old) => old.id !== action.id);
    } else {
      if (action.action === "delete") delete lock.resources[action.address];
      else if (entry) lock.resources[action.address] = entry;
      if (action.movedFrom) delete lock.resources[action.movedFrom];
      // The old object stays until the end of the apply; if it stops first, the next plan deletes it.
      if (action.action === "replace" && action.id && entry && entry.id !== action.id) {
        lock.retiring = [...(lock.retiring ?? []), { address: action.address, id: action.id }];
      }
    }
    if (lock.retiring?.length === 0) delete lock.retiring;
    await save();
    if (!applied.includes(action)) applied.push(action);
    options.onProgress?.({ action, phase: "done", step: index + 1, steps: total, retiresOld });
  }
  return { applied, lock };
}

/**
 * A value the server refused (400, 422) while applying a resource of the files: said at the
 * resource's place in them, with the server's words, instead of as a bare HTTP error. What
 * was applied before it stays applied and recorded.
 */
function refusedValue(error: unknown, action: PlanAction, location: FileLocation | undefined) {
  const refused = error instanceof BadRequestError || error instanceof UnprocessableEntityError;
  if (!refused || !location || action.action === "delete") return undefined;
  // The problem's data says what was wrong; its detail is the status's generic sentence.
  const message = error.data?.message;
  const said = typeof message === "string" ? message : (error.detail ?? error.message);
  return new ConfigFileError(location, `the server refused the ${action.action} of ${action.address}: ${said}`, {
    guidance: "Fix the value in the file and plan again; the steps before this one are applied and recorded.",
    cause: error,
  });
}
