/**
 * The Postgres source on its own, against a real PostgreSQL: its check's messages (wrong host,
 * wrong password, missing database, missing privileges, CDC), the catalog it discovers (every
 * type, views, primary keys), and what it reads: values in Airbyte's formats, and incremental
 * reads by a cursor with Airbyte's cursor_record_count, so that rows sharing the boundary
 * value are never lost.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ConfiguredSourceStream, SourceMessage, SourceState } from "../src/connectors/protocol.js";
import { CHECKPOINT_RECORDS } from "../src/connectors/sources/postgres-read.js";
import { postgresSource } from "../src/connectors/sources/postgres.js";
import { closedPort } from "./helpers/destinations.js";
import { createSourceTables, FULL_ROW, NULL_ROW } from "./helpers/source-postgres.js";
import { has } from "@airbyte-ts/test-support";
import { type PostgresServer, startPostgres } from "@airbyte-ts/test-support/postgres";

const PASSWORD = "Src-Pg-S3cret";
const postgresHere = has("postgres");
let server: PostgresServer;
const context = { localDirectory: "/nonexistent" };

beforeAll(async () => {
  if (!postgresHere) return;
  server = await startPostgres({ password: PASSWORD });
  await createSourceTables(server);
});
afterAll(async () => {
  await server?.close();
});

const config = (extra: Record<string, unknown> = {}) => {
  const { schema: _schema, ...rest } = server.connectorConfig(extra);
  return rest;
};

async function read(
  streams: Partial<ConfiguredSourceStream>[],
  state: SourceState = { streams: [] },
  sourceConfig = config(),
) {
  const messages: SourceMessage[] = [];
  const configured = streams.map((stream) => ({
    name: "",
    namespace: "public",
    jsonSchema: {},
    syncMode: "full_refresh" as const,
    cursorField: [],
    primaryKey: [],
    ...stream,
  }));
  const reader = postgresSource.read!({
    config: sourceConfig,
    streams: configured,
    state,
    localDirectory: "/nonexistent",
    signal: new AbortController().signal,
  });
  for await (const message of reader) messages.push(message);
  const records = messages.flatMap((message) => (message.type === "record" ? [message.data] : []));
  const states = messages.flatMap((message) => (message.type === "state" ? [message] : []));
  return { messages, records, states };
}

/** The state to resume a stream from, as the engine hands it over. */
const resumeFrom = (message: SourceMessage | undefined): SourceState =>
  message?.type === "state" ? { streams: [{ stream: message.stream, state: message.state }] } : { streams: [] };

