/**
 * Jobs: syncs, resets and clears of connections, their attempts and logs. Clients create,
 * read, list and cancel them (public API `/jobs`, Config API `jobs/*`, `attempt/*`); the engine
 * (src/engine) runs them through the methods at the end of this class, which hold the rules of
 * a job's life: one job per connection at a time, Airbyte's status transitions, retries with
 * backoff until `maxAttempts`, cancellation, and recovery after a crash.
 */
import {
  type Config,
  isUnfinishedJobStatus,
  type JobCreateRequest,
  type JobResponse,
  type JobStatusEnum,
  type JobTypeEnum,
} from "airbyte-ts";
import type { AttemptRow, ConnectionRow, JobRow } from "../../store/rows.js";
import type { Caller, Level } from "../access.js";
import { requireConnection } from "../connections/access.js";
import type { ServiceContext } from "../context.js";
import {
  badRequest,
  forbidden,
  notFound,
  ServiceError,
  stateConflict,
  tryAgainLater,
  unprocessable,
} from "../errors.js";
import { configTypeOf, REPLICATION_CONFIG_TYPES } from "./format.js";
import { type AttemptStatsRecord, type JobQuery, JobRecords } from "./records.js";
import { descriptor, toAttemptInfo, toAttemptRead, toJobRead, toJobResponse } from "./views.js";

/** Jobs that write the connection's data and state: the ones `state/create_or_update_safe` waits for. */
const SYNC_TYPES = ["sync", "refresh"] as const;

const MAX_RETRY_BACKOFF_MS = 60_000;

export interface PublicJobFilter {
  connectionId?: string;
  workspaceIds: string[];
  jobType?: JobTypeEnum;
  status?: JobStatusEnum;
  createdAtStart?: number;
  createdAtEnd?: number;
  updatedAtStart?: number;
  updatedAtEnd?: number;
  orderBy?: string;
}

/** How an attempt ended, as its executor reports it. */
export type AttemptOutcome = { status: "succeeded" } | { status: "failed"; failure: Config.FailureReason };

export class JobsService {
  private readonly records: JobRecords;
  /** Aborts the running attempt of a job when the job is cancelled. */
  private readonly attemptControllers = new Map<number, AbortController>();
  private readonly jobCreatedListeners = new Set<() => void>();

  constructor(private readonly ctx: ServiceContext) {
    this.records = new JobRecords(ctx.store, () => ctx.now());
  }

  // ---- public API ----

  /**
   * Starts a sync, reset or clear of a connection and answers as soon as the job exists
   * (pending). Clears need editor rights, syncs and resets runner rights, as on Airbyte.
   */
  create(caller: Caller, input: JobCreateRequest): JobResponse {
    const connection = requireConnection(
      this.ctx,
      caller,
      input.connectionId,
      input.jobType === "clear" ? "editor" : "runner",
    );
    if (input.jobType === "refresh") throw unprocessable("Refreshes are not supported in the public API");
    const job = this.enqueue(connection, configTypeOf(input.jobType));
    return toJobResponse(job, []);
  }

  list(caller: Caller, filter: PublicJobFilter, page: { limit: number; offset: number }): JobResponse[] {
    const scope = this.readableScope(caller, filter.connectionId, filter.workspaceIds);
    const order = parseOrderBy(filter.orderBy);
    const query: JobQuery = {
      ...scope,
      configTypes: filter.jobType ? [configTypeOf(filter.jobType)] : REPLICATION_CONFIG_TYPES,
      ...(filter.status ? { statuses: [filter.status] } : {}),
      ...dateRange(filter),
      ...order,
    };
    return this.records.list(query, page).map((job) => toJobResponse(job, this.records.attempts(job.id)));
  }

  get(caller: Caller, jobId: number): JobResponse {
    const job = this.authorizedJob(caller, jobId, "reader");
    return toJobResponse(job, this.records.attempts(jobId));
  }

  /** Cancels a job that has not finished and answers it, now cancelled. */
  cancel(caller: Caller, jobId: number): JobResponse {
    this.authorizedJob(caller, jobId, "runner");
    const reason = "Sync cancelled by the user.";
    const cancelled = this.ctx.store.transaction(() => {
      const job = this.records.job(jobId) as JobRow;
      if (!isUnfinishedJobStatus(job.status)) {
        throw stateConflict("Job is not currently running");
      }
      return this.cancelJob(job, reason);
    });
    this.abortAttempt(jobId, reason);
    return toJobResponse(cancelled, this.records.attempts(jobId));
  }

  // ---- Config API ----

  jobInfo(caller: Caller, jobId: number): Config.JobInfoRead {
    const job = this.authorizedJob(caller, jobId, "reader");
    const attempts = this.records.attempts(jobId);
    return {
      job: toJobRead(job, attempts),
      attempts: attempts.map((attempt) => this.attemptInfoOf(attempt)),
    };
  }

