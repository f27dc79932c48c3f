/**
 * The Postgres destination on its own, against real PostgreSQL servers: its check logs in,
 * its messages never carry the password, a server stopped or a writer killed mid-sync leaves
 * the tables as the last commit left them, and Postgres' own limits (63-byte names, views
 * that depend on a table) are handled.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { postgresDestination } from "../src/connectors/destinations/postgres.js";
import type { StreamTarget } from "../src/connectors/protocol.js";
import {
  closedPort,
  killOnceItPrints,
  numberedRecords as records,
  streamTarget as target,
} from "./helpers/destinations.js";
import { has } from "@airbyte-ts/test-support";
import { type PostgresServer, startPostgres } from "@airbyte-ts/test-support/postgres";

const PASSWORD = "s3cr3t-Pa55word";
let server: PostgresServer;
let guarded: PostgresServer;

const postgresHere = has("postgres");

beforeAll(async () => {
  if (postgresHere) [server, guarded] = await Promise.all([startPostgres(), startPostgres({ password: PASSWORD })]);
});
afterAll(async () => {
  await Promise.all([server?.close(), guarded?.close()]);
});

const context = { localDirectory: "/nonexistent" };

const open = (streams: StreamTarget[], config = server.connectorConfig()) =>
  postgresDestination.open!({ config, streams, localDirectory: "/nonexistent", checkpointScope: "pg-test" });

async function count(table: string, schema = "public"): Promise<number> {
  const [row] = await server.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${table}"`);
  return Number(row?.n);
}

describe.skipIf(!postgresHere)("the Postgres destination's check", () => {
  test("logs in and runs SELECT 1", async () => {
    expect(await postgresDestination.check(server.connectorConfig(), context)).toEqual({ status: "succeeded" });
    expect(await postgresDestination.check(guarded.connectorConfig(), context)).toEqual({ status: "succeeded" });
  });

  test("says where and as whom it failed, never with the password", async () => {
    const port = await closedPort();
    const refused = await postgresDestination.check(server.connectorConfig({ port, password: PASSWORD }), context);
    expect(refused).toEqual({
      status: "failed",
      message: `Could not connect to Postgres at 127.0.0.1:${port} (database airbyte, user airbyte): ECONNREFUSED`,
    });
    const wrongPassword = await postgresDestination.check(
      guarded.connectorConfig({ password: `${PASSWORD}-wrong` }),
      context,
    );
    expect(wrongPassword).toEqual({
      status: "failed",
      message: `Could not connect to Postgres at 127.0.0.1:${guarded.port} (database airbyte, user airbyte): password authentication failed for user "airbyte"`,
    });
    const noDatabase = await postgresDestination.check(server.connectorConfig({ database: "nope" }), context);
    expect(noDatabase.message).toBe(
      `Could not connect to Postgres at 127.0.0.1:${server.port} (database nope, user airbyte): database "nope" does not exist`,
    );
    const unknownHost = await postgresDestination.check(
      server.connectorConfig({ host: "no-such-host.invalid" }),
      context,
    );
    expect(unknownHost.message).toMatch(
      /^Could not connect to Postgres at no-such-host\.invalid:\d+ .*: (ENOTFOUND|EAI_AGAIN)$/,
    );
    for (const outcome of [refused, wrongPassword, noDatabase, unknownHost])
      expect(outcome.message).not.toContain("s3cr3t");
  });

  test("follows ssl_mode: prefer and allow fall back, require and the verifying modes insist", async () => {
    const check = (ssl_mode: Record<string, unknown>) =>
      postgresDestination.check(server.connectorConfig({ ssl_mode }), context);
    expect(await check({ mode: "disable" })).toEqual({ status: "succeeded" });
    expect(await check({ mode: "allow" })).toEqual({ status: "succeeded" });
    expect(await check({ mode: "prefer" })).toEqual({ status: "succeeded" });
    const noSsl = `Could not connect to Postgres at 127.0.0.1:${server.port} (database airbyte, user airbyte): The server does not support SSL connections`;
    expect(await check({ mode: "require" })).toEqual({ status: "failed", message: noSsl });
    expect(await check({ mode: "verify-ca", ca_certificate: "CA" })).toEqual({ status: "failed", message: noSsl });
    expect(await check({ mode: "verify-full", ca_certificate: "CA" })).toEqual({ status: "failed", message: noSsl });
    // Airbyte's legacy flag.
    const legacy = server.connectorConfig({ ssl: true });
    delete legacy.ssl_mode;
    expect(await postgresDestination.check(legacy, context)).toEqual({ status: "failed", message: noSsl });
  });

  test("refuses SSH tunnels, which the local server cannot open", async () => {
    const outcome = await postgresDestination.check(
      server.connectorConfig({
        tunnel_method: {
          tunnel_method: "SSH_KEY_AUTH",
          tunnel_host: "h",
          tunnel_port: 22,
          tunnel_user: "u",
          ssh_key: "K",
        },
      }),
      context,
    );
    expect(outcome.message).toMatch(/the local server cannot open SSH tunnels \(tunnel_method SSH_KEY_AUTH\)/);
  });
});

describe.skipIf(!postgresHere)("the Postgres writer", () => {
  test("cannot open without a server, and says so", async () => {
    const port = await closedPort();
    await expect(open([target("nowhere")], server.connectorConfig({ port, password: PASSWORD }))).rejects.toThrow(
      `Could not connect to Postgres at 127.0.0.1:${port} (database airbyte, user airbyte): ECONNREFUSED`,
    );
  });

  test("a server stopped mid-sync fails the attempt; the tables keep the last commit", async () => {
    const stream = target("stopped");
    const writer = await open([stream]);
    await writer.write(stream.key, records(0, 100));
    await writer.commit("before-stop");
    await writer.write(stream.key, records(100, 100));
    await server.stop("immediate");
    try {
      // The driver's "Connection terminated unexpectedly" says which server it was.
      const lost = `Lost the connection to Postgres at 127.0.0.1:${server.port} (database airbyte, user airbyte): `;
      await expect(writer.write(stream.key, records(200, 100))).rejects.toThrow(lost);
      await expect(writer.commit("after-stop")).rejects.toThrow(lost);
      await writer.close(false);
    } finally {
      await server.start();
    }
    expect(await count("stopped")).toBe(100);
    const next = await open([stream]);
    expect(await next.lastCheckpoint()).toBe("before-stop");
    await next.close(false);
  });

  test("one writer per connection at a time: the next waits until the earlier one's session has ended", async () => {
    const stream = target("one_at_a_time");
    const first = await open([stream]);
    await first.write(stream.key, records(0, 10));
    let secondOpened = false;
    const second = open([stream]).then((writer) => {
      secondOpened = true;
      return writer;
    });
    // The second writer's session is waiting for the first's lock (a wait Postgres shows).
    await expect
      .poll(
        () =>
          server.query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'",
          ),
        { timeout: 10_000 },
      )
      .toEqual([{ n: 1 }]);
    expect(secondOpened).toBe(false);
    await first.commit("first-writer");
    await first.close(true);
    const next = await second;
    // It reads the checkpoint the first committed, because it could not look before.
    expect(await next.lastCheckpoint()).toBe("first-writer");
    await next.close(false);
  });

  test("first syncs of several connections into one new database prepare their schemas without a race", async () => {
    await server.query("CREATE DATABASE parallel_firsts");
    const config = { ...server.connectorConfig(), database: "parallel_firsts" };
    const writers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        postgresDestination.open!({
          config,
          streams: [target(`first_${i}`)],
          localDirectory: "/nonexistent",
          checkpointScope: `connection-${i}`,
        }),
      ),
    );
    await Promise.all(writers.map((writer) => writer.close(true)));
    const tables = await server.query(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name LIKE 'first\\_%'",
      [],
      "parallel_firsts",
    );
    expect(tables).toEqual([{ n: 6 }]);
  });

  test("a writer process killed with SIGKILL leaves only what it committed", async () => {
    const stream = target("killed");
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        KILLED_WRITER,
        JSON.stringify([server.connectorConfig(), stream]),
      ],
      {
        cwd: fileURLToPath(new URL("../../..", import.meta.url)),
        env: { ...process.env, POSTGRES_MODULE },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    await killOnceItPrints(child, "batch 3");
    // The server notices the closed socket and rolls the open transaction back.
    await expect
      .poll(
        () =>
          server.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'airbyte-ts-local'"),
        { timeout: 10_000 },
      )
      .toEqual([{ n: 0 }]);
    const committed = await count("killed");
    const [checkpoint] = await server.query<{ checkpoint_id: string }>(
      `SELECT checkpoint_id FROM airbyte_internal._airbyte_checkpoints WHERE scope = 'killed'`,
    );
    expect((committed - 1000) % 500).toBe(0);
    // It printed "batch 3" after committing batch 3.
    expect(committed).toBeGreaterThanOrEqual(1000 + 4 * 500);
    expect(checkpoint?.checkpoint_id).toBe(committed === 1000 ? "first" : `batch-${(committed - 1000) / 500 - 1}`);
  });

  test("an overwrite drops the views on the old table only with drop_cascade", async () => {
    const stream = target("viewed", { syncMode: "full_refresh", destinationSyncMode: "overwrite" });
    const sync = async (config: Record<string, unknown>, from: number) => {
      const writer = await open([stream], config);
      await writer.write(stream.key, records(from, 5));
      await writer.commit();
      try {
        await writer.finish();
        await writer.close(true);
      } catch (error) {
        await writer.close(false);
        throw error;
      }
    };
    await sync(server.connectorConfig(), 0);
    await server.query(`CREATE VIEW public.viewed_names AS SELECT name FROM public.viewed`);
    await expect(sync(server.connectorConfig(), 10)).rejects.toThrow(/depend/);
    expect(await server.query(`SELECT min(id) AS first FROM public.viewed`)).toEqual([{ first: "0" }]);
    await sync(server.connectorConfig({ drop_cascade: true }), 10);
    expect(await server.query(`SELECT min(id) AS first FROM public.viewed`)).toEqual([{ first: "10" }]);
    expect(await server.query(`SELECT count(*)::int AS n FROM pg_views WHERE viewname = 'viewed_names'`)).toEqual([
      { n: 0 },
    ]);
  });

  test("names beyond 63 bytes: columns cut as Postgres cuts them, staging names kept apart by a hash", async () => {
    const long = "a_really_long_table_name_that_goes_on_and_on_past_the_postgres_limit";
    const longColumn = `${"é".repeat(40)}_column`;
    const columns = [
      { name: "id", schema: { type: "integer" } },
      { name: longColumn, schema: { type: "string" } },
    ];
    const stream = target(long, { syncMode: "full_refresh", destinationSyncMode: "overwrite", columns });
    for (const from of [0, 10]) {
      const writer = await open([stream]);
      await writer.write(
        stream.key,
        records(from, 3).map((r) => ({ ...r, data: { id: r.data.id, [longColumn]: "kept" } })),
      );
      await writer.commit();
      await writer.finish();
      await writer.close(true);
    }
    const tables = await server.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'a_really_long%'`,
    );
    expect(tables).toEqual([{ table_name: long.slice(0, 63) }]);
    const cut = "é".repeat(31);
    expect(await server.query(`SELECT id::int, "${cut}" AS v FROM public."${long.slice(0, 63)}" ORDER BY id`)).toEqual([
      { id: 10, v: "kept" },
      { id: 11, v: "kept" },
      { id: 12, v: "kept" },
    ]);
  });

  test("deduplicated tables get an index on their primary key; checkpoints go to raw_data_schema", async () => {
    const stream = target("indexed", { destinationSyncMode: "append_dedup" });
    const writer = await open([stream], server.connectorConfig({ raw_data_schema: "my_internal" }));
    await writer.write(stream.key, [...records(0, 3), ...records(1, 1)]);
    await writer.commit("indexed-1");
    await writer.close(true);
    expect(await count("indexed")).toBe(3);
    expect(await server.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'indexed'`)).toEqual([
      { indexdef: "CREATE INDEX indexed_airbyte_pk ON public.indexed USING btree (id)" },
    ]);
    expect(await server.query(`SELECT scope, checkpoint_id FROM my_internal._airbyte_checkpoints`)).toEqual([
      { scope: "pg-test", checkpoint_id: "indexed-1" },
    ]);
  });

  test("a user who may not create schemas writes into existing ones", async () => {
    await server.query(`CREATE ROLE loader LOGIN`);
    await server.query(`GRANT USAGE, CREATE ON SCHEMA public TO loader`);
    await server.query(`CREATE SCHEMA airbyte_internal_loader AUTHORIZATION loader`);
    const config = server.connectorConfig({ username: "loader", raw_data_schema: "airbyte_internal_loader" });
    const stream = target("loaded");
    const writer = await open([stream], config);
    await writer.write(stream.key, records(0, 2));
    await writer.commit("loaded-1");
    await writer.close(true);
    expect(await count("loaded")).toBe(2);
    await expect(open([target("elsewhere", { schema: "new_schema" })], config)).rejects.toThrow(
      'Could not prepare the table "new_schema"."elsewhere" of the stream elsewhere: permission denied for database airbyte',
    );
  });

  test("text and JSON lose the NUL characters Postgres cannot store; broken UTF-16 becomes U+FFFD", async () => {
    const columns = [
      { name: "id", schema: { type: "integer" } },
      { name: "text", schema: { type: "string" } },
      { name: "doc", schema: { type: "object" } },
    ];
    const stream = target("nul_chars", { columns });
    const writer = await open([stream]);
    await writer.write(stream.key, [
      {
        ...records(0, 1)[0]!,
        data: {
          id: 1,
          text: "a\u0000b\ud800c",
          doc: { "k\u0000": "v\u0000w", lone: "\udc00", escaped: "\\u0000 stays" },
        },
      },
    ]);
    await writer.commit();
    await writer.close(true);
    expect(await server.query(`SELECT text, doc FROM public.nul_chars`)).toEqual([
      { text: "ab\ufffdc", doc: { k: "vw", lone: "\ufffd", escaped: "\\u0000 stays" } },
    ]);
  });
});

const POSTGRES_MODULE = fileURLToPath(new URL("../src/connectors/destinations/postgres.ts", import.meta.url));

/** Writes and commits 1,000 records, then keeps writing and committing 500 at a time until killed. */
const KILLED_WRITER = `
import { randomUUID } from "node:crypto";
const { postgresDestination } = await import(process.env.POSTGRES_MODULE);
const [config, stream] = JSON.parse(process.argv[1]);
const records = (from, count) => Array.from({ length: count }, (_, i) => ({
  rawId: randomUUID(), extractedAt: Date.now(), data: { id: from + i, name: "row " + (from + i) }, meta: { changes: [], sync_id: 1 },
}));
const writer = await postgresDestination.open({ config, streams: [stream], localDirectory: "/nonexistent", checkpointScope: "killed" });
await writer.write(stream.key, records(0, 1000));
await writer.commit("first");
let next = 1000;
for (let batch = 0; ; batch++) {
  await writer.write(stream.key, records(next, 500));
  next += 500;
  await writer.commit("batch-" + batch);
  process.stdout.write("batch " + batch + "\\n");
}
`;
