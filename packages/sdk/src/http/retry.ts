/** The retry policy: which failures are retried, and how long to wait before the next attempt. */
import { InvalidArgumentError } from "./errors.js";

export interface RetryOptions {
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  /** First backoff delay. Default 500 ms; each retry doubles it. */
  initialDelayMs?: number;
  /** Cap on any single wait, including one asked for by `Retry-After`. Default 30 s. */
  maxDelayMs?: number;
  /** Cap on the time spent on one call across all attempts and waits. Default 120 s. */
  maxElapsedMs?: number;
  /** Statuses retried. Default 408, 425, 429, 500, 502, 503, 504. */
  statuses?: readonly number[];
  /** Fraction of each backoff delay that is randomised (0..1). Default 0.25. */
  jitter?: number;
}

export type ResolvedRetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY_STATUSES: readonly number[] = [408, 425, 429, 500, 502, 503, 504];

/**
 * Statuses that prove the server did not act on the request, so even a non-idempotent
 * request (POST, PATCH) may be sent again.
 */
const NOT_PROCESSED_STATUSES = new Set([408, 425, 429]);

export const DEFAULT_RETRY_POLICY: ResolvedRetryPolicy = {
  maxRetries: 4,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxElapsedMs: 120_000,
  statuses: DEFAULT_RETRY_STATUSES,
  jitter: 0.25,
};

/** Layers options over a base policy; `false` turns retries off. */
export function resolveRetryPolicy(
  options: RetryOptions | false | undefined,
  base: ResolvedRetryPolicy = DEFAULT_RETRY_POLICY,
): ResolvedRetryPolicy {
  if (options === false) return { ...base, maxRetries: 0 };
  validateRetryOptions(options);
  const policy = { ...base };
  for (const [key, value] of Object.entries(options ?? {}) as [string, unknown][]) {
    if (value !== undefined) Object.assign(policy, { [key]: value });
  }
  return policy;
}

/**
 * Whether a status is worth another attempt. A non-idempotent request is retried only when
 * the status proves the server did nothing; other failures of such requests are ambiguous.
 */
export function isRetryableStatus(policy: ResolvedRetryPolicy, status: number, idempotent: boolean): boolean {
  if (!policy.statuses.includes(status)) return false;
  return idempotent || NOT_PROCESSED_STATUSES.has(status);
}

/** Exponential backoff (initial × 2^retry, capped) minus a random part of up to `jitter`. */
export function backoffDelay(policy: ResolvedRetryPolicy, retry: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.initialDelayMs * 2 ** retry, policy.maxDelayMs);
  return Math.round(exponential * (1 - policy.jitter * random()));
}

/**
 * The wait a response asks for: `retry-after-ms` (milliseconds), else `Retry-After` as
 * seconds or as an HTTP date. Undefined when absent or unparsable.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "") {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get("retry-after");
  if (after === null || after.trim() === "") return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function validateRetryOptions(retries: RetryOptions | undefined): void {
  if (retries === undefined) return;
  if (typeof retries !== "object" || retries === null) {
    throw new InvalidArgumentError("retries must be an options object or false.");
  }
  for (const key of ["maxRetries", "initialDelayMs", "maxDelayMs", "maxElapsedMs"] as const) {
    const value = retries[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new InvalidArgumentError(`retries.${key} must be a number of 0 or more; got ${String(value)}.`);
    }
  }
  if (retries.jitter !== undefined && !(retries.jitter >= 0 && retries.jitter <= 1)) {
    throw new InvalidArgumentError(`retries.jitter must be between 0 and 1; got ${String(retries.jitter)}.`);
  }
  if (
    retries.statuses !== undefined &&
    !(Array.isArray(retries.statuses) && retries.statuses.every(Number.isInteger))
  ) {
    throw new InvalidArgumentError("retries.statuses must be an array of HTTP status codes.");
  }
}
