/**
 * Real syncs from the Postgres source through the local server (forked workers, as in
 * production), into DuckDB and into Postgres, read back with the SDK's `getDataset` and
 * compared with the source, types included; incremental syncs with rows inserted, updated and
 * added at the boundary cursor value between syncs; and a worker killed mid-read (SIGKILL, as
 * worker-deaths.test.ts does) whose job retries from the last committed state and converges
 * to each row exactly once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AirbyteApi, CloudWorkspace, type ConnectionSyncModeEnum, selfManaged } from "airbyte-ts";
import { has } from "@airbyte-ts/test-support";
import { type PostgresServer, startPostgres } from "@airbyte-ts/test-support/postgres";
import { ForkedExecutor, type WorkerEvent } from "../src/engine/sync/forked-executor.js";
import { type EngineServer, startServerWithExecutor } from "./helpers/engine.js";
import { createSourceTables, FULL_ROW, NULL_ROW } from "./helpers/source-postgres.js";
import { syncAndWait, waitForJob } from "./helpers/sync.js";

const PASSWORD = "Src-Sync-S3cret";
const postgresHere = has("postgres");
const localDirectory = mkdtempSync(join(tmpdir(), "airbyte-source-postgres-"));
let postgres: PostgresServer;
let server: EngineServer;
let api: AirbyteApi;
/** Workers to kill, by connection: at the first checkpoint their attempt confirms. */
const killAtConfirm = new Set<string>();
const killed: WorkerEvent[] = [];

function observe(event: WorkerEvent): void {
  if (event.type !== "received" || event.message !== "confirm" || !killAtConfirm.has(event.connectionId)) return;
  killAtConfirm.delete(event.connectionId);
  killed.push(event);
  process.kill(event.pid, "SIGKILL");
}

beforeAll(async () => {
  if (!postgresHere) return;
  postgres = await startPostgres({ password: PASSWORD });
  await createSourceTables(postgres);
  await postgres.query("CREATE DATABASE warehouse");
  server = await startServerWithExecutor(new ForkedExecutor({ localDirectory, observe }), {
    localDirectory,
    maxAttempts: 3,
    retryBackoffMs: 10,
  });
  const { clientId, clientSecret } = server;
  api = new AirbyteApi({ ...selfManaged(server.url), clientId, clientSecret, logLevel: "off", retries: false });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await postgres?.close();
  rmSync(localDirectory, { recursive: true, force: true });
});

const sourceConfig = () => {
  const { schema: _schema, ...config } = postgres.connectorConfig();
  return { sourceType: "postgres", ...config };
};

let destinations = 0;
const DESTINATIONS = {
  duckdb: () => ({ destinationType: "duckdb", destination_path: `/local/source-pg-${++destinations}.duckdb` }),
  postgres: () => ({
    destinationType: "postgres",
    ...postgres.connectorConfig({ database: "warehouse", schema: `synced_${++destinations}` }),
  }),
};

interface StreamChoice {
  name: string;
  syncMode: ConnectionSyncModeEnum;
  cursorField?: string[];
}

async function connection(destination: keyof typeof DESTINATIONS, streams: StreamChoice[]): Promise<string> {
  const source = await api.sources.createSource({
    name: `pg source ${destinations}`,
    workspaceId: server.workspaceId,
    configuration: sourceConfig(),
  });
  const target = await api.destinations.createDestination({
    name: `${destination} ${destinations}`,
    workspaceId: server.workspaceId,
    configuration: DESTINATIONS[destination](),
  });
  const created = await api.connections.createConnection({
    sourceId: source.sourceId,
    destinationId: target.destinationId,
    configurations: { streams: streams.map((stream) => ({ namespace: "public", ...stream })) },
  });
  return created.connectionId;
}

/** A stream's rows after a job, as the SDK reads them back (the password from the dataset options). */
async function dataset(connectionId: string, jobId: number, stream: string) {
  const workspace = new CloudWorkspace({
    workspaceId: server.workspaceId,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    apiRoot: `${server.url}/api/public/v1`,
    apiOptions: { logLevel: "off", retries: false },
    datasetOptions: { secrets: { password: PASSWORD }, env: {}, localDirectory },
  });
  const result = workspace.getConnection(connectionId).getSyncResult(jobId);
  try {
    return await (await result.getDataset(stream)).toArray();
  } finally {
    await result.close();
  }
}

const byId = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => Number(a.id) - Number(b.id));
const withoutMeta = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([name]) => !name.startsWith("_airbyte_")));

/**
 * The first row of every_type as the destinations hold it: timestamps as the SDK reads them
 * back (a timestamp without time zone is stored as UTC), and the two values beyond a double
 * (a bigint above 2^53, a 31-digit numeric), which the source sends as their digits, NULL in
 * the destinations' BIGINT and DOUBLE columns, with a change in `_airbyte_meta`.
 */
const STORED_ROW = {
  ...FULL_ROW,
  big: null,
  precise: null,
  seen_at: "2024-03-01T12:34:56.789012Z",
  seen_tz: "2024-03-01T10:34:56.500Z",
};

const ITEMS_SQL = (table: string, rows: number) => `
  CREATE TABLE public.${table} (id serial PRIMARY KEY, updated integer NOT NULL, note text);
  INSERT INTO public.${table} (updated, note) SELECT i / 500, 'v1' FROM generate_series(1, ${rows}) AS i;`;

/** The source table as [id, updated, note] triples, by id. */
async function sourceItems(table: string): Promise<unknown[][]> {
  const rows = await postgres.query<{ id: number; updated: number; note: string }>(
    `SELECT id, updated, note FROM public.${table} ORDER BY id`,
  );
  return rows.map((row) => [row.id, row.updated, row.note]);
}

