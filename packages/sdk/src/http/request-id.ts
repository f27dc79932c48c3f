/**
 * The id a server (or its gateway) gives a request, quoted when reporting a problem. Read in one
 * place, so `withResponse()` and the errors agree on where it comes from.
 */

/** The response header carrying the request id (Airbyte's gateway, and the local server, send it). */
const REQUEST_ID_HEADER = "x-request-id";

/** The request id a response's headers carry, or undefined. */
export function requestIdOf(headers: Headers | undefined): string | undefined {
  const value = headers?.get(REQUEST_ID_HEADER)?.trim();
  return value ? value : undefined;
}
