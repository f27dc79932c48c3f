import type { Config } from "airbyte-ts";
import { describe, expect, test } from "vitest";
import { adminToken, failure, fakerToDevNull, member, newPair, outsider } from "./helpers/connections.js";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { waitForJob } from "./helpers/sync.js";

const harness = useLocalServer();

const FAKER_STREAMS = ["users", "products", "purchases"];

async function connectionWithDuckdb() {
  const api = harness.admin();
  const { workspaceId } = await api.workspaces.createWorkspace({ name: `wb-${crypto.randomUUID()}` });
  const source = await api.sources.createSource({
    name: "faker",
    workspaceId,
    configuration: { sourceType: "faker", count: 5 },
  });
  const destination = await api.destinations.createDestination({
    name: "duck",
    workspaceId,
    configuration: { destinationType: "duckdb", destination_path: "md:", motherduck_api_key: "secret-key" },
  });
  const connection = await api.connections.createConnection({
    sourceId: source.sourceId,
    destinationId: destination.destinationId,
    schedule: { scheduleType: "cron", cronExpression: "0 0 6 * * ?" },
  });
  return { workspaceId, source, destination, connection };
}

async function waitForTerminal(jobId: number): Promise<string> {
  return (await waitForJob(harness.admin(), jobId, 10_000)).status;
}

describe("POST /connections/get", () => {
  test("the connection as the Config API reads it: whole catalog, internal spellings", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "config-get");
    const tag = await api.tags.createTag({ name: "ops", color: "C0FFEE", workspaceId: pair.workspaceId });
    const created = await api.connections.createConnection({
      ...pair,
      configurations: { streams: [{ name: "users", syncMode: "incremental_append" }] },
      namespaceDefinition: "custom_format",
      namespaceFormat: "raw",
      schedule: { scheduleType: "cron", cronExpression: "0 15 1 * * ?" },
      tags: [tag],
    });
    const read = await api.config.connections.get({ connectionId: created.connectionId });
    expect(read).toEqual({
      connectionId: created.connectionId,
      name: "faker <> null",
      namespaceDefinition: "customformat",
      namespaceFormat: "raw",
      prefix: "",
      sourceId: pair.sourceId,
      destinationId: pair.destinationId,
      operationIds: [],
      syncCatalog: { streams: expect.any(Array) },
      scheduleType: "cron",
      scheduleData: { cron: { cronExpression: "0 15 1 * * ?", cronTimeZone: "UTC" } },
      status: "active",
      breakingChange: false,
      notifySchemaChanges: true,
      notifySchemaChangesByEmail: false,
      nonBreakingChangesPreference: "ignore",
      created_at: created.createdAt,
      backfillPreference: "disabled",
      workspaceId: pair.workspaceId,
      tags: [{ tagId: tag.tagId, workspaceId: pair.workspaceId, name: "ops", color: "C0FFEE" }],
      onDemandEnabled: false,
    });
    const streams = read.syncCatalog.streams;
    expect(streams.map((s) => [s.stream?.name, s.config?.selected])).toEqual([
      ["users", true],
      ["products", false],
      ["purchases", false],
    ]);
    expect(streams[0]?.stream).toMatchObject({ sourceDefinedCursor: true, defaultCursorField: ["updated_at"] });
    expect(streams[0]?.config).toMatchObject({ syncMode: "incremental", destinationSyncMode: "append" });
  });

  test("unknown ids, other organizations and bad bodies", async () => {
    const api = harness.admin();
    const unknown = crypto.randomUUID();
    const missing = await failure(api.config.connections.get({ connectionId: unknown }));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: `Could not find connection ${unknown}.`, id: unknown });
    const pair = await newPair(harness, "config-get-perm");
    const { connectionId } = await api.connections.createConnection({ ...pair });
    expect((await failure(outsider(harness).config.connections.get({ connectionId }))).status).toBe(403);
    const raw = (body: unknown) =>
      failure(api.request({ operation: "raw", method: "POST", api: "config", path: "/connections/get", body }));
    expect((await raw({})).status).toBe(400);
    expect((await raw({ connectionId: 5 })).status).toBe(422);
    expect((await raw({ connectionId: "nope" })).status).toBe(400);
  });
});

