/** Job statuses and types, and the sets the high-level objects decide on. */
import type { JobStatusEnum as ApiJobStatus, JobTypeEnum as ApiJobType } from "../api/models.gen.js";

/** A job's status, as `GET /jobs/{jobId}` reports it. */
export const JobStatusEnum = {
  PENDING: "pending",
  QUEUED: "queued",
  RUNNING: "running",
  INCOMPLETE: "incomplete",
  FAILED: "failed",
  SUCCEEDED: "succeeded",
  CANCELLED: "cancelled",
} as const satisfies Record<string, ApiJobStatus>;
export type JobStatusEnum = ApiJobStatus;

/** The kinds of job the public API lists and starts. */
export const JobTypeEnum = {
  SYNC: "sync",
  RESET: "reset",
  REFRESH: "refresh",
  CLEAR: "clear",
} as const satisfies Record<string, ApiJobType>;
export type JobTypeEnum = ApiJobType;

/** Statuses after which a job never changes again. `incomplete` is not one: it retries. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set<JobStatusEnum>(["succeeded", "failed", "cancelled"]);

/** Final statuses that mean the job did not do its work. */
export const FAILED_STATUSES: ReadonlySet<string> = new Set<JobStatusEnum>(["failed", "cancelled"]);

export function isFinalStatus(status: string): boolean {
  return FINAL_STATUSES.has(status);
}