const items = (rows: Record<string, unknown>[]) =>
  byId(rows).map((row) => [Number(row.id), Number(row.updated), row.note]);

async function streamState(connectionId: string) {
  return (await api.config.state.get({ connectionId })).streamState?.map((entry) => entry.streamState);
}

describe.skipIf(!postgresHere)("syncs from the Postgres source", { timeout: 120_000 }, () => {
  test.each(["duckdb", "postgres"] as const)(
    "full refresh into %s: every type read back as the source has it",
    async (destination) => {
      const connectionId = await connection(destination, [
        { name: "every_type", syncMode: "full_refresh_overwrite" },
        { name: "no_key", syncMode: "full_refresh_append" },
      ]);
      const job = await syncAndWait(api, connectionId);
      expect(job.status).toBe("succeeded");
      const rows = byId(await dataset(connectionId, job.jobId, "every_type"));
      expect(rows.map(withoutMeta)).toEqual([STORED_ROW, NULL_ROW]);
      const changed = JSON.stringify(rows[0]?._airbyte_meta);
      expect(changed).toContain("big");
      expect(changed).toContain("precise");
      const noKey = (await dataset(connectionId, job.jobId, "no_key")).map(withoutMeta);
      expect(noKey).toEqual(
        expect.arrayContaining([
          { name: "x", n: 1 },
          { name: "y", n: null },
        ]),
      );
      expect(noKey).toHaveLength(2);
      expect((await api.config.state.get({ connectionId })).stateType).toBe("not_set");
    },
  );

  test.each(["duckdb", "postgres"] as const)(
    "incremental into %s: inserts, updates and rows at the boundary cursor value, nothing lost",
    async (destination) => {
      const appended = `items_append_${destination}`;
      const deduped = `items_dedup_${destination}`;
      await postgres.query(ITEMS_SQL(appended, 1500) + ITEMS_SQL(deduped, 1500));
      const connectionId = await connection(destination, [
        { name: appended, syncMode: "incremental_append", cursorField: ["updated"] },
        { name: deduped, syncMode: "incremental_deduped_history", cursorField: ["updated"] },
      ]);
      const first = await syncAndWait(api, connectionId);
      expect(first.status).toBe("succeeded");
      expect(items(await dataset(connectionId, first.jobId, appended))).toEqual(await sourceItems(appended));
      expect(items(await dataset(connectionId, first.jobId, deduped))).toEqual(await sourceItems(deduped));
      const state = await streamState(connectionId);
      expect(state).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            stream_name: appended,
            cursor_field: ["updated"],
            cursor: "3",
            cursor_record_count: 1,
          }),
        ]),
      );

      // Between syncs: a row at the boundary value (3), new rows, an update that moves a row's cursor.
      for (const table of [appended, deduped]) {
        await postgres.query(`
          INSERT INTO public.${table} (updated, note) VALUES (3, 'boundary'), (4, 'new'), (4, 'new');
          UPDATE public.${table} SET updated = 5, note = 'v2' WHERE id = 7;`);
      }
      const second = await syncAndWait(api, connectionId);
      expect(second.status).toBe("succeeded");
      // Deduplicated: exactly the source.
      expect(items(await dataset(connectionId, second.jobId, deduped))).toEqual(await sourceItems(deduped));
      // Appended: the first sync's rows, the boundary rows again (at least once, as Airbyte), the new ones.
      const appendedRows = items(await dataset(connectionId, second.jobId, appended));
      const source = await sourceItems(appended);
      for (const row of source) expect(appendedRows).toContainEqual(row);
      expect(appendedRows).toHaveLength(1500 + 2 + 2 + 1);
      expect(await streamState(connectionId)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ stream_name: appended, cursor: "5", cursor_record_count: 1 }),
        ]),
      );
      // A sync with nothing new adds nothing.
      const third = await syncAndWait(api, connectionId);
      expect(items(await dataset(connectionId, third.jobId, appended))).toHaveLength(appendedRows.length);
    },
  );

  test("a worker killed mid-read: the retry resumes from the committed state, each row once", async () => {
    // A view that pauses at its middle row, longer than the engine waits between two commits:
    // the attempt has committed a checkpoint, and has rows left, when the worker is killed.
    const table = "many_events";
    await postgres.query(`
      CREATE TABLE public.event_rows (id serial PRIMARY KEY, payload text);
      INSERT INTO public.event_rows (payload) SELECT repeat('x', 200) FROM generate_series(1, 60000);
      CREATE VIEW public.${table} AS
        SELECT id, payload, CASE WHEN id = 30001 THEN pg_sleep(1.5)::text END AS pause FROM public.event_rows;`);
    const connectionId = await connection("postgres", [
      { name: table, syncMode: "incremental_append", cursorField: ["id"] },
    ]);
    killAtConfirm.add(connectionId);
    const job = await api.jobs.createJob({ connectionId, jobType: "sync" });
    expect((await waitForJob(api, job.jobId, 120_000)).status).toBe("succeeded");
    expect(killed.map((event) => event.connectionId)).toEqual([connectionId]);
    const { attempts } = await api.config.jobs.get({ id: job.jobId });
    expect(attempts.map((attempt) => attempt.attempt.status)).toEqual(["failed", "succeeded"]);
    // Killed after its first commit, before the end: the retry read only what was left.
    const retried = attempts[1]?.attempt.totalStats?.recordsEmitted ?? 0;
    expect(retried).toBeGreaterThan(0);
    expect(retried).toBeLessThan(60000);
    const rows = await dataset(connectionId, job.jobId, table);
    const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 60000 }, (_, index) => index + 1));
    expect(await streamState(connectionId)).toEqual([
      expect.objectContaining({ cursor: "60000", cursor_record_count: 1 }),
    ]);
  });
});
