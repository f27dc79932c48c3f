/**
 * Discovery: GET /streams of the public API, sources/discover_schema of the Config API, and the
 * catalog cache the other areas read through DiscoveryService.catalog.
 */
import { type Config } from "airbyte-ts";
import { describe, expect, test } from "vitest";
import { resolveConfig } from "../src/config.js";
import { createServices } from "../src/services/index.js";
import { openStore } from "../src/store/db.js";
import { failure, useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();
const UNKNOWN = "2a4c6e80-1b3d-4f5a-8c7e-9d0f1a2b3c4d";

async function faker(count = 10) {
  return harness.admin().sources.createSource({
    name: "faker",
    workspaceId: harness.local().workspaceId,
    configuration: { sourceType: "faker", count },
  });
}

async function destination(configuration: Record<string, unknown>) {
  return harness.admin().destinations.createDestination({
    name: "dest",
    workspaceId: harness.local().workspaceId,
    configuration,
  });
}

const USERS_FIELDS = [
  ["id"],
  ["created_at"],
  ["updated_at"],
  ["name"],
  ["title"],
  ["age"],
  ["email"],
  ["telephone"],
  ["gender"],
  ["language"],
  ["academic_degree"],
  ["nationality"],
  ["occupation"],
  ["height"],
  ["blood_type"],
  ["weight"],
  ["address"],
  ["address", "street_number"],
  ["address", "street_name"],
  ["address", "city"],
  ["address", "state"],
  ["address", "province"],
  ["address", "postal_code"],
  ["address", "country_code"],
];

describe("GET /streams", () => {
  test("without a destination: the streams, with no sync modes", async () => {
    const source = await faker();
    const streams = await harness.admin().streams.getStreamProperties({ sourceId: source.sourceId });
    expect(streams.map((s) => s.streamName)).toEqual(["users", "products", "purchases"]);
    expect(streams[0]).toEqual({
      streamName: "users",
      defaultCursorField: ["updated_at"],
      sourceDefinedCursorField: true,
      sourceDefinedPrimaryKey: [["id"]],
      propertyFields: USERS_FIELDS,
    });
    expect(streams[1]?.propertyFields).toEqual([
      ["id"],
      ["make"],
      ["model"],
      ["year"],
      ["price"],
      ["created_at"],
      ["updated_at"],
    ]);
  });

  test("with a destination: the public sync modes both support, in Airbyte's order", async () => {
    const source = await faker();
    const modes = async (configuration: Record<string, unknown>) => {
      const { destinationId } = await destination(configuration);
      const streams = await harness.admin().streams.getStreamProperties({ sourceId: source.sourceId, destinationId });
      return streams[0]?.syncModes;
    };
    const dedup = [
      "full_refresh_append",
      "full_refresh_overwrite",
      "incremental_append",
      "incremental_deduped_history",
    ];
    expect(await modes({ destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } })).toEqual(
      dedup,
    );
    expect(await modes({ destinationType: "duckdb", destination_path: "/local/s.duckdb" })).toEqual(dedup);
    expect(
      await modes({ destinationType: "bigquery", project_id: "p", dataset_id: "d", dataset_location: "US" }),
    ).toEqual(dedup);
  });

  test("unknown or missing ids, and sources the local server cannot discover", async () => {
    const api = harness.admin();
    const source = await faker();
    const unknownSource = await failure(api.streams.getStreamProperties({ sourceId: UNKNOWN }));
    expect(unknownSource.status).toBe(404);
    expect(unknownSource.data).toEqual({ resourceType: "source", resourceId: UNKNOWN });
    const unknownDestination = await failure(
      api.streams.getStreamProperties({ sourceId: source.sourceId, destinationId: UNKNOWN }),
    );
    expect(unknownDestination.data).toEqual({ resourceType: "destination", resourceId: UNKNOWN });
    const missing = await failure(api.request({ operation: "getStreamProperties", method: "GET", path: "/streams" }));
    expect(missing.status).toBe(400);
    const malformed = await failure(
      api.request({ operation: "getStreamProperties", method: "GET", path: "/streams?sourceId=nope" }),
    );
    expect(malformed.status).toBe(400);
    const postgres = await api.sources.createSource({
      name: "pg",
      workspaceId: harness.local().workspaceId,
      configuration: { sourceType: "postgres", host: "h", port: 5432, database: "d", username: "u" },
    });
    const undiscoverable = await failure(api.streams.getStreamProperties({ sourceId: postgres.sourceId }));
    expect(undiscoverable.status).toBe(400);
    expect(undiscoverable.data?.message).toMatch(
      new RegExp(
        `^Discovering the streams of source ${postgres.sourceId} failed: Could not connect to Postgres at h:5432 \\(database d, user u\\): (ENOTFOUND|EAI_AGAIN)$`,
      ),
    );
  });

  test("another organization's user gets 403", async () => {
    const source = await faker();
    const user = harness.local().createUser({ email: "streams-outsider@example.com" });
    const stranger = harness.client({ clientId: user.clientId, clientSecret: user.clientSecret });
    expect((await failure(stranger.streams.getStreamProperties({ sourceId: source.sourceId }))).status).toBe(403);
    expect((await failure(stranger.streams.getStreamProperties({ sourceId: UNKNOWN }))).status).toBe(403);
  });
});

