/**
 * A job of a connection and what it produced: its status and counts, its attempts and logs,
 * waiting for it, cancelling it, and reading the tables it wrote (through `airbyte-ts`'s
 * destination readers).
 */
import type { Config, JobResponse } from "../api/index.js";
import type { DestinationReader, OpenDestinationOptions } from "../datasets/reader.js";
import { openDestination } from "../datasets/reader.js";
import type { Dataset } from "../datasets/dataset.js";
import type { Row } from "../datasets/backend.js";
import { schemaName } from "../datasets/naming.js";
import { AirbyteError } from "../http/errors.js";
import type { CloudConnection } from "./connection.js";
import { isFailedJobStatus, isFinalJobStatus } from "../api/job-statuses.js";
import type { JobStatusEnum } from "./constants.js";
import { ConnectionSyncError, ConnectionSyncTimeoutError, InputError, orMissing } from "./errors.js";
import type { RequestOptions } from "../http/request-options.js";
import type { GetInfoOptions } from "./options.js";
import { logLinesOf } from "./log-lines.js";
import { pollUntil, withAbortReason } from "./polling.js";
import { SyncAttempt } from "./sync-attempt.js";
import { type CloudJobInfo, jobInfo } from "./models.js";
import type { CloudWorkspace } from "./workspace.js";
import { jobUrlOf } from "./urls.js";

/** How long `waitForCompletion` waits by default: 30 minutes, in milliseconds. */
export const DEFAULT_SYNC_TIMEOUT_MS = 30 * 60 * 1000;
const DEFAULT_POLL_INTERVAL_MS = 1_000;
const DEFAULT_MAX_POLL_INTERVAL_MS = 10_000;

export interface WaitOptions {
  /** Milliseconds to wait before giving up. Default 1 800 000 (30 minutes). */
  waitTimeoutMs?: number;
  /** Throw `ConnectionSyncTimeoutError` when the time is up (default), or return the status. */
  raiseTimeout?: boolean;
  /** Throw `ConnectionSyncError` when the job ends failed or cancelled. Default false. */
  raiseFailure?: boolean;
  /** Cancel the job when the time is up, before throwing or returning. Default false. */
  cancelOnTimeout?: boolean;
  /** First pause between polls; each next pause is 1.5 times longer, up to `maxPollIntervalMs`. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Longest pause between polls. Default 10 000 ms. */
  maxPollIntervalMs?: number;
  /** Called with the job after every poll. */
  onProgress?: (job: CloudJobInfo) => void | Promise<void>;
}

/** How far a job has got: what was read and what the destination committed, over all its attempts. */
export interface SyncProgress {
  jobId: number;
  status: JobStatusEnum;
  /** Records the source emitted so far. */
  recordsEmitted: number;
  bytesEmitted: number;
  /** Records the destination committed so far (what `recordsSynced` reports once the job is over). */
  recordsCommitted: number;
  bytesCommitted: number;
}

export interface FollowLogsOptions {
  /** Pause between looks at the logs. Default 1000 ms. */
  pollIntervalMs?: number;
}

export class SyncResult {
  readonly workspace: CloudWorkspace;
  readonly connection: CloudConnection;
  readonly jobId: number;
  #job: CloudJobInfo | undefined;
  #jobWithAttempts: Config.JobInfoRead | undefined;
  #reader: Promise<DestinationReader> | undefined;

  /** Prefer `connection.getSyncResult(jobId)` or `connection.runSync()`. Makes no request. */
  constructor(workspace: CloudWorkspace, connection: CloudConnection, jobId: number, job?: JobResponse) {
    this.workspace = workspace;
    this.connection = connection;
    this.jobId = jobId;
    this.#job = job && jobInfo(job);
  }

  /** The job's entry in the connection's timeline (its first attempt). */
  get jobUrl(): string {
    return jobUrlOf(this.workspace.workspaceUrl, this.connection.connectionId, this.jobId);
  }

  // ---- status --------------------------------------------------------------------------------

