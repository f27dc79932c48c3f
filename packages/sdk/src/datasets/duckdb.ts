/**
 * DuckDB files and MotherDuck databases, read through `@duckdb/node-api` (the "neo" client).
 *
 * A DuckDB destination's `destination_path` lives in Airbyte's `/local` mount: `/local/x.duckdb`
 * and `x.duckdb` are both `<localDirectory>/x.duckdb` on the host; Airbyte refuses any other
 * path, and an in-memory database (`:memory:`) is gone when the sync ends. Files are opened
 * read-only. DuckDB locks a file per process: while a sync writes it, no other process can
 * open it, even to read, and the reader says so rather than passing on DuckDB's lock error.
 */
import { existsSync } from "node:fs";
import { basename, join, posix } from "node:path";
import type * as DuckDBApi from "@duckdb/node-api";
import { scrubSecrets } from "../internal/redact.js";
import { type BackendDescription, quoteAnsi, type Row, type SqlBackend, type StreamQueryOptions } from "./backend.js";
import { loadDriver } from "./drivers.js";
import { createDuckdbConverter, type DuckdbValueConverter } from "./duckdb-values.js";
import { DestinationReadError } from "./errors.js";
import { normalizeSchemaName } from "./naming.js";
import type { ReaderContext } from "./reader.js";
import { resolveSecret } from "./secrets.js";

type DuckDBModule = typeof DuckDBApi;

/** Airbyte's documented host folder for the `/local` mount (abctl mounts it there). */
const DEFAULT_LOCAL_DIRECTORY = "/tmp/airbyte_local";
const LOCAL_MOUNT = "/local";
const DEFAULT_SCHEMA = "main";
/** MotherDuck's database when the path names none (`md:`). */
const DEFAULT_MOTHERDUCK_DATABASE = "my_db";

export function isMotherDuckPath(value: unknown): boolean {
  return typeof value === "string" && (value.startsWith("md:") || value.startsWith("motherduck:"));
}

function resolveLocalDirectory(option: string | undefined, env: Record<string, string | undefined>): string {
  const fromEnvironment = env.AIRBYTE_LOCAL_DIRECTORY?.trim();
  return option ?? (fromEnvironment ? fromEnvironment : DEFAULT_LOCAL_DIRECTORY);
}

/** DuckDB names a file's catalog after its base name up to the first dot (`my.data.duckdb` -> `my`). */
function duckdbCatalogName(path: string): string {
  const base = basename(path);
  const dot = base.indexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

type DuckdbLocation =
  { kind: "file"; path: string; databaseName: string } | { kind: "unreadable"; reason: string; databaseName: string };

/** Where a `destination_path` is on this machine, or why it cannot be read. */
function duckdbLocation(destinationPath: string, localDirectory: string): DuckdbLocation {
  if (destinationPath === ":memory:") {
    return {
      kind: "unreadable",
      databaseName: "memory",
      reason:
        "The DuckDB destination writes to an in-memory database (destination_path :memory:), which is discarded when each sync ends: there is nothing to read. Point it at a file such as /local/airbyte.duckdb.",
    };
  }
  const inMount = posix.normalize(
    destinationPath.startsWith("/") ? destinationPath : posix.join(LOCAL_MOUNT, destinationPath),
  );
  const databaseName = duckdbCatalogName(inMount);
  if (inMount !== LOCAL_MOUNT && !inMount.startsWith(`${LOCAL_MOUNT}/`)) {
    return {
      kind: "unreadable",
      databaseName,
      reason: `destination_path ${destinationPath} is outside Airbyte's /local mount, where the DuckDB destination writes its files (a path starting with /local, or a relative one).`,
    };
  }
  return { kind: "file", path: join(localDirectory, inMount.slice(LOCAL_MOUNT.length)), databaseName };
}

/** `md:`, `md:analytics`, `motherduck:analytics?x=y` -> the database name. */
function motherduckDatabase(destinationPath: unknown): string {
  const path = typeof destinationPath === "string" ? destinationPath : "";
  const name = path.replace(/^(md|motherduck):/, "").split("?")[0] ?? "";
  return name === "" ? DEFAULT_MOTHERDUCK_DATABASE : name;
}

function defaultSchema(configuration: Record<string, unknown>, destinationType: string): string {
  const schema =
    typeof configuration.schema === "string" && configuration.schema.trim() !== ""
      ? configuration.schema
      : DEFAULT_SCHEMA;
  return normalizeSchemaName(schema, destinationType);
}

const MISSING_OBJECT = /Catalog Error: (Table|Schema|Catalog|Table Function) with name .* does not exist/i;

/**
 * Checks what can be checked without the driver (the file, the secrets), then returns what
 * opens the database with it; errors are worded for the user.
 */
type InstanceOpener = () => (duckdb: DuckDBModule) => Promise<DuckDBApi.DuckDBInstance>;

class DuckdbBackend implements SqlBackend {
  readonly #destinationType: string;
  readonly #openInstance: InstanceOpener;
  #opened: Promise<{ instance: DuckDBApi.DuckDBInstance; convert: DuckdbValueConverter }> | undefined;
  #userConnection: Promise<DuckDBApi.DuckDBConnection> | undefined;

  constructor(destinationType: string, openInstance: InstanceOpener) {
    this.#destinationType = destinationType;
    this.#openInstance = openInstance;
  }

  quoteIdentifier(name: string): string {
    return quoteAnsi(name);
  }

  async columnNames(_table: unknown, qualifiedName: string): Promise<string[]> {
    return this.#withConnection(async (connection) => {
      const result = await connection.run(`SELECT * FROM ${qualifiedName} LIMIT 0`);
      return result.columnNames();
    });
  }

  async query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const batch of this.stream(sql, { ...(params === undefined ? {} : { params }), batchSize: 0 })) {
      for (const row of batch) rows.push(row);
    }
    return rows;
  }

  /** DuckDB decides the batch: one result chunk (2,048 rows) at a time, on a connection of its own. */
  async *stream(sql: string, options: StreamQueryOptions): AsyncGenerator<Row[]> {
    const { instance, convert } = await this.#open();
    const connection = await instance.connect();
    try {
      const result = await connection.stream(sql, options.params as DuckDBApi.DuckDBValue[] | undefined);
      const names = result.deduplicatedColumnNames();
      const types = result.columnTypes();
      for (;;) {
        const chunk = await result.fetchChunk();
        if (chunk === null || chunk.rowCount === 0) break;
        yield chunk.getRows().map((values) => {
          const row: Row = {};
          values.forEach((value, index) => {
            row[names[index] as string] = convert(value, types[index] as DuckDBApi.DuckDBType);
          });
          return row;
        });
      }
    } finally {
      connection.closeSync();
    }
  }

  isMissingTable(error: unknown): boolean {
    return error instanceof Error && MISSING_OBJECT.test(error.message);
  }

  connection(): Promise<DuckDBApi.DuckDBConnection> {
    this.#userConnection ??= this.#open().then(({ instance }) => instance.connect());
    this.#userConnection.catch(() => (this.#userConnection = undefined));
    return this.#userConnection;
  }

  async close(): Promise<void> {
    const opened = this.#opened;
    const userConnection = this.#userConnection;
    this.#opened = undefined;
    this.#userConnection = undefined;
    if (userConnection) (await userConnection.catch(() => undefined))?.closeSync();
    if (opened) (await opened.catch(() => undefined))?.instance.closeSync();
  }

  async #withConnection<T>(use: (connection: DuckDBApi.DuckDBConnection) => Promise<T>): Promise<T> {
    const { instance } = await this.#open();
    const connection = await instance.connect();
    try {
      return await use(connection);
    } finally {
      connection.closeSync();
    }
  }

  #open() {
    this.#opened ??= (async () => {
      const openWith = this.#openInstance();
      const duckdb = await loadDriver<DuckDBModule>({
        packageName: "@duckdb/node-api",
        destinationType: this.#destinationType,
        label: this.#destinationType === "motherduck" ? "MotherDuck" : "DuckDB",
      });
      return { instance: await openWith(duckdb), convert: createDuckdbConverter(duckdb) };
    })();
    this.#opened.catch(() => (this.#opened = undefined));
    return this.#opened;
  }
}

