/**
 * The rules of a job's life that both the API-facing jobs service (service.ts) and the
 * engine's queue (queue.ts) apply: creating a job (one job per connection at a time),
 * cancelling it (and aborting its running attempt), and what a failed attempt leads to
 * (retry after a backoff until `maxAttempts`). Both hold this one object, so a cancellation
 * through the API reaches the attempt the queue started.
 */
import type { Config } from "airbyte-ts";
import type { Store } from "../../store/db.js";
import type { ConnectionRow, JobRow } from "../../store/rows.js";
import type { ConnectionAccess } from "../connections/access.js";
import { storedCatalog } from "../connections/views.js";
import { stateConflict, tryAgainLater } from "../errors.js";
import { REPLICATION_CONFIG_TYPES } from "./format.js";
import type { JobRecords } from "../../store/job-records.js";
import { descriptor } from "./views.js";

const MAX_RETRY_BACKOFF_MS = 60_000;

export interface JobLifecycleSettings {
  maxAttempts: number;
  retryBackoffMs: number;
  /** Epoch milliseconds. */
  now(): number;
}

export class JobLifecycle {
  /** Aborts the running attempt of a job when the job is cancelled. */
  private readonly attemptControllers = new Map<number, AbortController>();
  private readonly jobCreatedListeners = new Set<() => void>();

  constructor(
    private readonly store: Store,
    private readonly records: JobRecords,
    private readonly connections: ConnectionAccess,
    private readonly settings: JobLifecycleSettings,
  ) {}

  /** Calls `listener` whenever a job is created, so that the runner starts it without delay. */
  onJobCreated(listener: () => void): () => void {
    this.jobCreatedListeners.add(listener);
    return () => this.jobCreatedListeners.delete(listener);
  }

  /**
   * Creates a pending job. Only one job per connection runs at a time: a sync while another job
   * of the connection has not finished is refused (409); a reset or clear cancels an
   * unfinished sync first, as Airbyte's connection workflow does.
   */
  enqueue(connectionId: string, configType: Config.JobConfigType): JobRow {
    const reason = `Sync cancelled: a ${configType === "clear" ? "clear" : "reset"} of the connection was requested.`;
    const { job, replaced } = this.store.transaction(() => {
      const connection = this.connections.row(connectionId);
      requireRunnable(connection, configType);
      const unfinished = this.records.unfinishedJob(connection.id, REPLICATION_CONFIG_TYPES);
      if (unfinished) {
        const resetting = unfinished.config_type === "reset_connection" || unfinished.config_type === "clear";
        if (configType === "sync" || configType === "refresh" || resetting) {
          throw tryAgainLater(`A sync is already running for: ${connection.id}`);
        }
        this.cancel(unfinished, reason);
      }
      const catalog = selectedStreams(storedCatalog(connection));
      const streams =
        configType === "sync"
          ? undefined
          : catalog.streams.map(({ stream }) => descriptor(stream?.name ?? "", stream?.namespace));
      const inserted = this.records.insertJob({
        connectionId: connection.id,
        configType,
        catalog,
        ...(streams ? { streams } : {}),
      });
      return { job: inserted, replaced: unfinished };
    });
    if (replaced) this.abortAttempt(replaced.id, reason);
    for (const listener of this.jobCreatedListeners) listener();
    return job;
  }

  /**
   * Marks the job cancelled and its running attempt failed by a manual cancellation. Call
   * `abortAttempt` once the transaction holding this is committed.
   */
  cancel(job: JobRow, reason: string): JobRow {
    const attempts = this.records.attempts(job.id);
    for (const attempt of attempts.filter((a) => a.status === "running")) {
      this.records.endAttempt(job.id, attempt.number, "failed", {
        failures: [
          {
            failureType: "manual_cancellation",
            internalMessage: "Setting attempt to FAILED because the job was cancelled",
            externalMessage: "This attempt was cancelled",
            timestamp: this.settings.now(),
          },
        ],
        partialSuccess: this.committedAny(job.id, attempt.number),
      });
    }
    const last = attempts.at(-1);
    if (last) this.records.appendLog(job.id, last.number, "info", "platform", reason);
    return this.records.changeStatus(job, "cancelled");
  }

  /** A signal that fires when the job's attempt that starts now is to stop. */
  attemptSignal(jobId: number): AbortSignal {
    const controller = new AbortController();
    this.attemptControllers.set(jobId, controller);
    return controller.signal;
  }

  /** The job's attempt ended: nothing is left to abort. */
  attemptEnded(jobId: number): void {
    this.attemptControllers.delete(jobId);
  }

  /** Tells the running attempt of a cancelled job to stop (once the cancellation is stored). */
  abortAttempt(jobId: number, reason: string): void {
    this.attemptControllers.get(jobId)?.abort(new Error(reason));
    this.attemptControllers.delete(jobId);
  }

  /** Incomplete with its next attempt after a backoff, or failed once no attempt is left. */
  afterFailedAttempt(job: JobRow, backoffMs?: number): JobRow {
    const { failed, max } = this.attemptBudget(job.id);
    if (failed >= max) return this.records.changeStatus(job, "failed");
    const wait = backoffMs ?? Math.min(this.settings.retryBackoffMs * 3 ** (failed - 1), MAX_RETRY_BACKOFF_MS);
    return this.records.changeStatus(job, "incomplete", this.settings.now() + wait);
  }

  /** Whether the job's attempts may still be retried: how many failed so far, of how many. */
  attemptBudget(jobId: number): { failed: number; max: number } {
    const failed = this.records.attempts(jobId).filter((a) => a.status === "failed").length;
    return { failed, max: Math.max(1, this.settings.maxAttempts) };
  }

  committedAny(jobId: number, attemptNumber: number): boolean {
    const stats = this.records.attempt(jobId, attemptNumber)?.stats;
    return stats ? ((JSON.parse(stats) as Config.AttemptStats).recordsCommitted ?? 0) > 0 : false;
  }
}

/** Syncs need an active connection; resets and clears any connection that was not deleted. */
function requireRunnable(connection: ConnectionRow, configType: Config.JobConfigType): void {
  const allowed = configType === "sync" || configType === "refresh" ? ["active"] : ["active", "inactive"];
  if (!allowed.includes(connection.status)) throw stateConflict("Could not fulfill request");
}

function selectedStreams(catalog: Config.AirbyteCatalog): Config.AirbyteCatalog {
  return { streams: catalog.streams.filter((entry) => entry.config?.selected !== false) };
}
