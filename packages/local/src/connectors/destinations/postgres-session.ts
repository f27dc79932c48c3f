/**
 * Postgres under the shared SQL writer: one client, rows loaded with COPY FROM STDIN (text
 * format) inside the client's transaction, and connection errors that say where and as whom
 * the connection failed without ever repeating the password.
 */
import type { ConnectionOptions } from "node:tls";
import pg from "pg";
import { type CopyStreamQuery, from as copyFrom } from "pg-copy-streams";
import type { ColumnKind } from "./column-types.js";
import { POSTGRES_TYPES } from "./column-types.js";
import { type CellValue, formatDate, formatTimestamp } from "./column-values.js";
import { holdWriterLock, lockSchemaChanges } from "./postgres-locks.js";
import type { EncodedBatch, LayoutColumn } from "./record-encoding.js";
import { type InsertTarget, qualifiedName, quoteIdentifier, type SqlDialect, type SqlSession } from "./sql-writer.js";

export const postgresDialect: SqlDialect = {
  name: "Postgres",
  types: POSTGRES_TYPES,
  caseInsensitiveIdentifiers: false,
  maxIdentifierBytes: 63,
  temporaryTable: (name) => ({ schema: "pg_temp", name }),
  indexesPrimaryKeys: true,
};

// ---------------------------------------------------------------------------------------------
// Connecting

type Config = Record<string, unknown>;

interface Endpoint {
  host: string;
  port: number;
  database: string;
  user: string;
}

function postgresEndpoint(config: Config): Endpoint {
  return {
    host: String(config.host ?? ""),
    port: Number(config.port ?? 5432),
    database: String(config.database ?? ""),
    user: String(config.username ?? ""),
  };
}

const describeEndpoint = ({ host, port, database, user }: Endpoint) =>
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

// ---------------------------------------------------------------------------------------------
// The session

export async function openPostgresSession(config: Config, timeoutMs: number): Promise<SqlSession> {
  return new PostgresSession(await connectPostgres(config, timeoutMs), postgresEndpoint(config));
}

/** SQLSTATE classes of a session the server ended: 08 (connection exception), 57P (shutdown, crash). */
const SESSION_ENDED_STATES = /^(08|57P)/;
const SESSION_ENDED_MESSAGES = /Connection terminated|not queryable/i;

class PostgresSession implements SqlSession {
  readonly dialect = postgresDialect;

  constructor(
    private readonly client: pg.Client,
    private readonly endpoint: Endpoint,
  ) {
    // A server that goes away between queries makes the client emit 'error'; the next query reports it.
    client.on("error", () => undefined);
  }

  async run(sql: string, params?: string[]): Promise<void> {
    await this.endCopy();
    await this.reportLostSession(() => this.client.query(sql, params));
  }

  async rows(sql: string, params: string[] = []): Promise<Record<string, unknown>[]> {
    await this.endCopy();
    return (await this.reportLostSession(() => this.client.query(sql, params))).rows as Record<string, unknown>[];
  }

  /**
   * COPY names its columns: the table's others take their defaults (NULL). One COPY stays open
   * across the batches of a table, and a batch returns once its rows are handed to the
   * connection: Postgres parses and stores them while the next batch is read and encoded,
   * instead of the two taking turns. The next other statement (a commit) ends the COPY first,
   * and reports any row Postgres refused.
   */
  async insert({ table, columns }: InsertTarget, batch: EncodedBatch): Promise<void> {
    const names = columns.map((column) => quoteIdentifier(column.name)).join(", ");
    const statement = `COPY ${qualifiedName(table)} (${names}) FROM STDIN`;
    if (this.copy?.statement !== statement) {
      await this.endCopy();
      this.copy = new OpenCopy(statement, this.client.query(copyFrom(statement)));
    }
    const copy = this.copy as OpenCopy;
    await this.reportLostSession(async () => {
      for (const piece of copyText(columns, batch)) await copy.write(piece);
    });
  }

  /** Ends the open COPY, if any, once Postgres has stored its rows. */
  private async endCopy(): Promise<void> {
    const copy = this.copy;
    if (copy === undefined) return;
    this.copy = undefined;
    await this.reportLostSession(() => copy.end());
  }