describe("POST /web_backend/connections/get", () => {
  test("the connection with its source, destination (secrets masked) and connector versions", async () => {
    const api = harness.admin();
    const { workspaceId, source, destination, connection } = await connectionWithDuckdb();
    const read = await api.config.webBackend.connections.get({ connectionId: connection.connectionId });
    expect(read).toMatchObject({
      connectionId: connection.connectionId,
      name: "faker <> duck",
      namespaceDefinition: "destination",
      prefix: "",
      sourceId: source.sourceId,
      destinationId: destination.destinationId,
      scheduleType: "cron",
      scheduleData: { cron: { cronExpression: "0 0 6 * * ?", cronTimeZone: "UTC" } },
      status: "active",
      operationIds: [],
      operations: [],
      isSyncing: false,
      schemaChange: "no_change",
      notifySchemaChanges: true,
      notifySchemaChangesByEmail: false,
      nonBreakingChangesPreference: "ignore",
      createdAt: connection.createdAt,
      backfillPreference: "disabled",
      tags: [],
      onDemandEnabled: false,
      source: {
        sourceId: source.sourceId,
        sourceDefinitionId: source.definitionId,
        workspaceId,
        name: "faker",
        sourceName: "Sample Data (Faker)",
        connectionConfiguration: { count: 5 },
      },
      destination: {
        destinationId: destination.destinationId,
        destinationDefinitionId: destination.definitionId,
        name: "duck",
        destinationName: "DuckDB",
        connectionConfiguration: { destination_path: "md:", motherduck_api_key: "**********" },
      },
      sourceActorDefinitionVersion: { dockerRepository: "airbyte/source-faker", supportState: "supported" },
      destinationActorDefinitionVersion: { dockerRepository: "airbyte/destination-duckdb" },
    });
    expect(read.latestSyncJobStatus).toBeUndefined();
    expect(read.latestSyncJobCreatedAt).toBeUndefined();
    expect(read.catalogDiff).toBeUndefined();
    expect(read.syncCatalog.streams.map((s) => s.stream?.name)).toEqual(FAKER_STREAMS);
  });

  test("the latest sync job and whether one runs", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "wb-jobs");
    const { connectionId } = await api.connections.createConnection({ ...pair });
    const job = await api.jobs.createJob({ connectionId, jobType: "sync" });
    const status = await waitForTerminal(job.jobId);
    const read = await api.config.webBackend.connections.get({ connectionId });
    expect(read.isSyncing).toBe(false);
    expect(read.latestSyncJobStatus).toBe(status);
    expect(read.latestSyncJobCreatedAt).toBe(Math.floor(Date.parse(job.startTime) / 1000));
  });

  test("withRefreshedCatalog discovers again and reports the diff", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "wb-refresh");
    const { connectionId } = await api.connections.createConnection({
      ...pair,
      configurations: {
        streams: [
          {
            name: "users",
            syncMode: "incremental_append",
            selectedFields: [{ fieldPath: ["id"] }, { fieldPath: ["updated_at"] }],
          },
        ],
      },
    });
    const read = await api.config.webBackend.connections.get({ connectionId, withRefreshedCatalog: true });
    expect(read.catalogDiff).toEqual({ transforms: [] });
    expect(read.schemaChange).toBe("no_change");
    const users = read.syncCatalog.streams.find((s) => s.stream?.name === "users")?.config;
    expect(users).toMatchObject({
      selected: true,
      syncMode: "incremental",
      fieldSelectionEnabled: true,
      selectedFields: [{ fieldPath: ["id"] }, { fieldPath: ["updated_at"] }],
    });
    expect(read.syncCatalog.streams.find((s) => s.stream?.name === "products")?.config?.selected).toBe(false);
  });

  test("permissions and bad input", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "wb-get-perm");
    const { connectionId } = await api.connections.createConnection({ ...pair });
    expect((await failure(outsider(harness).config.webBackend.connections.get({ connectionId }))).status).toBe(403);
    const unknown = crypto.randomUUID();
    expect((await failure(api.config.webBackend.connections.get({ connectionId: unknown }))).status).toBe(404);
    const raw = (body: unknown) =>
      failure(
        api.request({ operation: "raw", method: "POST", api: "config", path: "/web_backend/connections/get", body }),
      );
    expect((await raw({ withRefreshedCatalog: true })).status).toBe(400);
    expect((await raw({ connectionId, withRefreshedCatalog: "yes" })).status).toBe(422);
  });
});