describe.skipIf(!postgresHere)("the Postgres source's check", () => {
  test("succeeds for a user who may read the schemas", async () => {
    expect(await postgresSource.check(config(), context)).toEqual({ status: "succeeded" });
    expect(await postgresSource.check(config({ schemas: ["public", "shop"] }), context)).toEqual({
      status: "succeeded",
    });
  });

  test("says what is wrong: the host, the password, the database, never the password itself", async () => {
    const port = await closedPort();
    const refused = await postgresSource.check(config({ port }), context);
    expect(refused).toEqual({
      status: "failed",
      message: `Could not connect to Postgres at 127.0.0.1:${port} (database airbyte, user airbyte): ECONNREFUSED`,
    });
    const unknownHost = await postgresSource.check(config({ host: "no-such-host.invalid" }), context);
    expect(unknownHost.message).toMatch(
      /^Could not connect to Postgres at no-such-host\.invalid:\d+ .*: (ENOTFOUND|EAI_AGAIN)$/,
    );
    const wrongPassword = await postgresSource.check(config({ password: `${PASSWORD}-wrong` }), context);
    expect(wrongPassword.message).toBe(
      `Could not connect to Postgres at 127.0.0.1:${server.port} (database airbyte, user airbyte): password authentication failed for user "airbyte"`,
    );
    const noDatabase = await postgresSource.check(config({ database: "nope" }), context);
    expect(noDatabase.message).toBe(
      `Could not connect to Postgres at 127.0.0.1:${server.port} (database nope, user airbyte): database "nope" does not exist`,
    );
    const incomplete = await postgresSource.check({ port: 5432 }, context);
    expect(incomplete.message).toMatch(/\$\.host: is missing but it is required/);
    for (const outcome of [refused, unknownHost, wrongPassword, noDatabase]) {
      expect(outcome.status).toBe("failed");
      expect(outcome.message).not.toContain("S3cret");
    }
  });

  test("names the schemas and tables a user may not use or read", async () => {
    await server.query(`
      CREATE ROLE limited LOGIN PASSWORD '${PASSWORD}';
      GRANT USAGE ON SCHEMA public TO limited;
      GRANT SELECT ON public.every_type, public.flags TO limited;`);
    const limited = (extra: Record<string, unknown>) => config({ username: "limited", ...extra });
    expect(await postgresSource.check(limited({ schemas: ["public"] }), context)).toEqual({
      status: "failed",
      message:
        "User limited lacks the SELECT privilege on public.no_key: GRANT SELECT on these tables to it, or replicate other schemas.",
    });
    expect(await postgresSource.check(limited({ schemas: ["shop"] }), context)).toEqual({
      status: "failed",
      message: 'User limited lacks the USAGE privilege on schema "shop": GRANT USAGE ON SCHEMA to it.',
    });
    expect(await postgresSource.check(limited({ schemas: ["nowhere"] }), context)).toEqual({
      status: "failed",
      message: 'Schema "nowhere" does not exist in database airbyte.',
    });
    // Discover leaves out what the user cannot read.
    const streams = await postgresSource.discover(limited({ schemas: ["public", "shop"] }), context);
    expect(streams.map((stream) => stream.name)).toEqual(["every_type", "flags"]);
  });

  test("CDC and Xmin are refused with a clear message, in check, discover and read", async () => {
    const cdc = config({ replication_method: { method: "CDC", replication_slot: "s", publication: "p" } });
    const outcome = await postgresSource.check(cdc, context);
    expect(outcome).toEqual({
      status: "failed",
      message: expect.stringMatching(
        /^The local server does not support CDC \(replication_method CDC\) for the Postgres source yet/,
      ),
    });
    await expect(postgresSource.discover(cdc, context)).rejects.toThrow(/does not support CDC/);
    await expect(read([{ name: "no_key" }], undefined, cdc)).rejects.toThrow(/does not support CDC/);
    const xmin = await postgresSource.check(config({ replication_method: { method: "Xmin" } }), context);
    expect(xmin.message).toMatch(/does not support Xmin/);
    expect(await postgresSource.check(config({ replication_method: { method: "Standard" } }), context)).toEqual({
      status: "succeeded",
    });
  });
});

