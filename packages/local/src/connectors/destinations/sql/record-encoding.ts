/**
 * Records turned into columns of cells, the shape both bulk paths want (DuckDB's appender fills
 * vectors column by column; Postgres' COPY walks the same columns row by row). The `_airbyte_*`
 * columns come first, as in Airbyte's final tables.
 */
import type { DestinationRecord } from "../../protocol.js";
import type { ColumnKind } from "./column-types.js";
import { COERCIONS, type CellValue, DOES_NOT_FIT, jsonText } from "./column-values.js";

export interface LayoutColumn {
  /** The column's name in the database. */
  name: string;
  kind: ColumnKind;
  /** The record property it holds, when the database had to cut its name (Postgres: 63 bytes). */
  property?: string;
}

export const RAW_ID = "_airbyte_raw_id";
export const EXTRACTED_AT = "_airbyte_extracted_at";
export const META = "_airbyte_meta";
const GENERATION_ID = "_airbyte_generation_id";
/**
 * Arrival order of the rows of a staging table that is deduplicated later: the later of two
 * records with the same key and cursor wins. Never in a final table.
 */
export const WRITE_SEQUENCE = "_airbyte_write_sequence";

export const AIRBYTE_COLUMNS: readonly LayoutColumn[] = [
  { name: RAW_ID, kind: "string" },
  { name: EXTRACTED_AT, kind: "timestamptz" },
  { name: META, kind: "json" },
  { name: GENERATION_ID, kind: "integer" },
];

const SEQUENCE_COLUMN: LayoutColumn = { name: WRITE_SEQUENCE, kind: "integer" };

/** Airbyte's record of a value it could not keep. */
interface MetaChange {
  field: string;
  change: "NULLED";
  reason: "DESTINATION_TYPECAST_ERROR";
}

/** What to write for one table: its data columns (after the `_airbyte_*` ones) and whether rows carry a sequence. */
export interface RowLayout {
  dataColumns: readonly LayoutColumn[];
  generationId: number;
  withSequence: boolean;
}

/** Cells by column, in the order of `layoutColumns(layout)`. */
export interface EncodedBatch {
  rowCount: number;
  columns: CellValue[][];
}

export function layoutColumns(layout: RowLayout): LayoutColumn[] {
  return [...AIRBYTE_COLUMNS, ...layout.dataColumns, ...(layout.withSequence ? [SEQUENCE_COLUMN] : [])];
}

/** Encodes records; `firstSequence` numbers them when the layout has a sequence. */
export function encodeRecords(
  layout: RowLayout,
  records: readonly DestinationRecord[],
  firstSequence = 0,
): EncodedBatch {
  const rowCount = records.length;
  const width = AIRBYTE_COLUMNS.length + layout.dataColumns.length + (layout.withSequence ? 1 : 0);
  const columns: CellValue[][] = Array.from({ length: width }, () => new Array<CellValue>(rowCount));
  const dataStart = AIRBYTE_COLUMNS.length;
  const coercions = layout.dataColumns.map((column) => COERCIONS[column.kind]);
  for (let row = 0; row < rowCount; row++) {
    const record = records[row] as DestinationRecord;
    let changes: MetaChange[] | undefined;
    for (let index = 0; index < coercions.length; index++) {
      const column = layout.dataColumns[index] as LayoutColumn;
      const value = record.data[column.property ?? column.name];
      let cell: CellValue | typeof DOES_NOT_FIT = null;
      if (value !== undefined && value !== null) cell = (coercions[index] as (v: unknown) => typeof cell)(value);
      if (cell === DOES_NOT_FIT) {
        (changes ??= []).push({ field: column.name, change: "NULLED", reason: "DESTINATION_TYPECAST_ERROR" });
        cell = null;
      }
      (columns[dataStart + index] as CellValue[])[row] = cell;
    }
    (columns[0] as CellValue[])[row] = record.rawId;
    (columns[1] as CellValue[])[row] = epochMicros(record.extractedAt);
    (columns[2] as CellValue[])[row] = metaText(record.meta, changes);
    (columns[3] as CellValue[])[row] = layout.generationId;
    if (layout.withSequence) (columns[width - 1] as CellValue[])[row] = firstSequence + row;
  }
  return { rowCount, columns };
}

// Records extracted in the same millisecond, and records without changes of the same sync, share
// their cell: a bigint or a string less for each.
let lastMillis = Number.NaN;
let lastMicros = 0n;

function epochMicros(epochMillis: number): bigint {
  if (epochMillis !== lastMillis) {
    lastMillis = epochMillis;
    lastMicros = BigInt(Math.round(epochMillis * 1000));
  }
  return lastMicros;
}

let lastSyncId: unknown = Number.NaN;
let lastUnchangedMeta = "";

function metaText(meta: DestinationRecord["meta"], typecastChanges: MetaChange[] | undefined): string {
  const sourceChanges = meta.changes ?? [];
  const changes = typecastChanges === undefined ? sourceChanges : [...sourceChanges, ...typecastChanges];
  const syncId = meta.sync_id ?? null;
  // Most records have no change: skip the serializer for them.
  if (changes.length === 0) {
    if (syncId !== lastSyncId) {
      lastSyncId = syncId;
      lastUnchangedMeta = `{"sync_id":${jsonText(syncId)},"changes":[]}`;
    }
    return lastUnchangedMeta;
  }
  return jsonText({ sync_id: syncId, changes });
}