  /**
   * A server stopped or crashed mid-sync ends the session, and the driver's words for it
   * ("Connection terminated unexpectedly") do not say which server: a failed attempt's message
   * must, as a failed connection's does. Errors of SQL statements pass as they are.
   */
  private async reportLostSession<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const { code, message } = error as { code?: unknown; message?: unknown };
      const ended =
        (typeof code === "string" && SESSION_ENDED_STATES.test(code)) ||
        SESSION_ENDED_MESSAGES.test(String(message)) ||
        this.client.connection.stream.destroyed;
      if (!ended) throw error;
      const where = describeEndpoint(this.endpoint);
      throw new PostgresConnectionError(`Lost the connection to ${where}: ${String(message)}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    this.copy = undefined;
    await this.client.end().catch(() => undefined);
  }

  holdWriterLock(scope: string): Promise<void> {
    return holdWriterLock(this, scope);
  }

  lockSchemaChanges(): Promise<void> {
    return lockSchemaChanges(this);
  }

  private copy: OpenCopy | undefined;
}

/**
 * A COPY FROM STDIN in progress. Its stream reports a row Postgres refused (or a lost
 * connection) as an 'error' at any moment: the error is kept and thrown by the next write or by
 * the end, and nothing more is written once it came (the stream has let go of its connection).
 */
class OpenCopy {
  private failure: Error | undefined;

  constructor(
    readonly statement: string,
    private readonly stream: CopyStreamQuery,
  ) {
    stream.on("error", (error: Error) => {
      this.failure ??= error;
    });
  }

  /** Hands text to the connection, waiting while it has too much to send already. */
  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.write(text)) return;
    await new Promise<void>((resolve) => {
      const settle = () => {
        this.stream.off("drain", settle);
        this.stream.off("error", settle);
        this.stream.off("close", settle);
        resolve();
      };
      this.stream.on("drain", settle);
      this.stream.on("error", settle);
      this.stream.on("close", settle);
    });
    if (this.failure) throw this.failure;
  }

  /** Ends the COPY: resolves once Postgres has stored every row, rejects with its error. */
  async end(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once("finish", resolve);
      this.stream.once("error", reject);
      this.stream.once("close", () => (this.failure ? reject(this.failure) : resolve()));
      this.stream.end();
    });
  }
}

// ---------------------------------------------------------------------------------------------
// COPY's text format: one line per row, tab-separated, \N for NULL, backslash escapes.

/** Rows per string handed to the stream: large enough to amortize the calls, small enough to stay cheap. */
const ROWS_PER_PIECE = 1000;

function* copyText(columns: readonly LayoutColumn[], batch: EncodedBatch): Generator<string> {
  const formats = columns.map((column, index) => copyFormat(column.kind, batch.columns[index] as CellValue[]));
  const width = columns.length;
  let piece = "";
  for (let row = 0; row < batch.rowCount; row++) {
    for (let index = 0; index < width; index++) {
      const cell = (batch.columns[index] as CellValue[])[row] as CellValue;
      piece += cell === null ? "\\N" : (formats[index] as CopyFormat)(cell);
      piece += index === width - 1 ? "\n" : "\t";
    }
    if ((row + 1) % ROWS_PER_PIECE === 0) {
      yield piece;
      piece = "";
    }
  }
  if (piece !== "") yield piece;
}

type CopyFormat = (cell: Exclude<CellValue, null>) => string;

/**
 * How a column's cells are written. Text has to be escaped cell by cell only when the column
 * holds something to escape, which one search of the whole column tells (JSON needs a
 * backslash to hold what jsonb refuses): usually it holds nothing, and its cells go as they are.
 */
function copyFormat(kind: ColumnKind, cells: CellValue[]): CopyFormat {
  if ((kind === "string" || kind === "json") && !COPY_SPECIAL.test(cells.join(""))) return asIs;
  return COPY_FORMATS[kind];
}

const asIs: CopyFormat = (cell) => cell as string;

const COPY_FORMATS: Record<ColumnKind, CopyFormat> = {
  integer: (cell) => String(cell),
  number: (cell) => String(cell),
  boolean: (cell) => (cell ? "t" : "f"),
  string: (cell) => escapeCopy(cell as string),
  timestamptz: (cell) => formatTimestamp(cell as bigint),
  date: (cell) => formatDate(cell as number),
  json: (cell) => escapeCopy(postgresJson(cell as string)),
};

const COPY_SPECIAL = /[\\\n\r\t\0]/;
const COPY_SPECIALS = /[\\\n\r\t\0]/g;
// Postgres text cannot hold NUL characters: Airbyte's Postgres destination drops them too.
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "" };

function escapeCopy(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (special) => COPY_ESCAPES[special] as string) : text;
}

// An escape is real when an even number of backslashes (escaped backslashes) precedes it.
const ESCAPED_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;
const ESCAPED_LONE_SURROGATE = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/gi;

/**
 * JSON text jsonb accepts: it refuses `\u0000` and surrogate halves, which JSON.stringify writes
 * for NUL characters and for broken UTF-16. NULs are dropped, lone halves become U+FFFD.
 */
function postgresJson(text: string): string {
  let json = text;
  if (json.includes("\\u0000")) json = json.replace(ESCAPED_NUL, "$1");
  if (/\\ud[89a-f]/i.test(json)) json = json.replace(ESCAPED_LONE_SURROGATE, "$1\ufffd");
  return json;
}
