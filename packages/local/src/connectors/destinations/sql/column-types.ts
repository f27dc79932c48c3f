/**
 * How a stream property becomes a typed column, as Airbyte's "Destinations V2" final tables
 * type them: one kind per JSON Schema, then each SQL dialect's name for that kind.
 */
import type { JsonSchema } from "../../types.js";

/** What a column holds, whatever the database calls it. */
export type ColumnKind = "integer" | "number" | "boolean" | "string" | "timestamptz" | "date" | "json";

/**
 * The kind of a property from its JSON Schema. `["null", "x"]` is x; any other union, objects,
 * arrays and schemas without a usable type are JSON, as Airbyte stores them.
 */
export function columnKind(schema: JsonSchema): ColumnKind {
  const type = nonNullType(schema);
  switch (type) {
    case "integer":
      return "integer";
    case "number":
      // Airbyte marks integers that sources declare as numbers with airbyte_type.
      return schema.airbyte_type === "integer" ? "integer" : "number";
    case "boolean":
      return "boolean";
    case "string":
      return stringKind(schema);
    default:
      return "json";
  }
}

function stringKind(schema: JsonSchema): ColumnKind {
  if (schema.format === "date-time") return "timestamptz";
  if (schema.format === "date") return "date";
  return "string";
}

/** The single non-null type of a schema, or undefined for unions, `oneOf`s and untyped schemas. */
function nonNullType(schema: JsonSchema): string | undefined {
  if (schema.oneOf !== undefined || schema.anyOf !== undefined) return undefined;
  const { type } = schema;
  if (typeof type === "string") return type;
  if (!Array.isArray(type)) return undefined;
  const others = type.filter((t) => t !== "null");
  return others.length === 1 && typeof others[0] === "string" ? others[0] : undefined;
}

/** The SQL type a dialect gives each kind. */
export type SqlTypes = Record<ColumnKind, string>;

export const DUCKDB_TYPES: SqlTypes = {
  integer: "BIGINT",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  string: "VARCHAR",
  timestamptz: "TIMESTAMP WITH TIME ZONE",
  date: "DATE",
  json: "JSON",
};

export const POSTGRES_TYPES: SqlTypes = {
  integer: "BIGINT",
  number: "DOUBLE PRECISION",
  boolean: "BOOLEAN",
  string: "TEXT",
  timestamptz: "TIMESTAMP WITH TIME ZONE",
  date: "DATE",
  json: "JSONB",
};

/**
 * The kind of an existing column from the type its database reports (information_schema's
 * `data_type`), so that values are shaped for the column as it is, even when an earlier sync
 * or a person gave it another type than the stream's schema would today. Types this writer
 * never creates are written as text, which the database converts on the way in.
 */
export function kindOfSqlType(dataType: string): ColumnKind {
  const type = dataType.toUpperCase();
  if (type === "BIGINT") return "integer";
  if (type === "DOUBLE" || type === "DOUBLE PRECISION") return "number";
  if (type === "BOOLEAN") return "boolean";
  if (type === "TIMESTAMP WITH TIME ZONE") return "timestamptz";
  if (type === "DATE") return "date";
  if (type === "JSON" || type === "JSONB") return "json";
  return "string";
}