describe.skipIf(!postgresHere)("the Postgres source's catalog", () => {
  test("tables and views of the configured schemas, their types as Airbyte maps them, primary keys", async () => {
    const streams = await postgresSource.discover(config({ schemas: ["public", "shop"] }), context);
    expect(streams.map((stream) => `${stream.namespace}.${stream.name}`)).toEqual([
      "public.every_type",
      "public.flags",
      "public.no_key",
      "shop.orders",
    ]);
    const [everyType, flags, noKey, orders] = streams;
    const nullable = (schema: Record<string, unknown>) => ({ ...schema, type: ["null", schema.type] });
    expect(everyType).toEqual({
      name: "every_type",
      namespace: "public",
      supportedSyncModes: ["full_refresh", "incremental"],
      sourceDefinedCursor: false,
      defaultCursorField: [],
      sourceDefinedPrimaryKey: [["id"]],
      isResumable: true,
      jsonSchema: {
        type: "object",
        properties: {
          id: { type: "integer" },
          small: nullable({ type: "integer" }),
          whole: nullable({ type: "integer" }),
          big: nullable({ type: "integer" }),
          amount: nullable({ type: "number" }),
          precise: nullable({ type: "number" }),
          price: nullable({ type: "number" }),
          ratio: nullable({ type: "number" }),
          wide: nullable({ type: "number" }),
          flag: nullable({ type: "boolean" }),
          label: nullable({ type: "string" }),
          code: nullable({ type: "string" }),
          letters: nullable({ type: "string" }),
          born: nullable({ type: "string", format: "date" }),
          seen_at: nullable({ type: "string", format: "date-time", airbyte_type: "timestamp_without_timezone" }),
          seen_tz: nullable({ type: "string", format: "date-time", airbyte_type: "timestamp_with_timezone" }),
          at_time: nullable({ type: "string", format: "time", airbyte_type: "time_without_timezone" }),
          at_timetz: nullable({ type: "string", format: "time", airbyte_type: "time_with_timezone" }),
          doc: nullable({ type: "object" }),
          docb: nullable({ type: "object" }),
          tags: nullable({ type: "array", items: { type: "string" } }),
          scores: nullable({ type: "array", items: { type: "integer" } }),
          raw: nullable({ type: "string", contentEncoding: "base64" }),
          uid: nullable({ type: "string" }),
          span: nullable({ type: "string" }),
        },
      },
    });
    // A view has columns but no key; a table without a key is not resumable.
    expect(flags).toMatchObject({ sourceDefinedPrimaryKey: [], isResumable: false });
    expect(Object.keys((flags?.jsonSchema as { properties: object }).properties)).toEqual(["id", "flag"]);
    expect(noKey).toMatchObject({ sourceDefinedPrimaryKey: [] });
    expect((noKey?.jsonSchema as { properties: object }).properties).toEqual({
      name: { type: "string" },
      n: { type: ["null", "integer"] },
    });
    // Composite keys keep the order of the constraint.
    expect(orders?.sourceDefinedPrimaryKey).toEqual([["region"], ["id"]]);
    // By default only public, as Airbyte's `schemas` default.
    const byDefault = await postgresSource.discover(config(), context);
    expect(byDefault.map((stream) => stream.name)).toEqual(["every_type", "flags", "no_key"]);
  });
});

