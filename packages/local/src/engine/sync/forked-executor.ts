/**
 * Runs each attempt in a child process (worker.ts), so that the API stays responsive while
 * records move, a connector's native code cannot take the server down, and a cancel can stop
 * the work at once: the worker is asked to stop, and killed if it does not within a moment
 * (its destination transaction is rolled back either way).
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "airbyte-ts";
import type { AttemptContext, AttemptExecutor, AttemptFailure, AttemptResult } from "../executor.js";
import type { FromWorker, ToWorker } from "./messages.js";
import { planAttempt, sourceState, withStreamState } from "./plan.js";
import { describeEnd, type WorkerEnd, type WorkerObserver, WorkerProcess } from "./worker-process.js";

export type { WorkerEvent } from "./worker-process.js";

/** How long a cancelled worker may take to roll back before it is killed. */
const CANCEL_GRACE_MS = 1_500;

export interface ForkedExecutorOptions {
  /** Where `/local` paths lead. */
  localDirectory: string;
  /**
   * Told of each worker's fork, messages and exit, synchronously; it must not throw. The one
   * seam for watching workers from outside (the worker-deaths test kills them at such points).
   */
  observe?: WorkerObserver;
  /** The worker's script; by default the one beside this module (see `workerEntry`). */
  worker?: WorkerEntry;
}

export interface WorkerEntry {
  path: string;
  /** Node's options for it, e.g. a loader. */
  execArgv: string[];
}

export class ForkedExecutor implements AttemptExecutor {
  private readonly entry: WorkerEntry;

  constructor(private readonly options: ForkedExecutorOptions) {
    this.entry = options.worker ?? workerEntry();
  }

  run(context: AttemptContext): Promise<AttemptResult> {
    const plan = planAttempt(context, this.options.localDirectory);
    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      const finish = (result: AttemptResult) => {
        if (settled) return;
        settled = true;
        context.signal.removeEventListener("abort", onAbort);
        resolve(result);
      };
      const checkpoints = new CheckpointBook(context);
      const handle = (message: FromWorker) => {
        const reply = (requestId: number, extra: Partial<Extract<ToWorker, { type: "reply" }>> = {}) =>
          worker.send({ type: "reply", requestId, ...extra });
        switch (message.type) {
          case "log":
            context.log(message.level, message.source, message.message);
            break;
          case "progress":
            context.progress(message.stats);
            break;
          case "resume":
            reply(message.requestId, { state: sourceState(checkpoints.resume(message.lastCommittedCheckpoint)) });
            break;
          case "prepare":
            checkpoints.prepare(message.checkpointId, message.states);
            reply(message.requestId);
            break;
          case "confirm":
            checkpoints.confirm(message.checkpointId);
            break;
          case "done":
            finish(message.status === "succeeded" ? { status: "succeeded", stats: message.stats } : message);
            break;
        }
      };
      const worker = new WorkerProcess({
        ...this.entry,
        attempt: { connectionId: plan.connectionId, jobId: plan.jobId, attemptNumber: plan.attemptNumber },
        observe: this.options.observe && guarded(this.options.observe, context),
        onMessage: (message) => {
          try {
            handle(message);
          } catch (error) {
            // The worker may be waiting for a reply that will not come: it is stopped for good.
            worker.kill();
            finish({ status: "failed", failure: serverFailure(message, error) });
          }
        },
      });
      const onAbort = () => worker.stop(CANCEL_GRACE_MS);
      context.signal.addEventListener("abort", onAbort, { once: true });
      void worker.ended.then((end) => finish(context.signal.aborted ? cancelled() : stopped(end)));
      worker.send({ type: "start", plan });
      if (context.signal.aborted) onAbort();
    });
  }
}

/** An observer that throws is reported in the attempt's log rather than thrown at the worker's events. */
function guarded(observe: WorkerObserver, context: AttemptContext): WorkerObserver {
  return (event) => {
    try {
      observe(event);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      context.log("warn", "platform", `The worker observer failed on a ${event.type} event: ${text}`);
    }
  };
}

function cancelled(): AttemptResult {
  return {
    status: "failed",
    failure: { origin: "airbyte_platform", type: "manual_cancellation", message: "The sync was cancelled." },
  };
}

/** A worker that went before saying how its attempt ended. */
function stopped(end: WorkerEnd): AttemptResult {
  const what = end.started ? "stopped unexpectedly" : "could not be started";
  return {
    status: "failed",
    failure: {
      origin: "replication",
      type: "system_error",
      message: `The sync worker ${what} (${describeEnd(end)}).`,
      ...(end.error?.stack ? { internalMessage: end.error.stack } : {}),
      retryable: true,
    },
  };
}

/** The server could not handle a message of the worker (its store failed, say). */
function serverFailure(message: FromWorker, error: unknown): AttemptFailure {
  const text = error instanceof Error ? error.message : String(error);
  return {
    origin: "airbyte_platform",
    type: "system_error",
    message: `The local server could not handle the sync worker's ${message.type} message: ${text}`,
    internalMessage: error instanceof Error && error.stack ? error.stack : text,
    retryable: true,
  };
}

/**
 * The connection's state through an attempt: checkpoints held as pending, then confirmed, and
 * after a crash, settled against what the destination says it committed.
 */
class CheckpointBook {
  private current: Config.ConnectionState;

  constructor(private readonly context: AttemptContext) {
    this.current = context.state;
  }

  resume(lastCommitted: string | null): Config.ConnectionState {
    this.current = this.context.checkpoints.settle(lastCommitted);
    return this.current;
  }

  prepare(
    checkpointId: string,
    states: { stream: { name: string; namespace?: string }; state: Record<string, unknown> }[],
  ): void {
    const next = states.reduce((state, entry) => withStreamState(state, entry.stream, entry.state), this.current);
    this.context.checkpoints.prepare(checkpointId, next);
    this.pending = { checkpointId, state: next };
  }

  confirm(checkpointId: string): void {
    if (this.pending?.checkpointId !== checkpointId) return;
    this.context.checkpoints.confirm(checkpointId);
    this.current = this.pending.state;
    this.pending = undefined;
  }

  private pending: { checkpointId: string; state: Config.ConnectionState } | undefined;
}

/**
 * The worker's entry: the built `sync-worker.js` beside the bundle, or, when the server runs
 * from its TypeScript sources (tests), `worker.ts` through the tsx loader.
 */
function workerEntry(): WorkerEntry {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, "sync-worker.js");
  if (existsSync(built)) return { path: built, execArgv: [] };
  return { path: join(here, "worker.ts"), execArgv: ["--import", "tsx"] };
}
