/**
 * DuckDB under the shared SQL writer: one connection to the database file, rows loaded with
 * the appender (vector by vector, 2,048 rows at a time) inside the connection's transaction,
 * which DuckDB's write-ahead log makes atomic and durable at COMMIT.
 */
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBConnection,
  DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBInstance,
  DuckDBTimestampTZValue,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBVector,
  TIMESTAMPTZ,
  VARCHAR,
} from "@duckdb/node-api";
import type { ColumnKind } from "./sql/column-types.js";
import { DUCKDB_TYPES } from "./sql/column-types.js";
import type { CellValue } from "./sql/column-values.js";
import type { EncodedBatch } from "./sql/record-encoding.js";
import type { InsertTarget, SqlDialect, SqlSession } from "./sql/session.js";

const duckdbDialect: SqlDialect = {
  name: "DuckDB",
  types: DUCKDB_TYPES,
  caseInsensitiveIdentifiers: true,
  temporaryTable: (name) => ({ catalog: "temp", schema: "main", name }),
  indexesPrimaryKeys: false,
};

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

/** JSON columns are VARCHAR underneath; the appender takes their text as is. */
const VECTOR_TYPES: Record<ColumnKind, DuckDBType> = {
  integer: BIGINT,
  number: DOUBLE,
  boolean: BOOLEAN,
  string: VARCHAR,
  timestamptz: TIMESTAMPTZ,
  date: DATE,
  json: VARCHAR,
};

type ToDuckdb = (cell: Exclude<CellValue, null>) => DuckDBValue;

const TO_DUCKDB: Record<ColumnKind, ToDuckdb> = {
  integer: (cell) => (typeof cell === "bigint" ? cell : BigInt(cell)),
  number: (cell) => cell,
  boolean: (cell) => cell,
  string: (cell) => cell,
  timestamptz: (cell) => new DuckDBTimestampTZValue(cell as bigint),
  date: (cell) => new DuckDBDateValue(cell as number),
  json: (cell) => cell,
};

/** Opens a session on a database file (or `:memory:`), sharing the instance with others of this process. */
export async function openDuckdbSession(path: string): Promise<SqlSession> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.fromCache(path);
  } catch (error) {
    const reason = (error as Error).message;
    // DuckDB lets one process write a file, or several read it: a reader left open blocks syncs.
    const advice = /Could not set lock/i.test(reason)
      ? " Another process has it open; DuckDB lets one process write a database file at a time, so close its readers while syncs run."
      : "";
    throw new Error(`Could not open the DuckDB database ${path}: ${reason}${advice}`, { cause: error });
  }
  const connection = await instance.connect();
  if (path !== ":memory:") {
    // DuckDB keeps the blocks it has written in memory up to its limit, 80% of the machine's RAM
    // by default: the worker of a sync of a million rows grew to over 600 MB. A file database
    // can let them go (and its commit is then quicker too, having less to write at once).
    await connection.run(`SET memory_limit = '${MEMORY_LIMIT}'`);
  }
  return new DuckdbSession(instance, connection);
}

/**
 * DuckDB's buffers for a writer: the memory of a sync stops growing once they are full (the worker
 * measured 267 MB at 200,000 users, 391 MB at 1,000,000, 471 MB at 2,000,000; 621 MB at 1,000,000
 * with DuckDB's default). 128 MB saved another 50 MB at the same speed, but DuckDB asks for about
 * 125 MB per thread, and deduplicating merges sort and join whole tables.
 */
const MEMORY_LIMIT = "256MB";

class DuckdbSession implements SqlSession {
  readonly dialect = duckdbDialect;
  /**
   * One chunk per table layout, refilled for every slice of rows: a chunk's vectors live in
   * native memory that V8 does not see, so chunks made per slice pile up (about 1 GB for a
   * million rows) until the garbage collector gets round to them.
   */
  private readonly chunks = new Map<string, DuckDBDataChunk>();

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  async run(sql: string, params?: string[]): Promise<void> {
    await this.connection.run(sql, params);
  }

  async rows(sql: string, params: string[] = []): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS();
  }

  /**
   * The appender fills every column of the table, in its order (the C API's column selection is
   * not exposed to Node): columns the batch lacks get NULL vectors, which cast to any type.
   */
  async insert(target: InsertTarget, batch: EncodedBatch): Promise<void> {
    const { table } = target;
    const sources = tableColumnSources(target);
    const chunk = this.chunkFor(sources.map((source) => (source === undefined ? VARCHAR : VECTOR_TYPES[source.kind])));
    const appender = await this.connection.createAppender(table.name, table.schema, table.catalog ?? null);
    try {
      for (let start = 0; start < batch.rowCount; start += CHUNK_ROWS) {
        const size = Math.min(CHUNK_ROWS, batch.rowCount - start);
        chunk.reset();
        chunk.rowCount = size;
        sources.forEach((source, index) => {
          const vector = chunk.getColumnVector(index);
          if (source === undefined) fillNulls(vector, size);
          else fillVector(vector, batch.columns[source.index] as CellValue[], start, size, source.kind);
        });
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } catch (error) {
      // The transaction is rolled back after a failed write; closing must not hide why it failed.
      ignoreErrors(() => appender.closeSync());
      throw error;
    }
    appender.closeSync();
  }

  private chunkFor(types: DuckDBType[]): DuckDBDataChunk {
    const key = types.join(",");
    let chunk = this.chunks.get(key);
    if (chunk === undefined) {
      chunk = DuckDBDataChunk.create(types);
      this.chunks.set(key, chunk);
    }
    return chunk;
  }

  async close(): Promise<void> {
    this.chunks.clear();
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** For each column of the table, the batch column that fills it (undefined: none, NULL). */
function tableColumnSources(target: InsertTarget): ({ index: number; kind: ColumnKind } | undefined)[] {
  const batchColumns = new Map(
    target.columns.map((column, index) => [target.columnKey(column.name), { index, kind: column.kind }]),
  );
  const sources = target.tableColumns.map((name) => batchColumns.get(target.columnKey(name)));
  const unplaced = target.columns.filter((_, index) => !sources.some((source) => source?.index === index));
  if (unplaced.length > 0) {
    throw new Error(
      `The table ${target.table.name} has no column ${unplaced.map((c) => JSON.stringify(c.name)).join(", ")}.`,
    );
  }
  return sources;
}

function fillNulls(vector: DuckDBVector, size: number): void {
  for (let row = 0; row < size; row++) vector.setItem(row, null);
  vector.flush();
}

/**
 * Writes cells straight into a chunk's vector (no array of converted values in between). A cell
 * equal to the one before it reuses its converted value: columns such as the generation id or
 * the extraction time repeat, and each conversion allocates (a bigint, a timestamp value).
 */
function fillVector(vector: DuckDBVector, cells: CellValue[], start: number, size: number, kind: ColumnKind): void {
  if (kind === "string" || kind === "json" || kind === "number" || kind === "boolean") {
    // Their cells are already what the vector takes.
    for (let row = 0; row < size; row++) vector.setItem(row, cells[start + row] as DuckDBValue);
    vector.flush();
    return;
  }
  const convert = TO_DUCKDB[kind];
  let previous: CellValue | undefined;
  let converted: DuckDBValue = null;
  for (let row = 0; row < size; row++) {
    const cell = cells[start + row] as CellValue;
    if (cell !== previous) {
      previous = cell;
      converted = cell === null ? null : convert(cell);
    }
    vector.setItem(row, converted);
  }
  vector.flush();
}

function ignoreErrors(action: () => void): void {
  try {
    action();
  } catch {
    // nothing to add to the error being reported
  }
}
