/**
 * The job runner: starts the attempts of pending jobs (and of incomplete ones once their
 * backoff is over) in the background, hands each to the executor, and reports how it ended to
 * the jobs service, which decides what comes next. It wakes up when a job is created, when an
 * attempt ends and when a backoff expires, so requests never wait for it.
 */
import type { Config } from "airbyte-ts";
import { json } from "../store/db.js";
import type { AttemptRow, JobRow } from "../store/rows.js";
import type { Services } from "../services/index.js";
import type { AttemptOutcome } from "../services/jobs/service.js";
import type { AttemptContext, AttemptExecutor, AttemptFailure, AttemptResult } from "./executor.js";
import { jobCatalog } from "../services/jobs/views.js";

/** A safety net: look for startable jobs now and then even if no event said so. */
const SAFETY_POLL_MS = 10_000;
/** How long `stop()` waits for running attempts to notice the shutdown. */
const STOP_GRACE_MS = 5_000;

interface StartedAttempt {
  job: JobRow;
  attempt: AttemptRow;
  signal: AbortSignal;
}

export class JobRunner {
  private readonly running = new Map<number, Promise<void>>();
  /**
   * Connections with an attempt still in the executor. A cancelled job is cancelled in the
   * store at once, while its worker may still be rolling back (and sending its last messages):
   * the connection's next job waits for that to end, so two attempts never write one
   * destination, nor one connection's state, at the same time.
   */
  private readonly busyConnections = new Set<string>();
  private readonly shutdown = new AbortController();
  private retryTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private wakeQueued = false;

  constructor(
    private readonly services: Services,
    private readonly executor: AttemptExecutor,
    private readonly report: (message: string) => void,
  ) {}

  start(): void {
    this.services.jobs.recoverInterruptedJobs();
    this.unsubscribe = this.services.jobs.onJobCreated(() => this.wake());
    this.pollTimer = setInterval(() => this.wake(), SAFETY_POLL_MS);
    this.pollTimer.unref();
    this.wake();
  }

  /**
   * Stops starting attempts and tells running ones to stop. Their jobs stay as they are in the
   * store: the next start of the server fails the interrupted attempts and retries the jobs.
   */
  async stop(): Promise<void> {
    this.shutdown.abort(new Error("The local server is stopping."));
    this.unsubscribe?.();
    clearTimeout(this.retryTimer);
    clearInterval(this.pollTimer);
    let grace: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      grace = setTimeout(resolve, STOP_GRACE_MS);
    });
    await Promise.race([Promise.allSettled(this.running.values()), timeout]);
    clearTimeout(grace);
  }

  /** Looks for startable jobs soon; several wake-ups in a row make one look. */
  wake(): void {
    if (this.stopped || this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      if (!this.stopped) this.startJobs();
    });
  }

  private get stopped(): boolean {
    return this.shutdown.signal.aborted;
  }

  private startJobs(): void {
    try {
      for (const job of this.services.jobs.startableJobs()) {
        if (this.running.has(job.id) || this.busyConnections.has(job.connection_id)) continue;
        const started = this.services.jobs.startAttempt(job.id);
        if (started) this.track(started.job, this.runAttempt(started));
      }
      this.wakeAtNextRetry();
    } catch (error) {
      this.report(`the job runner could not start jobs: ${(error as Error).stack ?? String(error)}`);
    }
  }

  private track(job: JobRow, run: Promise<void>): void {
    this.busyConnections.add(job.connection_id);
    const tracked = run
      .catch((error: unknown) => this.report(`job ${job.id}: ${(error as Error).stack ?? String(error)}`))
      .finally(() => {
        this.running.delete(job.id);
        this.busyConnections.delete(job.connection_id);
        this.wake();
      });
    this.running.set(job.id, tracked);
  }

  private wakeAtNextRetry(): void {
    clearTimeout(this.retryTimer);
    const at = this.services.jobs.nextRetryAt();
    if (at === undefined) return;
    this.retryTimer = setTimeout(() => this.wake(), Math.max(0, at - Date.now()));
    this.retryTimer.unref();
  }

  private async runAttempt({ job, attempt, signal }: StartedAttempt): Promise<void> {
    const attemptSignal = AbortSignal.any([signal, this.shutdown.signal]);
    const log = (level: Config.LogLevel, source: Config.LogSource, message: string) => {
      if (!this.stopped) this.services.jobs.appendLog(job.id, attempt.number, level, source, message);
    };
    let result: AttemptResult;
    try {
      const context = this.contextFor(job, attempt.number, attemptSignal, log);
      log("info", "platform", describeStart(context));
      result = await this.executor.run(context);
    } catch (error) {
      result = { status: "failed", failure: unexpectedFailure(error) };
    }
    // The attempt stays as it is for the next start to recover; the store may be closing.
    if (this.stopped) return;
    if (result.stats) this.services.jobs.saveAttemptStats(job.id, attempt.number, result.stats);
    const finished = this.services.jobs.finishAttempt(job.id, attempt.number, toOutcome(result), () =>
      this.afterSuccess(job),
    );
    this.logOutcome(finished, attempt.number, result, log);
  }

  private contextFor(
    job: JobRow,
    attemptNumber: number,
    signal: AbortSignal,
    log: AttemptContext["log"],
  ): AttemptContext {
    const { actors, connections, state } = this.services;
    const connection = connections.row(job.connection_id);
    const source = actors.sourceRow(connection.source_id);
    const destination = actors.destinationRow(connection.destination_id);
    return {
      job: {
        id: job.id,
        configType: job.config_type as Config.JobConfigType,
        streams: json<Config.StreamDescriptor[]>(job.streams) ?? [],
      },
      attemptNumber,
      connection,
      source: { row: source, configuration: actors.configuration(source) },
      destination: { row: destination, configuration: actors.configuration(destination) },
      catalog: jobCatalog(job),
      state: state.read(connection.id),
      signal,
      log,
      progress: (stats) => {
        if (!this.stopped) this.services.jobs.saveAttemptStats(job.id, attemptNumber, stats);
      },
      checkpoints: {
        prepare: (checkpointId, pending) => state.prepareCheckpoint(connection.id, checkpointId, pending),
        confirm: (checkpointId) => state.confirmCheckpoint(connection.id, checkpointId),
        settle: (lastCommitted) => state.settleCheckpoint(connection.id, lastCommitted),
      },
    };
  }

  /** A reset or clear forgets where its streams stopped once it succeeded. */
  private afterSuccess(job: JobRow): void {
    if (job.config_type !== "reset_connection" && job.config_type !== "clear") return;
    this.services.state.clearStreams(job.connection_id, json<Config.StreamDescriptor[]>(job.streams));
  }

  private logOutcome(job: JobRow, attemptNumber: number, result: AttemptResult, log: AttemptContext["log"]): void {
    if (job.status === "cancelled") return;
    if (result.status === "succeeded") {
      log("info", "platform", describeSuccess(job, result));
      return;
    }
    const { max } = this.services.jobs.attemptBudget(job.id);
    log("error", "platform", `Attempt ${attemptNumber + 1} of ${max} failed: ${result.failure.message}`);
    if (job.status === "incomplete" && job.next_attempt_at !== null) {
      const wait = Math.max(0, Math.round((job.next_attempt_at - job.updated_at) / 1000));
      log("info", "platform", `Retrying in ${wait} s (attempt ${attemptNumber + 2} of ${max}).`);
    } else if (job.status === "failed") {
      log("error", "platform", `The job failed after ${attemptNumber + 1} attempt${attemptNumber ? "s" : ""}.`);
    }
  }
}

