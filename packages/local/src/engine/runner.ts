/**
 * The job runner: starts the attempts of pending jobs (and of incomplete ones once their
 * backoff is over) in the background, hands each to the executor, and reports how it ended to
 * the job queue (ports.ts), which decides what comes next. It wakes up when a job is created, when an
 * attempt ends and when a backoff expires, so requests never wait for it.
 */
import type { Config } from "airbyte-ts";
import type { AttemptContext, AttemptExecutor, AttemptFailure, AttemptResult } from "./executor.js";
import type {
  AttemptInputSource,
  AttemptOutcome,
  JobAfterAttempt,
  JobQueue,
  QueuedJob,
  StartedAttempt,
} from "./ports.js";

/** A safety net: look for startable jobs now and then even if no event said so. */
const SAFETY_POLL_MS = 10_000;
/** How long `stop()` waits for running attempts to notice the shutdown. */
const STOP_GRACE_MS = 5_000;

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
    private readonly jobQueue: JobQueue,
    private readonly attemptInputs: AttemptInputSource,
    private readonly executor: AttemptExecutor,
    private readonly report: (message: string) => void,
  ) {}

  start(): void {
    this.jobQueue.recoverInterruptedAttempts();
    this.unsubscribe = this.jobQueue.onJobCreated(() => this.wake());
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
      for (const job of this.jobQueue.startableJobs()) {
        if (this.running.has(job.id) || this.busyConnections.has(job.connectionId)) continue;
        const started = this.jobQueue.startAttempt(job.id);
        if (started) this.track(started.job, this.runAttempt(started));
      }
      this.wakeAtNextRetry();
    } catch (error) {
      this.report(`the job runner could not start jobs: ${(error as Error).stack ?? String(error)}`);
    }
  }

  private track(job: QueuedJob, run: Promise<void>): void {
    this.busyConnections.add(job.connectionId);
    const tracked = run
      .catch((error: unknown) => this.report(`job ${job.id}: ${(error as Error).stack ?? String(error)}`))
      .finally(() => {
        this.running.delete(job.id);
        this.busyConnections.delete(job.connectionId);
        this.wake();
      });
    this.running.set(job.id, tracked);
  }

  private wakeAtNextRetry(): void {
    clearTimeout(this.retryTimer);
    const at = this.jobQueue.nextRetryAt();
    if (at === undefined) return;
    this.retryTimer = setTimeout(() => this.wake(), Math.max(0, at - Date.now()));
    this.retryTimer.unref();
  }

  private async runAttempt({ job, attemptNumber, signal }: StartedAttempt): Promise<void> {
    const attemptSignal = AbortSignal.any([signal, this.shutdown.signal]);
    const log = (level: Config.LogLevel, source: Config.LogSource, message: string) => {
      if (!this.stopped) this.jobQueue.appendLog(job.id, attemptNumber, level, source, message);
    };
    let result: AttemptResult;
    try {
      const context = this.contextFor(job, attemptNumber, attemptSignal, log);
      log("info", "platform", describeStart(context));
      result = await this.executor.run(context);
    } catch (error) {
      result = { status: "failed", failure: unexpectedFailure(error) };
    }
    // The attempt stays as it is for the next start to recover; the store may be closing.
    if (this.stopped) return;
    if (result.stats) this.jobQueue.saveAttemptStats(job.id, attemptNumber, result.stats);
    const finished = this.jobQueue.finishAttempt(job.id, attemptNumber, toOutcome(result));
    this.logOutcome(job, finished, attemptNumber, result, log);
  }

  private contextFor(
    job: QueuedJob,
    attemptNumber: number,
    signal: AbortSignal,
    log: AttemptContext["log"],
  ): AttemptContext {
    const { connection, source, destination, state, checkpoints } = this.attemptInputs.inputsOf(job.connectionId);
    return {
      job: { id: job.id, configType: job.configType, streams: job.streams },
      attemptNumber,
      connection,
      source,
      destination,
      catalog: job.catalog,
      state,
      signal,
      log,
      progress: (stats) => {
        if (!this.stopped) this.jobQueue.saveAttemptStats(job.id, attemptNumber, stats);
      },
      checkpoints,
    };
  }

  private logOutcome(
    job: QueuedJob,
    after: JobAfterAttempt,
    attemptNumber: number,
    result: AttemptResult,
    log: AttemptContext["log"],
  ): void {
    if (after.status === "cancelled") return;
    if (result.status === "succeeded") {
      log("info", "platform", describeSuccess(job, result));
      return;
    }
    const { max } = this.jobQueue.attemptBudget(job.id);
    log("error", "platform", `Attempt ${attemptNumber + 1} of ${max} failed: ${result.failure.message}`);
    if (after.status === "incomplete" && after.nextAttemptAt !== undefined) {
      const wait = Math.max(0, Math.round((after.nextAttemptAt - after.updatedAt) / 1000));
      log("info", "platform", `Retrying in ${wait} s (attempt ${attemptNumber + 2} of ${max}).`);
    } else if (after.status === "failed") {
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
    `source "${source.name}" -> destination "${destination.name}".`
  );
}

function describeSuccess(job: QueuedJob, result: AttemptResult): string {
  if (job.configType === "reset_connection" || job.configType === "clear") {
    return `The ${job.configType === "clear" ? "clear" : "reset"} succeeded; the state of its streams is cleared.`;
  }
  const total = result.stats?.total;
  return `The sync succeeded: ${total?.recordsCommitted ?? 0} records (${total?.bytesCommitted ?? 0} bytes) committed.`;
}
