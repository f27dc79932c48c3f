/** Reachability checks of connectors that talk to a server over TCP. */
import { connect } from "node:net";

/** How long a check waits for a TCP handshake: long enough for a LAN, short enough for an API call. */
export const CONNECT_TIMEOUT_MS = 3000;

/**
 * Opens and closes a TCP connection to host:port. Resolves to undefined when the server
 * accepted it, else to the reason (the system's error code, e.g. ECONNREFUSED or ENOTFOUND).
 */
export function tcpProbe(host: string, port: number, timeoutMs = CONNECT_TIMEOUT_MS): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (reason: string | undefined) => {
      socket.removeAllListeners();
      socket.on("error", () => undefined); // a late error after destroy() must not crash the server
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => finish(`no answer within ${timeoutMs / 1000} s`));
    socket.once("connect", () => finish(undefined));
    socket.once("error", (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
  });
}
