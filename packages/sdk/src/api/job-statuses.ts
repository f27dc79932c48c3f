/**
 * Which job statuses count as finished, failed or still running: the one place these sets are
 * written. The high-level objects, the CLI and the local server (its SQL included) all read them
 * from here, so a status Airbyte adds is classified once.
 */
import type { JobStatusEnum } from "./models.gen.js";

/** Statuses a job can still leave. `incomplete` is one: the platform retries it. */
export const UNFINISHED_JOB_STATUSES = [
  "pending",
  "queued",
  "running",
  "incomplete",
] as const satisfies readonly JobStatusEnum[];

/** Statuses after which a job never changes again. */
export const FINAL_JOB_STATUSES = ["succeeded", "failed", "cancelled"] as const satisfies readonly JobStatusEnum[];

/** Final statuses that mean the job did not do its work. */
export const FAILED_JOB_STATUSES = ["failed", "cancelled"] as const satisfies readonly JobStatusEnum[];

/** Every status, in the order a job passes through them. */
export const JOB_STATUSES: readonly JobStatusEnum[] = [...UNFINISHED_JOB_STATUSES, ...FINAL_JOB_STATUSES];

const unfinished: ReadonlySet<string> = new Set(UNFINISHED_JOB_STATUSES);
const final: ReadonlySet<string> = new Set(FINAL_JOB_STATUSES);
const failed: ReadonlySet<string> = new Set(FAILED_JOB_STATUSES);

export function isUnfinishedJobStatus(status: string): boolean {
  return unfinished.has(status);
}

export function isFinalJobStatus(status: string): boolean {
  return final.has(status);
}

export function isFailedJobStatus(status: string): boolean {
  return failed.has(status);
}