function describeLockError(path: string, error: Error): string | undefined {
  if (!/Could not set lock on file/i.test(error.message)) return undefined;
  const pid = /PID (\d+)/.exec(error.message)?.[1];
  return `The DuckDB file ${path} is open for writing by another process${pid ? ` (PID ${pid})` : ""}, usually a running sync: DuckDB lets one process write or several read. Read it once the sync has finished.`;
}

export function duckdbBackend(configuration: Record<string, unknown>, context: ReaderContext): BackendDescription {
  const localDirectory = resolveLocalDirectory(context.localDirectory, context.env);
  const location = duckdbLocation(String(configuration.destination_path ?? ""), localDirectory);
  const open: InstanceOpener = () => {
    if (location.kind === "unreadable") throw new DestinationReadError(context.destinationType, location.reason);
    const { path } = location;
    if (!existsSync(path)) {
      throw new DestinationReadError(
        context.destinationType,
        `The DuckDB file ${path} does not exist: no sync has written to it yet, or the local directory (${localDirectory}) is not the one behind Airbyte's /local mount (set the localDirectory option or AIRBYTE_LOCAL_DIRECTORY).`,
      );
    }
    return async (duckdb) => {
      try {
        return await duckdb.DuckDBInstance.create(path, { access_mode: "READ_ONLY" });
      } catch (error) {
        const lock = error instanceof Error ? describeLockError(path, error) : undefined;
        if (lock) throw new DestinationReadError(context.destinationType, lock, { cause: error });
        throw error;
      }
    };
  };
  return {
    databaseName: location.databaseName,
    defaultSchemaName: defaultSchema(configuration, context.destinationType),
    backend: new DuckdbBackend(context.destinationType, open),
  };
}

/** MotherDuck: `md:<database>` with the account's token (`motherduck_api_key`). */
export function motherduckSettings(
  configuration: Record<string, unknown>,
  context: ReaderContext,
): { database: string; token: string } {
  const token = resolveSecret(
    {
      destinationType: context.destinationType,
      field: "motherduck_api_key",
      option: "motherduckApiKey",
      environmentVariable: "MOTHERDUCK_API_KEY",
      required: true,
    },
    configuration.motherduck_api_key,
    context,
  ) as string;
  return { database: motherduckDatabase(configuration.destination_path), token };
}

export function motherduckBackend(configuration: Record<string, unknown>, context: ReaderContext): BackendDescription {
  const open: InstanceOpener = () => {
    const { database, token } = motherduckSettings(configuration, context);
    return async (duckdb) => {
      try {
        return await duckdb.DuckDBInstance.create(`md:${database}`, { motherduck_token: token });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new DestinationReadError(
          context.destinationType,
          `Could not open MotherDuck database ${database}: ${scrubSecrets(message, [token])}`,
        );
      }
    };
  };
  return {
    databaseName: motherduckDatabase(configuration.destination_path),
    defaultSchemaName: defaultSchema(configuration, context.destinationType),
    backend: new DuckdbBackend(context.destinationType, open),
  };
}
