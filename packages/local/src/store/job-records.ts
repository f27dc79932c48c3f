/**
 * The stored life of jobs: rows of jobs, attempts and attempt logs. This is the only code that
 * changes a job's status, and it follows Airbyte's table of allowed transitions, so a job can
 * never go back from a terminal status whatever the order in which the runner and a
 * cancellation arrive.
 */
import { type Config, type JobStatusEnum as JobStatus, UNFINISHED_JOB_STATUSES } from "airbyte-ts";
import type { AttemptStatsRecord } from "../engine/executor.js";
import { placeholders, type Store } from "./db.js";
import type { AttemptLogRow, AttemptRow, JobRow } from "./rows.js";

/** The unfinished statuses as an SQL list; they are fixed words, so they are written into the SQL. */
const UNFINISHED_SQL = UNFINISHED_JOB_STATUSES.map((status) => `'${status}'`).join(", ");

/** Airbyte's `JobStatus.VALID_STATUS_CHANGES`. */
const ALLOWED_CHANGES: Record<JobStatus, readonly JobStatus[]> = {
  pending: ["queued", "running", "failed", "cancelled", "incomplete"],
  queued: ["pending", "running", "cancelled", "failed"],
  running: ["incomplete", "succeeded", "failed", "cancelled"],
  incomplete: ["pending", "running", "failed", "cancelled", "incomplete", "succeeded"],
  succeeded: [],
  failed: ["failed"],
  cancelled: [],
};

export function canChangeStatus(from: string, to: JobStatus): boolean {
  return ALLOWED_CHANGES[from as JobStatus]?.includes(to) ?? false;
}

export interface NewJob {
  connectionId: string;
  configType: Config.JobConfigType;
  /** Streams a reset or clear works on. */
  streams?: Config.StreamDescriptor[];
  /** The selected streams of the connection, as configured when the job is created. */
  catalog: Config.AirbyteCatalog;
}

export interface JobQuery {
  configTypes: readonly string[];
  jobIds?: readonly number[];
  connectionIds?: readonly string[];
  /** Only jobs of connections in these workspaces; undefined: every workspace. */
  workspaceIds?: readonly string[];
  statuses?: readonly string[];
  createdAtStart?: number;
  createdAtEnd?: number;
  updatedAtStart?: number;
  updatedAtEnd?: number;
  orderBy: "created_at" | "updated_at";
  direction: "ASC" | "DESC";
}

export class JobRecords {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  job(jobId: number): JobRow | undefined {
    return this.store.db.prepare("SELECT * FROM jobs WHERE id = ?").get(jobId) as JobRow | undefined;
  }

  attempts(jobId: number): AttemptRow[] {
    return this.store.db.prepare("SELECT * FROM attempts WHERE job_id = ? ORDER BY number").all(jobId) as AttemptRow[];
  }

  attempt(jobId: number, number: number): AttemptRow | undefined {
    return this.store.db.prepare("SELECT * FROM attempts WHERE job_id = ? AND number = ?").get(jobId, number) as
      AttemptRow | undefined;
  }

  logs(jobId: number, attempt: number): AttemptLogRow[] {
    return this.store.db
      .prepare("SELECT * FROM attempt_logs WHERE job_id = ? AND attempt = ? ORDER BY seq")
      .all(jobId, attempt) as AttemptLogRow[];
  }

  insertJob(job: NewJob): JobRow {
    const now = this.now();
    const row: Omit<JobRow, "id"> = {
      connection_id: job.connectionId,
      config_type: job.configType,
      status: "pending",
      streams: job.streams ? JSON.stringify(job.streams) : null,
      catalog: JSON.stringify(job.catalog),
      next_attempt_at: null,
      created_at: now,
      updated_at: now,
      started_at: null,
    };
    const { lastInsertRowid } = this.store.db
      .prepare(
        `INSERT INTO jobs (connection_id, config_type, status, streams, catalog, next_attempt_at, created_at, updated_at, started_at)
         VALUES (@connection_id, @config_type, @status, @streams, @catalog, @next_attempt_at, @created_at, @updated_at, @started_at)`,
      )
      .run(row);
    return { id: Number(lastInsertRowid), ...row };
  }

