/**
 * Real syncs from the faker source into a DuckDB file, through the SDK against the local
 * server, read back through the SDK's dataset readers: each sync mode, the tables' layout,
 * state after each sync, statistics and logs, and convergence after a cancelled sync.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DestinationReadError } from "airbyte-ts";
import { openDestination } from "airbyte-ts/datasets";
import { eventually, GiveUp } from "@airbyte-ts/test-support";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import {
  attemptMessages,
  fakerConnection,
  fakerUpdatedAt,
  ids,
  range,
  syncAndWait,
  waitForCommittedRows,
  waitForJob,
  type RunningFigures,
  watchRunningJob,
} from "./helpers/sync.js";

const localDirectory = mkdtempSync(join(tmpdir(), "airbyte-local-sync-"));
afterAll(() => rmSync(localDirectory, { recursive: true, force: true }));
const harness = useLocalServer({ localDirectory, maxAttempts: 2, retryBackoffMs: 50 });

let files = 0;
async function duckdb(): Promise<{ destinationId: string; path: string }> {
  const path = `/local/sync-${++files}.duckdb`;
  const destination = await harness.admin().destinations.createDestination({
    name: `duckdb ${files}`,
    workspaceId: harness.local().workspaceId,
    configuration: { destinationType: "duckdb", destination_path: path },
  });
  return { destinationId: destination.destinationId, path };
}

function read(path: string, stream: string, prefix = "") {
  // A cancelled sync's worker may still be rolling back for a moment, holding DuckDB's lock:
  // that alone is worth another look.
  return eventually(
    async () => {
      const reader = openDestination(
        { destinationType: "duckdb", configuration: { destination_path: path } },
        { localDirectory },
      );
      try {
        const dataset = reader.dataset(stream, { prefix });
        return {
          rows: await dataset.toArray(),
          columns: await dataset.columnNames(),
          table: dataset.fullyQualifiedName,
        };
      } catch (error) {
        const locked = error instanceof DestinationReadError && /open for writing/.test(error.message);
        throw locked ? error : new GiveUp("the destination could not be read", { cause: error });
      } finally {
        await reader.close();
      }
    },
    { timeoutMs: 10_000, intervalMs: 100 },
  );
}

describe("sync modes into DuckDB", () => {
  test("full refresh overwrite: each sync replaces the tables with the source's records", async () => {
    const api = harness.admin();
    const { destinationId, path } = await duckdb();
    const { connectionId } = await fakerConnection(api, {
      workspaceId: harness.local().workspaceId,
      destinationId,
      count: 300,
      mode: "full_refresh_overwrite",
    });
    const first = await syncAndWait(api, connectionId);
    expect(first.status).toBe("succeeded");
    const before = await read(path, "users");
    expect(ids(before.rows)).toEqual(range(300));
    expect(before.columns).toEqual(
      expect.arrayContaining([
        "id",
        "name",
        "updated_at",
        "address",
        "_airbyte_raw_id",
        "_airbyte_extracted_at",
        "_airbyte_meta",
        "_airbyte_generation_id",
      ]),
    );
    expect((await read(path, "products")).rows).toHaveLength(100);
    expect((await read(path, "purchases")).rows.length).toBeGreaterThan(300);

    const second = await syncAndWait(api, connectionId);
    expect(second.status).toBe("succeeded");
    const after = await read(path, "users");
    expect(ids(after.rows)).toEqual(range(300));
    const rawBefore = new Set(before.rows.map((r) => r._airbyte_raw_id));
    expect(after.rows.some((r) => rawBefore.has(r._airbyte_raw_id))).toBe(false);
    expect(after.rows[0]?._airbyte_generation_id).toBe(second.jobId);
    // Job statistics add up the records of the three streams.
    const stored = (await read(path, "products")).rows.length + (await read(path, "purchases")).rows.length + 300;
    expect(second.rowsSynced).toBe(stored);
    expect(second.bytesSynced).toBeGreaterThan(stored * 20);
  });

  test("full refresh append: each sync adds a full copy", async () => {
    const api = harness.admin();
    const { destinationId, path } = await duckdb();
    const { connectionId } = await fakerConnection(api, {
      workspaceId: harness.local().workspaceId,
      destinationId,
      count: 120,
      mode: "full_refresh_append",
      streams: ["users"],
    });
    await syncAndWait(api, connectionId);
    await syncAndWait(api, connectionId);
    const { rows } = await read(path, "users");
    expect(rows).toHaveLength(240);
    expect(new Set(ids(rows))).toEqual(new Set(range(120)));
  });

  test("incremental append: only new records are added, and the state follows the cursor", async () => {
    const api = harness.admin();
    const { destinationId, path } = await duckdb();
    const { connectionId, sourceId } = await fakerConnection(api, {
      workspaceId: harness.local().workspaceId,
      destinationId,
      count: 250,
      mode: "incremental_append",
      streams: ["users"],
    });
    await syncAndWait(api, connectionId);
    expect(ids((await read(path, "users")).rows)).toEqual(range(250));
    const state = await api.config.state.get({ connectionId });
    expect(state.stateType).toBe("stream");
    expect(state.streamState?.[0]).toEqual({
      streamDescriptor: { name: "users" },
      streamState: { updated_at: fakerUpdatedAt(250) }, // "2024-01-01T00:04:10.000Z"
    });

    const unchanged = await syncAndWait(api, connectionId);
    expect(unchanged.rowsSynced ?? 0).toBe(0);
    expect(ids((await read(path, "users")).rows)).toEqual(range(250));

    await api.sources.patchSource({ sourceId }, { configuration: { sourceType: "faker", count: 300 } });
    const grown = await syncAndWait(api, connectionId);
    expect(grown.rowsSynced).toBe(50);
    expect(ids((await read(path, "users")).rows)).toEqual(range(300));
  });

  test("incremental deduped history: one row per primary key, the newest by cursor", async () => {
    const api = harness.admin();
    const { destinationId, path } = await duckdb();
    const { connectionId } = await fakerConnection(api, {
      workspaceId: harness.local().workspaceId,
      destinationId,
      count: 200,
      mode: "incremental_deduped_history",
      streams: ["users"],
      alwaysUpdated: true,
    });
    await syncAndWait(api, connectionId);
    const first = await read(path, "users");
    const second = await syncAndWait(api, connectionId);
    expect(second.rowsSynced).toBe(200); // every record came again with a newer updated_at
    const after = await read(path, "users");
    expect(ids(after.rows)).toEqual(range(200));
    const firstUpdated = new Map(first.rows.map((r) => [r.id, String(r.updated_at)]));
    for (const row of after.rows) expect(String(row.updated_at) > (firstUpdated.get(row.id) ?? "")).toBe(true);
  });
});

describe("layout", () => {
  test("the connection's prefix names the tables, and only selected fields become columns", async () => {
    const api = harness.admin();
    const { destinationId, path } = await duckdb();
    const { connectionId } = await fakerConnection(api, {
      workspaceId: harness.local().workspaceId,
      destinationId,
      count: 10,
      mode: "incremental_deduped_history",
      streams: ["users"],
      prefix: "Shop-",
      fields: ["id", "name", "updated_at"],
    });
    await syncAndWait(api, connectionId);
    const { rows, columns, table } = await read(path, "users", "Shop-");
    const stem = path.replace("/local/", "").replace(".duckdb", "");
    expect(table).toBe(`"${stem}"."main"."shop_users"`);
    expect(columns.sort()).toEqual(
      [
        "_airbyte_extracted_at",
        "_airbyte_generation_id",
        "_airbyte_meta",
        "_airbyte_raw_id",
        "id",
        "name",
        "updated_at",
      ].sort(),
    );
    expect(rows).toHaveLength(10);
  });

  test("the attempt's logs tell what happened, stream by stream", async () => {
    const api = harness.admin();
    const { destinationId } = await duckdb();
    const { connectionId } = await fakerConnection(api, {
      workspaceId: harness.local().workspaceId,
      destinationId,
      count: 50,
      mode: "full_refresh_overwrite",
      streams: ["users"],
    });
    const job = await syncAndWait(api, connectionId);
    const messages = await attemptMessages(api, job.jobId, 0);
    expect(messages).toContain("Stream users (full_refresh | overwrite) -> main.users: reading.");
    expect(messages).toContain("Stream users: 50 records read, 50 committed to main.users.");
    expect(messages).toMatch(/Peak memory of the sync worker: \d+ MB/);
  });
});

describe("interruptions", () => {
  test("a full refresh's figures grow while it runs; cancelled, it leaves the final table as it was", async () => {
    const api = harness.admin();
    const { destinationId, path } = await duckdb();
    const { connectionId, sourceId } = await fakerConnection(api, {
      workspaceId: harness.local().workspaceId,
      destinationId,
      count: 300,
      mode: "full_refresh_overwrite",
      streams: ["users"],
    });
    await syncAndWait(api, connectionId);
    const before = await read(path, "users");
    // Far more than the test waits for: the job is surely still running when it is cancelled.
    await api.sources.patchSource({ sourceId }, { configuration: { sourceType: "faker", count: 5_000_000 } });
    const job = await api.jobs.createJob({ connectionId, jobType: "sync" });
    const figures = await watchRunningJob(api, job.jobId, 2);
    await api.jobs.cancelJob({ jobId: job.jobId });
    expect((await waitForJob(api, job.jobId)).status).toBe("cancelled");

    const [first, second] = figures as [RunningFigures, RunningFigures];
    expect(second.rowsSynced).toBeGreaterThan(first.rowsSynced);
    expect(second.bytesSynced).toBeGreaterThan(first.bytesSynced);
    for (const seen of figures) {
      // The Config API's figures, read just after, are the same or further on.
      expect(seen.aggregated?.recordsCommitted).toBeGreaterThanOrEqual(seen.rowsSynced);
      expect(seen.aggregated?.recordsEmitted).toBeGreaterThanOrEqual(seen.aggregated?.recordsCommitted ?? 0);
      expect(seen.attempt?.recordsCommitted).toBe(seen.aggregated?.recordsCommitted);
      expect(seen.attempt?.bytesCommitted).toBe(seen.aggregated?.bytesCommitted);
    }
    // The committed rows were staged: the final table has the first sync's rows, untouched.
    const after = await read(path, "users");
    expect(ids(after.rows)).toEqual(range(300));
    expect(after.rows.map((row) => row._airbyte_raw_id).sort()).toEqual(
      before.rows.map((row) => row._airbyte_raw_id).sort(),
    );
  }, 120_000);

  test("a sync cancelled in the middle leaves whole checkpoints; the next sync converges exactly", async () => {
    const api = harness.admin();
    const { destinationId, path } = await duckdb();
    const { connectionId } = await fakerConnection(api, {
      workspaceId: harness.local().workspaceId,
      destinationId,
      count: 400_000,
      mode: "incremental_append",
      streams: ["users"],
      recordsPerSlice: 1_000,
    });
    const job = await api.jobs.createJob({ connectionId, jobType: "sync" });
    await waitForCommittedRows(api, job.jobId, 5_000);
    await api.jobs.cancelJob({ jobId: job.jobId });
    expect((await waitForJob(api, job.jobId)).status).toBe("cancelled");

    const partial = ids((await read(path, "users")).rows);
    expect(partial.length).toBeGreaterThanOrEqual(5_000);
    expect(partial.length % 1_000).toBe(0); // whole slices only
    expect(partial).toEqual(range(partial.length));
    const state = await api.config.state.get({ connectionId });
    expect(state.streamState?.[0]?.streamState).toEqual({ updated_at: fakerUpdatedAt(partial.length) });

    expect((await syncAndWait(api, connectionId, 120_000)).status).toBe("succeeded");
    expect(ids((await read(path, "users")).rows)).toEqual(range(400_000));
  }, 180_000);
});
