/**
 * Real syncs from the faker source into a real PostgreSQL server (with a password), through
 * the SDK against the local server, read back through `SyncResult.getDataset`: each sync mode,
 * the connection's prefix, state after each sync; and interruptions: Postgres stopped in the
 * middle of a sync, a cancel, the local server killed with SIGKILL and started again. After
 * each, the next sync converges to exactly the source's records, and no message carries the
 * password.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AirbyteApi, CloudWorkspace, type Row, selfManaged } from "airbyte-ts";
import { type LocalServer, startLocalServer } from "@airbyte-ts/local";
import { queryDuckdb } from "./helpers/destinations.js";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { specCheck } from "@airbyte-ts/test-support/spec-check";
import { spawnLocalServer } from "./helpers/server-process.js";
import { has } from "@airbyte-ts/test-support";
import { type PostgresServer, startPostgres } from "@airbyte-ts/test-support/postgres";
import {
  attemptMessages,
  fakerConnection,
  type FakerConnectionOptions,
  fakerUpdatedAt,
  ids,
  range,
  syncAndWait,
  waitForCommittedRows,
  waitForJob,
} from "./helpers/sync.js";

const PASSWORD = "Pg-Sync-S3cret-Pass";
const harness = useLocalServer({ maxAttempts: 2, retryBackoffMs: 50 });
let postgres: PostgresServer;
const postgresHere = has("postgres");
beforeAll(async () => {
  if (postgresHere) postgres = await startPostgres({ password: PASSWORD });
});
afterAll(async () => {
  await postgres?.close();
});

/** A Postgres destination writing into its own schema. */
async function postgresDestination(api: AirbyteApi, workspaceId: string, schema: string): Promise<string> {
  const destination = await api.destinations.createDestination({
    name: `postgres ${schema}`,
    workspaceId,
    configuration: { destinationType: "postgres", ...postgres.connectorConfig({ schema }) },
  });
  return destination.destinationId;
}

/** A faker connection into a Postgres destination of the harness's server, in its own schema. */
async function connection(schema: string, options: Omit<FakerConnectionOptions, "workspaceId" | "destinationId">) {
  const api = harness.admin();
  const { workspaceId } = harness.local();
  const destinationId = await postgresDestination(api, workspaceId, schema);
  return fakerConnection(api, { ...options, workspaceId, destinationId });
}

/**
 * A job through the SDK's high-level API. The API masks the password: the dataset readers get
 * it from the workspace's dataset options.
 */
function syncResult(connectionId: string, jobId: number) {
  const local = harness.local();
  const workspace = new CloudWorkspace({
    workspaceId: local.workspaceId,
    clientId: local.clientId,
    clientSecret: local.clientSecret,
    apiRoot: local.publicApiUrl,
    apiOptions: { logLevel: "off", retries: false, hooks: specCheck(harness.mismatches) },
    datasetOptions: { secrets: { password: PASSWORD }, env: {} },
  });
  return workspace.getConnection(connectionId).getSyncResult(jobId);
}

/** A stream's rows as the SDK reads them back after a job. */
async function dataset(connectionId: string, jobId: number, stream = "users") {
  const result = syncResult(connectionId, jobId);
  try {
    const data = await result.getDataset(stream);
    return { rows: await data.toArray(), table: data.fullyQualifiedName };
  } finally {
    await result.close();
  }
}

/** Rows, distinct ids and the highest id of a table, counted by Postgres. */
async function idCounts(schema: string, table = "users") {
  const [row] = await postgres.query<{ rows: number; distinct: number; max: number }>(
    `SELECT count(*)::int AS rows, count(DISTINCT id)::int AS distinct, coalesce(max(id), 0)::int AS max FROM "${schema}"."${table}"`,
  );
  return row as { rows: number; distinct: number; max: number };
}

async function streamState(api: AirbyteApi, connectionId: string) {
  return (await api.config.state.get({ connectionId })).streamState?.map((s) => s.streamState);
}