describe("POST /web_backend/connections/update", () => {
  test("patch-style: given fields change, the others stay", async () => {
    const api = harness.admin();
    const { connection } = await connectionWithDuckdb();
    const { connectionId } = connection;
    const updated = await api.config.webBackend.connections.update({
      connectionId,
      name: "renamed",
      prefix: "wb_",
      notifySchemaChanges: false,
      nonBreakingChangesPreference: "propagate_columns",
      backfillPreference: "enabled",
      resourceRequirements: { cpu_limit: "1" },
      skipReset: true,
    });
    expect(updated).toMatchObject({
      name: "renamed",
      prefix: "wb_",
      notifySchemaChanges: false,
      nonBreakingChangesPreference: "propagate_columns",
      backfillPreference: "enabled",
      resourceRequirements: { cpu_limit: "1" },
      scheduleType: "cron",
      status: "active",
    });
    const publicView = await api.connections.getConnection({ connectionId });
    expect(publicView).toMatchObject({
      name: "renamed",
      prefix: "wb_",
      nonBreakingSchemaUpdatesBehavior: "propagate_columns",
      schedule: { scheduleType: "cron", cronExpression: "0 0 6 * * ? UTC" },
    });
  });

  test("schedules: manual, basic, cron and their problems", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "wb-schedules");
    const { connectionId } = await api.connections.createConnection({ ...pair });
    const update = (body: Omit<Config.WebBackendConnectionUpdate, "connectionId">) =>
      api.config.webBackend.connections.update({ connectionId, ...body });

    const basic = await update({
      scheduleType: "basic",
      scheduleData: { basicSchedule: { timeUnit: "hours", units: 2 } },
    });
    expect(basic).toMatchObject({
      scheduleType: "basic",
      scheduleData: { basicSchedule: { timeUnit: "hours", units: 2 } },
      schedule: { timeUnit: "hours", units: 2 },
    });
    expect((await api.connections.getConnection({ connectionId })).schedule).toEqual({
      scheduleType: "basic",
      basicTiming: "Every 2 HOURS",
    });
    const cron = await update({
      scheduleType: "cron",
      scheduleData: { cron: { cronExpression: "0 0 0/2 * * ?", cronTimeZone: "UTC" } },
    });
    expect(cron.scheduleData).toEqual({ cron: { cronExpression: "0 0 0/2 * * ?", cronTimeZone: "UTC" } });
    expect(cron.schedule).toBeUndefined();
    expect((await update({ scheduleType: "manual" })).scheduleType).toBe("manual");

    const frequent = await failure(
      update({
        scheduleType: "cron",
        scheduleData: { cron: { cronExpression: "0 */10 * * * ?", cronTimeZone: "UTC" } },
      }),
    );
    expect(frequent.status).toBe(400);
    expect(frequent.body).toMatchObject({ message: "Cron executions must be at least 1 hour apart" });
    const invalid = await failure(
      update({ scheduleType: "cron", scheduleData: { cron: { cronExpression: "0 0 12 * * *", cronTimeZone: "UTC" } } }),
    );
    expect(invalid.status).toBe(400);
    const missing = await failure(update({ scheduleType: "cron", scheduleData: {} }));
    expect(missing.status).toBe(400);
    const fast = await failure(
      update({ scheduleType: "basic", scheduleData: { basicSchedule: { timeUnit: "minutes", units: 5 } } }),
    );
    expect(fast.status).toBe(400);
    expect(fast.body).toMatchObject({ message: "Basic schedules must be at least 1 hour apart" });
    const zone = await failure(
      update({
        scheduleType: "cron",
        scheduleData: { cron: { cronExpression: "0 0 6 * * ?", cronTimeZone: "Europe/Paris" } },
      }),
    );
    expect(zone.status).toBe(400);
    expect((await api.config.connections.get({ connectionId })).scheduleType).toBe("manual");
  });

  test("a syncCatalog replaces the whole catalog, checked against the source and destination", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "wb-catalog");
    const { connectionId } = await api.connections.createConnection({ ...pair });
    const current = await api.config.webBackend.connections.get({ connectionId });
    const only = (name: string, config: Partial<Config.AirbyteStreamConfiguration>): Config.AirbyteCatalog => ({
      streams: current.syncCatalog.streams
        .filter((s) => s.stream?.name === name)
        .map((s) => ({ stream: s.stream, config: { ...(s.config as Config.AirbyteStreamConfiguration), ...config } })),
    });

    const updated = await api.config.webBackend.connections.update({
      connectionId,
      syncCatalog: only("users", { syncMode: "incremental", destinationSyncMode: "append_dedup", selected: true }),
    });
    expect(updated.syncCatalog.streams.map((s) => [s.stream?.name, s.config?.selected])).toEqual([
      ["users", true],
      ["products", false],
      ["purchases", false],
    ]);
    expect((await api.connections.getConnection({ connectionId })).configurations.streams).toEqual([
      expect.objectContaining({ name: "users", syncMode: "incremental_deduped_history", primaryKey: [["id"]] }),
    ]);

    const unsupported = await failure(
      api.config.webBackend.connections.update({
        connectionId,
        syncCatalog: only("products", { destinationSyncMode: "overwrite_dedup", selected: true }),
      }),
    );
    expect(unsupported.status).toBe(400);
    expect(unsupported.body).toMatchObject({
      message:
        "The destination does not support the destination sync mode overwrite_dedup (stream products). Supported destination sync modes are: [overwrite, append, append_dedup].",
    });
    const unknownStream = await failure(
      api.config.webBackend.connections.update({
        connectionId,
        syncCatalog: {
          streams: [
            {
              stream: { name: "orders", jsonSchema: {}, supportedSyncModes: ["full_refresh"] },
              config: { syncMode: "full_refresh", destinationSyncMode: "overwrite", selected: true },
            },
          ],
        },
      }),
    );
    expect(unknownStream.status).toBe(400);
    const badFields = await failure(
      api.config.webBackend.connections.update({
        connectionId,
        syncCatalog: only("users", { fieldSelectionEnabled: true, selectedFields: [{ fieldPath: ["nope"] }] }),
      }),
    );
    expect(badFields.status).toBe(400);
    // The failed updates changed nothing.
    expect((await api.connections.getConnection({ connectionId })).configurations.streams).toHaveLength(1);
  });

  test("tags, locks, deleted connections", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "wb-misc");
    const tag = await api.tags.createTag({ name: "wb", color: "010203", workspaceId: pair.workspaceId });
    const { connectionId } = await api.connections.createConnection({ ...pair });
    const tagged = await api.config.webBackend.connections.update({ connectionId, tags: [tag] });
    expect(tagged.tags).toEqual([{ tagId: tag.tagId, workspaceId: pair.workspaceId, name: "wb", color: "010203" }]);

    const locked = await api.connections.createConnection({ ...pair, status: "locked" });
    const error = await failure(
      api.config.webBackend.connections.update({ connectionId: locked.connectionId, name: "x" }),
    );
    expect(error.status).toBe(409);

    await api.connections.deleteConnection({ connectionId });
    const revive = await failure(api.config.webBackend.connections.update({ connectionId, status: "active" }));
    expect(revive.status).toBe(400);
  });

  test("permissions and bad input", async () => {
    const api = harness.admin();
    const pair = await fakerToDevNull(api, harness.local().workspaceId);
    const { connectionId } = await api.connections.createConnection({ ...pair });
    const reader = member(harness, "organization_reader");
    expect((await reader.config.webBackend.connections.get({ connectionId })).connectionId).toBe(connectionId);
    expect((await failure(reader.config.webBackend.connections.update({ connectionId, name: "x" }))).status).toBe(403);
    expect(
      (await failure(outsider(harness).config.webBackend.connections.update({ connectionId, name: "x" }))).status,
    ).toBe(403);
    const raw = (body: unknown) =>
      failure(
        api.request({ operation: "raw", method: "POST", api: "config", path: "/web_backend/connections/update", body }),
      );
    expect((await raw({ name: "x" })).status).toBe(400);
    expect((await raw({ connectionId, status: "paused" })).status).toBe(422);
    expect((await raw({ connectionId, scheduleType: "hourly" })).status).toBe(422);
    expect((await raw({ connectionId, syncCatalog: { streams: [{ stream: { name: "users" } }] } })).status).toBe(400);
    expect((await raw({ connectionId, operations: [{ name: "dbt" }] })).status).toBe(400);
    expect((await raw({ connectionId: crypto.randomUUID(), name: "x" })).status).toBe(404);

    const token = await adminToken(harness);
    const malformed = await fetch(`${harness.local().configApiUrl}/web_backend/connections/update`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{",
    });
    expect(malformed.status).toBe(422);
    expect(((await malformed.json()) as { message: string }).message).toContain("not valid JSON");
  });
});
