/**
 * The one poll loop of the high-level objects: look, hand the answer over, stop when it says
 * done or the time is up, else pause (each pause longer than the last, up to a ceiling) and
 * look again.
 */
import { RequestAbortedError } from "../http/errors.js";
import { sleep } from "../internal/sleep.js";
import { InputError } from "./errors.js";

/** Each pause is this many times the last, up to `maxPollIntervalMs`. */
const POLL_BACKOFF = 1.5;

export interface PollSchedule {
  /** The first pause between looks, in milliseconds. */
  pollIntervalMs: number;
  /** The longest pause. Default `pollIntervalMs` (pauses do not grow). */
  maxPollIntervalMs?: number;
  /** No look starts after this many milliseconds; default no limit. */
  waitTimeoutMs?: number;
  /** Stops a pause, rejecting with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * Yields what `look` answers, every time, until `isDone` says so of an answer (which is yielded
 * too) or `waitTimeoutMs` have passed (the last answer yielded is then not done). The schedule
 * is checked at the first step.
 */
export async function* pollUntil<T>(
  look: () => Promise<T>,
  isDone: (answer: T) => boolean,
  schedule: PollSchedule,
): AsyncGenerator<T, void, undefined> {
  const { pollIntervalMs, maxPollIntervalMs = pollIntervalMs, waitTimeoutMs, signal } = schedule;
  checkPollSchedule(waitTimeoutMs, pollIntervalMs, maxPollIntervalMs);
  const deadline = waitTimeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + waitTimeoutMs;
  let pause = pollIntervalMs;
  for (;;) {
    const answer = await look();
    yield answer;
    if (isDone(answer)) return;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return;
    await sleep(Math.min(pause, remaining), signal);
    pause = Math.min(pause * POLL_BACKOFF, maxPollIntervalMs);
  }
}

function checkPollSchedule(waitTimeoutMs: number | undefined, pollIntervalMs: number, maxPollIntervalMs: number): void {
  if (waitTimeoutMs !== undefined && !(Number.isFinite(waitTimeoutMs) && waitTimeoutMs >= 0)) {
    throw new InputError(`waitTimeoutMs must be a number of milliseconds, 0 or more; got ${String(waitTimeoutMs)}.`);
  }
  if (!(Number.isFinite(pollIntervalMs) && pollIntervalMs > 0)) {
    throw new InputError(`pollIntervalMs must be a positive number of milliseconds; got ${String(pollIntervalMs)}.`);
  }
  if (!(Number.isFinite(maxPollIntervalMs) && maxPollIntervalMs >= pollIntervalMs)) {
    throw new InputError(
      `maxPollIntervalMs must be at least pollIntervalMs (${pollIntervalMs}); got ${String(maxPollIntervalMs)}.`,
    );
  }
}

/**
 * Runs `work`; when `signal` aborts it, rejects with the signal's reason whether the abort came
 * during a request (the transport's `RequestAbortedError`) or a pause.
 */
export async function withAbortReason<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (signal?.aborted && (error instanceof RequestAbortedError || error === signal.reason)) throw signal.reason;
    throw error;
  }
}