  attemptInfo(caller: Caller, jobId: number, attemptNumber: number): Config.AttemptInfoRead {
    this.authorizedJob(caller, jobId, "reader");
    const attempt = this.records.attempt(jobId, attemptNumber);
    if (!attempt) {
      throw new ServiceError("not-found", `Job ${jobId} has no attempt ${attemptNumber}.`, {
        resourceType: "attempt",
        resourceId: String(attemptNumber),
      });
    }
    return this.attemptInfoOf(attempt);
  }

  /** `jobs/list`: newest first unless told otherwise, 200 to a page, with the total count. */
  listWithAttempts(caller: Caller, request: Config.JobListRequestBody): Config.JobReadList {
    const scope = this.readableScope(caller, request.configId ?? undefined, []);
    const query: JobQuery = {
      ...scope,
      configTypes: request.configTypes,
      ...(request.statuses?.length ? { statuses: request.statuses } : {}),
      ...dateRange({
        createdAtStart: time(request.createdAtStart),
        createdAtEnd: time(request.createdAtEnd),
        updatedAtStart: time(request.updatedAtStart),
        updatedAtEnd: time(request.updatedAtEnd),
      }),
      orderBy: request.orderByField === "updatedAt" ? "updated_at" : "created_at",
      direction: request.orderByMethod ?? "DESC",
    };
    const offset = request.pagination?.rowOffset ?? 0;
    let limit = request.pagination?.pageSize ?? 200;
    if (request.includingJobId != null) limit = this.limitIncluding(query, request.includingJobId, offset, limit);
    const jobs = this.records.list(query, { limit, offset }).map((job) => {
      const attempts = this.records.attempts(job.id);
      return { job: toJobRead(job, attempts), attempts: attempts.map(toAttemptRead) };
    });
    return { jobs, totalJobCount: this.records.count(query) };
  }

  // ---- for other services ----

  /** The connection's sync or refresh that has not finished (pending, queued, running or incomplete). */
  unfinishedSyncJob(connectionId: string): JobRow | undefined {
    return this.records.unfinishedJob(connectionId, SYNC_TYPES);
  }

  /** The connection's latest sync or refresh, finished or not. */
  latestSyncJob(connectionId: string): JobRow | undefined {
    return this.records.latestJob(connectionId, SYNC_TYPES);
  }

  /**
   * Cancels the connection's unfinished jobs, as deleting a connection does on Airbyte (its
   * running sync is stopped). Answers the cancelled jobs.
   */
  cancelJobsOfConnection(connectionId: string, reason = "Sync cancelled: the connection was deleted."): JobRow[] {
    const cancelled = this.ctx.store.transaction(() => {
      return this.records.unfinishedJobs(connectionId).map((job) => this.cancelJob(job, reason));
    });
    for (const job of cancelled) this.abortAttempt(job.id, reason);
    return cancelled;
  }

  // ---- for the engine ----

  /** Calls `listener` whenever a job is created, so that the runner starts it without delay. */
  onJobCreated(listener: () => void): () => void {
    this.jobCreatedListeners.add(listener);
    return () => this.jobCreatedListeners.delete(listener);
  }

  /** Active connections with a cron or basic schedule. */
  scheduledConnections(): ConnectionRow[] {
    return this.ctx.store.db
      .prepare(
        "SELECT * FROM connections WHERE status = 'active' AND schedule_type IN ('cron', 'basic') ORDER BY created_at",
      )
      .all() as ConnectionRow[];
  }

  /** A sync at the connection's scheduled time; none while one of its jobs has not finished. */
  createScheduledSync(connectionId: string): JobRow | undefined {
    const connection = this.ctx.services.connections.row(connectionId);
    if (connection.status !== "active") return undefined;
    if (this.records.unfinishedJob(connectionId, REPLICATION_CONFIG_TYPES)) return undefined;
    return this.enqueue(connection, "sync");
  }

  /** Jobs whose next attempt may start now, oldest first. */
  startableJobs(): JobRow[] {
    return this.records.startableJobs(this.ctx.now());
  }

  /** When the earliest job waiting out its backoff may start its next attempt. */
  nextRetryAt(): number | undefined {
    return this.records.nextRetryAt();
  }

