/**
 * Opening a destination for reading: its configuration (as the API returns it, secrets masked)
 * becomes a reader that knows where the streams' tables are and connects on first use.
 */
import { bigqueryBackend } from "./bigquery.js";
import type { BackendDescription, Row, SqlBackend } from "./backend.js";
import { Dataset } from "./dataset.js";
import { duckdbBackend, isMotherDuckPath, motherduckBackend } from "./duckdb.js";
import { UnsupportedDestinationError } from "./errors.js";
import { tableName } from "./naming.js";
import { postgresBackend } from "./postgres.js";
import type { DestinationSecrets, Environment } from "./secrets.js";
import { snowflakeBackend } from "./snowflake.js";

export const READABLE_DESTINATION_TYPES = ["bigquery", "duckdb", "motherduck", "postgres", "snowflake"] as const;
export type ReadableDestinationType = (typeof READABLE_DESTINATION_TYPES)[number];

/** A destination as the API describes it (`destinationType` is the definition's short name). */
export interface DestinationToRead {
  destinationType: string;
  configuration: Record<string, unknown>;
}

export interface OpenDestinationOptions {
  /** Values for the secrets the API masks; see {@link DestinationSecrets}. */
  secrets?: DestinationSecrets;
  /** Where secrets and `AIRBYTE_LOCAL_DIRECTORY` are looked up; default `process.env`. */
  env?: Environment;
  /**
   * The host folder behind Airbyte's `/local` mount, where DuckDB files are. Default: the
   * `AIRBYTE_LOCAL_DIRECTORY` variable, else `/tmp/airbyte_local` (Airbyte's documented folder).
   * For `@airbyte-ts/local`, the `localDirectory` it was started with (its default is
   * `<dataDir>/local`, or `<tmpdir>/airbyte_local` without a data directory).
   */
  localDirectory?: string;
}

/** Internal: what each destination's module gets to build its backend. */
export interface ReaderContext {
  destinationType: ReadableDestinationType;
  secrets: DestinationSecrets;
  env: Environment;
  localDirectory: string | undefined;
}

export interface DatasetOptions {
  /** The connection's table prefix. */
  prefix?: string | null;
  /** The table's schema as stored (see `schemaName()`); default the destination's default schema. */
  schemaName?: string;
}

export interface QueryStreamOptions {
  params?: readonly unknown[];
  batchSize?: number;
}

function canonicalDestinationType(destinationType: string): string {
  return destinationType
    .trim()
    .toLowerCase()
    .replace(/^destination-/, "");
}

function isReadable(type: string): type is ReadableDestinationType {
  return (READABLE_DESTINATION_TYPES as readonly string[]).includes(type);
}

const BACKENDS: Record<
  ReadableDestinationType,
  (configuration: Record<string, unknown>, context: ReaderContext) => BackendDescription
> = {
  bigquery: bigqueryBackend,
  duckdb: duckdbBackend,
  motherduck: motherduckBackend,
  postgres: postgresBackend,
  snowflake: snowflakeBackend,
};

/** Airbyte's DuckDB destination writes to MotherDuck when its path is `md:...`. */
function readerType(type: ReadableDestinationType, configuration: Record<string, unknown>): ReadableDestinationType {
  return type === "duckdb" && isMotherDuckPath(configuration.destination_path) ? "motherduck" : type;
}

/**
 * A reader for a destination's synced tables. Nothing connects until a dataset is read or
 * `connection()` is called; secrets are resolved then (from `options.secrets`, the configuration
 * when it is not masked, then the environment). Unsupported types throw {@link UnsupportedDestinationError}.
 */
export function openDestination(
  destination: DestinationToRead,
  options: OpenDestinationOptions = {},
): DestinationReader {
  const declared = canonicalDestinationType(destination.destinationType);
  if (!isReadable(declared)) {
    throw new UnsupportedDestinationError(destination.destinationType, READABLE_DESTINATION_TYPES);
  }
  const configuration = destination.configuration ?? {};
  const type = readerType(declared, configuration);
  const description = BACKENDS[type](configuration, {
    destinationType: type,
    secrets: options.secrets ?? {},
    env: options.env ?? process.env,
    localDirectory: options.localDirectory,
  });
  return new DestinationReader(type, description);
}

export class DestinationReader {
  /** The kind of database read: a DuckDB destination with an `md:` path reads as `motherduck`. */
  readonly destinationType: ReadableDestinationType;
  /** DuckDB: the file's name up to its first dot (DuckDB's catalog name); Postgres, Snowflake: the database; BigQuery: the project; MotherDuck: the database. */
  readonly databaseName: string;
  /** The schema of streams without a namespace: the configuration's, normalized, or the type's default. */
  readonly defaultSchemaName: string;
  readonly #backend: SqlBackend;

  /** Readers come from {@link openDestination}. */
  constructor(destinationType: ReadableDestinationType, description: BackendDescription) {
    this.destinationType = destinationType;
    this.databaseName = description.databaseName;
    this.defaultSchemaName = description.defaultSchemaName;
    this.#backend = description.backend;
  }

  /** The table name of a stream in this destination (prefix applied, normalized). */
  tableName(streamName: string, options: { prefix?: string | null } = {}): string {
    return tableName(streamName, { prefix: options.prefix ?? null, destinationType: this.destinationType });
  }

  /** A stream's table. Makes no request. */
  dataset<R extends Row = Row>(streamName: string, options: DatasetOptions = {}): Dataset<R> {
    return new Dataset<R>(
      {
        destinationType: this.destinationType,
        streamName,
        tableName: this.tableName(streamName, { prefix: options.prefix ?? null }),
        schemaName: options.schemaName ?? this.defaultSchemaName,
        databaseName: this.databaseName,
      },
      this.#backend,
    );
  }

  /** Quotes an identifier for this destination's SQL dialect. */
  quoteIdentifier(name: string): string {
    return this.#backend.quoteIdentifier(name);
  }

  /**
   * The driver's own connection, for your own SQL: a `DuckDBConnection` (DuckDB, MotherDuck), a
   * `pg.Pool` (Postgres), a snowflake-sdk `Connection`, a `BigQuery` client. Opened on first use
   * and closed by {@link close}.
   */
  connection(): Promise<unknown> {
    return this.#backend.connection();
  }

  /** Runs SQL (with the dialect's placeholders: `$1` for DuckDB and Postgres, `?` for Snowflake and BigQuery) and returns every row, values converted as datasets convert them. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return this.#backend.query(sql, params) as Promise<R[]>;
  }

  /** Runs a query and yields its rows, one batch in memory at a time. */
  async *stream<R extends Row = Row>(sql: string, options: QueryStreamOptions = {}): AsyncGenerator<R> {
    const batches = this.#backend.stream(sql, {
      ...(options.params === undefined ? {} : { params: options.params }),
      batchSize: options.batchSize ?? 10_000,
    });
    for await (const batch of batches) yield* batch as R[];
  }

  /** Closes the driver's connections; a later read opens them again. */
  close(): Promise<void> {
    return this.#backend.close();
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `DestinationReader(${this.destinationType}: ${this.databaseName}, default schema ${this.defaultSchemaName})`;
  }
}