  /**
   * Moves a job to `to` and stamps `updated_at`; a change Airbyte does not allow is a bug of
   * the caller, not of the client, so it throws a plain error.
   */
  changeStatus(job: JobRow, to: JobStatus, nextAttemptAt: number | null = null): JobRow {
    if (!canChangeStatus(job.status, to)) {
      throw new Error(`job ${job.id} cannot go from ${job.status} to ${to}`);
    }
    const now = this.now();
    const changed: JobRow = {
      ...job,
      status: to,
      updated_at: now,
      next_attempt_at: nextAttemptAt,
      started_at: job.started_at ?? (to === "running" ? now : null),
    };
    this.store.db
      .prepare(
        "UPDATE jobs SET status = @status, updated_at = @updated_at, next_attempt_at = @next_attempt_at, started_at = @started_at WHERE id = @id",
      )
      .run(changed);
    return changed;
  }

  insertAttempt(jobId: number, number: number): AttemptRow {
    const now = this.now();
    const row: AttemptRow = {
      job_id: jobId,
      number,
      status: "running",
      created_at: now,
      updated_at: now,
      ended_at: null,
      stats: null,
      stream_stats: null,
      failure_summary: null,
    };
    this.store.db
      .prepare(
        `INSERT INTO attempts (job_id, number, status, created_at, updated_at, ended_at, stats, stream_stats, failure_summary)
         VALUES (@job_id, @number, @status, @created_at, @updated_at, @ended_at, @stats, @stream_stats, @failure_summary)`,
      )
      .run(row);
    return row;
  }

  /** Ends a running attempt; an attempt that already ended keeps its outcome. */
  endAttempt(
    jobId: number,
    number: number,
    status: "succeeded" | "failed",
    failureSummary?: Config.AttemptFailureSummary,
  ): boolean {
    const now = this.now();
    const { changes } = this.store.db
      .prepare(
        `UPDATE attempts SET status = ?, updated_at = ?, ended_at = ?, failure_summary = ?
         WHERE job_id = ? AND number = ? AND status = 'running'`,
      )
      .run(status, now, now, failureSummary ? JSON.stringify(failureSummary) : null, jobId, number);
    return changes > 0;
  }

  saveStats(jobId: number, number: number, stats: AttemptStatsRecord): void {
    this.store.db
      .prepare("UPDATE attempts SET stats = ?, stream_stats = ?, updated_at = ? WHERE job_id = ? AND number = ?")
      .run(JSON.stringify(stats.total), JSON.stringify(stats.streams), this.now(), jobId, number);
  }

  appendLog(jobId: number, attempt: number, level: Config.LogLevel, source: Config.LogSource, message: string): void {
    this.store.db
      .prepare(
        `INSERT INTO attempt_logs (job_id, attempt, seq, timestamp, level, source, message)
         SELECT ?, ?, COALESCE(MAX(seq) + 1, 0), ?, ?, ?, ? FROM attempt_logs WHERE job_id = ? AND attempt = ?`,
      )
      .run(jobId, attempt, this.now(), level, source, message, jobId, attempt);
  }

  /** The connection's oldest job of these types that has not finished. */
  unfinishedJob(connectionId: string, configTypes: readonly string[]): JobRow | undefined {
    return this.store.db
      .prepare(
        `SELECT * FROM jobs WHERE connection_id = ? AND status IN (${UNFINISHED_SQL})
           AND config_type IN (${placeholders(configTypes)}) ORDER BY created_at, id LIMIT 1`,
      )
      .get(connectionId, ...configTypes) as JobRow | undefined;
  }

  unfinishedJobs(connectionId: string): JobRow[] {
    return this.store.db
      .prepare(`SELECT * FROM jobs WHERE connection_id = ? AND status IN (${UNFINISHED_SQL}) ORDER BY id`)
      .all(connectionId) as JobRow[];
  }

  latestJob(connectionId: string, configTypes: readonly string[]): JobRow | undefined {
    return this.store.db
      .prepare(
        `SELECT * FROM jobs WHERE connection_id = ? AND config_type IN (${placeholders(configTypes)})
         ORDER BY created_at DESC, id DESC LIMIT 1`,
      )
      .get(connectionId, ...configTypes) as JobRow | undefined;
  }

