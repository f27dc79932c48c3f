/**
 * Destinations through the public API, and connection checks of sources and destinations
 * through the Config API.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AirbyteApi, type DestinationResponse } from "airbyte-ts";
import { afterAll, describe, expect, test } from "vitest";
import { closedPort } from "./helpers/destinations.js";
import { failure, useLocalServer } from "@airbyte-ts/test-support/local-server";
import { SNOWFLAKE_CONFIGURATION } from "./helpers/configurations.js";

const localDirectory = mkdtempSync(join(tmpdir(), "destinations-test-"));
const harness = useLocalServer({ localDirectory });
afterAll(() => rmSync(localDirectory, { recursive: true, force: true }));

const DEV_NULL = "a7bcc9d8-13b3-4e49-b80d-d020b90045e3";
const FAKER = "dfd88b22-b603-4c3d-aad7-3701784586b1";
const UNKNOWN = "5f1e4a2b-8c3d-4e6f-9a0b-1c2d3e4f5a6b";
const MASK = "**********";
const SILENT = { test_destination: { test_destination_type: "SILENT" } };

let counter = 0;
async function newWorkspace(): Promise<string> {
  return (await harness.admin().workspaces.createWorkspace({ name: `destinations-${++counter}` })).workspaceId;
}

function outsider(): AirbyteApi {
  const user = harness.local().createUser({ email: `dst-outsider-${++counter}@example.com` });
  return harness.client({ clientId: user.clientId, clientSecret: user.clientSecret });
}

async function create(configuration: Record<string, unknown>, name = "dest", workspaceId?: string) {
  return harness.admin().destinations.createDestination({
    name,
    workspaceId: workspaceId ?? harness.local().workspaceId,
    configuration,
  });
}

const postgresDestination = {
  host: "127.0.0.1",
  port: 5432,
  database: "warehouse",
  schema: "public",
  username: "loader",
  password: "dest-secret",
  ssl_mode: { mode: "verify-full", ca_certificate: "CA", client_key: "KEY", client_key_password: "KEYPASS" },
};

describe("destinations", () => {
  test("created by destinationType, read back with the exact shape", async () => {
    const workspaceId = await newWorkspace();
    const destination = await create({ destinationType: "dev-null", ...SILENT }, "null", workspaceId);
    expect(destination).toEqual({
      destinationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "null",
      destinationType: "dev-null",
      definitionId: DEV_NULL,
      workspaceId,
      configuration: SILENT,
      createdAt: expect.any(Number),
    });
    expect(await harness.admin().destinations.getDestination({ destinationId: destination.destinationId })).toEqual(
      destination,
    );
  });

  test("every built-in destination can be created by its short name", async () => {
    const configurations: Record<string, Record<string, unknown>> = {
      duckdb: { destination_path: "/local/x.duckdb" },
      postgres: postgresDestination,
      motherduck: { motherduck_api_key: "md-key" },
      snowflake: SNOWFLAKE_CONFIGURATION,
      bigquery: { project_id: "p", dataset_id: "d", dataset_location: "EU", credentials_json: "{}" },
    };
    for (const [destinationType, configuration] of Object.entries(configurations)) {
      const destination = await create({ destinationType, ...configuration }, destinationType);
      expect(destination.destinationType).toBe(destinationType);
    }
  });

  test("secrets are masked, and a mask sent back keeps them", async () => {
    const api = harness.admin();
    const destination = await create({ destinationType: "postgres", ...postgresDestination }, "pg");
    const masked = {
      ...postgresDestination,
      password: MASK,
      ssl_mode: { mode: "verify-full", ca_certificate: MASK, client_key: MASK, client_key_password: MASK },
    };
    expect(destination.configuration).toEqual(masked);
    // Put back what was read (masks included) with one change: accepted and still masked.
    const put = await api.destinations.putDestination(
      { destinationId: destination.destinationId },
      { name: "pg2", configuration: { ...destination.configuration, schema: "raw" } },
    );
    expect(put.configuration).toEqual({ ...masked, schema: "raw" });
    expect(put.name).toBe("pg2");
  });

  test("unknown types, definitions and invalid configurations", async () => {
    const workspaceId = harness.local().workspaceId;
    const api = harness.admin();
    const unknownType = await failure(create({ destinationType: "faker" }));
    expect(unknownType.status).toBe(400);
    expect(unknownType.data?.value).toBe("faker");
    const missing = await failure(create({}));
    expect(missing.status).toBe(422);
    expect(missing.data?.message).toBe(
      "Either definitionId or configuration.destinationType must be given to create a destination.",
    );
    const sourceDefinition = await failure(
      api.destinations.createDestination({ name: "x", workspaceId, definitionId: FAKER, configuration: {} }),
    );
    expect(sourceDefinition.status).toBe(404);
    expect(sourceDefinition.data).toEqual({ resourceType: "destination_definition", resourceId: FAKER });
    const invalid = await failure(
      create({ destinationType: "dev-null", test_destination: { test_destination_type: "NOPE" } }),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.data?.message).toMatch(/^The provided configuration does not fulfill the specification/);
    const badLocation = await failure(
      create({ destinationType: "bigquery", project_id: "p", dataset_id: "d", dataset_location: "Mars" }),
    );
    expect(badLocation.data?.message).toMatch(/\$\.dataset_location: must be equal to one of the allowed values/);
  });

  test("PATCH merges, DELETE deprecates connections and hides the destination from lists", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const destination = await create(
      { destinationType: "duckdb", destination_path: "/local/a.duckdb" },
      "duck",
      workspaceId,
    );
    const patched = await api.destinations.patchDestination(
      { destinationId: destination.destinationId },
      { configuration: { schema: "analytics" } },
    );
    expect(patched.configuration).toEqual({ destination_path: "/local/a.duckdb", schema: "analytics" });
    const source = await api.sources.createSource({
      name: "f",
      workspaceId,
      configuration: { sourceType: "faker", count: 1 },
    });
    const connection = await api.connections.createConnection({
      sourceId: source.sourceId,
      destinationId: destination.destinationId,
    });
    const { response } = await api.destinations
      .deleteDestination({ destinationId: destination.destinationId })
      .withResponse();
    expect(response.status).toBe(204);
    expect((await api.connections.getConnection({ connectionId: connection.connectionId })).status).toBe("deprecated");
    expect((await api.destinations.listDestinations({ workspaceIds: [workspaceId] })).data).toEqual([]);
    const all = await api.destinations.listDestinations({ workspaceIds: [workspaceId], includeDeleted: true });
    expect(all.data.map((d: DestinationResponse) => d.name)).toEqual(["duck"]);
    expect((await api.destinations.getDestination({ destinationId: destination.destinationId })).name).toBe("duck");
  });

  test("another organization's user gets 403", async () => {
    const destination = await create({ destinationType: "dev-null", ...SILENT });
    const stranger = outsider();
    for (const attempt of [
      () => stranger.destinations.getDestination({ destinationId: destination.destinationId }),
      () => stranger.destinations.getDestination({ destinationId: UNKNOWN }),
      () => stranger.destinations.patchDestination({ destinationId: destination.destinationId }, { name: "x" }),
      () => stranger.destinations.deleteDestination({ destinationId: destination.destinationId }),
      () => stranger.destinations.listDestinations({ workspaceIds: [destination.workspaceId] }),
      () => stranger.config.destinations.checkConnection({ destinationId: destination.destinationId }),
    ]) {
      expect((await failure(attempt())).status).toBe(403);
    }
    expect((await failure(harness.admin().destinations.getDestination({ destinationId: UNKNOWN }))).status).toBe(404);
  });
});

describe("check_connection (Config API)", () => {
  test("dev-null succeeds, with the job's details", async () => {
    const destination = await create({ destinationType: "dev-null", ...SILENT });
    const before = Math.floor(Date.now() / 1000);
    const check = await harness
      .admin()
      .config.destinations.checkConnection({ destinationId: destination.destinationId });
    expect(check).toEqual({
      status: "succeeded",
      jobInfo: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        configType: "check_connection_destination",
        configId: destination.destinationId,
        createdAt: expect.any(Number),
        endedAt: expect.any(Number),
        succeeded: true,
        connectorConfigurationUpdated: false,
      },
    });
    expect(check.jobInfo.createdAt).toBeGreaterThanOrEqual(before);
  });

  test("duckdb creates the file's directory under the local directory", async () => {
    const destination = await create({ destinationType: "duckdb", destination_path: "/local/sub/dir/out.duckdb" });
    const check = await harness
      .admin()
      .config.destinations.checkConnection({ destinationId: destination.destinationId });
    expect(check.status).toBe("succeeded");
    expect(existsSync(join(localDirectory, "sub", "dir"))).toBe(true);
    const outside = await create({ destinationType: "duckdb", destination_path: "/var/out.duckdb" });
    const refused = await harness.admin().config.destinations.checkConnection({ destinationId: outside.destinationId });
    expect(refused).toMatchObject({ status: "failed", jobInfo: { succeeded: true } });
    expect(refused.message).toMatch(/is not a valid path/);
  });

  test("postgres reports an unreachable server without its password", async () => {
    const port = await closedPort();
    const destination = await create({ destinationType: "postgres", ...postgresDestination, port });
    const check = await harness
      .admin()
      .config.destinations.checkConnection({ destinationId: destination.destinationId });
    expect(check.status).toBe("failed");
    expect(check.message).toBe(
      `Could not connect to Postgres at 127.0.0.1:${port} (database warehouse, user loader): ECONNREFUSED`,
    );
    expect(JSON.stringify(check)).not.toContain("dest-secret");
  });

  test("connectors the local server cannot run fail with the reason", async () => {
    const destination = await create({
      destinationType: "bigquery",
      project_id: "p",
      dataset_id: "d",
      dataset_location: "US",
    });
    const check = await harness
      .admin()
      .config.destinations.checkConnection({ destinationId: destination.destinationId });
    const reason =
      "The local server cannot run the BigQuery destination; create it against Airbyte Cloud or a self-managed Airbyte to sync.";
    expect(check).toMatchObject({
      status: "failed",
      message: reason,
      jobInfo: {
        configType: "check_connection_destination",
        succeeded: false,
        failureReason: { failureOrigin: "destination", failureType: "config_error", externalMessage: reason },
      },
    });
  });

  test("a source's check that fails to connect: the job ran, the connection failed", async () => {
    const port = await closedPort();
    const source = await harness.admin().sources.createSource({
      name: "pg",
      workspaceId: harness.local().workspaceId,
      configuration: { sourceType: "postgres", host: "127.0.0.1", port, database: "d", username: "u" },
    });
    const sourceCheck = await harness.admin().config.sources.checkConnection({ sourceId: source.sourceId });
    expect(sourceCheck).toMatchObject({
      status: "failed",
      message: `Could not connect to Postgres at 127.0.0.1:${port} (database d, user u): ECONNREFUSED`,
      jobInfo: { configType: "check_connection_source", succeeded: true },
    });
  });

  test("faker's check succeeds; unknown ids are 404; bad bodies 400/422", async () => {
    const api = harness.admin();
    const source = await api.sources.createSource({
      name: "f",
      workspaceId: harness.local().workspaceId,
      configuration: { sourceType: "faker", count: 3 },
    });
    expect((await api.config.sources.checkConnection({ sourceId: source.sourceId })).status).toBe("succeeded");
    const unknown = await failure(api.config.sources.checkConnection({ sourceId: UNKNOWN }));
    expect(unknown.status).toBe(404);
    expect(unknown.problem?.message).toBe(`Could not find source ${UNKNOWN}.`);
    // A source id is not a destination.
    expect((await failure(api.config.destinations.checkConnection({ destinationId: source.sourceId }))).status).toBe(
      404,
    );
    const send = (body: unknown) =>
      failure(
        api.request({ operation: "x", method: "POST", api: "config", path: "/destinations/check_connection", body }),
      );
    expect((await send({})).status).toBe(400);
    expect((await send({ destinationId: 12 })).status).toBe(422);
  });
});
