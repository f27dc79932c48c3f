/** Job statuses and types as named values (the sets of statuses are in `api/job-statuses.ts`). */
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
