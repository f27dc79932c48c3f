/**
 * A sync worker as the server sees it: a forked child process and its IPC channel, either of
 * which can go at any moment (the worker crashes or is killed, the pipe breaks while a message
 * is on its way, the fork itself fails). Nothing here throws or emits an unheard 'error': a
 * write that fails ends the worker, and `ended` settles exactly once, when the process is gone
 * and the messages it sent before have been handed over.
 */
import { type ChildProcess, fork } from "node:child_process";
import type { FromWorker, ToWorker } from "./messages.js";

/** What a worker went through, for an observer (tests kill workers at chosen points with it). */
export type WorkerEvent = { pid: number } & WorkerAttempt & WorkerEventBody;

/** The attempt a worker runs. */
interface WorkerAttempt {
  connectionId: string;
  jobId: number;
  attemptNumber: number;
}

type WorkerEventBody =
  | { type: "forked" }
  | { type: "sent"; message: ToWorker["type"] }
  | { type: "received"; message: FromWorker["type"] }
  | { type: "disconnected" }
  | { type: "exited"; code: number | null; signal: NodeJS.Signals | null };

export type WorkerObserver = (event: WorkerEvent) => void;

/** How a worker ended. */
export interface WorkerEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines it wrote to stderr. */
  stderrTail: string;
  /** Why the server could not start it, or could not deliver a message to it. */
  error?: Error;
  /** False when the process never started. */
  started: boolean;
}

export interface WorkerOptions {
  path: string;
  execArgv: string[];
  attempt: WorkerAttempt;
  onMessage: (message: FromWorker) => void;
  observe?: WorkerObserver | undefined;
}

/** How long a worker whose channel closed may take to exit by itself. */
export const DISCONNECTED_GRACE_MS = 3_000;
const STDERR_KEPT = 4_000;
const STDERR_TAIL_LINES = 3;

export class WorkerProcess {
  readonly ended: Promise<WorkerEnd>;
  private readonly child: ChildProcess | undefined;
  private stderr = "";
  private error: Error | undefined;
  private killTimer: NodeJS.Timeout | undefined;
  private killAt = Infinity;
  private settle: (end: WorkerEnd) => void = () => undefined;

  constructor(private readonly options: WorkerOptions) {
    this.ended = new Promise((resolve) => {
      let settled = false;
      this.settle = (end) => {
        if (settled) return;
        settled = true;
        clearTimeout(this.killTimer);
        resolve(end);
      };
    });
    try {
      this.child = fork(options.path, [], {
        execArgv: options.execArgv,
        stdio: ["ignore", "ignore", "pipe", "ipc"],
        serialization: "advanced",
      });
    } catch (error) {
      this.settle(this.end(null, null, error as Error, false));
      return;
    }
    this.listen(this.child);
  }

  /** Sends a message; if it cannot be delivered, the channel is broken and the worker is killed. */
  send(message: ToWorker, onFailure: () => void = () => this.kill()): void {
    const child = this.child;
    if (!child?.connected) {
      onFailure();
      return;
    }
    try {
      child.send(message, undefined, {}, (error) => {
        if (!error) return;
        this.undelivered(message, error);
        onFailure();
      });
    } catch (error) {
      // A message that cannot be serialized throws at once.
      this.undelivered(message, error as Error);
      onFailure();
      return;
    }
    this.observe({ type: "sent", message: message.type });
  }

  /**
   * Asks the worker to stop (it rolls its destination transaction back) and kills it if it has
   * not gone within `graceMs`, or at once when the request cannot reach it.
   */
  stop(graceMs: number): void {
    this.send({ type: "cancel" });
    this.killAfter(graceMs);
  }

  kill(): void {
    // An 'error' of a failed kill goes to the child's listener; a gone process is no error.
    this.child?.kill("SIGKILL");
  }

  private listen(child: ChildProcess): void {
    child.on("error", (error) => {
      this.error ??= error;
      if (child.pid === undefined) this.settle(this.end(null, null, error, false));
    });
    child.stderr?.on("error", (error) => (this.error ??= error));
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_KEPT);
    });
    child.on("message", (message: FromWorker) => {
      this.observe({ type: "received", message: message.type });
      this.options.onMessage(message);
    });
    // A worker that lost its channel exits by itself (worker.ts); one that does not is killed.
    child.on("disconnect", () => {
      this.observe({ type: "disconnected" });
      this.killAfter(DISCONNECTED_GRACE_MS);
    });
    // The process is reaped when 'exit' comes: its pid may be another process's from then on.
    child.once("exit", (code, signal) => this.observe({ type: "exited", code, signal }));
    // 'close' comes after 'exit', once stderr and the IPC channel are drained: the messages the
    // worker sent before it died ('done' among them) have all been handled by then.
    child.once("close", (code, signal) => this.settle(this.end(code, signal, this.error, child.pid !== undefined)));
    this.observe({ type: "forked" });
  }

  private undelivered(message: ToWorker, error: Error): void {
    this.error ??= new Error(`its ${message.type} message could not be delivered: ${error.message}`);
  }

  /** Kills the worker in `ms` unless an earlier kill is already due. */
  private killAfter(ms: number): void {
    const at = Date.now() + ms;
    if (this.killTimer && this.killAt <= at) return;
    clearTimeout(this.killTimer);
    this.killAt = at;
    this.killTimer = setTimeout(() => this.kill(), ms);
    this.killTimer.unref();
  }

  private end(
    code: number | null,
    signal: NodeJS.Signals | null,
    error: Error | undefined,
    started: boolean,
  ): WorkerEnd {
    const lines = this.stderr.split("\n").map((line) => line.trim());
    const stderrTail = lines
      .filter((line) => line !== "")
      .slice(-STDERR_TAIL_LINES)
      .join(" ");
    return { code, signal, stderrTail, started, ...(error ? { error } : {}) };
  }

  private observe(event: WorkerEventBody): void {
    const pid = this.child?.pid;
    if (pid !== undefined) this.options.observe?.({ pid, ...this.options.attempt, ...event });
  }
}

/** Why a worker stopped, in words: how it ended, and the last thing it wrote to stderr. */
export function describeEnd(end: WorkerEnd): string {
  if (!end.started) return end.error?.message ?? "no reason given";
  const parts = [end.signal ? `killed by ${end.signal}` : `exit code ${end.code ?? "unknown"}`];
  if (end.error) parts.push(end.error.message);
  if (end.stderrTail) parts.push(`stderr: ${end.stderrTail}`);
  return parts.join("; ");
}
