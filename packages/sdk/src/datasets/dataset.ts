/**
 * A stream's table in a destination, read lazily: nothing is queried until a method asks, and
 * iteration holds one batch of rows at a time (DuckDB result chunks, a Postgres cursor, the
 * warehouses' pages). Rows carry every column, Airbyte's `_airbyte_*` ones included.
 */
import { InvalidArgumentError } from "../http/errors.js";
import type { Row, SqlBackend } from "./backend.js";
import { TableNotFoundError } from "./errors.js";

export interface RowsOptions {
  /** At most this many rows. */
  limit?: number;
  /** Rows to skip first, in the order the database returns them (no sort); only with `limit`. */
  offset?: number;
  /** Only these columns, in this order (names as stored, e.g. `_airbyte_extracted_at`). */
  columns?: readonly string[];
  /** Rows fetched per round trip where the driver lets us choose (Postgres cursors, BigQuery pages). */
  batchSize?: number;
}

export interface DatasetInit {
  destinationType: string;
  streamName: string;
  tableName: string;
  schemaName: string;
  databaseName: string;
}

const DEFAULT_BATCH_SIZE = 10_000;

function checkCount(name: string, value: number | undefined, minimum: number): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < minimum)) {
    throw new InvalidArgumentError(`${name} must be an integer of at least ${minimum}; got ${value}.`);
  }
}

export class Dataset<R extends Row = Row> implements AsyncIterable<R> {
  readonly destinationType: string;
  readonly streamName: string;
  readonly tableName: string;
  readonly schemaName: string;
  readonly databaseName: string;
  /** `database.schema.table`, each part quoted for the destination's dialect. */
  readonly fullyQualifiedName: string;
  readonly #backend: SqlBackend;

  /** Datasets come from `DestinationReader#dataset`. */
  constructor(init: DatasetInit, backend: SqlBackend) {
    this.destinationType = init.destinationType;
    this.streamName = init.streamName;
    this.tableName = init.tableName;
    this.schemaName = init.schemaName;
    this.databaseName = init.databaseName;
    this.#backend = backend;
    this.fullyQualifiedName = [init.databaseName, init.schemaName, init.tableName]
      .map((part) => backend.quoteIdentifier(part))
      .join(".");
  }

  /** The table's columns, in order. */
  async columnNames(): Promise<string[]> {
    return this.#translated(() => this.#backend.columnNames(this.#reference(), this.fullyQualifiedName));
  }

  /** Whether the table exists (a stream that has not been synced yet has none). */
  async exists(): Promise<boolean> {
    try {
      await this.#backend.columnNames(this.#reference(), this.fullyQualifiedName);
      return true;
    } catch (error) {
      if (this.#backend.isMissingTable(error)) return false;
      throw error;
    }
  }

  /** The number of rows. */
  async count(): Promise<number> {
    const rows = await this.#translated(() =>
      this.#backend.query(`SELECT COUNT(*) AS row_count FROM ${this.fullyQualifiedName}`),
    );
    const first = rows[0] ?? {};
    return Number(Object.values(first)[0] ?? 0);
  }

  /** Every row (or the first `limit`) in one array: for small tables; iterate over large ones. */
  async toArray(options: Omit<RowsOptions, "batchSize"> = {}): Promise<R[]> {
    const sql = this.#select(options);
    return this.#translated(() => this.#backend.query(sql)) as Promise<R[]>;
  }

  /** The rows one at a time, fetched in batches: memory holds one batch, whatever the table's size. */
  rows(options: RowsOptions = {}): AsyncIterable<R> {
    checkCount("batchSize", options.batchSize, 1);
    const sql = this.#select(options);
    return this.#iterate(sql, options.batchSize ?? DEFAULT_BATCH_SIZE);
  }

  [Symbol.asyncIterator](): AsyncIterator<R> {
    return this.rows()[Symbol.asyncIterator]();
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Dataset(${this.streamName} -> ${this.fullyQualifiedName} on ${this.destinationType})`;
  }

  async *#iterate(sql: string, batchSize: number): AsyncGenerator<R> {
    try {
      for await (const batch of this.#backend.stream(sql, { batchSize })) yield* batch as R[];
    } catch (error) {
      throw this.#translate(error);
    }
  }

  #select(options: Omit<RowsOptions, "batchSize">): string {
    checkCount("limit", options.limit, 0);
    checkCount("offset", options.offset, 0);
    // BigQuery accepts OFFSET only after a LIMIT; asking for one everywhere keeps the option portable.
    if (options.offset !== undefined && options.limit === undefined) {
      throw new InvalidArgumentError("offset needs a limit.");
    }
    if (options.columns !== undefined && options.columns.length === 0) {
      throw new InvalidArgumentError("columns must name at least one column.");
    }
    const columns = options.columns?.map((name) => this.#backend.quoteIdentifier(name)).join(", ") ?? "*";
    const limit = options.limit === undefined ? "" : ` LIMIT ${options.limit}`;
    const offset = options.offset ? ` OFFSET ${options.offset}` : "";
    return `SELECT ${columns} FROM ${this.fullyQualifiedName}${limit}${offset}`;
  }

  #reference() {
    return { database: this.databaseName, schema: this.schemaName, table: this.tableName };
  }

  async #translated<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw this.#translate(error);
    }
  }

  #translate(error: unknown): unknown {
    return this.#backend.isMissingTable(error)
      ? new TableNotFoundError(this.destinationType, this.fullyQualifiedName, { cause: error })
      : error;
  }
}
