/**
 * `reader_options`: a JSON object in a string, which Airbyte's File source hands to pandas'
 * reader of the format (`pandas.read_csv(**options)` for CSV; JSON and JSON Lines files only
 * take `encoding`, Parquet files pandas' `read_parquet` options). The local server reads through
 * DuckDB, so each pandas option it knows becomes the DuckDB reader option that does the same,
 * and any other is refused by name rather than silently ignored.
 */
import type { ReadableFormat } from "./file-spec.js";

/** How DuckDB is to read the file. */
export interface ReaderPlan {
  /** Named parameters of the reader function, as SQL text: `{ delim: "';'" }`. */
  parameters: Record<string, string>;
  /** pandas' `usecols` / `columns`: only these columns, in the file's order. */
  columns?: string[];
  /** pandas' `nrows`: at most this many rows. */
  rowLimit?: number;
  /** The file has no header row and no `names`: columns are named 0, 1, 2... as pandas names them. */
  positionalNames: boolean;
}

class ReaderOptionsError extends Error {}

/** pandas' default NA markers (`keep_default_na`): these cells are NULL, as in Airbyte's reads. */
const PANDAS_NA_VALUES = [
  "",
  "#N/A",
  "#N/A N/A",
  "#NA",
  "-1.#IND",
  "-1.#QNAN",
  "-NaN",
  "-nan",
  "1.#IND",
  "1.#QNAN",
  "<NA>",
  "N/A",
  "NA",
  "NULL",
  "NaN",
  "None",
  "n/a",
  "nan",
  "null",
];

/** The encodings DuckDB reads without an extension (the `encodings` one cannot be downloaded here). */
const ENCODINGS: Record<string, string> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "utf-8-sig": "utf-8",
  "latin-1": "latin-1",
  latin1: "latin-1",
  "iso-8859-1": "latin-1",
  iso8859_1: "latin-1",
  l1: "latin-1",
  "utf-16": "utf-16",
  utf16: "utf-16",
};

/** pandas dtypes of `dtype` and the DuckDB types that keep the same values. */
const DTYPES: Record<string, string> = {
  str: "VARCHAR",
  string: "VARCHAR",
  object: "VARCHAR",
  int: "BIGINT",
  int64: "BIGINT",
  Int64: "BIGINT",
  int32: "INTEGER",
  float: "DOUBLE",
  float64: "DOUBLE",
  bool: "BOOLEAN",
  boolean: "BOOLEAN",
};

/** Options of pandas that change nothing in a DuckDB read (memory and engine tuning). */
const HARMLESS = new Set(["chunksize", "engine", "low_memory", "memory_map", "dtype_backend"]);

type Options = Record<string, unknown>;

/** Parses `reader_options` (absent or empty means none) into an object, or says why it is not one. */
export function parseReaderOptions(text: unknown): Options {
  if (text === undefined || text === null || (typeof text === "string" && text.trim() === "")) return {};
  if (typeof text !== "string") throw new ReaderOptionsError("reader_options must be a string holding a JSON object.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ReaderOptionsError(
      `reader_options is not valid JSON (${(error as Error).message}); write it as a JSON object, e.g. {"sep": ";"}.`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ReaderOptionsError('reader_options must be a JSON object, e.g. {"sep": ";"}.');
  }
  return parsed as Options;
}

/** The DuckDB read of a file of this format with these (pandas) reader options. */
export function readerPlan(format: ReadableFormat, options: Options): ReaderPlan {
  switch (format) {
    case "csv":
      return csvPlan(options);
    case "json":
    case "jsonl":
      return jsonPlan(format, options);
    case "parquet":
      return parquetPlan(options);
  }
}

function csvPlan(options: Options): ReaderPlan {
  refuseUnknown("csv", options, [
    "sep",
    "delimiter",
    "header",
    "names",
    "encoding",
    "quotechar",
    "escapechar",
    "doublequote",
    "skiprows",
    "nrows",
    "na_values",
    "keep_default_na",
    "decimal",
    "comment",
    "dtype",
    "usecols",
  ]);
  // pandas' defaults, given explicitly: DuckDB's sniffer would otherwise guess the dialect and
  // may skip rows it finds inconsistent instead of reporting them.
  const parameters: Record<string, string> = { delim: sqlString(","), quote: sqlString('"'), escape: sqlString('"') };
  const separator = options.sep ?? options.delimiter;
  if (separator !== undefined && separator !== null) parameters.delim = sqlString(oneCharacter("sep", separator));
  if (options.quotechar !== undefined) parameters.quote = sqlString(oneCharacter("quotechar", options.quotechar));
  if (options.escapechar !== undefined && options.escapechar !== null) {
    parameters.escape = sqlString(oneCharacter("escapechar", options.escapechar));
  } else if (options.doublequote === false) {
    throw new ReaderOptionsError("reader_options: doublequote false needs an escapechar.");
  }

  const names = optionalNames(options.names);
  const headerRow = headerRowOf(options.header, names !== undefined);
  const skipped = nonNegativeInteger("skiprows", options.skiprows ?? 0);
  parameters.header = headerRow === undefined ? "false" : "true";
  parameters.skip = String(skipped + (headerRow ?? 0));
  if (names !== undefined) parameters.names = sqlList(names);

  if (options.encoding !== undefined && options.encoding !== null) {
    parameters.encoding = sqlString(encodingOf(options.encoding));
  }
  parameters.nullstr = sqlList(nullMarkers(options));
  if (options.decimal !== undefined) parameters.decimal_separator = sqlString(oneCharacter("decimal", options.decimal));
  if (options.comment !== undefined && options.comment !== null) {
    parameters.comment = sqlString(oneCharacter("comment", options.comment));
  }
  if (options.dtype !== undefined) parameters.types = columnTypes(options.dtype);
  return {
    parameters,
    columns: optionalNames(options.usecols, "usecols"),
    rowLimit: options.nrows === undefined ? undefined : nonNegativeInteger("nrows", options.nrows),
    positionalNames: headerRow === undefined && names === undefined,
  };
}