  /** The job, fetched unless it is known to have finished (a finished job never changes). */
  async getJobInfo(request?: RequestOptions): Promise<CloudJobInfo> {
    if (this.#job && isFinalJobStatus(this.#job.status)) return this.#job;
    const response = await orMissing(this.workspace.api.jobs.getJob({ jobId: this.jobId }, request), {
      resourceType: "job",
      resourceId: String(this.jobId),
      workspaceUrl: this.workspace.workspaceUrl,
    });
    if (response.connectionId && response.connectionId !== this.connection.connectionId) {
      throw new InputError(
        `Job ${this.jobId} belongs to connection '${response.connectionId}', not '${this.connection.connectionId}'.`,
        { context: { jobId: this.jobId, connectionId: this.connection.connectionId } },
      );
    }
    this.#job = jobInfo(response);
    return this.#job;
  }

  async getJobStatus(request?: RequestOptions): Promise<JobStatusEnum> {
    return (await this.getJobInfo(request)).status;
  }

  /** Whether the job has finished: succeeded, failed or cancelled. */
  async isJobComplete(request?: RequestOptions): Promise<boolean> {
    return isFinalJobStatus(await this.getJobStatus(request));
  }

  async getBytesSynced(request?: RequestOptions): Promise<number> {
    return (await this.getJobInfo(request)).bytesSynced ?? 0;
  }

  async getRecordsSynced(request?: RequestOptions): Promise<number> {
    return (await this.getJobInfo(request)).rowsSynced ?? 0;
  }

  /** When the job started; when the public API's time does not parse, the Config API's is used. */
  async getStartTime(request?: RequestOptions): Promise<Date> {
    const parsed = new Date((await this.getJobInfo(request)).startTime);
    if (!Number.isNaN(parsed.getTime())) return parsed;
    const { job: detail } = await this.#fetchJobWithAttempts(request);
    return new Date((detail.startedAt ?? detail.createdAt) * 1000);
  }

  /** Throws `ConnectionSyncError` when the job ended failed or cancelled (the known status unless `refreshStatus`). */
  async raiseFailureStatus(options: { refreshStatus?: boolean } = {}, request?: RequestOptions): Promise<void> {
    const status = options.refreshStatus || !this.#job ? (await this.getJobInfo(request)).status : this.#job.status;
    if (isFailedJobStatus(status)) {
      const reason = await this.#failureReason(request);
      throw new ConnectionSyncError(
        `Sync job ${this.jobId} of connection '${this.connection.connectionId}' ended ${status}${reason ? `: ${reason}` : "."}`,
        { ...this.#errorInit(status), ...(reason ? { context: { failureReason: reason } } : {}) },
      );
    }
  }

  /**
   * Polls the job until it finishes or `waitTimeoutMs` pass, pausing longer between polls
   * as it runs (from `pollIntervalMs` up to `maxPollIntervalMs`). Returns the last status seen.
   * `request.signal` stops the wait (the job goes on) and rejects with its reason; every poll is
   * sent with `request`.
   */
  async waitForCompletion(options: WaitOptions = {}, request?: RequestOptions): Promise<JobStatusEnum> {
    const {
      waitTimeoutMs = DEFAULT_SYNC_TIMEOUT_MS,
      raiseTimeout = true,
      raiseFailure = false,
      cancelOnTimeout = false,
      pollIntervalMs = DEFAULT_POLL_INTERVAL_MS,
      maxPollIntervalMs = DEFAULT_MAX_POLL_INTERVAL_MS,
      onProgress,
    } = options;
    const signal = request?.signal;
    return withAbortReason(signal, async () => {
      let job: CloudJobInfo | undefined;
      const looks = pollUntil(
        () => this.getJobInfo(request),
        (answer) => isFinalJobStatus(answer.status),
        { pollIntervalMs, maxPollIntervalMs, waitTimeoutMs, signal },
      );
      for await (job of looks) await onProgress?.(job);
      // The loop looks at least once, so there is a last job.
      const last = job as CloudJobInfo;
      if (!isFinalJobStatus(last.status)) {
        return this.#timedOut(last.status, waitTimeoutMs, raiseTimeout, cancelOnTimeout, request);
      }
      if (raiseFailure) await this.raiseFailureStatus({}, request);
      return last.status;
    });
  }

  /**
   * The job's counts so far (Config API `jobs/get`): records and bytes read and committed, over
   * all its attempts, as Airbyte aggregates them. The public API's job reports committed rows
   * only, so this is what a progress display of a running sync needs.
   */
  async getProgress(request?: RequestOptions): Promise<SyncProgress> {
    const { job } = await this.#fetchJobWithAttempts(request);
    const stats = job.aggregatedStats;
    return {
      jobId: this.jobId,
      status: job.status,
      recordsEmitted: stats?.recordsEmitted ?? 0,
      bytesEmitted: stats?.bytesEmitted ?? 0,
      recordsCommitted: stats?.recordsCommitted ?? 0,
      bytesCommitted: stats?.bytesCommitted ?? 0,
    };
  }

  /** Cancels the job (`DELETE /jobs/{id}`) and returns its status after that. */
  async cancel(request?: RequestOptions): Promise<JobStatusEnum> {
    const response = await orMissing(this.workspace.api.jobs.cancelJob({ jobId: this.jobId }, request), {
      resourceType: "job",
      resourceId: String(this.jobId),
      workspaceUrl: this.workspace.workspaceUrl,
    });
    this.#job = jobInfo(response);
    return this.#job.status;
  }

  // ---- attempts and logs ---------------------------------------------------------------------

  /** The job's attempts, with their logs (Config API `jobs/get`; kept once the job has finished). */
  async getAttempts(request?: RequestOptions): Promise<SyncAttempt[]> {
    const detail = await this.#fetchJobWithAttempts(request);
    return detail.attempts.map(
      (attempt, index) => new SyncAttempt(this.workspace, this.connection, this.jobId, index, attempt),
    );
  }

  /**
   * Yields the job's log lines as they appear, every attempt's in turn, until the job has
   * finished and its last lines are out. `request.signal` stops it; every look is sent with `request`.
   */
  async *followLogs(options: FollowLogsOptions = {}, request?: RequestOptions): AsyncGenerator<string> {
    const seen: number[] = [];
    const looks = pollUntil(
      () => this.#fetchJobWithAttempts(request),
      (detail) => isFinalJobStatus(detail.job.status),
      { pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, signal: request?.signal },
    );
    for await (const detail of looks) {
      for (const [index, attempt] of detail.attempts.entries()) {
        const lines = logLinesOf(attempt);
        yield* lines.slice(seen[index] ?? 0);
        seen[index] = lines.length;
      }
    }
  }

  // ---- synced data ---------------------------------------------------------------------------

  /** The selected streams' names. */
  getStreamNames(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string[]> {
    return this.connection.getStreamNames(options, request);
  }

  /**
   * A reader of the destination's tables, opened once (later calls return the same reader and
   * ignore `options`). Secrets the API masks come from `options.secrets` or the environment;
   * defaults come from the workspace's `datasetOptions`.
   */
  getDestinationReader(options?: OpenDestinationOptions): Promise<DestinationReader> {
    this.#reader ??= this.#openReader(options ?? this.workspace.datasetOptions);
    this.#reader.catch(() => (this.#reader = undefined));
    return this.#reader;
  }

  /** A stream's table in the destination, read lazily. */
  async getDataset<R extends Row = Row>(streamName: string): Promise<Dataset<R>> {
    const reader = await this.getDestinationReader();
    return reader.dataset<R>(streamName, {
      prefix: await this.connection.getTablePrefix(),
      schemaName: await this.getSqlSchemaName(streamName),
    });
  }

  /** Every selected stream's dataset, by stream name. */
  async getStreams(options: GetInfoOptions = {}, request?: RequestOptions): Promise<Record<string, Dataset>> {
    const names = await this.getStreamNames(options, request);
    const datasets = await Promise.all(names.map((name) => this.getDataset(name)));
    return Object.fromEntries(names.map((name, i) => [name, datasets[i] as Dataset]));
  }

  /** A stream's table name: the connection's prefix and the stream name, normalized as Airbyte does. */
  async getSqlTableName(streamName: string): Promise<string> {
    const reader = await this.getDestinationReader();
    return reader.tableName(streamName, { prefix: await this.connection.getTablePrefix() });
  }

  /**
   * The schema a stream's table is in, after the connection's namespace rules; without a
   * stream, the schema of streams that have no namespace.
   */
  async getSqlSchemaName(streamName?: string): Promise<string> {
    const reader = await this.getDestinationReader();
    const { raw, streams } = await this.connection.getInfo();
    const streamNamespace =
      streamName === undefined ? undefined : streams.find((s) => s.name === streamName)?.namespace;
    return schemaName({
      namespaceDefinition: raw.namespaceDefinition ?? null,
      namespaceFormat: raw.namespaceFormat ?? null,
      streamNamespace: streamNamespace ?? null,
      defaultSchema: reader.defaultSchemaName,
      destinationType: reader.destinationType,
    });
  }

  /** The destination's database (DuckDB: the file's name; BigQuery: the project). */
  async getSqlDatabaseName(): Promise<string> {
    return (await this.getDestinationReader()).databaseName;
  }

  /** The driver's own connection to the destination, for your own SQL (see `DestinationReader.connection`). */
  async getSqlEngine(): Promise<unknown> {
    return (await this.getDestinationReader()).connection();
  }

  /** Closes the destination reader's connections, if one was opened. */
  async close(): Promise<void> {
    const reader = this.#reader;
    this.#reader = undefined;
    if (reader) await (await reader.catch(() => undefined))?.close();
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `SyncResult { jobId: ${this.jobId}, connectionId: '${this.connection.connectionId}', status: ${this.#job?.status ?? "unknown"} }`;
  }

  // ---- internals -----------------------------------------------------------------------------

  async #timedOut(
    status: JobStatusEnum,
    waitTimeoutMs: number,
    raiseTimeout: boolean,
    cancelOnTimeout: boolean,
    request: RequestOptions | undefined,
  ): Promise<JobStatusEnum> {
    const finalStatus = cancelOnTimeout ? await this.cancel(request) : status;
    if (!raiseTimeout) return finalStatus;
    const cancelled = cancelOnTimeout ? " It was cancelled." : "";
    throw new ConnectionSyncTimeoutError(
      `Sync job ${this.jobId} of connection '${this.connection.connectionId}' did not finish within ${waitTimeoutMs / 1000} s (last status: ${status}).${cancelled}`,
      { ...this.#errorInit(finalStatus), timeoutMs: waitTimeoutMs },
    );
  }

  /** What the last attempt says went wrong; a failure to find out must not hide the job's failure. */
  async #failureReason(request: RequestOptions | undefined): Promise<string | undefined> {
    try {
      const { attempts } = await this.#fetchJobWithAttempts(request);
      const failures = attempts.at(-1)?.attempt.failureSummary?.failures ?? [];
      return failures.map((failure) => failure.externalMessage).find((message) => !!message);
    } catch (error) {
      if (error instanceof AirbyteError) return undefined;
      throw error;
    }
  }

  async #fetchJobWithAttempts(request: RequestOptions | undefined): Promise<Config.JobInfoRead> {
    if (this.#jobWithAttempts) return this.#jobWithAttempts;
    const detail = await orMissing(this.workspace.api.config.jobs.get({ id: this.jobId }, request), {
      resourceType: "job",
      resourceId: String(this.jobId),
      workspaceUrl: this.workspace.workspaceUrl,
    });
    if (isFinalJobStatus(detail.job.status)) this.#jobWithAttempts = detail;
    return detail;
  }

  async #openReader(options: OpenDestinationOptions | undefined): Promise<DestinationReader> {
    const destination = await this.connection.getDestination();
    const { raw } = await destination.getInfo();
    return openDestination({ destinationType: raw.destinationType, configuration: raw.configuration }, options);
  }

  #errorInit(status: string) {
    return {
      connectionId: this.connection.connectionId,
      jobId: this.jobId,
      jobStatus: status,
      workspaceUrl: this.workspace.workspaceUrl,
    };
  }
}

// Exported here too, where the public entry point has always taken it from.