// Generous time limits: other test files may be syncing on the same cores.
describe.skipIf(!postgresHere)("sync modes into Postgres", { timeout: 120_000 }, () => {
  test("full refresh overwrite: each sync replaces the table; the prefix names it", async () => {
    const api = harness.admin();
    const { connectionId } = await connection("overwrite", {
      count: 300,
      mode: "full_refresh_overwrite",
      streams: ["users", "products"],
      prefix: "Shop-",
    });
    const first = await syncAndWait(api, connectionId);
    expect(first.status).toBe("succeeded");
    const before = await dataset(connectionId, first.jobId);
    expect(before.table).toBe('"airbyte"."overwrite"."shop_users"');
    expect(ids(before.rows)).toEqual(range(300));
    expect((await dataset(connectionId, first.jobId, "products")).rows).toHaveLength(100);
    expect((await api.config.state.get({ connectionId })).stateType).toBe("not_set");

    const second = await syncAndWait(api, connectionId);
    expect(second.rowsSynced).toBe(400);
    const after = await dataset(connectionId, second.jobId);
    expect(ids(after.rows)).toEqual(range(300));
    const rawBefore = new Set(before.rows.map((row) => row._airbyte_raw_id));
    expect(after.rows.some((row) => rawBefore.has(row._airbyte_raw_id))).toBe(false);
    expect(after.rows.every((row) => row._airbyte_generation_id === second.jobId)).toBe(true);
  });

  test("full refresh append: each sync adds a full copy", async () => {
    const api = harness.admin();
    const { connectionId } = await connection("append", {
      count: 120,
      mode: "full_refresh_append",
      streams: ["users"],
    });
    await syncAndWait(api, connectionId);
    const second = await syncAndWait(api, connectionId);
    const { rows } = await dataset(connectionId, second.jobId);
    expect(ids(rows)).toEqual(range(120).flatMap((id) => [id, id]));
  });

  test("incremental append: only new records are added, and the state follows the cursor", async () => {
    const api = harness.admin();
    const { connectionId, sourceId } = await connection("incremental", {
      count: 250,
      mode: "incremental_append",
      streams: ["users"],
    });
    await syncAndWait(api, connectionId);
    expect(await streamState(api, connectionId)).toEqual([{ updated_at: fakerUpdatedAt(250) }]);

    const unchanged = await syncAndWait(api, connectionId);
    expect(unchanged.rowsSynced ?? 0).toBe(0);
    expect(ids((await dataset(connectionId, unchanged.jobId)).rows)).toEqual(range(250));

    await api.sources.patchSource({ sourceId }, { configuration: { sourceType: "faker", count: 300 } });
    const grown = await syncAndWait(api, connectionId);
    expect(grown.rowsSynced).toBe(50);
    expect(ids((await dataset(connectionId, grown.jobId)).rows)).toEqual(range(300));
    expect(await streamState(api, connectionId)).toEqual([{ updated_at: fakerUpdatedAt(300) }]);
  });

  test("incremental deduped history: one row per primary key, the newest by cursor", async () => {
    const api = harness.admin();
    const { connectionId } = await connection("deduped", {
      count: 200,
      mode: "incremental_deduped_history",
      streams: ["users"],
      alwaysUpdated: true,
    });
    const first = await syncAndWait(api, connectionId);
    const before = await dataset(connectionId, first.jobId);
    const stateBefore = await streamState(api, connectionId);
    expect(stateBefore).toEqual([{ updated_at: newest(before.rows) }]);

    const second = await syncAndWait(api, connectionId);
    expect(second.rowsSynced).toBe(200); // every record came again with a newer updated_at
    const after = await dataset(connectionId, second.jobId);
    expect(ids(after.rows)).toEqual(range(200));
    const updatedBefore = new Map(before.rows.map((row) => [row.id, String(row.updated_at)]));
    for (const row of after.rows) expect(String(row.updated_at) > (updatedBefore.get(row.id) ?? "")).toBe(true);
    expect(await streamState(api, connectionId)).toEqual([{ updated_at: newest(after.rows) }]);
  });
});

const newest = (rows: Row[]) =>
  rows
    .map((row) => String(row.updated_at))
    .sort()
    .at(-1);

/**
 * Interrupted syncs read a source far larger than they get through: each is surely still
 * running after its first commit, whatever the throughput. The source then shrinks to `MORE`
 * records beyond what was committed, so that the sync that converges is short.
 */
const LARGE = 1_000_000;
const MORE = 10_000;

async function interruptible(schema: string) {
  return connection(schema, { count: LARGE, mode: "incremental_append", streams: ["users"], recordsPerSlice: 1_000 });
}