/** Airbyte parses JSON files itself and only takes the encoding from reader_options. */
function jsonPlan(format: "json" | "jsonl", options: Options): ReaderPlan {
  refuseUnknown(format, options, ["encoding", "lines", "orient"]);
  if (options.encoding !== undefined && encodingOf(options.encoding) !== "utf-8") {
    throw new ReaderOptionsError(`reader_options: DuckDB reads ${format} files in UTF-8 only.`);
  }
  if (options.orient !== undefined && options.orient !== "records") {
    throw new ReaderOptionsError('reader_options: orient must be "records" (a list of objects, or one per line).');
  }
  const lines = format === "jsonl" || options.lines === true;
  return {
    parameters: { format: sqlString(lines ? "newline_delimited" : "auto") },
    positionalNames: false,
  };
}

function parquetPlan(options: Options): ReaderPlan {
  refuseUnknown("parquet", options, ["columns"]);
  return { parameters: {}, columns: optionalNames(options.columns, "columns"), positionalNames: false };
}

function refuseUnknown(format: string, options: Options, known: readonly string[]): void {
  const unknown = Object.keys(options).filter((name) => !known.includes(name) && !HARMLESS.has(name));
  if (unknown.length === 0) return;
  throw new ReaderOptionsError(
    `reader_options: ${unknown.join(", ")} ${unknown.length === 1 ? "is not an option" : "are not options"} the local server can apply to ${format} files (it knows ${known.join(", ")}).`,
  );
}

/** pandas' `header`: the row number of the header (0 by default), or null for none. */
function headerRowOf(header: unknown, hasNames: boolean): number | undefined {
  if (header === undefined || header === "infer") return hasNames ? undefined : 0;
  if (header === null) return undefined;
  return nonNegativeInteger("header", header);
}

function nullMarkers(options: Options): string[] {
  const extra = options.na_values;
  const given =
    extra === undefined || extra === null
      ? []
      : Array.isArray(extra)
        ? extra.map((value) => String(value))
        : [String(extra)];
  const keepDefaults = options.keep_default_na !== false;
  const markers = keepDefaults ? [...PANDAS_NA_VALUES, ...given] : given;
  // Without markers an empty cell is still missing: pandas reads it as NaN in any case.
  return [...new Set(markers.length > 0 ? markers : [""])];
}

function encodingOf(value: unknown): string {
  const encoding = typeof value === "string" ? ENCODINGS[value.toLowerCase().replace(/_/g, "-")] : undefined;
  if (encoding === undefined) {
    throw new ReaderOptionsError(
      `reader_options: the encoding ${JSON.stringify(value)} is not one DuckDB reads here (utf-8, latin-1, utf-16).`,
    );
  }
  return encoding;
}

function columnTypes(dtype: unknown): string {
  if (typeof dtype !== "object" || dtype === null || Array.isArray(dtype)) {
    throw new ReaderOptionsError('reader_options: dtype must be an object of column: type, e.g. {"zip": "str"}.');
  }
  const entries = Object.entries(dtype).map(([column, type]) => {
    const duckdbType = typeof type === "string" ? DTYPES[type] : undefined;
    if (duckdbType === undefined) {
      throw new ReaderOptionsError(
        `reader_options: dtype ${JSON.stringify(type)} of ${column} is not one the local server maps (${Object.keys(DTYPES).join(", ")}).`,
      );
    }
    return `${sqlString(column)}: ${sqlString(duckdbType)}`;
  });
  return `{${entries.join(", ")}}`;
}

function optionalNames(value: unknown, option = "names"): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((name) => typeof name !== "string" && typeof name !== "number")) {
    throw new ReaderOptionsError(`reader_options: ${option} must be a list of column names.`);
  }
  return value.map((name) => String(name));
}

function oneCharacter(option: string, value: unknown): string {
  if (typeof value !== "string" || (value.length !== 1 && value !== "\\t")) {
    throw new ReaderOptionsError(
      `reader_options: ${option} must be one character (pandas' regular-expression separators are not supported), not ${JSON.stringify(value)}.`,
    );
  }
  return value === "\\t" ? "\t" : value;
}

function nonNegativeInteger(option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new ReaderOptionsError(
      `reader_options: ${option} must be a whole number of rows (lists of rows are not supported), not ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

export const sqlString = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const sqlList = (items: readonly string[]): string => `[${items.map(sqlString).join(", ")}]`;