describe("sources/discover_schema", () => {
  test("the catalog with each stream's default configuration, and the catalog's id", async () => {
    const source = await faker();
    const read = await harness.admin().config.sources.discoverSchema({ sourceId: source.sourceId });
    expect(read.jobInfo).toMatchObject({ configType: "discover_schema", configId: source.sourceId, succeeded: true });
    expect(read.catalogId).toMatch(/^[0-9a-f-]{36}$/);
    const users = read.catalog?.streams[0];
    expect(users?.stream).toMatchObject({
      name: "users",
      supportedSyncModes: ["full_refresh", "incremental"],
      sourceDefinedCursor: true,
      defaultCursorField: ["updated_at"],
      sourceDefinedPrimaryKey: [["id"]],
    });
    expect(users?.config).toEqual({
      syncMode: "full_refresh",
      cursorField: ["updated_at"],
      destinationSyncMode: "overwrite",
      primaryKey: [["id"]],
      aliasName: "users",
      selected: true,
      suggested: true,
      fieldSelectionEnabled: false,
      selectedFields: [],
      mappers: [],
    });
    // The same catalog again keeps its id, refreshed or not.
    const again = await harness
      .admin()
      .config.sources.discoverSchema({ sourceId: source.sourceId, disable_cache: true });
    expect(again.catalogId).toBe(read.catalogId);
  });

  test("a source the local server cannot run: a failed job without a catalog", async () => {
    const source = await harness.admin().sources.createSource({
      name: "file",
      workspaceId: harness.local().workspaceId,
      configuration: {
        sourceType: "file",
        dataset_name: "d",
        format: "excel",
        url: "/local/x.xlsx",
        provider: { storage: "local" },
      },
    });
    const read = await harness.admin().config.sources.discoverSchema({ sourceId: source.sourceId });
    expect(read.catalog).toBeUndefined();
    expect(read.jobInfo).toMatchObject({
      configType: "discover_schema",
      succeeded: false,
      failureReason: {
        failureOrigin: "source",
        externalMessage: expect.stringMatching(/The local server reads csv, json, jsonl, parquet files, not excel/),
      },
    });
  });

  test("unknown ids are 404 and bad bodies 400/422", async () => {
    const api = harness.admin();
    expect((await failure(api.config.sources.discoverSchema({ sourceId: UNKNOWN }))).status).toBe(404);
    const send = (body: unknown) =>
      failure(api.request({ operation: "x", method: "POST", api: "config", path: "/sources/discover_schema", body }));
    expect((await send({})).status).toBe(400);
    expect((await send({ sourceId: UNKNOWN, disable_cache: "yes" })).status).toBe(422);
    expect((await send({ sourceId: UNKNOWN, priority: "urgent" })).status).toBe(422);
  });
});

describe("the catalog cache (DiscoveryService.catalog)", () => {
  test("is kept per configuration, rediscovered when the configuration changes or on refresh", async () => {
    const store = openStore({ inMemory: true });
    try {
      const services = createServices(store, resolveConfig({ inMemory: true }));
      const defaults = services.identity.ensureDefaults();
      const caller = { userId: defaults.userId, instanceAdmin: true };
      const source = services.actors.create(caller, "source", {
        name: "faker",
        workspaceId: defaults.workspaceId,
        configuration: { sourceType: "faker", count: 5 },
      }) as { sourceId: string };
      const discoveredAt = () =>
        (
          store.db.prepare("SELECT discovered_at FROM source_catalogs WHERE source_id = ?").get(source.sourceId) as {
            discovered_at: number;
          }
        ).discovered_at;
      let clock = 1_000;
      const timed = createServices(store, resolveConfig({ inMemory: true }), () => clock);

      const catalog: Config.AirbyteCatalog = await timed.discovery.catalog(source.sourceId);
      expect(catalog.streams.map((s) => s.stream?.name)).toEqual(["users", "products", "purchases"]);
      clock = 2_000;
      await timed.discovery.catalog(source.sourceId);
      expect(discoveredAt()).toBe(1_000);
      await timed.discovery.catalog(source.sourceId, { refresh: true });
      expect(discoveredAt()).toBe(2_000);
      clock = 3_000;
      timed.actors.patch(caller, "source", source.sourceId, { configuration: { count: 6 } });
      await timed.discovery.catalog(source.sourceId);
      expect(discoveredAt()).toBe(3_000);

      await expect(timed.discovery.catalog(UNKNOWN)).rejects.toMatchObject({ kind: "not-found" });
      const destination = timed.actors.create(caller, "destination", {
        name: "duck",
        workspaceId: defaults.workspaceId,
        configuration: { destinationType: "duckdb", destination_path: "/local/x.duckdb" },
      }) as { destinationId: string };
      expect(timed.discovery.destinationSyncModes(destination.destinationId)).toEqual([
        "overwrite",
        "append",
        "append_dedup",
      ]);
    } finally {
      store.close();
    }
  });
});
