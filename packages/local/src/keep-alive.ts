/**
 * How long the listener keeps an idle keep-alive connection: longer than it tells clients.
 *
 * A client (undici, behind Node's fetch) reuses an idle connection until a second before the
 * `Keep-Alive: timeout` the server sent, but its timers are coarse (about a second) and late
 * when its event loop is busy. Node's server closes one second after the time it advertised;
 * a client late by more than that (seen in the test suite on a loaded machine) sends a request
 * on a connection the server is closing, and the request fails with ECONNRESET: for a POST, an
 * ambiguous failure that is not retried. So the server tells clients 5 s and keeps the
 * connection 10 s.
 */
import type { Server } from "node:http";

/** The idle time the server tells clients, in `Keep-Alive: timeout=5`. */
export const ADVERTISED_KEEP_ALIVE_MS = 5_000;

/** The idle time after which the server really closes a connection. */
export const KEEP_ALIVE_MS = 10_000;

export function keepIdleConnectionsLongerThanAdvertised(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node writes its own `Keep-Alive: timeout=<keepAliveTimeout>` unless the response has one.
  server.prependListener("request", (_request, response) => {
    response.setHeader("Keep-Alive", `timeout=${ADVERTISED_KEEP_ALIVE_MS / 1000}`);
  });
}
