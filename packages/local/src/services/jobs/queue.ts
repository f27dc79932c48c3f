/**
 * The jobs as the engine sees them (engine/ports.ts): the queue its runner starts attempts
 * from and reports them to, and the scheduled connections its scheduler creates syncs for.
 * The rules are the job lifecycle's (lifecycle.ts), shared with the API's jobs service.
 */
import type { Config } from "airbyte-ts";
import type {
  AttemptOutcome,
  JobAfterAttempt,
  JobQueue,
  QueuedJob,
  ScheduledConnection,
  StartedAttempt,
  SyncSchedule,
} from "../../engine/ports.js";
import type { AttemptStatsRecord } from "../../engine/executor.js";
import type { ConnectionRecords } from "../../store/connection-records.js";
import { parseJsonColumn, type Store } from "../../store/db.js";
import type { JobRow } from "../../store/rows.js";
import type { ConnectionAccess } from "../connections/access.js";
import type { BasicSchedule } from "../schedules.js";
import type { StateService } from "../state.js";
import { REPLICATION_CONFIG_TYPES, SYNC_CONFIG_TYPES } from "./format.js";
import type { JobLifecycle } from "./lifecycle.js";
import type { JobRecords } from "../../store/job-records.js";
import { jobCatalog } from "./views.js";

export class JobQueueService implements JobQueue, SyncSchedule {
  constructor(
    private readonly store: Store,
    private readonly records: JobRecords,
    private readonly lifecycle: JobLifecycle,
    private readonly connections: ConnectionAccess,
    private readonly connectionRecords: ConnectionRecords,
    private readonly state: StateService,
    private readonly now: () => number,
  ) {}

  onJobCreated(listener: () => void): () => void {
    return this.lifecycle.onJobCreated(listener);
  }

  startableJobs(): QueuedJob[] {
    return this.records.startableJobs(this.now()).map(toQueuedJob);
  }

  nextRetryAt(): number | undefined {
    return this.records.nextRetryAt();
  }

  /**
   * Starts the job's next attempt, unless it is not startable any more (cancelled, already
   * started) or another job of its connection runs: one job per connection at a time.
   */
  startAttempt(jobId: number): StartedAttempt | undefined {
    const started = this.store.transaction(() => {
      const job = this.records.job(jobId);
      if (!job || !isStartable(job, this.now())) return undefined;
      if (this.connections.row(job.connection_id).status === "deprecated") {
        this.lifecycle.cancel(job, "Sync cancelled: the connection was deleted.");
        return undefined;
      }
      if (this.records.hasOtherRunningJob(job.connection_id, job.id)) return undefined;
      const attempt = this.records.insertAttempt(jobId, this.records.attempts(jobId).length);
      return { job: this.records.changeStatus(job, "running"), attemptNumber: attempt.number };
    });
    if (!started) return undefined;
    return {
      job: toQueuedJob(started.job),
      attemptNumber: started.attemptNumber,
      signal: this.lifecycle.attemptSignal(jobId),
    };
  }

  saveAttemptStats(jobId: number, attemptNumber: number, stats: AttemptStatsRecord): void {
    this.records.saveStats(jobId, attemptNumber, stats);
  }

  appendLog(
    jobId: number,
    attemptNumber: number,
    level: Config.LogLevel,
    source: Config.LogSource,
    message: string,
  ): void {
    this.records.appendLog(jobId, attemptNumber, level, source, message);
  }

  /**
   * Ends an attempt and decides the job's fate: succeeded; or, after a failure, incomplete with
   * its next attempt after a backoff, or failed once `maxAttempts` attempts failed. A job that
   * was cancelled meanwhile stays cancelled. A reset or clear forgets where its streams stopped
   * in the same transaction as its success, so neither is stored without the other.
   */
  finishAttempt(jobId: number, attemptNumber: number, outcome: AttemptOutcome): JobAfterAttempt {
    this.lifecycle.attemptEnded(jobId);
    return toJobAfterAttempt(
      this.store.transaction(() => {
        const job = this.records.job(jobId) as JobRow;
        if (job.status !== "running") return job;
        if (outcome.status === "succeeded") {
          if (job.config_type === "reset_connection" || job.config_type === "clear") {
            this.state.clearStreams(job.connection_id, parseJsonColumn<Config.StreamDescriptor[]>(job.streams));
          }
          this.records.endAttempt(jobId, attemptNumber, "succeeded");
          return this.records.changeStatus(job, "succeeded");
        }
        this.records.endAttempt(jobId, attemptNumber, "failed", {
          failures: [outcome.failure],
          partialSuccess: this.lifecycle.committedAny(jobId, attemptNumber),
        });
        return this.lifecycle.afterFailedAttempt(job);
      }),
    );
  }

  /**
   * After a crash, jobs the previous process left running would stay so forever: their
   * attempt is failed and the job goes on with its next attempt, or fails when none is left.
   */
  recoverInterruptedAttempts(): void {
    this.store.transaction(() => {
      for (const job of this.records.runningJobs()) {
        for (const attempt of this.records.attempts(job.id).filter((a) => a.status === "running")) {
          const message = "The local server stopped during this attempt.";
          this.records.endAttempt(job.id, attempt.number, "failed", {
            failures: [
              {
                failureOrigin: "airbyte_platform",
                failureType: "system_error",
                externalMessage: message,
                internalMessage: message,
                retryable: true,
                timestamp: this.now(),
              },
            ],
            partialSuccess: this.lifecycle.committedAny(job.id, attempt.number),
          });
          this.records.appendLog(job.id, attempt.number, "error", "platform", message);
        }
        this.lifecycle.afterFailedAttempt(job, 0);
      }
    });
  }

  attemptBudget(jobId: number): { failed: number; max: number } {
    return this.lifecycle.attemptBudget(jobId);
  }

  // ---- the scheduler's ----

  scheduledConnections(): ScheduledConnection[] {
    return this.connectionRecords.scheduled().flatMap((row): ScheduledConnection[] => {
      if (row.schedule_type === "cron" && row.cron_expression) {
        return [{ id: row.id, schedule: { type: "cron", cronExpression: row.cron_expression } }];
      }
      const basic = parseJsonColumn<BasicSchedule>(row.basic_schedule);
      return row.schedule_type === "basic" && basic ? [{ id: row.id, schedule: { type: "basic", basic } }] : [];
    });
  }

  latestSyncCreatedAt(connectionId: string): number | undefined {
    return this.records.latestJob(connectionId, SYNC_CONFIG_TYPES)?.created_at;
  }

  createScheduledSync(connectionId: string): number | undefined {
    const connection = this.connections.row(connectionId);
    if (connection.status !== "active") return undefined;
    if (this.records.unfinishedJob(connectionId, REPLICATION_CONFIG_TYPES)) return undefined;
    return this.lifecycle.enqueue(connection.id, "sync").id;
  }
}

function isStartable(job: JobRow, now: number): boolean {
  if (job.status === "pending") return true;
  return job.status === "incomplete" && (job.next_attempt_at ?? 0) <= now;
}

function toQueuedJob(job: JobRow): QueuedJob {
  return {
    id: job.id,
    connectionId: job.connection_id,
    configType: job.config_type as Config.JobConfigType,
    streams: parseJsonColumn<Config.StreamDescriptor[]>(job.streams) ?? [],
    catalog: jobCatalog(job),
  };
}

function toJobAfterAttempt(job: JobRow): JobAfterAttempt {
  return {
    status: job.status as Config.JobStatus,
    ...(job.next_attempt_at !== null ? { nextAttemptAt: job.next_attempt_at } : {}),
    updatedAt: job.updated_at,
  };
}
