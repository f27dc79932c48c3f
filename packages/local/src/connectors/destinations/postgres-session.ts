/**
 * Postgres under the shared SQL writer: one client, rows loaded with COPY FROM STDIN (text
 * format) inside the client's transaction, and a lost server reported with where it was.
 */
import type pg from "pg";
import { type CopyStreamQuery, from as copyFrom } from "pg-copy-streams";
import {
  type Config,
  connectPostgres,
  describeEndpoint,
  type Endpoint,
  PostgresConnectionError,
  postgresEndpoint,
} from "./postgres-connect.js";
import { copyText } from "./postgres-copy-text.js";
import { holdWriterLock, lockSchemaChanges } from "./postgres-locks.js";
import { POSTGRES_TYPES } from "./sql/column-types.js";
import { qualifiedName, quoteIdentifier } from "./sql/identifiers.js";
import type { EncodedBatch } from "./sql/record-encoding.js";
import type { InsertTarget, SqlDialect, SqlSession } from "./sql/session.js";

const postgresDialect: SqlDialect = {
  name: "Postgres",
  types: POSTGRES_TYPES,
  caseInsensitiveIdentifiers: false,
  maxIdentifierBytes: 63,
  temporaryTable: (name) => ({ schema: "pg_temp", name }),
  indexesPrimaryKeys: true,
};

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
    const copy = this.copy;
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

  // A method, not an inline check: after one check TypeScript keeps the field narrowed to
  // undefined across the await, though the stream's error handler may have set it meanwhile.
  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** Hands text to the connection, waiting while it has too much to send already. */
  async write(text: string): Promise<void> {
    this.throwIfFailed();
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
    this.throwIfFailed();
  }

  /** Ends the COPY: resolves once Postgres has stored every row, rejects with its error. */
  async end(): Promise<void> {
    this.throwIfFailed();
    await new Promise<void>((resolve, reject) => {
      this.stream.once("finish", resolve);
      this.stream.once("error", reject);
      this.stream.once("close", () => (this.failure ? reject(this.failure) : resolve()));
      this.stream.end();
    });
  }
}
