/**
 * The DuckDB and Postgres destinations write the same tables: each sync mode, atomicity,
 * typecast errors in `_airbyte_meta`, schema evolution, awkward identifiers, exact timestamps
 * and checkpoints. Every test runs against a real DuckDB file and a real PostgreSQL server.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { duckdbDestination } from "../src/connectors/destinations/duckdb.js";
import { postgresDestination } from "../src/connectors/destinations/postgres.js";
import type { Column, DestinationRecord, DestinationWriter, StreamTarget } from "../src/connectors/protocol.js";
import type { DestinationConnector } from "../src/connectors/types.js";
import { queryDuckdb } from "./helpers/destinations.js";
import { has } from "@airbyte-ts/test-support";
import { type PostgresServer, startPostgres } from "@airbyte-ts/test-support/postgres";

type Row = Record<string, unknown>;

interface Backend {
  name: "duckdb" | "postgres";
  destination: DestinationConnector;
  config(): Record<string, unknown>;
  defaultSchema: string;
  /** Rows of a query, BIGINTs as numbers. */
  rows(sql: string): Promise<Row[]>;
  /** SQL for the epoch microseconds of a timestamp column. */
  micros(column: string): string;
  /** The column names and database types of a table. */
  columnTypes(schema: string, table: string): Promise<Record<string, string>>;
  localDirectory: string;
}

const localDirectory = mkdtempSync(join(tmpdir(), "destination-sql-"));
let postgres: PostgresServer;
const postgresHere = has("postgres");

beforeAll(async () => {
  if (postgresHere) postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.close();
  rmSync(localDirectory, { recursive: true, force: true });
});

const duckdbFile = join(localDirectory, "warehouse.duckdb");

