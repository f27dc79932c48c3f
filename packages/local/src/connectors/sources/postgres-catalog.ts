/**
 * What the Postgres source offers: the tables, views, materialized views and foreign tables of
 * the configured schemas that the user may SELECT from, their columns with their types, and
 * their primary keys, read from pg_catalog (information_schema hides what the user does not own).
 */
import type { Config } from "airbyte-ts";
import type pg from "pg";
import { columnSchema, scalarKind, type ValueKind } from "./postgres-types.js";

export interface SourceColumn {
  name: string;
  kind: ValueKind;
  /** Arrays: the kind of their elements. */
  elementKind?: ValueKind;
  /** As `format_type` writes it, e.g. `numeric(10,2)`: cursor values are cast to it. */
  sqlType: string;
  nullable: boolean;
}

export interface SourceTable {
  schema: string;
  name: string;
  columns: SourceColumn[];
  primaryKey: string[];
}

/**
 * Every schema the user can see when none are configured, as Airbyte's empty `schemas`; the
 * system schemas never.
 */
const SCHEMA_FILTER = `(cardinality($1::text[]) = 0 AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%') OR n.nspname = ANY($1::text[])`;

const COLUMNS_SQL = `
SELECT n.nspname AS schema, c.relname AS table, a.attname AS column,
       coalesce(bt.typname, t.typname) AS type_name, coalesce(bt.typcategory, t.typcategory) AS category,
       et.typname AS element_type, format_type(a.atttypid, a.atttypmod) AS sql_type, NOT a.attnotnull AS nullable
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
LEFT JOIN pg_type et ON et.oid = coalesce(bt.typelem, t.typelem) AND coalesce(bt.typcategory, t.typcategory) = 'A'
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND (${SCHEMA_FILTER})
  AND has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT')
ORDER BY n.nspname, c.relname, a.attnum`;

const PRIMARY_KEYS_SQL = `
SELECT n.nspname AS schema, c.relname AS table, a.attname AS column
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey::int2[])
WHERE i.indisprimary AND (${SCHEMA_FILTER})
ORDER BY n.nspname, c.relname, array_position(i.indkey::int2[], a.attnum)`;

interface ColumnRow {
  schema: string;
  table: string;
  column: string;
  type_name: string;
  category: string;
  element_type: string | null;
  sql_type: string;
  nullable: boolean;
}

/** The readable tables of the schemas (all visible schemas for an empty list), in name order. */
export async function sourceTables(client: pg.Client, schemas: readonly string[]): Promise<SourceTable[]> {
  const [columns, keys] = await Promise.all([
    client.query<ColumnRow>(COLUMNS_SQL, [schemas]),
    client.query<{ schema: string; table: string; column: string }>(PRIMARY_KEYS_SQL, [schemas]),
  ]);
  const tables = new Map<string, SourceTable>();
  const keyOf = (schema: string, table: string) => JSON.stringify([schema, table]);
  for (const row of columns.rows) {
    const key = keyOf(row.schema, row.table);
    let table = tables.get(key);
    if (!table) {
      table = { schema: row.schema, name: row.table, columns: [], primaryKey: [] };
      tables.set(key, table);
    }
    const isArray = row.category === "A" && row.element_type !== null;
    table.columns.push({
      name: row.column,
      kind: isArray ? "array" : scalarKind(row.type_name),
      ...(isArray ? { elementKind: scalarKind(row.element_type as string) } : {}),
      sqlType: row.sql_type,
      nullable: row.nullable,
    });
  }
  for (const row of keys.rows) tables.get(keyOf(row.schema, row.table))?.primaryKey.push(row.column);
  return [...tables.values()];
}

/**
 * A table as a stream: full refresh and incremental by a cursor the user picks (Standard has no
 * default cursor), the primary key as the source defines it.
 */
export function airbyteStream(table: SourceTable): Config.AirbyteStream {
  const properties = Object.fromEntries(
    table.columns.map((column) => [column.name, columnSchema(column.kind, column.elementKind, column.nullable)]),
  );
  return {
    name: table.name,
    namespace: table.schema,
    jsonSchema: { type: "object", properties },
    supportedSyncModes: ["full_refresh", "incremental"],
    sourceDefinedCursor: false,
    defaultCursorField: [],
    sourceDefinedPrimaryKey: table.primaryKey.map((column) => [column]),
    isResumable: table.primaryKey.length > 0,
  };
}
