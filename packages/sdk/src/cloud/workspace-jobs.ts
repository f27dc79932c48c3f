/**
 * A workspace's jobs, whatever their connection, as `SyncResult`s: one by id, or a filtered
 * list; for `CloudWorkspace.getSyncResult()` and `listJobs()`.
 */
import type { CloudConnection } from "./connection.js";
import type { JobStatusEnum, JobTypeEnum } from "./constants.js";
import { InputError, orMissing } from "./errors.js";
import type { RequestOptions } from "../http/request-options.js";
import { listJobsUpTo } from "./jobs.js";
import { requireId, workspaceResource } from "./resource-ids.js";
import { SyncResult } from "./sync-result.js";
import type { CloudWorkspace } from "./workspace.js";

export interface ListJobsOptions {
  /** Only this connection's jobs. */
  connectionId?: string;
  /** Only jobs with this status. */
  status?: JobStatusEnum;
  /** Only jobs of this type (`sync`, `reset`, `refresh`, `clear`). */
  jobType?: JobTypeEnum;
  /** Only jobs created at or after this time. */
  createdAfter?: Date | string;
  /** Only jobs created at or before this time. */
  createdBefore?: Date | string;
  /** At most this many jobs. Default 20. */
  limit?: number;
  /** Newest first (default) or oldest first. */
  fromTail?: boolean;
}

/** The job by id, with the workspace's connection it belongs to. */
export async function getWorkspaceSyncResult(
  workspace: CloudWorkspace,
  jobId: number,
  request: RequestOptions | undefined,
): Promise<SyncResult> {
  if (!Number.isSafeInteger(jobId) || jobId < 0) {
    throw new InputError(`A job id is a whole number; got ${String(jobId)}.`, { inputValue: jobId });
  }
  const job = await orMissing(
    workspace.api.jobs.getJob({ jobId }, request),
    workspaceResource(workspace, "job", String(jobId)),
  );
  return new SyncResult(workspace, workspace.getConnection(job.connectionId), job.jobId, job);
}

/** The matching jobs; jobs of one connection share one `CloudConnection`. */
export async function listWorkspaceJobs(
  workspace: CloudWorkspace,
  options: ListJobsOptions,
  request: RequestOptions | undefined,
): Promise<SyncResult[]> {
  const { connectionId } = options;
  const found = await listJobsUpTo(
    workspace.api,
    {
      ...options,
      workspaceId: workspace.workspaceId,
      ...(connectionId === undefined ? {} : { connectionId: requireId("connection", connectionId) }),
    },
    request,
  );
  const connections = new Map<string, CloudConnection>();
  return found.map((job) => {
    let connection = connections.get(job.connectionId);
    if (!connection) connections.set(job.connectionId, (connection = workspace.getConnection(job.connectionId)));
    return new SyncResult(workspace, connection, job.jobId, job);
  });
}
