/**
 * What a {@link Dataset} needs from a destination: its dialect's quoting and SQL run through its
 * driver, with values already converted to plain JSON-friendly JavaScript (see values.ts).
 * One implementation per destination family (DuckDB/MotherDuck, Postgres, Snowflake, BigQuery).
 */

export type Row = Record<string, unknown>;

export interface TableReference {
  database: string;
  schema: string;
  table: string;
}

export interface StreamQueryOptions {
  params?: readonly unknown[];
  /** Rows fetched per round trip (a cursor's FETCH, a page). */
  batchSize: number;
}

export interface SqlBackend {
  /** Quotes one identifier for the dialect. */
  quoteIdentifier(name: string): string;
  /** The table's column names in order. A missing table is an error that {@link isMissingTable} recognizes. */
  columnNames(table: TableReference, qualifiedName: string): Promise<string[]>;
  /** Runs a statement and returns all its rows. */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a query and yields its rows batch by batch, holding one batch at a time. */
  stream(sql: string, options: StreamQueryOptions): AsyncIterable<Row[]>;
  /** Whether a driver error means the table (or its schema) does not exist. */
  isMissingTable(error: unknown): boolean;
  /** The driver's own connection or client, opened on first use. */
  connection(): Promise<unknown>;
  close(): Promise<void>;
}

/** A destination's place for tables, computed from its configuration without connecting. */
export interface BackendDescription {
  databaseName: string;
  defaultSchemaName: string;
  backend: SqlBackend;
}

/** `"name"` with embedded quotes doubled: DuckDB, MotherDuck and Postgres. */
export function quoteAnsi(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