const duckdb: Backend = {
  name: "duckdb",
  destination: duckdbDestination,
  config: () => ({ destination_path: "/local/warehouse.duckdb" }),
  defaultSchema: "main",
  localDirectory,
  async rows(sql) {
    return queryDuckdb(duckdbFile, sql);
  },
  micros: (column) => `epoch_us(${column})`,
  async columnTypes(schema, table) {
    const rows = await duckdb.rows(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = '${table}' AND table_catalog = current_database() ORDER BY ordinal_position`,
    );
    return Object.fromEntries(rows.map((row) => [row.column_name, row.data_type]));
  },
};

const postgresBackend: Backend = {
  name: "postgres",
  destination: postgresDestination,
  config: () => postgres.connectorConfig(),
  defaultSchema: "public",
  localDirectory,
  async rows(sql) {
    const client = new pg.Client({
      host: postgres.host,
      port: postgres.port,
      user: postgres.user,
      database: postgres.database,
      types: {
        getTypeParser: (oid: number, format?: string) =>
          oid === 20 ? Number : pg.types.getTypeParser(oid, format as "text"),
      },
    });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Row[];
    } finally {
      await client.end();
    }
  },
  micros: (column) => `(extract(epoch from ${column}) * 1000000)::bigint`,
  async columnTypes(schema, table) {
    const rows = await postgres.query(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
      [schema, table],
    );
    return Object.fromEntries(rows.map((row) => [row.column_name, row.data_type]));
  },
};

// ---------------------------------------------------------------------------------------------
// Streams and records

const USER_COLUMNS: Column[] = [
  { name: "id", schema: { type: "integer" } },
  { name: "name", schema: { type: ["null", "string"] } },
  { name: "updated_at", schema: { type: "string", format: "date-time", airbyte_type: "timestamp_with_timezone" } },
];

type Mode = "overwrite" | "append" | "append_dedup";

function stream(
  table: string,
  syncMode: StreamTarget["syncMode"],
  destinationSyncMode: Mode,
  options: Partial<StreamTarget> = {},
): StreamTarget {
  return {
    key: table,
    stream: { name: table },
    schema: "",
    table,
    columns: USER_COLUMNS,
    destinationSyncMode,
    syncMode,
    primaryKey: [["id"]],
    cursorField: ["updated_at"],
    generationId: 1,
    ...options,
  };
}

let extractedAt = Date.UTC(2024, 0, 1);

function record(data: Record<string, unknown>, syncId = 1): DestinationRecord {
  extractedAt += 1;
  return { rawId: randomUUID(), extractedAt, data, meta: { changes: [], sync_id: syncId } };
}

const users = (ids: number[]) =>
  ids.map((id) =>
    record({ id, name: `user ${id}`, updated_at: `2024-01-01T00:00:${String(id % 60).padStart(2, "0")}Z` }),
  );

async function open(backend: Backend, streams: StreamTarget[], scope = "connection-1"): Promise<DestinationWriter> {
  return backend.destination.open!({
    config: backend.config(),
    streams,
    localDirectory: backend.localDirectory,
    checkpointScope: scope,
  });
}

/** A whole successful sync: writes, commits, finishes and closes. */
async function sync(backend: Backend, target: StreamTarget, records: DestinationRecord[]): Promise<void> {
  const writer = await open(backend, [target]);
  await writer.write(target.key, records);
  await writer.commit(target.syncMode === "incremental" ? randomUUID() : undefined);
  await writer.finish();
  await writer.close(true);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

describe.each(postgresHere ? [duckdb, postgresBackend] : [duckdb])("$name destination", (backend) => {
  const table = (name: string, schema = backend.defaultSchema) => `${quote(schema)}.${quote(name)}`;
  const ids = async (name: string) =>
    (await backend.rows(`SELECT id FROM ${table(name)} ORDER BY id`)).map((row) => row.id as number);
  const names = async (name: string) =>
    Object.fromEntries(
      (await backend.rows(`SELECT id, name FROM ${table(name)} ORDER BY id`)).map((row) => [row.id, row.name]),
    );
  const tableNames = async (schema = backend.defaultSchema) =>
    (
      await backend.rows(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}' ORDER BY table_name`,
      )
    ).map((row) => row.table_name);

  test("a final table is typed from the stream's schema, with Airbyte's columns first", async () => {
    const columns: Column[] = [
      { name: "id", schema: { type: "integer" } },
      { name: "price", schema: { type: "number" } },
      { name: "active", schema: { type: "boolean" } },
      { name: "name", schema: { type: ["null", "string"] } },
      { name: "at", schema: { type: "string", format: "date-time" } },
      { name: "day", schema: { type: "string", format: "date" } },
      { name: "address", schema: { type: "object" } },
      { name: "tags", schema: { type: "array" } },
      { name: "either", schema: { type: ["string", "integer"] } },
    ];
    await sync(backend, stream("typed", "full_refresh", "overwrite", { columns }), []);
    const types = await backend.columnTypes(backend.defaultSchema, "typed");
    expect(types).toEqual(
      backend.name === "duckdb"
        ? {
            _airbyte_raw_id: "VARCHAR",
            _airbyte_extracted_at: "TIMESTAMP WITH TIME ZONE",
            _airbyte_meta: "JSON",
            _airbyte_generation_id: "BIGINT",
            id: "BIGINT",
            price: "DOUBLE",
            active: "BOOLEAN",
            name: "VARCHAR",
            at: "TIMESTAMP WITH TIME ZONE",
            day: "DATE",
            address: "JSON",
            tags: "JSON",
            either: "JSON",
          }
        : {
            _airbyte_raw_id: "character varying",
            _airbyte_extracted_at: "timestamp with time zone",
            _airbyte_meta: "jsonb",
            _airbyte_generation_id: "bigint",
            id: "bigint",
            price: "double precision",
            active: "boolean",
            name: "text",
            at: "timestamp with time zone",
            day: "date",
            address: "jsonb",
            tags: "jsonb",
            either: "jsonb",
          },
    );
  });

  test("full refresh overwrite: the old rows stay until the sync finishes, then the new ones replace them", async () => {
    await sync(backend, stream("fr_overwrite", "full_refresh", "overwrite"), users([1, 2, 3]));
    expect(await ids("fr_overwrite")).toEqual([1, 2, 3]);

    const second = stream("fr_overwrite", "full_refresh", "overwrite", { generationId: 2 });
    const writer = await open(backend, [second]);
    await writer.write(second.key, users([4, 5]));
    await writer.commit();
    expect(await ids("fr_overwrite")).toEqual([1, 2, 3]);
    expect(await tableNames()).toContain("fr_overwrite_airbyte_tmp");
    await writer.finish();
    await writer.close(true);
    expect(await ids("fr_overwrite")).toEqual([4, 5]);
    expect(await backend.rows(`SELECT DISTINCT _airbyte_generation_id AS g FROM ${table("fr_overwrite")}`)).toEqual([
      { g: 2 },
    ]);
    expect(await tableNames()).not.toContain("fr_overwrite_airbyte_tmp");
  });

  test("full refresh overwrite: a failed sync leaves the old rows", async () => {
    await sync(backend, stream("fr_failed", "full_refresh", "overwrite"), users([1, 2]));
    const writer = await open(backend, [stream("fr_failed", "full_refresh", "overwrite")]);
    await writer.write("fr_failed", users([7, 8, 9]));
    await writer.commit();
    await writer.close(false);
    expect(await ids("fr_failed")).toEqual([1, 2]);
    expect(await tableNames()).not.toContain("fr_failed_airbyte_tmp");
  });

  test("full refresh append: the staged rows are added when the sync finishes", async () => {
    await sync(backend, stream("fr_append", "full_refresh", "append"), users([1, 2]));
    const writer = await open(backend, [stream("fr_append", "full_refresh", "append")]);
    await writer.write("fr_append", users([1, 3]));
    await writer.commit();
    expect(await ids("fr_append")).toEqual([1, 2]);
    await writer.finish();
    await writer.close(true);
    expect(await ids("fr_append")).toEqual([1, 1, 2, 3]);
  });

  test("incremental append: rows appear at each commit; a failed attempt keeps what was committed", async () => {
    const target = stream("inc_append", "incremental", "append");
    const writer = await open(backend, [target]);
    expect(await writer.lastCheckpoint()).toBeNull();
    await writer.write(target.key, users([1, 2]));
    expect(await ids("inc_append")).toEqual([]);
    await writer.commit("checkpoint-1");
    expect(await ids("inc_append")).toEqual([1, 2]);
    await writer.write(target.key, users([3]));
    await writer.commit("checkpoint-2");
    await writer.write(target.key, users([4, 5]));
    await writer.close(false);
    expect(await ids("inc_append")).toEqual([1, 2, 3]);

    const next = await open(backend, [target]);
    expect(await next.lastCheckpoint()).toBe("checkpoint-2");
    await next.write(target.key, users([3, 4]));
    await next.commit("checkpoint-3");
    await next.finish();
    await next.close(true);
    expect(await ids("inc_append")).toEqual([1, 2, 3, 3, 4]);
  });

  test("incremental append_dedup: per primary key, the newest record by cursor wins, the later one on ties", async () => {
    const target = stream("dedup", "incremental", "append_dedup");
    const at = (second: number) => `2024-01-01T00:00:${String(second).padStart(2, "0")}Z`;
    const writer = await open(backend, [target]);
    await writer.write(target.key, [
      record({ id: 1, name: "one v1", updated_at: at(1) }),
      record({ id: 2, name: "two v1", updated_at: at(1) }),
      record({ id: 1, name: "one v3", updated_at: at(3) }),
      record({ id: 1, name: "one v2", updated_at: at(2) }),
    ]);
    await writer.write(target.key, [record({ id: 2, name: "two v1 again", updated_at: at(1) })]);
    expect(await ids("dedup")).toEqual([]);
    await writer.commit("c1");
    expect(await names("dedup")).toEqual({ 1: "one v3", 2: "two v1 again" });

    await writer.write(target.key, [
      record({ id: 1, name: "one older", updated_at: at(2) }),
      record({ id: 2, name: "two tie", updated_at: at(1) }),
      record({ id: 3, name: "three", updated_at: at(5) }),
      record({ id: 3, name: "three without cursor", updated_at: null }),
    ]);
    await writer.commit("c2");
    expect(await names("dedup")).toEqual({ 1: "one v3", 2: "two tie", 3: "three" });

    await writer.write(target.key, [record({ id: 3, name: "three newer", updated_at: at(9) })]);
    await writer.close(false);
    expect(await names("dedup")).toEqual({ 1: "one v3", 2: "two tie", 3: "three" });
    expect(await ids("dedup")).toEqual([1, 2, 3]);
  });

  test("append_dedup: a final row without cursor is older than any new row with one", async () => {
    const target = stream("dedup_nulls", "incremental", "append_dedup");
    await sync(backend, target, [record({ id: 1, name: "no cursor", updated_at: null })]);
    await sync(backend, target, [record({ id: 1, name: "cursor", updated_at: "2020-01-01T00:00:00Z" })]);
    expect(await names("dedup_nulls")).toEqual({ 1: "cursor" });
    await sync(backend, target, [record({ id: 1, name: "no cursor again", updated_at: null })]);
    expect(await names("dedup_nulls")).toEqual({ 1: "cursor" });
  });

  test("append_dedup on a composite key with nulls in it, and without a cursor", async () => {
    const columns: Column[] = [
      { name: "region", schema: { type: ["null", "string"] } },
      { name: "code", schema: { type: "integer" } },
      { name: "label", schema: { type: "string" } },
    ];
    const target = stream("dedup_composite", "incremental", "append_dedup", {
      columns,
      primaryKey: [["region"], ["code"]],
      cursorField: [],
    });
    const row = (region: string | null, code: number, label: string) => record({ region, code, label });
    await sync(backend, target, [row("eu", 1, "a"), row("us", 1, "b"), row(null, 1, "c"), row(null, 1, "d")]);
    await sync(backend, target, [row("eu", 1, "e"), row(null, 1, "f"), row(null, 2, "g")]);
    const rows = await backend.rows(`SELECT region, code, label FROM ${table("dedup_composite")} ORDER BY label`);
    expect(rows).toEqual([
      { region: "us", code: 1, label: "b" },
      { region: "eu", code: 1, label: "e" },
      { region: null, code: 1, label: "f" },
      { region: null, code: 2, label: "g" },
    ]);
  });

  test("values that do not fit their column become NULL and are listed in _airbyte_meta", async () => {
    const columns: Column[] = [
      { name: "id", schema: { type: "integer" } },
      { name: "price", schema: { type: "number" } },
      { name: "active", schema: { type: "boolean" } },
      { name: "at", schema: { type: "string", format: "date-time" } },
      { name: "day", schema: { type: "string", format: "date" } },
      { name: "note", schema: { type: "string" } },
    ];
    const target = stream("typecast", "incremental", "append", { columns });
    const sourceChange = { field: "note", change: "TRUNCATED", reason: "SOURCE_FIELD_SIZE_LIMITATION" };
    await sync(backend, target, [
      record({ id: "seven", price: "12.5", active: "yes", at: "not a time", day: "2023-02-30", note: { kept: true } }),
      {
        ...record({ id: 8, price: 1.5, active: true, at: "2024-05-06T07:08:09Z", day: "2024-05-06", note: "ok" }),
        meta: { changes: [sourceChange], sync_id: 42 },
      },
    ]);
    const rows = await backend.rows(
      `SELECT id, price, active, ${backend.micros('"at"')} AS "at", CAST("day" AS VARCHAR) AS "day", note, CAST(_airbyte_meta AS VARCHAR) AS meta FROM ${table("typecast")} ORDER BY _airbyte_extracted_at`,
    );
    const nulled = (field: string) => ({ field, change: "NULLED", reason: "DESTINATION_TYPECAST_ERROR" });
    expect(rows.map((row) => ({ ...row, meta: JSON.parse(row.meta as string) }))).toEqual([
      {
        id: null,
        price: null,
        active: null,
        at: null,
        day: null,
        note: '{"kept":true}',
        meta: { sync_id: 1, changes: ["id", "price", "active", "at", "day"].map(nulled) },
      },
      {
        id: 8,
        price: 1.5,
        active: true,
        at: Date.UTC(2024, 4, 6, 7, 8, 9) * 1000,
        day: "2024-05-06",
        note: "ok",
        meta: { sync_id: 42, changes: [sourceChange] },
      },
    ]);
  });

  test("a stream that gained properties gains columns; existing columns keep their type", async () => {
    const target = stream("evolving", "incremental", "append");
    await sync(backend, target, users([1]));
    const wider = stream("evolving", "incremental", "append", {
      columns: [
        ...USER_COLUMNS.map((column) => (column.name === "id" ? { name: "id", schema: { type: "string" } } : column)),
        { name: "age", schema: { type: "integer" } },
        { name: "profile", schema: { type: "object" } },
      ],
    });
    await sync(backend, wider, [
      record({ id: 2, name: "two", updated_at: "2024-01-02T00:00:00Z", age: 30, profile: { a: 1 } }),
      record({ id: "three", name: "three", updated_at: "2024-01-02T00:00:00Z", age: 31 }),
    ]);
    const rows = await backend.rows(
      `SELECT id, name, age, CAST(profile AS VARCHAR) AS profile, CAST(_airbyte_meta AS VARCHAR) AS meta FROM ${table("evolving")} ORDER BY name`,
    );
    expect(
      rows.map((row) => ({
        ...row,
        profile: row.profile && JSON.parse(row.profile as string),
        meta: JSON.parse(row.meta as string).changes,
      })),
    ).toEqual([
      {
        id: null,
        name: "three",
        age: 31,
        profile: null,
        meta: [{ field: "id", change: "NULLED", reason: "DESTINATION_TYPECAST_ERROR" }],
      },
      { id: 2, name: "two", age: 30, profile: { a: 1 }, meta: [] },
      { id: 1, name: "user 1", age: null, profile: null, meta: [] },
    ]);
    const types = await backend.columnTypes(backend.defaultSchema, "evolving");
    expect(Object.keys(types)).toEqual([
      "_airbyte_raw_id",
      "_airbyte_extracted_at",
      "_airbyte_meta",
      "_airbyte_generation_id",
      "id",
      "name",
      "updated_at",
      "age",
      "profile",
    ]);
  });

  test("an overwrite replaces the table with one typed from today's schema", async () => {
    await sync(backend, stream("retyped", "full_refresh", "overwrite"), users([1]));
    const retyped = stream("retyped", "full_refresh", "overwrite", {
      columns: [
        { name: "id", schema: { type: "string" } },
        { name: "extra", schema: { type: "boolean" } },
      ],
    });
    await sync(backend, retyped, [record({ id: "a", extra: true })]);
    expect(Object.keys(await backend.columnTypes(backend.defaultSchema, "retyped")).slice(4)).toEqual(["id", "extra"]);
    expect(await backend.rows(`SELECT id, extra FROM ${table("retyped")}`)).toEqual([{ id: "a", extra: true }]);
  });

  test("identifiers with spaces, quotes and upper case are quoted everywhere", async () => {
    const columns: Column[] = [
      { name: "Customer ID", schema: { type: "integer" } },
      { name: 'say "hi"', schema: { type: "string" } },
      { name: "UPPER", schema: { type: "string", format: "date-time" } },
    ];
    const schema = `My "Odd" Schema ${backend.name}`;
    const name = `Orders "2024" Ünïcode`;
    const target = stream(name, "incremental", "append_dedup", {
      schema,
      columns,
      primaryKey: [["Customer ID"]],
      cursorField: ["UPPER"],
    });
    await sync(backend, target, [
      record({ "Customer ID": 1, 'say "hi"': "first", UPPER: "2024-01-01T00:00:00Z" }),
      record({ "Customer ID": 1, 'say "hi"': "second", UPPER: "2024-01-02T00:00:00Z" }),
    ]);
    await sync(backend, stream(name, "full_refresh", "append", { schema, columns }), [
      record({ "Customer ID": 2, 'say "hi"': "third", UPPER: "2024-01-03T00:00:00Z" }),
    ]);
    await sync(backend, stream(name, "full_refresh", "overwrite", { schema, columns }), [
      record({ "Customer ID": 3, 'say "hi"': "fourth", UPPER: "2024-01-04T00:00:00Z" }),
    ]);
    expect(await backend.rows(`SELECT "Customer ID" AS id, "say ""hi""" AS said FROM ${table(name, schema)}`)).toEqual([
      { id: 3, said: "fourth" },
    ]);
  });

  test("properties the database would take for one column are refused at open", async () => {
    const clash = stream("clash", "incremental", "append", {
      columns: [
        { name: "name", schema: { type: "string" } },
        { name: backend.name === "duckdb" ? "NAME" : "_airbyte_meta", schema: { type: "string" } },
      ],
    });
    await expect(open(backend, [clash])).rejects.toThrow(/would be the same column/);
  });

  test("timestamps round-trip to the microsecond, whatever their offset", async () => {
    const columns: Column[] = [
      { name: "label", schema: { type: "string" } },
      { name: "at", schema: { type: ["null", "string"], format: "date-time" } },
      { name: "day", schema: { type: "string", format: "date" } },
    ];
    const cases: [string, string, bigint][] = [
      ["micros", "2024-03-05T10:11:12.123456Z", 1709633472123456n],
      ["offset", "2024-03-05T12:11:12.123456+02:00", 1709633472123456n],
      ["no offset", "2024-03-05 10:11:12.5", 1709633472500000n],
      ["epoch", "1970-01-01T00:00:00Z", 0n],
      ["before epoch", "1969-12-31T23:59:59.999999Z", -1n],
      ["far past", "0001-01-01T00:00:00Z", -62135596800000000n],
      ["far future", "9999-12-31T23:59:59.999999Z", 253402300799999999n],
      ["leap day", "2024-02-29T23:59:59.000001-00:30", 1709252999000001n],
    ];
    const target = stream("times", "incremental", "append", { columns });
    const extracted = Date.UTC(2024, 6, 1, 12, 30, 45, 678);
    await sync(
      backend,
      target,
      cases.map(([label, at]) => ({ ...record({ label, at, day: at.slice(0, 10) }), extractedAt: extracted })),
    );
    const rows = await backend.rows(
      `SELECT label, CAST(${backend.micros('"at"')} AS VARCHAR) AS "at", CAST("day" AS VARCHAR) AS "day", ${backend.micros("_airbyte_extracted_at")} AS extracted FROM ${table("times")}`,
    );
    const byLabel = new Map(rows.map((row) => [row.label, row]));
    for (const [label, at, micros] of cases) {
      expect(byLabel.get(label), label).toEqual({
        label,
        at: String(micros),
        day: at.slice(0, 10),
        extracted: extracted * 1000,
      });
    }
  });

  test("text and JSON keep tabs, newlines, backslashes, quotes and Unicode", async () => {
    const columns: Column[] = [
      { name: "id", schema: { type: "integer" } },
      { name: "text", schema: { type: "string" } },
      { name: "doc", schema: { type: "object" } },
    ];
    const tricky = 'tab\there\nnew line\r\nback\\slash "quoted" \\N \\. é 😀 \u2028';
    const doc = { [tricky]: [tricky, 1.5, null, true, { nested: "\\u0000 is text" }] };
    await sync(backend, stream("tricky", "incremental", "append", { columns }), [
      record({ id: 1, text: tricky, doc }),
      record({ id: 2, text: "\\N", doc: [] }),
    ]);
    const rows = await backend.rows(`SELECT id, text, CAST(doc AS VARCHAR) AS doc FROM ${table("tricky")} ORDER BY id`);
    expect(rows.map((row) => ({ ...row, doc: JSON.parse(row.doc as string) }))).toEqual([
      { id: 1, text: tricky, doc },
      { id: 2, text: "\\N", doc: [] },
    ]);
  });

  test("nothing written is visible before a commit, in any mode", async () => {
    const targets = [
      stream("hidden_overwrite", "full_refresh", "overwrite"),
      stream("hidden_append", "full_refresh", "append"),
      stream("hidden_inc", "incremental", "append"),
      stream("hidden_dedup", "incremental", "append_dedup"),
    ];
    const writer = await open(backend, targets);
    for (const target of targets) await writer.write(target.key, users([1, 2]));
    for (const target of targets) expect(await ids(target.table), target.table).toEqual([]);
    await writer.commit("visible-now");
    expect(await ids("hidden_inc")).toEqual([1, 2]);
    expect(await ids("hidden_dedup")).toEqual([1, 2]);
    expect(await ids("hidden_overwrite")).toEqual([]);
    expect(await ids("hidden_append")).toEqual([]);
    await writer.finish();
    await writer.close(true);
    for (const target of targets) expect(await ids(target.table), target.table).toEqual([1, 2]);
  });

  test("checkpoints are kept per scope, with the records they cover", async () => {
    const target = stream("scoped", "incremental", "append");
    const first = await open(backend, [target], "scope-a");
    await first.write(target.key, users([1]));
    await first.commit("a-1");
    await first.write(target.key, users([2]));
    await first.commit();
    await first.close(false);
    const other = await open(backend, [target], "scope-b");
    expect(await other.lastCheckpoint()).toBeNull();
    await other.commit("b-1");
    await other.close(true);
    const again = await open(backend, [target], "scope-a");
    expect(await again.lastCheckpoint()).toBe("a-1");
    await again.close(false);
    expect(await ids("scoped")).toEqual([1, 2]);
  });

  test("writes to a stream that was not opened, or after a failure, are refused", async () => {
    const target = stream("refusals", "incremental", "append");
    const writer = await open(backend, [target]);
    await expect(writer.write("elsewhere", users([1]))).rejects.toThrow(
      "The stream elsewhere was not opened for writing.",
    );
    await expect(writer.commit()).rejects.toThrow("The stream elsewhere was not opened for writing.");
    await writer.close(false);
    await expect(writer.write(target.key, users([1]))).rejects.toThrow(/not opened|closed/);
  });

  test("a value the database refuses fails the write (or, Postgres' COPY being pipelined, the commit), and nothing after it commits", async () => {
    const schema = backend.defaultSchema;
    await backend.rows(`CREATE TABLE ${table("hand_made")} (id BIGINT, code UUID)`);
    const target = stream("hand_made", "incremental", "append", {
      schema,
      columns: [
        { name: "id", schema: { type: "integer" } },
        { name: "code", schema: { type: "string" } },
      ],
    });
    const writer = await open(backend, [target]);
    await writer.write(target.key, [record({ id: 1, code: randomUUID() })]);
    await writer.commit("fine");
    // Postgres checks rows while the next batch is made: its refusal fails the next call at the latest.
    const write = await writer.write(target.key, [record({ id: 2, code: "not a uuid" })]).then(
      () => "written",
      () => "refused",
    );
    if (backend.name === "duckdb") expect(write).toBe("refused");
    await expect(writer.commit("never")).rejects.toThrow();
    await writer.close(false);
    expect(await ids("hand_made")).toEqual([1]);
    const next = await open(backend, [target]);
    expect(await next.lastCheckpoint()).toBe("fine");
    await next.close(false);
  });

  test("deduplication needs a selected top-level primary key", async () => {
    await expect(open(backend, [stream("no_key", "incremental", "append_dedup", { primaryKey: [] })])).rejects.toThrow(
      "The stream no_key is deduplicated (append_dedup) but has no primary key.",
    );
    await expect(
      open(backend, [stream("nested_key", "incremental", "append_dedup", { primaryKey: [["address", "city"]] })]),
    ).rejects.toThrow(
      /The primary key address.city of the stream nested_key is not one of its selected top-level properties/,
    );
  });
});
