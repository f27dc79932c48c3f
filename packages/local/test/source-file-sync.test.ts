/**
 * Syncs from the File source into a DuckDB file through the local server, from a file under
 * /local and from one served over loopback HTTP, read back through `SyncResult.getDataset`
 * and compared with the file, types included; and a malformed file failing its sync with the
 * line, while the worker pool carries on with the next one.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { CloudWorkspace } from "airbyte-ts";
import { has } from "@airbyte-ts/test-support";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { type PostgresServer, startPostgres } from "@airbyte-ts/test-support/postgres";
import { specCheck } from "@airbyte-ts/test-support/spec-check";
import { attemptMessages, syncAndWait } from "./helpers/sync.js";

const localDirectory = mkdtempSync(join(tmpdir(), "airbyte-file-sync-"));
const harness = useLocalServer({ localDirectory, maxAttempts: 1 });
let server: Server;
let baseUrl = "";
const PASSWORD = "File-Sync-Pg-Pass";
const postgresHere = has("postgres");
let postgres: PostgresServer | undefined;

beforeAll(async () => {
  if (postgresHere) postgres = await startPostgres({ password: PASSWORD });
  writeFileSync(join(localDirectory, "payments.csv"), CSV);
  server = createServer((request, response) => {
    const name = new URL(request.url ?? "/", "http://x").pathname.slice(1);
    try {
      response.writeHead(200).end(readFileSync(join(localDirectory, name)));
    } catch {
      response.writeHead(404, "Not Found").end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await postgres?.close();
  await new Promise((resolve) => server.close(resolve));
  rmSync(localDirectory, { recursive: true, force: true });
});

const CSV =
  'id;name;amount;day;at\n1;"Doe; Jane";12.5;2024-01-31;2024-01-31 23:59:58\n2;"two\nlines ü";;2024-02-01;\n3;Zoë 🚀;-7.25;;2024-03-01 00:00:00.5\n';

let files = 0;

/** A File source into a new DuckDB file (or a Postgres schema), in full refresh overwrite. */
async function fileConnection(source: Record<string, unknown>, into: "duckdb" | "postgres" = "duckdb") {
  const api = harness.admin();
  const { workspaceId } = harness.local();
  const created = await api.sources.createSource({
    name: `file ${++files}`,
    workspaceId,
    configuration: { sourceType: "file", dataset_name: "payments", ...source },
  });
  const destination = await api.destinations.createDestination({
    name: `${into} ${files}`,
    workspaceId,
    configuration:
      into === "duckdb"
        ? { destinationType: "duckdb", destination_path: `/local/file-sync-${files}.duckdb` }
        : { destinationType: "postgres", ...postgres!.connectorConfig({ schema: `file_sync_${files}` }) },
  });
  const connection = await api.connections.createConnection({
    sourceId: created.sourceId,
    destinationId: destination.destinationId,
    configurations: { streams: [{ name: "payments", syncMode: "full_refresh_overwrite" }] },
  });
  return { connectionId: connection.connectionId, sourceId: created.sourceId };
}

async function syncedRows(connectionId: string, jobId: number, columns = ["id", "name", "amount", "day", "at"]) {
  // The high-level SDK, as a user reads a sync's tables: the DuckDB file is under the local directory.
  const { workspaceId, clientId, clientSecret, publicApiUrl } = harness.local();
  const hooks = specCheck(harness.mismatches);
  const workspace = new CloudWorkspace({
    ...{ workspaceId, clientId, clientSecret, apiRoot: publicApiUrl },
    datasetOptions: { localDirectory, secrets: { password: PASSWORD }, env: {} },
    apiOptions: { logLevel: "off", retries: false, hooks },
  });
  const result = workspace.getConnection(connectionId).getSyncResult(jobId);
  try {
    const dataset = await result.getDataset("payments");
    const rows = await dataset.toArray();
    return rows
      .map((row) => Object.fromEntries(columns.map((column) => [column, row[column]])))
      .sort((a, b) => Number(a.id) - Number(b.id));
  } finally {
    await result.close();
  }
}

/** What the CSV holds, as DuckDB gives its typed columns back. */
function expectedRows(): unknown[] {
  return [
    { id: 1, name: "Doe; Jane", amount: 12.5, day: "2024-01-31", at: "2024-01-31T23:59:58.000Z" },
    { id: 2, name: "two\nlines ü", amount: null, day: "2024-02-01", at: null },
    { id: 3, name: "Zoë 🚀", amount: -7.25, day: null, at: "2024-03-01T00:00:00.500Z" },
  ];
}

/** Cells as comparable values: bigints as numbers, dates and timestamps as ISO text. */
function comparable(rows: Record<string, unknown>[]): unknown[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        typeof value === "bigint" ? Number(value) : value instanceof Date ? value.toISOString() : value,
      ]),
    ),
  );
}