function toOutcome(result: AttemptResult): AttemptOutcome {
  if (result.status === "succeeded") return { status: "succeeded" };
  const { failure } = result;
  return {
    status: "failed",
    failure: {
      failureOrigin: failure.origin,
      failureType: failure.type,
      externalMessage: failure.message,
      internalMessage: failure.internalMessage ?? failure.message,
      retryable: failure.retryable ?? true,
      timestamp: Date.now(),
      ...(failure.stream ? { streamDescriptor: failure.stream } : {}),
    },
  };
}

function unexpectedFailure(error: unknown): AttemptFailure {
  const message = error instanceof Error ? error.message : String(error);
  return {
    origin: "airbyte_platform",
    type: "system_error",
    message: `Something went wrong in the local server: ${message}`,
    internalMessage: error instanceof Error && error.stack ? error.stack : message,
  };
}

function describeStart(context: AttemptContext): string {
  const { connection, source, destination, job, catalog } = context;
  const what =
    job.configType === "sync" || job.configType === "refresh"
      ? `${job.configType === "sync" ? "sync" : "refresh"} of ${catalog.streams.length} stream${catalog.streams.length === 1 ? "" : "s"}`
      : `${job.configType === "clear" ? "clear" : "reset"} of ${job.streams.length} stream${job.streams.length === 1 ? "" : "s"}`;
  return (
    `Starting ${what} of connection "${connection.name}" (${connection.id}), attempt ${context.attemptNumber + 1}: ` +
    `source "${source.row.name}" -> destination "${destination.row.name}".`
  );
}

function describeSuccess(job: JobRow, result: AttemptResult): string {
  if (job.config_type === "reset_connection" || job.config_type === "clear") {
    return `The ${job.config_type === "clear" ? "clear" : "reset"} succeeded; the state of its streams is cleared.`;
  }
  const total = result.stats?.total;
  return `The sync succeeded: ${total?.recordsCommitted ?? 0} records (${total?.bytesCommitted ?? 0} bytes) committed.`;
}
