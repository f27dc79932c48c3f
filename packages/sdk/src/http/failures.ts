/** How a failed request is classified beyond its status. */
import { type AirbyteApiError, NetworkError, TimeoutError } from "./errors.js";

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
