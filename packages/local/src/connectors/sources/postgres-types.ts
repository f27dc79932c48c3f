/**
 * Postgres column types as Airbyte's source-postgres presents them: each type's JSON Schema
 * (with `airbyte_type` for timestamps and times) and the kind of value conversion it needs.
 */
import type { JsonSchema } from "../types.js";

/** How a column's text (as Postgres prints it, in a UTC, ISO session) becomes a JSON value. */
export type ValueKind =
  | "integer"
  | "number"
  | "float"
  | "boolean"
  | "string"
  | "date"
  | "timestamp"
  | "timestamptz"
  | "time"
  | "timetz"
  | "json"
  | "bytea"
  | "array";

const INTEGERS = new Set(["int2", "int4", "int8", "oid", "xid"]);
const FLOATS = new Set(["float4", "float8"]);
const NUMERICS = new Set(["numeric", "money"]);

/** The value kind of a scalar type by its `pg_type.typname`; anything else is text. */
export function scalarKind(typeName: string): ValueKind {
  if (INTEGERS.has(typeName)) return "integer";
  if (FLOATS.has(typeName)) return "float";
  if (NUMERICS.has(typeName)) return "number";
  switch (typeName) {
    case "bool":
      return "boolean";
    case "date":
      return "date";
    case "timestamp":
      return "timestamp";
    case "timestamptz":
      return "timestamptz";
    case "time":
      return "time";
    case "timetz":
      return "timetz";
    case "json":
    case "jsonb":
      return "json";
    case "bytea":
      return "bytea";
    default:
      return "string";
  }
}

/** A column's JSON Schema: nullable columns also allow null. */
export function columnSchema(kind: ValueKind, elementKind: ValueKind | undefined, nullable: boolean): JsonSchema {
  const schema =
    kind === "array" ? { type: "array", items: scalarSchema(elementKind ?? "string") } : scalarSchema(kind);
  if (!nullable) return schema;
  return { ...schema, type: ["null", schema.type as string] };
}

function scalarSchema(kind: ValueKind): JsonSchema {
  switch (kind) {
    case "integer":
      return { type: "integer" };
    case "number":
    case "float":
      return { type: "number" };
    case "boolean":
      return { type: "boolean" };
    case "date":
      return { type: "string", format: "date" };
    case "timestamp":
      return { type: "string", format: "date-time", airbyte_type: "timestamp_without_timezone" };
    case "timestamptz":
      return { type: "string", format: "date-time", airbyte_type: "timestamp_with_timezone" };
    case "time":
      return { type: "string", format: "time", airbyte_type: "time_without_timezone" };
    case "timetz":
      return { type: "string", format: "time", airbyte_type: "time_with_timezone" };
    case "json":
      return { type: "object" };
    case "bytea":
      return { type: "string", contentEncoding: "base64" };
    default:
      return { type: "string" };
  }
}

/** Kinds a cursor cannot be: they have no order a `>` comparison could follow. */
export const UNORDERED_KINDS: ReadonlySet<ValueKind> = new Set(["json", "array", "boolean", "bytea"]);
