/**
 * Reading Postgres tables: each stream through a server-side cursor (DECLARE / FETCH in a
 * read-only repeatable-read transaction), so memory holds one batch whatever the table's size.
 *
 * Incremental (Standard) streams are read in cursor order after the saved cursor value, and
 * checkpointed as Airbyte's source-postgres does: the state holds the cursor value and
 * `cursor_record_count`, the number of rows with exactly that value. A checkpoint is only
 * placed where the cursor value changes, so the count is complete; the next read goes on after
 * the value (`>`) when the table still has that many rows with it, and re-reads them (`>=`)
 * when rows were added with the boundary value since: duplicates then, never lost rows.
 */
import type pg from "pg";
import type { ConfiguredSourceStream, SourceMessage, SourceReadRequest, StreamStateBlob } from "../protocol.js";
import { type SourceColumn, type SourceTable, sourceTables } from "./postgres-catalog.js";
import { connectSource, unsupportedMethodReason } from "./postgres-options.js";
import { UNORDERED_KINDS } from "./postgres-types.js";
import { COLUMN_VALUES } from "./postgres-values.js";

/** Rows per FETCH: the memory a read holds. */
const FETCH_ROWS = 1000;
/** Records between two checkpoints of an incremental stream (at the next change of cursor value). */
export const CHECKPOINT_RECORDS = 1000;

/** Every value as Postgres prints it: the conversions (postgres-values.ts) do the rest. */
const RAW_TEXT = { getTypeParser: () => (text: string) => text } as unknown as pg.CustomTypesConfig;

export async function* readPostgres(request: SourceReadRequest): AsyncGenerator<SourceMessage> {
  const unsupported = unsupportedMethodReason(request.config);
  if (unsupported) throw new Error(unsupported);
  const client = await connectSource(request.config);
  try {
    for (const stream of request.streams) {
      request.signal.throwIfAborted();
      const table = await tableOf(client, stream);
      yield* readStream(client, table, stream, request);
    }
  } finally {
    // Ends the transaction of an abandoned read too (a cancel, a failed destination).
    await client.end().catch(() => undefined);
  }
}

async function tableOf(client: pg.Client, stream: ConfiguredSourceStream): Promise<SourceTable> {
  const schema = stream.namespace ?? "public";
  const table = (await sourceTables(client, [schema])).find((candidate) => candidate.name === stream.name);
  if (!table) {
    throw new Error(
      `Postgres: the table "${schema}"."${stream.name}" does not exist or the user cannot SELECT from it; discover the source's schema again.`,
    );
  }
  return table;
}

/** The saved Standard state of a stream, in Airbyte's shape. */
interface CursorState {
  cursor?: string;
  cursor_record_count?: number;
}

async function* readStream(
  client: pg.Client,
  table: SourceTable,
  stream: ConfiguredSourceStream,
  request: SourceReadRequest,
): AsyncGenerator<SourceMessage> {
  const descriptor = { name: table.name, namespace: table.schema };
  const cursorColumn = stream.syncMode === "incremental" ? cursorColumnOf(table, stream) : undefined;
  const saved = cursorColumn ? savedState(request, stream, cursorColumn) : {};
  const identifier = `${quote(table.schema)}.${quote(table.name)}`;
  const selects = table.columns.map(selectExpression);
  let where = "";
  let order = "";
  // The rows at the boundary value are read again (`>=`): they are counted anew.
  let rereadBoundary = false;
  // The count of boundary rows and the read see one snapshot: a row added between them would be lost.
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  if (cursorColumn) {
    const cursor = quote(cursorColumn.name);
    selects.push(`${cursor}::text`);
    // Qualified: an output column of the same name would make a bare name ambiguous.
    order = ` ORDER BY ${identifier}.${cursor} ASC NULLS FIRST`;
    if (saved.cursor !== undefined) {
      const value = `${client.escapeLiteral(saved.cursor)}::${cursorColumn.sqlType}`;
      rereadBoundary = (await rowsWithCursor(client, identifier, cursor, value)) !== saved.cursor_record_count;
      where = ` WHERE ${cursor} ${rereadBoundary ? ">=" : ">"} ${value}`;
    }
  }
  yield { type: "log", level: "info", message: readingMessage(identifier, stream, saved) };

  await client.query(
    `DECLARE airbyte_read NO SCROLL CURSOR FOR SELECT ${selects.map((select, index) => `${select} AS c${index}`).join(", ")} FROM ${identifier}${where}${order}`,
  );
  const convert = table.columns.map((column) => COLUMN_VALUES[column.kind]);
  const names = table.columns.map((column) => column.name);
  let last = saved.cursor;
  let lastCount = rereadBoundary ? 0 : (saved.cursor_record_count ?? 0);
  let sinceCheckpoint = 0;
  let due = false;
  const state = (): SourceMessage => ({
    type: "state",
    stream: descriptor,
    state: cursorState(cursorColumn?.name, last, lastCount, descriptor),
  });
  for (;;) {
    request.signal.throwIfAborted();
    const batch = await client.query<unknown[]>({
      text: `FETCH ${FETCH_ROWS} FROM airbyte_read`,
      rowMode: "array",
      types: RAW_TEXT,
    });
    for (const row of batch.rows) {
      const cursorText = cursorColumn ? (row[names.length] as string | null) : undefined;
      if (due && cursorText !== last && last !== undefined) {
        due = false;
        yield state();
      }
      const data: Record<string, unknown> = {};
      for (let index = 0; index < names.length; index++) {
        const text = row[index] as string | null;
        data[names[index] as string] = text === null ? null : (convert[index] as (text: string) => unknown)(text);
      }
      yield { type: "record", stream: table.name, namespace: table.schema, data, emittedAt: Date.now() };
      if (cursorText === null || cursorText === undefined) continue;
      if (cursorText === last) lastCount++;
      else {
        last = cursorText;
        lastCount = 1;
      }
      if (++sinceCheckpoint >= CHECKPOINT_RECORDS) {
        sinceCheckpoint = 0;
        due = true;
      }
    }
    if (batch.rows.length < FETCH_ROWS) break;
  }
  await client.query("COMMIT");
  if (cursorColumn) yield state();
}

