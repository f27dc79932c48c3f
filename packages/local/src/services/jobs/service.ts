/**
 * Jobs: syncs, resets and clears of connections, their attempts and logs, as clients create,
 * read, list and cancel them (public API `/jobs`, Config API `jobs/*`, `attempt/*`). The engine
 * runs them through the job queue (queue.ts); the rules of a job's life both follow are the
 * job lifecycle's (lifecycle.ts).
 */
import {
  type Config,
  isUnfinishedJobStatus,
  type JobCreateRequest,
  type JobResponse,
  type JobStatusEnum,
  type JobTypeEnum,
} from "airbyte-ts";
import type { Store } from "../../store/db.js";
import type { AttemptRow, JobRow } from "../../store/rows.js";
import type { Access, Caller, Level } from "../access.js";
import type { ConnectionAccess } from "../connections/access.js";
import { badRequest, forbidden, notFound, ServiceError, stateConflict, unprocessable } from "../errors.js";
import { configTypeOf, REPLICATION_CONFIG_TYPES, SYNC_CONFIG_TYPES } from "./format.js";
import type { JobLifecycle } from "./lifecycle.js";
import type { JobQuery, JobRecords } from "../../store/job-records.js";
import { type LogFormat, toAttemptInfo, toAttemptRead, toJobRead, toJobResponse } from "./views.js";

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

export class JobsService {
  constructor(
    private readonly store: Store,
    private readonly records: JobRecords,
    private readonly lifecycle: JobLifecycle,
    private readonly access: Access,
    private readonly connectionAccess: ConnectionAccess,
    private readonly logFormat: LogFormat,
  ) {}

  // ---- public API ----

  /**
   * Starts a sync, reset or clear of a connection and answers as soon as the job exists
   * (pending). Clears need editor rights, syncs and resets runner rights, as on Airbyte.
   */
  create(caller: Caller, input: JobCreateRequest): JobResponse {
    const connection = this.connectionAccess.require(
      caller,
      input.connectionId,
      input.jobType === "clear" ? "editor" : "runner",
    );
    if (input.jobType === "refresh") throw unprocessable("Refreshes are not supported in the public API");
    const job = this.lifecycle.enqueue(connection.id, configTypeOf(input.jobType));
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
    const cancelled = this.store.transaction(() => {
      const job = this.records.job(jobId) as JobRow;
      if (!isUnfinishedJobStatus(job.status)) {
        throw stateConflict("Job is not currently running");
      }
      return this.lifecycle.cancel(job, reason);
    });
    this.lifecycle.abortAttempt(jobId, reason);
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
    return this.records.unfinishedJob(connectionId, SYNC_CONFIG_TYPES);
  }

  /** The connection's latest sync or refresh, finished or not. */
  latestSyncJob(connectionId: string): JobRow | undefined {
    return this.records.latestJob(connectionId, SYNC_CONFIG_TYPES);
  }

  /**
   * Cancels the connection's unfinished jobs, as deleting a connection does on Airbyte (its
   * running sync is stopped). Answers the cancelled jobs.
   */
  cancelJobsOfConnection(connectionId: string, reason = "Sync cancelled: the connection was deleted."): JobRow[] {
    const cancelled = this.store.transaction(() => {
      return this.records.unfinishedJobs(connectionId).map((job) => this.lifecycle.cancel(job, reason));
    });
    for (const job of cancelled) this.lifecycle.abortAttempt(job.id, reason);
    return cancelled;
  }

  // ---- rules ----

  private attemptInfoOf(attempt: AttemptRow): Config.AttemptInfoRead {
    return toAttemptInfo(attempt, this.records.logs(attempt.job_id, attempt.number), this.logFormat);
  }

  /** The job, once the caller holds `level` on its connection's workspace (403 before 404). */
  private authorizedJob(caller: Caller, jobId: number, level: Level): JobRow {
    const job = this.records.job(jobId);
    if (!job) {
      if (!caller.instanceAdmin) throw forbidden(`workspace_${level}`);
      throw notFound("job", jobId);
    }
    this.connectionAccess.require(caller, job.connection_id, level);
    return job;
  }

  /** Which jobs a listing may show: one connection's, some workspaces', or every readable one. */
  private readableScope(
    caller: Caller,
    connectionId: string | undefined,
    workspaceIds: string[],
  ): Pick<JobQuery, "connectionIds" | "workspaceIds"> {
    if (connectionId !== undefined) {
      this.connectionAccess.require(caller, connectionId, "reader");
      return { connectionIds: [connectionId] };
    }
    if (workspaceIds.length > 0) {
      for (const id of workspaceIds) this.access.requireWorkspace(caller, id, "reader");
      return { workspaceIds };
    }
    const readable = this.access.readableWorkspaceIds(caller);
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
