/**
 * What each database brings to the shared SQL writer: a dialect (how it names and types
 * things) and a session (how it runs SQL and bulk-loads rows). DuckDB's and Postgres' modules
 * implement these; the writer sees nothing else of them.
 */
import type { SqlTypes } from "./column-types.js";
import type { EncodedBatch, LayoutColumn } from "./record-encoding.js";

export interface TableName {
  /** DuckDB's temporary tables live in their own catalog. */
  catalog?: string;
  schema: string;
  name: string;
}

export interface SqlDialect {
  /** For messages: "DuckDB", "Postgres". */
  readonly name: string;
  readonly types: SqlTypes;
  /** DuckDB tells identifiers apart without regard to case, even quoted ones. */
  readonly caseInsensitiveIdentifiers: boolean;
  /** Postgres cuts identifiers at 63 bytes. */
  readonly maxIdentifierBytes?: number;
  /** Where a table private to this session (`CREATE TEMPORARY TABLE`) lives. */
  temporaryTable(name: string): TableName;
  /** Whether deduplicated final tables get an index on their primary key for the merges to look keys up. */
  readonly indexesPrimaryKeys: boolean;
}

export interface SqlSession {
  readonly dialect: SqlDialect;
  run(sql: string, params?: string[]): Promise<void>;
  rows(sql: string, params?: string[]): Promise<Record<string, unknown>[]>;
  /**
   * The fast path: appends rows inside the open transaction. It may return before the database
   * has checked them (Postgres' COPY stays open across batches): a row it refuses then fails the
   * next call, a commit at the latest.
   */
  insert(target: InsertTarget, batch: EncodedBatch): Promise<void>;
  close(): Promise<void>;
  /**
   * Waits until no other session writes for `scope` (the connection) and keeps it so until this
   * session closes. A database that admits one writer process at a time (DuckDB's file lock)
   * needs none.
   */
  holdWriterLock?(scope: string): Promise<void>;
  /** Inside the preparing transaction: one session at a time creates schemas and tables. */
  lockSchemaChanges?(): Promise<void>;
}

/** Where rows go: the batch's columns, and every column of the table in its order (DuckDB's appender fills them all). */
export interface InsertTarget {
  table: TableName;
  columns: readonly LayoutColumn[];
  tableColumns: readonly string[];
  /** How the database compares column names (for matching batch columns to table columns). */
  columnKey(name: string): string;
}
