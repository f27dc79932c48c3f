/**
 * Starting a connection's sync, for `CloudConnection.runSync()`: one job created (never two,
 * see `createJobOnce`), a sync already running dealt with as the caller says, then the wait.
 */
import type { JobResponse } from "../api/index.js";
import { isUnfinishedJobStatus } from "../api/job-statuses.js";
import { SyncAlreadyRunningError } from "../http/errors.js";
import { createJobOnce } from "../lib/create-job-once.js";
import type { CloudConnection } from "./connection.js";
import { ConnectionSyncActiveError, InputError, orMissing } from "./errors.js";
import type { RequestOptions } from "../http/request-options.js";
import { workspaceResource } from "./resource-ids.js";
import { SyncResult, type WaitOptions } from "./sync-result.js";

/** What to do when the connection already has a sync that has not finished. */
export type IfRunning = "fail" | "attach" | "skip";

export interface RunSyncOptions extends Omit<WaitOptions, "raiseFailure" | "raiseTimeout"> {
  /** Wait for the job to finish (and throw if it fails or times out). Default true. */
  wait?: boolean;
  /** Milliseconds to wait when `wait`. Default 300 000 (PyAirbyte's 300 seconds). */
  waitTimeoutMs?: number;
  /**
   * When a sync is already running: `fail` (default) throws a `ConnectionSyncActiveError`,
   * `attach` follows the newest unfinished job instead, `skip` returns undefined.
   */
  ifRunning?: IfRunning;
}

export async function runSync(
  connection: CloudConnection,
  options: RunSyncOptions,
  request: RequestOptions | undefined,
): Promise<SyncResult | undefined> {
  const { wait = true, waitTimeoutMs = 300_000, ifRunning = "fail" } = options;
  if (!["fail", "attach", "skip"].includes(ifRunning)) {
    throw new InputError(`ifRunning must be "fail", "attach" or "skip"; got ${JSON.stringify(ifRunning)}.`);
  }
  const result = await startOrFind(connection, ifRunning, request);
  if (result && wait) {
    const { wait: _wait, ifRunning: _ifRunning, ...waitOptions } = options;
    await result.waitForCompletion({ ...waitOptions, waitTimeoutMs, raiseFailure: true, raiseTimeout: true }, request);
  }
  return result;
}

/** Starts a sync, or deals with the one already running as `ifRunning` says. */
async function startOrFind(
  connection: CloudConnection,
  ifRunning: IfRunning,
  request: RequestOptions | undefined,
): Promise<SyncResult | undefined> {
  const { workspace, connectionId } = connection;
  for (let attempt = 0; ; attempt++) {
    try {
      const job = await orMissing(
        createJobOnce(workspace.api, { connectionId, jobType: "sync" }, request),
        workspaceResource(workspace, "connection", connectionId),
      );
      return new SyncResult(workspace, connection, job.jobId, job);
    } catch (error) {
      if (!(error instanceof SyncAlreadyRunningError)) throw error;
      if (ifRunning === "skip") return undefined;
      if (ifRunning === "attach") {
        const running = await newestUnfinishedJob(connection, request);
        if (running) return new SyncResult(workspace, connection, running.jobId, running);
        // It finished between the refusal and the look: starting one is possible again, once.
        if (attempt === 0) continue;
      }
      throw new ConnectionSyncActiveError(`A sync is already running for connection '${connectionId}'.`, {
        connectionId,
        guidance: 'Wait for it to finish, or pass ifRunning: "attach" to follow it.',
        workspaceUrl: workspace.workspaceUrl,
        cause: error,
      });
    }
  }
}

async function newestUnfinishedJob(
  connection: CloudConnection,
  request: RequestOptions | undefined,
): Promise<JobResponse | undefined> {
  const page = await connection.workspace.api.jobs.listJobs(
    { connectionId: connection.connectionId, orderBy: "createdAt|DESC", limit: 20 },
    request,
  );
  return page.data.find((job) => isUnfinishedJobStatus(job.status));
}