  hasOtherRunningJob(connectionId: string, jobId: number): boolean {
    return (
      this.store.db
        .prepare("SELECT 1 FROM jobs WHERE connection_id = ? AND status = 'running' AND id <> ? LIMIT 1")
        .get(connectionId, jobId) !== undefined
    );
  }

  /** Jobs whose next attempt may start now: pending ones, and incomplete ones past their backoff. */
  startableJobs(now: number): JobRow[] {
    return this.store.db
      .prepare(
        `SELECT * FROM jobs WHERE status = 'pending' OR (status = 'incomplete' AND COALESCE(next_attempt_at, 0) <= ?)
         ORDER BY created_at, id`,
      )
      .all(now) as JobRow[];
  }

  /** When the earliest waiting incomplete job may start again, if any. */
  nextRetryAt(): number | undefined {
    const row = this.store.db
      .prepare("SELECT MIN(next_attempt_at) AS at FROM jobs WHERE status = 'incomplete'")
      .get() as { at: number | null };
    return row.at ?? undefined;
  }

  runningJobs(): JobRow[] {
    return this.store.db.prepare("SELECT * FROM jobs WHERE status = 'running' ORDER BY id").all() as JobRow[];
  }

  list(query: JobQuery, page: { limit: number; offset: number }): JobRow[] {
    const { where, params } = this.where(query);
    return this.store.db
      .prepare(
        `SELECT jobs.* FROM jobs JOIN connections ON connections.id = jobs.connection_id WHERE ${where}
         ORDER BY jobs.${query.orderBy} ${query.direction}, jobs.id ${query.direction} LIMIT ? OFFSET ?`,
      )
      .all(...params, page.limit, page.offset) as JobRow[];
  }

  count(query: JobQuery): number {
    const { where, params } = this.where(query);
    const row = this.store.db
      .prepare(`SELECT COUNT(*) AS n FROM jobs JOIN connections ON connections.id = jobs.connection_id WHERE ${where}`)
      .get(...params) as { n: number };
    return row.n;
  }

  /** How many jobs come before `job` in the query's order (to find the page that holds it). */
  position(query: JobQuery, job: JobRow): number {
    const { where, params } = this.where(query);
    const column = query.orderBy;
    const before = query.direction === "ASC" ? "<" : ">";
    const row = this.store.db
      .prepare(
        `SELECT COUNT(*) AS n FROM jobs JOIN connections ON connections.id = jobs.connection_id WHERE ${where}
           AND (jobs.${column} ${before} ? OR (jobs.${column} = ? AND jobs.id ${before} ?))`,
      )
      .get(...params, job[column], job[column], job.id) as { n: number };
    return row.n;
  }

  private where(query: JobQuery): { where: string; params: unknown[] } {
    const clauses: string[] = [`jobs.config_type IN (${placeholders(query.configTypes)})`];
    const params: unknown[] = [...query.configTypes];
    const add = (clause: string, ...values: unknown[]) => {
      clauses.push(clause);
      params.push(...values);
    };
    if (query.jobIds) add(`jobs.id IN (${placeholders(query.jobIds)})`, ...query.jobIds);
    if (query.connectionIds)
      add(`jobs.connection_id IN (${placeholders(query.connectionIds)})`, ...query.connectionIds);
    if (query.workspaceIds)
      add(`connections.workspace_id IN (${placeholders(query.workspaceIds)})`, ...query.workspaceIds);
    if (query.statuses?.length) add(`jobs.status IN (${placeholders(query.statuses)})`, ...query.statuses);
    if (query.createdAtStart !== undefined) add("jobs.created_at >= ?", query.createdAtStart);
    if (query.createdAtEnd !== undefined) add("jobs.created_at <= ?", query.createdAtEnd);
    if (query.updatedAtStart !== undefined) add("jobs.updated_at >= ?", query.updatedAtStart);
    if (query.updatedAtEnd !== undefined) add("jobs.updated_at <= ?", query.updatedAtEnd);
    return { where: clauses.join(" AND "), params };
  }
}
