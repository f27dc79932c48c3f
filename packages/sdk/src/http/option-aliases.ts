/**
 * openai-node's option names beside ours: `timeout` (milliseconds) for `timeoutMs`, and
 * `maxRetries` for `retries: { maxRetries }`. Both spellings are accepted, on the client and per
 * call; giving both with different values is a mistake caught before any request.
 */
import { InvalidArgumentError } from "./errors.js";
import type { RetryOptions } from "./retry.js";

export interface TimeoutAndRetryOptions {
  /** Time allowed for each attempt, in milliseconds. */
  timeoutMs?: number | undefined;
  /** The same as `timeoutMs` (openai-node's name), in milliseconds. */
  timeout?: number | undefined;
  /** Retry policy, or `false` for none. */
  retries?: RetryOptions | false | undefined;
  /** Retries after the first attempt: the same as `retries: { maxRetries }` (openai-node's name). */
  maxRetries?: number | undefined;
}

/** The attempt timeout the options name, in milliseconds, whichever spelling they use. */
export function timeoutOf(options: TimeoutAndRetryOptions, where: string): number | undefined {
  const { timeoutMs, timeout } = options;
  if (timeoutMs !== undefined && timeout !== undefined && timeoutMs !== timeout) {
    throw new InvalidArgumentError(
      `${where}timeout and timeoutMs are two names for one option; got ${String(timeout)} and ${String(timeoutMs)}.`,
    );
  }
  return timeoutMs ?? timeout;
}

/** The retry options the options name, with `maxRetries` folded in. */
export function retriesOf(options: TimeoutAndRetryOptions, where: string): RetryOptions | false | undefined {
  const { retries, maxRetries } = options;
  if (maxRetries === undefined) return retries;
  if (retries === false) {
    throw new InvalidArgumentError(`${where}retries: false and maxRetries contradict each other; pass one.`);
  }
  if (retries?.maxRetries !== undefined && retries.maxRetries !== maxRetries) {
    throw new InvalidArgumentError(
      `${where}maxRetries and retries.maxRetries are two names for one option; got ${maxRetries} and ${retries.maxRetries}.`,
    );
  }
  return { ...retries, maxRetries };
}
