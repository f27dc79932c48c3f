/**
 * COPY's text format: one line per row, tab-separated, \N for NULL, backslash escapes. Postgres
 * parses it faster than any other way in, and the encoding is the hot loop of a sync.
 */
import type { ColumnKind } from "./sql/column-types.js";
import { type CellValue, formatDate, formatTimestamp } from "./sql/column-values.js";
import type { EncodedBatch, LayoutColumn } from "./sql/record-encoding.js";

/** Rows per string handed to the stream: large enough to amortize the calls, small enough to stay cheap. */
const ROWS_PER_PIECE = 1000;

export function* copyText(columns: readonly LayoutColumn[], batch: EncodedBatch): Generator<string> {
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
