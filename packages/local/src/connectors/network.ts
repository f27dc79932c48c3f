/** Network settings shared by the connectors that talk to a server. */

/** How long a check waits for a TCP handshake: long enough for a LAN, short enough for an API call. */
export const CONNECT_TIMEOUT_MS = 3000;