describe("syncs from the File source into DuckDB", { timeout: 120_000 }, () => {
  test("a local CSV (semicolons, quotes, embedded newlines): the table equals the file, types included", async () => {
    const { connectionId, sourceId } = await fileConnection({
      format: "csv",
      url: "/local/payments.csv",
      provider: { storage: "local" },
      reader_options: '{"sep": ";"}',
    });
    const discovered = await harness.admin().config.sources.discoverSchema({ sourceId });
    const stream = discovered.catalog?.streams[0]?.stream;
    expect(stream).toMatchObject({ name: "payments", supportedSyncModes: ["full_refresh"] });
    expect((stream?.jsonSchema as { properties: Record<string, unknown> }).properties).toMatchObject({
      id: { type: ["null", "integer"] },
      amount: { type: ["null", "number"] },
      day: { format: "date" },
      at: { format: "date-time", airbyte_type: "timestamp_without_timezone" },
    });
    const job = await syncAndWait(harness.admin(), connectionId);
    expect(job.status).toBe("succeeded");
    expect(job.rowsSynced).toBe(3);
    expect(comparable(await syncedRows(connectionId, job.jobId))).toEqual(expectedRows());
  });

  test("the same file over HTTP gives the same table", async () => {
    const { connectionId } = await fileConnection({
      format: "csv",
      url: `${baseUrl}/payments.csv`,
      provider: { storage: "HTTPS" },
      reader_options: '{"sep": ";"}',
    });
    const job = await syncAndWait(harness.admin(), connectionId);
    expect(job.status).toBe("succeeded");
    expect(comparable(await syncedRows(connectionId, job.jobId))).toEqual(expectedRows());
  });

  test("a Parquet file: integers beyond 2^53, timestamps with a time zone, booleans and nulls", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM (VALUES
      (1, 9007199254740993::BIGINT, TIMESTAMPTZ '2024-06-30 22:15:00.25-04', true, 'één'),
      (2, NULL, NULL, NULL, NULL)) AS t(id, big, "at", flag, label)
    ) TO '${join(localDirectory, "typed.parquet")}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const { connectionId } = await fileConnection({
      format: "parquet",
      url: "/local/typed.parquet",
      provider: { storage: "local" },
    });
    const job = await syncAndWait(harness.admin(), connectionId);
    expect(job.status).toBe("succeeded");
    const rows = await syncedRows(connectionId, job.jobId, ["id", "big", "at", "flag", "label"]);
    expect(rows.map((row) => ({ ...row, at: row.at instanceof Date ? row.at.toISOString() : row.at }))).toEqual([
      { id: 1, big: 9007199254740993n, at: "2024-07-01T02:15:00.250Z", flag: true, label: "één" },
      { id: 2, big: null, at: null, flag: null, label: null },
    ]);
  });

  test.skipIf(!postgresHere)("the same file into Postgres: the same rows, types included", async () => {
    const { connectionId } = await fileConnection(
      { format: "csv", url: "/local/payments.csv", provider: { storage: "local" }, reader_options: '{"sep": ";"}' },
      "postgres",
    );
    const job = await syncAndWait(harness.admin(), connectionId);
    expect(job.status).toBe("succeeded");
    expect(comparable(await syncedRows(connectionId, job.jobId))).toEqual(expectedRows());
  });

  test("a malformed row fails the sync with its line; the next sync of a good file succeeds", async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `${i},${i * 2}`);
    lines[25_000] = "oops,1,2";
    writeFileSync(join(localDirectory, "broken.csv"), `a,b\n${lines.join("\n")}\n`);
    const { connectionId } = await fileConnection({
      format: "csv",
      url: "/local/broken.csv",
      provider: { storage: "local" },
    });
    const failed = await syncAndWait(harness.admin(), connectionId);
    expect(failed.status).toBe("failed");
    const info = await harness.admin().config.jobs.get({ id: failed.jobId });
    const reason = info.attempts.at(-1)?.attempt.failureSummary?.failures[0];
    expect(reason).toMatchObject({ failureOrigin: "source" });
    expect(reason?.externalMessage).toBe(
      `The source failed: Could not read /local/broken.csv as csv: line 25002 is malformed (Error when converting column "a". Could not convert string "oops" to 'BIGINT'). The line: oops,1,2`,
    );
    expect(await attemptMessages(harness.admin(), failed.jobId)).toMatch(/line 25002 is malformed/);

    writeFileSync(join(localDirectory, "broken.csv"), "a,b\n1,2\n3,4\n5,6\n");
    const fixed = await syncAndWait(harness.admin(), connectionId);
    expect(fixed.status).toBe("succeeded");
    expect(fixed.rowsSynced).toBe(3);
  });
});