function cursorColumnOf(table: SourceTable, stream: ConfiguredSourceStream): SourceColumn {
  const [name, ...nested] = stream.cursorField;
  const where = `"${table.schema}"."${table.name}"`;
  if (name === undefined || nested.length > 0) {
    throw new Error(
      `Postgres: the incremental stream ${where} needs a cursor field, one of its columns (the Postgres source has no default cursor).`,
    );
  }
  const column = table.columns.find((candidate) => candidate.name === name);
  if (!column) throw new Error(`Postgres: the cursor field "${name}" is not a column of ${where}.`);
  if (UNORDERED_KINDS.has(column.kind)) {
    throw new Error(
      `Postgres: the column "${name}" of ${where} (${column.sqlType}) cannot be a cursor; pick an ordered column (a number, a timestamp, a date, text).`,
    );
  }
  return column;
}

function savedState(request: SourceReadRequest, stream: ConfiguredSourceStream, column: SourceColumn): CursorState {
  const namespace = stream.namespace ?? "public";
  const entry = request.state.streams.find(
    (candidate) => candidate.stream.name === stream.name && (candidate.stream.namespace ?? "public") === namespace,
  );
  if (!entry) return {};
  const blob = entry.state as CursorState & { cursor_field?: unknown };
  const sameCursor = Array.isArray(blob.cursor_field) && blob.cursor_field[0] === column.name;
  if (!sameCursor || typeof blob.cursor !== "string") return {};
  return {
    cursor: blob.cursor,
    cursor_record_count: typeof blob.cursor_record_count === "number" ? blob.cursor_record_count : 0,
  };
}

async function rowsWithCursor(client: pg.Client, table: string, cursor: string, value: string): Promise<number> {
  const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${cursor} = ${value}`);
  return Number(result.rows[0]?.n ?? 0);
}

/** Airbyte's per-stream state of a Standard (cursor-based) stream. */
function cursorState(
  cursorField: string | undefined,
  cursor: string | undefined,
  count: number,
  descriptor: { name: string; namespace: string },
): StreamStateBlob {
  return {
    version: 2,
    state_type: "cursor_based",
    stream_name: descriptor.name,
    stream_namespace: descriptor.namespace,
    cursor_field: cursorField === undefined ? [] : [cursorField],
    ...(cursor === undefined ? {} : { cursor, cursor_record_count: count }),
  };
}

function readingMessage(identifier: string, stream: ConfiguredSourceStream, saved: CursorState): string {
  if (stream.syncMode !== "incremental") return `Reading ${identifier} (full refresh).`;
  const after = saved.cursor === undefined ? "from the start" : `after ${stream.cursorField[0]} ${saved.cursor}`;
  return `Reading ${identifier} (incremental by ${stream.cursorField[0]}) ${after}.`;
}

/**
 * A column as text: arrays through to_json (their elements as JSON values), money as its
 * numeric (its text carries the locale's currency sign and separators).
 */
function selectExpression(column: SourceColumn): string {
  const name = quote(column.name);
  if (column.kind === "array") return `to_json(${name})::text`;
  if (column.sqlType === "money") return `${name}::numeric::text`;
  // Selected as it is: the values arrive as text anyway (RAW_TEXT), and a cast to text would
  // trim the padding of char(n).
  return name;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
