/** How a failed request is classified beyond its status. */
import { redactUrl } from "../internal/redact.js";
import { type AirbyteApiError, NetworkError, RequestAbortedError, TimeoutError } from "./errors.js";
import type { HttpMethod } from "./request-options.js";

/**
 * A failure after which a non-idempotent request may or may not have been carried out: a
 * timeout, a connection lost after sending, or a 5xx other than 501 (which says the operation
 * does not exist, so nothing was done).
 */
export function isAmbiguousFailure(error: AirbyteApiError): boolean {
  if (error instanceof TimeoutError) return true;
  if (error instanceof NetworkError) return !error.retryable;
  return error.status !== undefined && error.status >= 500 && error.status !== 501;
}

/** The reason an attempt's own timer aborts it with, told apart from the caller's signal. */
export class AttemptTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

/** Error codes of failures that happen before the request leaves the machine. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export interface FetchAttempt {
  method: HttpMethod;
  url: URL;
  /** Whether sending the request twice is harmless. */
  idempotent: boolean;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  /** Why the attempt's own controller aborted, if it did. */
  abortReason: unknown;
}

/**
 * Classifies a failure of `fetch` or of reading the body: the caller's abort, the attempt's
 * timeout, or a network failure (retryable also for a POST when it never left the machine).
 */
export function fetchFailure(
  caught: unknown,
  attempt: FetchAttempt,
): RequestAbortedError | TimeoutError | NetworkError {
  const { method, url, idempotent, signal, abortReason } = attempt;
  const base = { method, url: redactUrl(url) };
  const target = `${method} ${redactUrl(url)}`;
  if (signal?.aborted) return abortedError(method, url, signal.reason);
  if (abortReason instanceof AttemptTimeout) {
    return new TimeoutError(`${target} timed out after ${abortReason.timeoutMs} ms (timeoutMs).`, {
      ...base,
      retryable: idempotent,
      cause: caught,
    });
  }
  const code = errorCode(caught);
  const notSent = code !== undefined && NOT_SENT_CODES.has(code);
  const reason =
    code ?? (caught instanceof Error && caught.cause instanceof Error ? caught.cause.message : String(caught));
  return new NetworkError(`${target} failed before a response arrived (${reason}). Is ${url.origin} reachable?`, {
    ...base,
    retryable: idempotent || notSent,
    cause: caught,
  });
}

export function abortedError(method: HttpMethod, url: URL, reason: unknown): RequestAbortedError {
  return new RequestAbortedError(`${method} ${redactUrl(url)} was aborted by the caller's signal.`, {
    method,
    url: redactUrl(url),
    cause: reason,
  });
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
