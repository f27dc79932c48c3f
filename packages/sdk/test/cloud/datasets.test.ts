/**
 * Reading a sync's tables back through `SyncResult`: a real sync of the local server from the
 * Faker source into a DuckDB file, then the datasets, names and driver connection that
 * `airbyte-ts`'s destination readers give, with the connection's table prefix applied.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CloudConnection, type SyncResult, TableNotFoundError, UnsupportedDestinationError } from "airbyte-ts";
import { rejection, seedConnection, uniqueName, useCloudServer } from "./harness.js";

/** The folder behind Airbyte's `/local` mount, where the DuckDB destination writes. */
const directory = mkdtempSync(join(tmpdir(), "airbyte-ts-datasets-"));
const harness = useCloudServer({ localDirectory: directory, maxAttempts: 1 });

describe("a sync into DuckDB, read back", () => {
  let connection: CloudConnection;
  let sync: SyncResult;

  beforeAll(async () => {
    const workspace = harness.workspace({ datasetOptions: { localDirectory: directory } });
    const source = await workspace.deploySource(uniqueName("faker"), { sourceType: "faker", count: 25, seed: 7 });
    const destination = await workspace.deployDestination(uniqueName("duckdb"), {
      destinationType: "duckdb",
      destination_path: "/local/synced.duckdb",
    });
    connection = await workspace.deployConnection(uniqueName("to duckdb"), {
      source,
      destination,
      selectedStreams: ["users", "products"],
      tablePrefix: "Pre ",
    });
    sync = await connection.runSync({ pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await sync?.close();
  });

  it("names: the prefix applied and normalized, DuckDB's default schema, the file's name", async () => {
    expect(await sync.getSqlTableName("users")).toBe("pre_users");
    expect(await sync.getSqlSchemaName("users")).toBe("main");
    expect(await sync.getSqlSchemaName()).toBe("main");
    expect(await sync.getSqlDatabaseName()).toBe("synced");
    expect(await sync.getStreamNames()).toEqual(["users", "products"]);
  });

  it("getDataset reads the stream's table, with Airbyte's columns", async () => {
    const users = await sync.getDataset("users");
    expect(users.tableName).toBe("pre_users");
    expect(await users.count()).toBe(25);
    const rows = await users.toArray({ limit: 3 });
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(["id", "email", "_airbyte_raw_id", "_airbyte_extracted_at"]),
    );
    let iterated = 0;
    for await (const row of users) iterated += row.id === undefined ? 0 : 1;
    expect(iterated).toBe(25);
  });

  it("streams maps every selected stream to its dataset", async () => {
    const streams = await sync.getStreams();
    expect(Object.keys(streams)).toEqual(["users", "products"]);
    expect(await streams.products!.count()).toBeGreaterThan(0);
  });

  it("the connection and its destination are read once for all of it", async () => {
    const fresh = harness
      .workspace({ datasetOptions: { localDirectory: directory } })
      .getConnection(connection.connectionId)
      .getSyncResult(sync.jobId);
    const { requests } = await harness.count(async () => {
      await fresh.getSqlTableName("users");
      await fresh.getDataset("products");
      await fresh.getSqlDatabaseName();
      await fresh.getSqlSchemaName("users");
    });
    expect(requests).toEqual({ getConnection: 1, getDestination: 1 });
    await fresh.close();
  });

  it("getSqlEngine gives the driver's connection for one's own SQL", async () => {
    const engine = (await sync.getSqlEngine()) as {
      runAndReadAll(sql: string): Promise<{ getRowObjects(): unknown[] }>;
    };
    const reader = await sync.getDestinationReader();
    const table = (await sync.getDataset("users")).fullyQualifiedName;
    const result = await engine.runAndReadAll(`SELECT count(*) AS n FROM ${table}`);
    expect(Number((result.getRowObjects()[0] as { n: bigint }).n)).toBe(25);
    expect(reader.destinationType).toBe("duckdb");
  });

  it("a stream that was not synced has no table", async () => {
    const purchases = await sync.getDataset("purchases");
    expect(await rejection(purchases.count())).toBeInstanceOf(TableNotFoundError);
  });
});

describe("destinations that cannot be read", () => {
  it("a dev-null destination is an UnsupportedDestinationError naming the readable types", async () => {
    const workspace = harness.workspace();
    const seeded = await seedConnection(harness.admin(), workspace.workspaceId);
    const sync = workspace.getConnection(seeded.connection.connectionId).getSyncResult(1);
    const error = await rejection(sync.getDataset("users"));
    expect(error).toBeInstanceOf(UnsupportedDestinationError);
    expect(error.message).toMatch(/duckdb/);
  });
});