  /**
   * Starts the job's next attempt, unless it is not startable any more (cancelled, already
   * started) or another job of its connection runs: one job per connection at a time.
   */
  startAttempt(jobId: number): { job: JobRow; attempt: AttemptRow; signal: AbortSignal } | undefined {
    const started = this.ctx.store.transaction(() => {
      const job = this.records.job(jobId);
      if (!job || !isStartable(job, this.ctx.now())) return undefined;
      if (this.ctx.services.connections.row(job.connection_id).status === "deprecated") {
        this.cancelJob(job, "Sync cancelled: the connection was deleted.");
        return undefined;
      }
      if (this.records.hasOtherRunningJob(job.connection_id, job.id)) return undefined;
      const attempt = this.records.insertAttempt(jobId, this.records.attempts(jobId).length);
      return { job: this.records.changeStatus(job, "running"), attempt };
    });
    if (!started) return undefined;
    const controller = new AbortController();
    this.attemptControllers.set(jobId, controller);
    return { ...started, signal: controller.signal };
  }

  /** Records the numbers an attempt has synced so far (or in the end). */
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
   * was cancelled meanwhile stays cancelled. `onSuccess` lands in the same transaction as the
   * success (a reset's clearing of the state), so neither is stored without the other.
   */
  finishAttempt(jobId: number, attemptNumber: number, outcome: AttemptOutcome, onSuccess?: () => void): JobRow {
    this.attemptControllers.delete(jobId);
    return this.ctx.store.transaction(() => {
      const job = this.records.job(jobId) as JobRow;
      if (job.status !== "running") return job;
      if (outcome.status === "succeeded") {
        onSuccess?.();
        this.records.endAttempt(jobId, attemptNumber, "succeeded");
        return this.records.changeStatus(job, "succeeded");
      }
      this.records.endAttempt(jobId, attemptNumber, "failed", {
        failures: [outcome.failure],
        partialSuccess: this.committedAny(jobId, attemptNumber),
      });
      return this.afterFailedAttempt(job);
    });
  }

  /**
   * After a crash, jobs the previous process left running would stay so forever: their
   * attempt is failed and the job goes on with its next attempt, or fails when none is left.
   */
  recoverInterruptedJobs(): JobRow[] {
    return this.ctx.store.transaction(() =>
      this.records.runningJobs().map((job) => {
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
                timestamp: this.ctx.now(),
              },
            ],
            partialSuccess: this.committedAny(job.id, attempt.number),
          });
          this.records.appendLog(job.id, attempt.number, "error", "platform", message);
        }
        return this.afterFailedAttempt(job, 0);
      }),
    );
  }

  /** Whether the job's attempts may still be retried: how many failed so far, of how many. */
  attemptBudget(jobId: number): { failed: number; max: number } {
    const failed = this.records.attempts(jobId).filter((a) => a.status === "failed").length;
    return { failed, max: Math.max(1, this.ctx.config.maxAttempts) };
  }

  // ---- rules ----

  /**
   * Creates a pending job. Only one job per connection runs at a time: a sync while another job
   * of the connection has not finished is refused (409); a reset or clear cancels an
   * unfinished sync first, as Airbyte's connection workflow does.
   */
  private enqueue(given: ConnectionRow, configType: Config.JobConfigType): JobRow {
    const reason = `Sync cancelled: a ${configType === "clear" ? "clear" : "reset"} of the connection was requested.`;
    const { job, replaced } = this.ctx.store.transaction(() => {
      const connection = this.ctx.services.connections.row(given.id);
      this.requireRunnable(connection, configType);
      const unfinished = this.records.unfinishedJob(connection.id, REPLICATION_CONFIG_TYPES);
      if (unfinished) {
        const resetting = unfinished.config_type === "reset_connection" || unfinished.config_type === "clear";
        if (configType === "sync" || configType === "refresh" || resetting) {
          throw tryAgainLater(`A sync is already running for: ${connection.id}`);
        }
        this.cancelJob(unfinished, reason);
      }
      const catalog = selectedStreams(this.ctx.services.connections.catalogOf(connection));
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

  /** Syncs need an active connection; resets and clears any connection that was not deleted. */
  private requireRunnable(connection: ConnectionRow, configType: Config.JobConfigType): void {
    const allowed = configType === "sync" || configType === "refresh" ? ["active"] : ["active", "inactive"];
    if (!allowed.includes(connection.status)) throw stateConflict("Could not fulfill request");
  }

  /** Marks the job cancelled and its running attempt failed by a manual cancellation. */
  private cancelJob(job: JobRow, reason: string): JobRow {
    const attempts = this.records.attempts(job.id);
    for (const attempt of attempts.filter((a) => a.status === "running")) {
      this.records.endAttempt(job.id, attempt.number, "failed", {
        failures: [
          {
            failureType: "manual_cancellation",
            internalMessage: "Setting attempt to FAILED because the job was cancelled",
            externalMessage: "This attempt was cancelled",
            timestamp: this.ctx.now(),
          },
        ],
        partialSuccess: this.committedAny(job.id, attempt.number),
      });
    }
    const last = attempts.at(-1);
    if (last) this.records.appendLog(job.id, last.number, "info", "platform", reason);
    return this.records.changeStatus(job, "cancelled");
  }

  /** Tells the running attempt of a cancelled job to stop (once the cancellation is stored). */
  private abortAttempt(jobId: number, reason: string): void {
    this.attemptControllers.get(jobId)?.abort(new Error(reason));
    this.attemptControllers.delete(jobId);
  }

  private afterFailedAttempt(job: JobRow, backoffMs?: number): JobRow {
    const { failed, max } = this.attemptBudget(job.id);
    if (failed >= max) return this.records.changeStatus(job, "failed");
    const wait = backoffMs ?? Math.min(this.ctx.config.retryBackoffMs * 3 ** (failed - 1), MAX_RETRY_BACKOFF_MS);
    return this.records.changeStatus(job, "incomplete", this.ctx.now() + wait);
  }

  private committedAny(jobId: number, attemptNumber: number): boolean {
    const stats = this.records.attempt(jobId, attemptNumber)?.stats;
    return stats ? ((JSON.parse(stats) as Config.AttemptStats).recordsCommitted ?? 0) > 0 : false;
  }

  private attemptInfoOf(attempt: AttemptRow): Config.AttemptInfoRead {
    return toAttemptInfo(attempt, this.records.logs(attempt.job_id, attempt.number), this.ctx.config.logFormat);
  }

  /** The job, once the caller holds `level` on its connection's workspace (403 before 404). */
  private authorizedJob(caller: Caller, jobId: number, level: Level): JobRow {
    const job = this.records.job(jobId);
    if (!job) {
      if (!caller.instanceAdmin) throw forbidden(`workspace_${level}`);
      throw notFound("job", jobId);
    }
    requireConnection(this.ctx, caller, job.connection_id, level);
    return job;
  }

  /** Which jobs a listing may show: one connection's, some workspaces', or every readable one. */
  private readableScope(
    caller: Caller,
    connectionId: string | undefined,
    workspaceIds: string[],
  ): Pick<JobQuery, "connectionIds" | "workspaceIds"> {
    if (connectionId !== undefined) {
      requireConnection(this.ctx, caller, connectionId, "reader");
      return { connectionIds: [connectionId] };
    }
    if (workspaceIds.length > 0) {
      for (const id of workspaceIds) this.ctx.access.requireWorkspace(caller, id, "reader");
      return { workspaceIds };
    }
    const readable = this.ctx.access.readableWorkspaceIds(caller);
    return readable ? { workspaceIds: readable } : {};
  }

  /** A page size large enough for the page to reach `jobId`, as `includingJobId` asks. */
  private limitIncluding(query: JobQuery, jobId: number, offset: number, limit: number): number {
    const job = this.records.job(jobId);
    if (!job || this.records.count({ ...query, jobIds: [jobId] }) === 0) return limit;
    const position = this.records.position(query, job);
    return position >= offset + limit ? position - offset + 1 : limit;
  }
}

function isStartable(job: JobRow, now: number): boolean {
  if (job.status === "pending") return true;
  return job.status === "incomplete" && (job.next_attempt_at ?? 0) <= now;
}

function selectedStreams(catalog: Config.AirbyteCatalog): Config.AirbyteCatalog {
  return { streams: catalog.streams.filter((entry) => entry.config?.selected !== false) };
}

/**
 * Airbyte's `<field>|<ASC|DESC>`: the first such clause found in the text counts, its field
 * matched case-insensitively against createdAt and updatedAt; default `createdAt|ASC`.
 */
function parseOrderBy(orderBy: string | undefined): Pick<JobQuery, "orderBy" | "direction"> {
  if (orderBy === undefined) return { orderBy: "created_at", direction: "ASC" };
  const match = /([a-zA-Z0-9]+)\|(ASC|DESC)/.exec(orderBy);
  const field = match?.[1]?.toLowerCase();
  if (!match || (field !== "createdat" && field !== "updatedat")) {
    throw badRequest(`Invalid order by clause provided: ${orderBy}`);
  }
  return { orderBy: field === "createdat" ? "created_at" : "updated_at", direction: match[2] as "ASC" | "DESC" };
}

const DATE_BOUNDS = ["createdAtStart", "createdAtEnd", "updatedAtStart", "updatedAtEnd"] as const;

function dateRange(
  filter: Partial<Record<(typeof DATE_BOUNDS)[number], number | undefined>>,
): Pick<JobQuery, (typeof DATE_BOUNDS)[number]> {
  return Object.fromEntries(
    DATE_BOUNDS.filter((bound) => filter[bound] !== undefined).map((bound) => [bound, filter[bound]]),
  );
}

function time(value: string | null | undefined): number | undefined {
  return value == null ? undefined : Date.parse(value);
}
