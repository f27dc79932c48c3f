/**
 * Runs each attempt in a child process (worker.ts), so that the API stays responsive while
 * records move, a connector's native code cannot take the server down, and a cancel can stop
 * the work at once: the worker is asked to stop, and killed if it does not within a moment
 * (its destination transaction is rolled back either way).
 */
import { type ChildProcess, fork } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "airbyte-ts";
import type { AttemptContext, AttemptExecutor, AttemptResult } from "../executor.js";
import type { FromWorker, ToWorker } from "./messages.js";
import { planAttempt, sourceState, withStreamState } from "./plan.js";

/** How long a cancelled worker may take to roll back before it is killed. */
const CANCEL_GRACE_MS = 1_500;

export interface ForkedExecutorOptions {
  /** Where `/local` paths lead. */
  localDirectory: string;
}

export class ForkedExecutor implements AttemptExecutor {
  constructor(private readonly options: ForkedExecutorOptions) {}

  run(context: AttemptContext): Promise<AttemptResult> {
    const plan = planAttempt(context, this.options.localDirectory);
    const { path, execArgv } = workerEntry();
    const child = fork(path, [], { execArgv, stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "advanced" });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4_000);
    });
    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      const finish = (result: AttemptResult) => {
        if (settled) return;
        settled = true;
        context.signal.removeEventListener("abort", onAbort);
        resolve(result);
      };
      const onAbort = () => stop(child);
      context.signal.addEventListener("abort", onAbort, { once: true });
      const checkpoints = new CheckpointBook(context);
      child.on("message", (message: FromWorker) => {
        const reply = (requestId: number, extra: Partial<Extract<ToWorker, { type: "reply" }>> = {}) =>
          send(child, { type: "reply", requestId, ...extra });
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
      });
      child.once("exit", (code, signal) => {
        if (context.signal.aborted) {
          finish({
            status: "failed",
            failure: { origin: "airbyte_platform", type: "manual_cancellation", message: "The sync was cancelled." },
          });
          return;
        }
        const detail = stderr.trim().split("\n").slice(-3).join(" ") || `exit code ${code ?? signal}`;
        finish({
          status: "failed",
          failure: {
            origin: "replication",
            type: "system_error",
            message: `The sync worker stopped unexpectedly (${detail}).`,
            retryable: true,
          },
        });
      });
      send(child, { type: "start", plan });
      if (context.signal.aborted) onAbort();
    });
  }
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

  prepare(checkpointId: string, states: { stream: { name: string; namespace?: string }; state: Record<string, unknown> }[]): void {
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

function send(child: ChildProcess, message: ToWorker): void {
  if (child.connected) child.send(message);
}

function stop(child: ChildProcess): void {
  send(child, { type: "cancel" });
  const kill = setTimeout(() => child.kill("SIGKILL"), CANCEL_GRACE_MS);
  kill.unref();
  child.once("exit", () => clearTimeout(kill));
}

/**
 * The worker's entry: the built `sync-worker.js` beside the bundle, or, when the server runs
 * from its TypeScript sources (tests), `worker.ts` through the tsx loader.
 */
function workerEntry(): { path: string; execArgv: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, "sync-worker.js");
  if (existsSync(built)) return { path: built, execArgv: [] };
  return { path: join(here, "worker.ts"), execArgv: ["--import", "tsx"] };
}