describe.skipIf(!postgresHere)("the Postgres source's reads", () => {
  test("full refresh: every value JSON-safe and faithful, in Airbyte's formats", async () => {
    const { records, messages } = await read([{ name: "every_type" }, { name: "orders", namespace: "shop" }]);
    expect(records).toEqual([FULL_ROW, NULL_ROW]);
    const first = messages.find((message) => message.type === "record");
    expect(first).toMatchObject({ type: "record", stream: "every_type", namespace: "public" });
    expect(JSON.parse(JSON.stringify(records))).toEqual(records);
  });

  test("incremental by a cursor: checkpoints at value changes, the boundary value re-read only when it grew", async () => {
    await server.query(`
      CREATE TABLE public.events (id serial PRIMARY KEY, batch integer NOT NULL, note text);
      INSERT INTO public.events (batch, note) SELECT i / 700, 'first' FROM generate_series(1, 2500) AS i;`);
    const stream = { name: "events", syncMode: "incremental" as const, cursorField: ["batch"], primaryKey: [["id"]] };
    const first = await read([stream]);
    expect(first.records).toHaveLength(2500);
    // A checkpoint after each 1000 records, once the cursor value changes: batch 1 ends at 1399, batch 2 at 2099.
    expect(first.states.map((message) => message.type === "state" && message.state)).toEqual([
      expect.objectContaining({ cursor: "1", cursor_record_count: 700 }),
      expect.objectContaining({ cursor: "2", cursor_record_count: 700 }),
      {
        version: 2,
        state_type: "cursor_based",
        stream_name: "events",
        stream_namespace: "public",
        cursor_field: ["batch"],
        cursor: "3",
        cursor_record_count: 401,
      },
    ]);
    // Resuming from the middle checkpoint (as after a killed attempt) reads exactly the rest.
    const resumed = await read([stream], resumeFrom(first.states[1]));
    expect(resumed.records.map((record) => record.id)).toEqual(first.records.slice(2099).map((record) => record.id));

    const last = resumeFrom(first.states.at(-1));
    expect((await read([stream], last)).records).toEqual([]);
    // A row at the boundary value: the boundary rows are read again (at-least-once, as Airbyte).
    await server.query(`INSERT INTO public.events (batch, note) VALUES (3, 'late'), (4, 'new')`);
    await server.query(`UPDATE public.events SET batch = 5, note = 'updated' WHERE id = 1`);
    const next = await read([stream], last);
    expect(next.records.filter((record) => record.batch === 3)).toHaveLength(402);
    expect(next.records.slice(-3)).toEqual([
      expect.objectContaining({ batch: 3, note: "late" }),
      { id: 2502, batch: 4, note: "new" },
      { id: 1, batch: 5, note: "updated" },
    ]);
    expect(next.states.at(-1)).toMatchObject({ state: { cursor: "5", cursor_record_count: 1 } });
    expect(CHECKPOINT_RECORDS).toBe(1000);
  });

  test("rows added at the boundary value alone: read again, and counted anew", async () => {
    await server.query(`
      CREATE TABLE public.boundary (id int PRIMARY KEY, v int);
      INSERT INTO public.boundary VALUES (1, 1), (2, 1);`);
    const stream = { name: "boundary", syncMode: "incremental" as const, cursorField: ["v"] };
    const first = await read([stream]);
    expect(first.states.at(-1)).toMatchObject({ state: { cursor: "1", cursor_record_count: 2 } });
    await server.query(`INSERT INTO public.boundary VALUES (3, 1)`);
    const second = await read([stream], resumeFrom(first.states.at(-1)));
    expect(second.records.map((record) => record.id)).toEqual([1, 2, 3]);
    expect(second.states.at(-1)).toMatchObject({ state: { cursor: "1", cursor_record_count: 3 } });
    const third = await read([stream], resumeFrom(second.states.at(-1)));
    expect(third.records).toEqual([]);
    expect(third.states.at(-1)).toMatchObject({ state: { cursor: "1", cursor_record_count: 3 } });
  });

  test("a timestamp cursor keeps microseconds; a cursor must be an ordered column", async () => {
    await server.query(`
      CREATE TABLE public.stamped (id int PRIMARY KEY, at timestamptz);
      INSERT INTO public.stamped VALUES (1, '2024-01-01 00:00:00.000001+00'), (2, '2024-01-01 00:00:00.000002+00'), (3, NULL);`);
    const stream = { name: "stamped", syncMode: "incremental" as const, cursorField: ["at"] };
    const first = await read([stream]);
    // Rows without a cursor value come first on the first read, and never after.
    expect(first.records.map((record) => record.id)).toEqual([3, 1, 2]);
    expect(first.states.at(-1)).toMatchObject({
      state: { cursor: "2024-01-01 00:00:00.000002+00", cursor_record_count: 1 },
    });
    await server.query(`INSERT INTO public.stamped VALUES (4, '2024-01-01 00:00:00.000003+00')`);
    const next = await read([stream], resumeFrom(first.states.at(-1)));
    expect(next.records).toEqual([{ id: 4, at: "2024-01-01T00:00:00.000003Z" }]);
    await expect(read([{ ...stream, name: "every_type", cursorField: ["doc"] }])).rejects.toThrow(
      'Postgres: the column "doc" of "public"."every_type" (json) cannot be a cursor',
    );
    await expect(read([{ ...stream, cursorField: [] }])).rejects.toThrow(/needs a cursor field/);
    await expect(read([{ name: "missing" }])).rejects.toThrow(
      'Postgres: the table "public"."missing" does not exist or the user cannot SELECT from it',
    );
  });
});