async function shrinkSource(api: AirbyteApi, sourceId: string, count: number): Promise<void> {
  await api.sources.patchSource(
    { sourceId },
    { configuration: { sourceType: "faker", count, seed: 7, always_updated: false, records_per_slice: 1_000 } },
  );
}

/** The ids committed so far are 1..n in whole slices, each once. */
function expectWholeSlices(counts: { rows: number; distinct: number; max: number }): void {
  expect(counts.rows).toBeGreaterThan(0);
  expect(counts.rows % 1_000).toBe(0);
  expect(counts).toEqual({ rows: counts.rows, distinct: counts.rows, max: counts.rows });
}

describe.skipIf(!postgresHere)("interruptions", { timeout: 120_000 }, () => {
  test("Postgres stopped mid-sync: the attempts say where, never with the password; the next sync converges", async () => {
    const api = harness.admin();
    const { connectionId, sourceId } = await interruptible("stopped");
    const job = await api.jobs.createJob({ connectionId, jobType: "sync" });
    await waitForCommittedRows(api, job.jobId, 1);
    await postgres.stop("immediate");
    let info;
    try {
      expect((await waitForJob(api, job.jobId)).status).toBe("failed");
      info = await api.config.jobs.get({ id: job.jobId });
    } finally {
      await postgres.start();
    }
    // The first attempt lost its session; the retry found no server.
    const where = `Postgres at 127.0.0.1:${postgres.port} (database airbyte, user airbyte)`;
    expect(info.attempts.map((a) => a.attempt.failureSummary?.failures[0]?.externalMessage)).toEqual([
      expect.stringContaining(`The destination failed: Lost the connection to ${where}: `),
      `The destination failed: Could not connect to ${where}: ECONNREFUSED`,
    ]);
    for (const attempt of [0, 1]) expect(await attemptMessages(api, job.jobId, attempt)).toContain(where);
    expect(JSON.stringify(info)).not.toContain(PASSWORD);
    const raised = syncResult(connectionId, job.jobId).raiseFailureStatus();
    await expect(raised).rejects.toThrow(`ended failed: The destination failed: Could not connect to ${where}`);

    const committed = await idCounts("stopped");
    expectWholeSlices(committed);
    // The state never runs ahead of the rows (it may lag them if Postgres died as it committed).
    const [cursor] = (await streamState(api, connectionId)) ?? [];
    expect(String(cursor?.updated_at) <= fakerUpdatedAt(committed.rows)).toBe(true);

    const total = committed.rows + MORE;
    await shrinkSource(api, sourceId, total);
    expect((await syncAndWait(api, connectionId)).status).toBe("succeeded");
    expect(await idCounts("stopped")).toEqual({ rows: total, distinct: total, max: total });
    expect(await streamState(api, connectionId)).toEqual([{ updated_at: fakerUpdatedAt(total) }]);
  });

  test("a full refresh failing mid-way (Postgres stopped) leaves the final table as it was; the next one replaces it", async () => {
    const api = harness.admin();
    const { connectionId, sourceId } = await connection("refresh_stopped", {
      count: 300,
      mode: "full_refresh_overwrite",
      streams: ["users"],
    });
    await syncAndWait(api, connectionId);
    const rawIds = () =>
      postgres.query<{ id: string }>(`SELECT _airbyte_raw_id AS id FROM "refresh_stopped"."users" ORDER BY 1`);
    const before = await rawIds();
    await shrinkSource(api, sourceId, LARGE);
    const job = await api.jobs.createJob({ connectionId, jobType: "sync" });
    await waitForCommittedRows(api, job.jobId, 1);
    // Committed while the sync runs: durable in the staging table, the final table untouched.
    const [staged] = await postgres.query<{ rows: number }>(
      `SELECT count(*)::int AS rows FROM "refresh_stopped"."users_airbyte_tmp"`,
    );
    expect(staged?.rows).toBeGreaterThan(0);
    expect(await rawIds()).toEqual(before);
    await postgres.stop("immediate");
    try {
      expect((await waitForJob(api, job.jobId)).status).toBe("failed");
    } finally {
      await postgres.start();
    }
    expect(await rawIds()).toEqual(before);

    await shrinkSource(api, sourceId, 500);
    expect((await syncAndWait(api, connectionId)).status).toBe("succeeded");
    expect(await idCounts("refresh_stopped")).toEqual({ rows: 500, distinct: 500, max: 500 });
    const tables = await postgres.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'refresh_stopped' ORDER BY 1`,
    );
    expect(tables).toEqual([{ table_name: "users" }]);
  });

  test("a sync cancelled mid-way keeps whole commits and their state; the next sync converges", async () => {
    const api = harness.admin();
    const { connectionId, sourceId } = await interruptible("cancelled");
    const job = await api.jobs.createJob({ connectionId, jobType: "sync" });
    await waitForCommittedRows(api, job.jobId, 1);
    await api.jobs.cancelJob({ jobId: job.jobId });
    expect((await waitForJob(api, job.jobId)).status).toBe("cancelled");
    const partial = await idCounts("cancelled");
    expectWholeSlices(partial);
    expect(await streamState(api, connectionId)).toEqual([{ updated_at: fakerUpdatedAt(partial.rows) }]);

    const total = partial.rows + MORE;
    await shrinkSource(api, sourceId, total);
    expect((await syncAndWait(api, connectionId)).status).toBe("succeeded");
    expect(await idCounts("cancelled")).toEqual({ rows: total, distinct: total, max: total });
  });

  /** Where the killed server's syncs write, and how many rows (and distinct ids) got there. */
  const targets = [
    {
      name: "Postgres",
      configuration: () => ({ destinationType: "postgres", ...postgres.connectorConfig({ schema: "killed" }) }),
      ids: () => idCounts("killed"),
    },
    {
      name: "DuckDB",
      configuration: () => ({ destinationType: "duckdb", destination_path: "/local/killed.duckdb" }),
      // The server's `/local` is <dataDir>/local.
      ids: async (dataDir: string) =>
        (
          await queryDuckdb(
            join(dataDir, "local", "killed.duckdb"),
            "SELECT count(*) AS rows, count(DISTINCT id) AS distinct, coalesce(max(id), 0) AS max FROM main.users",
          )
        )[0],
    },
  ];

  test.each(targets)(
    "the local server killed with SIGKILL mid-sync into $name: started again, it retries the job, which converges",
    async (target) => {
      const dataDir = mkdtempSync(join(tmpdir(), "airbyte-local-killed-"));
      const options = { scheduler: false, maxAttempts: 2, retryBackoffMs: 50 };
      const killed = await spawnLocalServer(dataDir, options);
      let restarted: LocalServer | undefined;
      try {
        const destination = await killed.api.destinations.createDestination({
          name: "killed",
          workspaceId: killed.workspaceId,
          configuration: target.configuration(),
        });
        const { connectionId, sourceId } = await fakerConnection(killed.api, {
          workspaceId: killed.workspaceId,
          destinationId: destination.destinationId,
          count: LARGE,
          mode: "incremental_append",
          streams: ["users"],
          recordsPerSlice: 1_000,
        });
        const job = await killed.api.jobs.createJob({ connectionId, jobType: "sync" });
        await waitForCommittedRows(killed.api, job.jobId, 1);
        // The server retries as it starts, so the source shrinks now: the running attempt keeps
        // the configuration it started with, the retry reads the new one.
        const info = await killed.api.config.jobs.get({ id: job.jobId });
        const total = (info.attempts.at(-1)?.attempt.totalStats?.recordsCommitted ?? 0) + MORE;
        await shrinkSource(killed.api, sourceId, total);
        await killed.kill();

        restarted = await startLocalServer({ ...options, dataDir });
        const { clientId, clientSecret } = restarted;
        const api = harness.client({ ...selfManaged(restarted.url), clientId, clientSecret });
        expect((await waitForJob(api, job.jobId)).status).toBe("succeeded");
        const { attempts } = await api.config.jobs.get({ id: job.jobId });
        expect(attempts.map((a) => a.attempt.status)).toEqual(["failed", "succeeded"]);
        expect(attempts[0]?.attempt.failureSummary?.failures[0]?.externalMessage).toBe(
          "The local server stopped during this attempt.",
        );
        // Each id once, none missing, up to the source's end (or beyond it, if the killed
        // attempt committed once more after the source shrank).
        const stored = await target.ids(dataDir);
        expect(stored).toEqual({ rows: stored?.max, distinct: stored?.max, max: expect.any(Number) });
        expect(stored?.max).toBeGreaterThanOrEqual(total);
        expect(await streamState(api, connectionId)).toEqual([{ updated_at: fakerUpdatedAt(Number(stored?.max)) }]);
      } finally {
        await killed.kill();
        await restarted?.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
