/**
 * Connecting to Postgres as a connector's configuration says: the endpoint, libpq's SSL modes
 * (with their fallbacks), and connection errors that say where and as whom the connection
 * failed without ever repeating the password.
 */
import type { ConnectionOptions } from "node:tls";
import pg from "pg";

export type Config = Record<string, unknown>;

export interface Endpoint {
  host: string;
  port: number;
  database: string;
  user: string;
}

export function postgresEndpoint(config: Config): Endpoint {
  return {
    host: String(config.host ?? ""),
    port: Number(config.port ?? 5432),
    database: String(config.database ?? ""),
    user: String(config.username ?? ""),
  };
}

export const describeEndpoint = ({ host, port, database, user }: Endpoint) =>
  `Postgres at ${host}:${port} (database ${database}, user ${user})`;

/** A connection failure, worded for a person and free of the password. */
export class PostgresConnectionError extends Error {
  override name = "PostgresConnectionError";
}

/**
 * Connects as the configuration says. `prefer` and `allow` try their second way (without, or
 * with, SSL) when the server refuses the first, as libpq does.
 */
export async function connectPostgres(config: Config, timeoutMs: number): Promise<pg.Client> {
  const endpoint = postgresEndpoint(config);
  const password = typeof config.password === "string" && config.password !== "" ? config.password : undefined;
  const fail = (reason: string) =>
    new PostgresConnectionError(`Could not connect to ${describeEndpoint(endpoint)}: ${scrub(reason, password)}`);
  const tunnel = (config.tunnel_method as Config | undefined)?.tunnel_method;
  if (tunnel !== undefined && tunnel !== "NO_TUNNEL") {
    throw fail(
      `the local server cannot open SSH tunnels (tunnel_method ${String(tunnel)}); reach the database directly`,
    );
  }
  const attempts = sslAttempts(config);
  for (let index = 0; ; index++) {
    const attempt = attempts[index] as SslAttempt;
    const client = new pg.Client({
      ...endpoint,
      password,
      ssl: attempt.ssl,
      connectionTimeoutMillis: timeoutMs,
      keepAlive: true,
      application_name: "airbyte-ts-local",
    });
    try {
      await client.connect();
      return client;
    } catch (error) {
      client.on("error", () => undefined);
      // end() waits for a goodbye a failed handshake never gets, and would leave the socket open.
      client.connection.stream.destroy();
      const reason = connectionFailure(error, timeoutMs);
      const next = attempts[index + 1];
      if (next === undefined || !attempt.retryWhen.test(reason)) throw fail(reason);
    }
  }
}

interface SslAttempt {
  ssl: boolean | ConnectionOptions;
  /** When the server's refusal calls for the next attempt. */
  retryWhen: RegExp;
}

const NEVER = /$^/;
const ENCRYPT_WITHOUT_VERIFYING: ConnectionOptions = { rejectUnauthorized: false };

/** libpq's `sslmode`, with Airbyte's legacy `ssl: true` meaning `require`. */
function sslAttempts(config: Config): SslAttempt[] {
  const sslMode = (config.ssl_mode as Config | undefined) ?? {};
  const mode = String(sslMode.mode ?? (config.ssl === true ? "require" : "disable"));
  switch (mode) {
    case "allow":
      return [
        { ssl: false, retryWhen: /SSL off|SSL connection is required/i },
        { ssl: ENCRYPT_WITHOUT_VERIFYING, retryWhen: NEVER },
      ];
    case "prefer":
      return [
        { ssl: ENCRYPT_WITHOUT_VERIFYING, retryWhen: /does not support SSL/i },
        { ssl: false, retryWhen: NEVER },
      ];
    case "require":
      return [{ ssl: ENCRYPT_WITHOUT_VERIFYING, retryWhen: NEVER }];
    case "verify-ca":
      // The certificate must come from the CA, whatever host name it carries.
      return [{ ssl: { ...verifiedSsl(sslMode), checkServerIdentity: () => undefined }, retryWhen: NEVER }];
    case "verify-full":
      return [{ ssl: verifiedSsl(sslMode), retryWhen: NEVER }];
    default:
      return [{ ssl: false, retryWhen: NEVER }];
  }
}

function verifiedSsl(sslMode: Config): ConnectionOptions {
  const text = (name: string) =>
    typeof sslMode[name] === "string" && sslMode[name] !== "" ? String(sslMode[name]) : undefined;
  return {
    rejectUnauthorized: true,
    ca: text("ca_certificate"),
    cert: text("client_certificate"),
    key: text("client_key"),
    passphrase: text("client_key_password"),
  };
}

/** The system's error code for network failures (ECONNREFUSED, ENOTFOUND), the server's message otherwise. */
function connectionFailure(error: unknown, timeoutMs: number): string {
  const { code, syscall, message } = error as NodeJS.ErrnoException;
  if (typeof code === "string" && (syscall !== undefined || /^E[A-Z]+$/.test(code))) return code;
  if (/timeout/i.test(message ?? "")) return `no answer within ${timeoutMs / 1000} s`;
  return message || String(error);
}

/**
 * The driver's messages never quote the password; this makes sure of it. A very short
 * password is also an ordinary piece of words, so replacing it would garble the message.
 */
function scrub(text: string, secret: string | undefined): string {
  return secret === undefined || secret.length < MIN_SCRUBBED_LENGTH ? text : text.replaceAll(secret, "**********");
}

const MIN_SCRUBBED_LENGTH = 6;
