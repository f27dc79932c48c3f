/**
 * DuckDB's inferred column types as Airbyte's JSON Schema types, and the SQL that turns each
 * column's values into what an Airbyte record carries: integers and numbers as JSON numbers
 * (integers beyond 2^53 as bigints, which the destinations keep exactly), dates and
 * timestamps as ISO-8601 text (with `Z` when the column has a time zone), nested values
 * (structs, lists, maps, JSON) as parsed JSON, everything else as text.
 */
import type { JsonSchema } from "../types.js";

/** How one column of the file is selected and turned into a record property. */
export interface FileColumn {
  /** The property's name: the column's, or its position in a file without header. */
  name: string;
  /** The SQL expression of the value, on the reader's column. */
  expression: string;
  schema: JsonSchema;
  /** Values selected as JSON text, parsed back into objects and arrays. */
  json: boolean;
}

type Shape = Omit<FileColumn, "name" | "expression"> & { select: (column: string) => string };

const nullable = (type: string, extra: JsonSchema = {}): JsonSchema => ({ type: ["null", type], ...extra });

const asIs = (column: string) => column;
const asText = (column: string) => `CAST(${column} AS VARCHAR)`;
const asJson = (column: string) => `CAST(to_json(${column}) AS VARCHAR)`;

const INTEGER: Shape = { schema: nullable("integer", { airbyte_type: "integer" }), json: false, select: asIs };
const NUMBER: Shape = { schema: nullable("number"), json: false, select: (c) => `CAST(${c} AS DOUBLE)` };
const TEXT: Shape = { schema: nullable("string"), json: false, select: asText };

const INTEGER_TYPES = new Set([
  "TINYINT",
  "SMALLINT",
  "INTEGER",
  "BIGINT",
  "HUGEINT",
  "UTINYINT",
  "USMALLINT",
  "UINTEGER",
  "UBIGINT",
  "UHUGEINT",
]);
const TIMESTAMP_TYPES = new Set(["TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "DATETIME"]);

/** Microseconds always: the destinations keep them, and a fixed width reads back predictably. */
const ISO_TIMESTAMP = "'%Y-%m-%dT%H:%M:%S.%f'";

function shapeOf(duckdbType: string): Shape {
  const type = duckdbType.toUpperCase();
  if (INTEGER_TYPES.has(type)) return INTEGER;
  if (type === "FLOAT" || type === "DOUBLE" || type.startsWith("DECIMAL")) return NUMBER;
  if (type === "BOOLEAN") return { schema: nullable("boolean"), json: false, select: asIs };
  if (type === "DATE") {
    return { schema: nullable("string", { format: "date", airbyte_type: "date" }), json: false, select: asText };
  }
  if (TIMESTAMP_TYPES.has(type)) {
    return {
      schema: nullable("string", { format: "date-time", airbyte_type: "timestamp_without_timezone" }),
      json: false,
      select: (c) => `strftime(CAST(${c} AS TIMESTAMP), ${ISO_TIMESTAMP})`,
    };
  }
  if (type === "TIMESTAMP WITH TIME ZONE" || type === "TIMESTAMPTZ") {
    return {
      schema: nullable("string", { format: "date-time", airbyte_type: "timestamp_with_timezone" }),
      json: false,
      // The session's time zone is UTC (see file-duckdb.ts): the text is the UTC instant.
      select: (c) => `strftime(${c}, ${ISO_TIMESTAMP}) || 'Z'`,
    };
  }
  if (type === "TIME") {
    return {
      schema: nullable("string", { format: "time", airbyte_type: "time_without_timezone" }),
      json: false,
      select: asText,
    };
  }
  if (type === "TIME WITH TIME ZONE" || type === "TIMETZ") {
    return {
      schema: nullable("string", { format: "time", airbyte_type: "time_with_timezone" }),
      json: false,
      select: asText,
    };
  }
  if (type === "BLOB") {
    return { schema: nullable("string", { contentEncoding: "base64" }), json: false, select: (c) => `base64(${c})` };
  }
  if (type.startsWith("STRUCT") || type.startsWith("MAP")) {
    return { schema: nullable("object"), json: true, select: asJson };
  }
  if (type.endsWith("]")) return { schema: nullable("array"), json: true, select: asJson };
  // JSON values may be of any type: the schema says nothing, as Airbyte's for untyped values.
  if (type === "JSON" || type.startsWith("UNION")) return { schema: {}, json: true, select: asJson };
  return TEXT;
}

export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The file's columns as DuckDB describes them, named as the records will name them. */
export function fileColumns(
  described: readonly { name: string; type: string }[],
  options: { positionalNames: boolean },
): FileColumn[] {
  return described.map(({ name, type }, position) => {
    const { select, ...shape } = shapeOf(type);
    return {
      name: options.positionalNames ? String(position) : name,
      expression: select(quoteIdentifier(name)),
      ...shape,
    };
  });
}

/** The stream's JSON Schema: one property per column. */
export function recordSchema(columns: readonly FileColumn[]): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: Object.fromEntries(columns.map((column) => [column.name, structuredClone(column.schema)])),
  };
}

/** A selected value as the record carries it. */
export function recordValue(value: unknown, column: FileColumn): unknown {
  if (value === null || value === undefined) return null;
  if (column.json) return JSON.parse(value as string);
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  // NaN and the infinities have no JSON form; pandas reads them as missing values too.
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}
