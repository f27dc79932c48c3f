/**
 * The seed documents' examples (examples/*.ts) run against the local server, through the same
 * environment variables a reader would set, with their output checked.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  basicSync,
  checkSource,
  configAsCode,
  configAsCodeDemo,
  customConnector,
  lowLevelApi,
  manageConnection,
  readSyncedData,
  workspaceAuth,
} from "@airbyte-ts/test-support/examples";
import { uniqueName, useCloudServer } from "./harness.js";

const localDirectory = mkdtempSync(join(tmpdir(), "airbyte-ts-examples-"));
const harness = useCloudServer({ localDirectory, maxAttempts: 1 });

type Env = Record<string, string | undefined>;

/** Runs an example and returns what it printed. */
async function run(example: (env: Env, log: (line: string) => void) => Promise<void>, env: Env): Promise<string[]> {
  const lines: string[] = [];
  await example(env, (line) => lines.push(line));
  return lines;
}

describe("the examples", () => {
  let env: Env;
  let ids: { sourceId: string; destinationId: string; connectionId: string };

  beforeAll(async () => {
    const local = harness.local();
    env = {
      AIRBYTE_API_ROOT: local.publicApiUrl,
      AIRBYTE_WORKSPACE_ID: local.workspaceId,
      AIRBYTE_CLIENT_ID: local.clientId,
      AIRBYTE_CLIENT_SECRET: local.clientSecret,
      AIRBYTE_LOCAL_DIRECTORY: localDirectory,
    };
    const workspace = harness.workspace();
    const source = await workspace.deploySource(uniqueName("Faker"), { sourceType: "faker", count: 5, seed: 11 });
    const destination = await workspace.deployDestination(uniqueName("DuckDB"), {
      destinationType: "duckdb",
      destination_path: "/local/examples.duckdb",
    });
    const connection = await workspace.deployConnection(uniqueName("Faker to DuckDB"), {
      source,
      destination,
      selectedStreams: ["users"],
    });
    ids = {
      sourceId: source.sourceId,
      destinationId: destination.destinationId,
      connectionId: connection.connectionId,
    };
  });

  it("basic-sync runs a sync and prints its status; read-synced-data reads what it wrote", async () => {
    const withConnection = { ...env, AIRBYTE_CONNECTION_ID: ids.connectionId };
    expect(await run(readSyncedData, withConnection)).toEqual(["The connection has not synced yet."]);
    expect(await run(basicSync, withConnection)).toEqual(["succeeded"]);
    const lines = await run(readSyncedData, withConnection);
    expect(lines.slice(0, 2)).toEqual(["Streams: users", 'Table name: "examples"."main"."users"']);
    const records = lines.slice(2).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(5);
    expect(records[0]).toHaveProperty("email");
  });

  it("config-as-code plans a project, applies it, and then plans nothing; the secret is never printed", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "airbyte-ts-project-")), "airbyte.yaml");
    writeFileSync(
      file,
      [
        "apiVersion: airbyte-ts/v1",
        "sources:",
        "  faker: { name: Faker (as code), connector: source-faker, configuration: { count: 5 } }",
        "destinations:",
        "  warehouse:",
        "    name: Warehouse (as code)",
        "    connector: destination-postgres",
        '    configuration: { host: localhost, port: 5432, database: db, schema: public, username: u, password: "${WAREHOUSE_PASSWORD}" }',
        "connections:",
        "  faker_to_warehouse:",
        "    source: faker",
        "    destination: warehouse",
        "    schedule: { type: manual }",
        "    streams: { users: { syncMode: full_refresh_overwrite } }",
        "",
      ].join("\n"),
    );
    const lines = await run(configAsCode, { ...env, AIRBYTE_PROJECT_FILE: file, WAREHOUSE_PASSWORD: "hunter2" });
    expect(lines).toContain('+ destination.warehouse "Warehouse (as code)"');
    expect(lines).toContain("    ~ configuration.password (secret)");
    expect(lines).toContain("Plan: 3 to add, 0 to change, 0 to replace, 0 to destroy.");
    expect(lines.filter((line) => line.startsWith("  done: "))).toEqual([
      "  done: source.faker",
      "  done: destination.warehouse",
      "  done: connection.faker_to_warehouse",
    ]);
    expect(lines.slice(-2)).toEqual(["Applied 3 changes.", "No changes."]);
    expect(lines.join("\n")).not.toContain("hunter2");
  });

  it("the config-as-code demo imports a workspace, edits the files, plans, applies and plans nothing", async () => {
    const lines: string[] = [];
    await configAsCodeDemo((line) => lines.push(line));
    expect(lines.join("\n")).toContain("connector: source-faker");
    expect(lines).toContain("    ~ configuration.count: 100 -> 500");
    expect(lines).toContain('    ~ status: "active" -> "inactive"');
    expect(lines).toContain("Plan: 1 to add, 2 to change, 0 to replace, 0 to destroy.");
    expect(lines.slice(-2)).toEqual(["Applied 3 changes.", "No changes."]);
  });

  it("check-source prints the check's outcome", async () => {
    expect(await run(checkSource, { ...env, AIRBYTE_SOURCE_ID: ids.sourceId })).toEqual(["Check successful"]);
    const failing = await harness.workspace().deploySource(uniqueName("pg source"), {
      sourceType: "postgres",
      host: "127.0.0.1",
      port: 1,
      database: "db",
      username: "user",
    });
    const [line] = await run(checkSource, { ...env, AIRBYTE_SOURCE_ID: failing.sourceId });
    expect(line).toMatch(/^Check failed: Failed: /);
  });

  it("workspace-auth connects with client credentials, and with a bearer token", async () => {
    const withSecret = await run(workspaceAuth, env);
    expect(withSecret[0]).toBe(`Authenticating with client credentials at ${env.AIRBYTE_API_ROOT}`);
    expect(withSecret[1]).toMatch(/^Successfully connected to workspace: http:\/\/127\.0\.0\.1:\d+\/workspaces\//);
    expect(withSecret[2]).toBe(`From the environment: **** for ${env.AIRBYTE_WORKSPACE_ID}`);
    const { AIRBYTE_CLIENT_ID: _id, AIRBYTE_CLIENT_SECRET: _secret, ...rest } = env;
    const withToken = await run(workspaceAuth, { ...rest, AIRBYTE_BEARER_TOKEN: await harness.bearerToken() });
    expect(withToken[0]).toMatch(/^Authenticating with a bearer token/);
    expect(withToken.join("\n")).not.toContain(await harness.bearerToken());
  });

  it("manage-connection changes a connection's settings and schedules", async () => {
    const workspace = harness.workspace();
    const source = await workspace.deploySource(uniqueName("Faker"), { sourceType: "faker", count: 5 });
    const destination = await workspace.deployDestination(uniqueName("Null"), {
      destinationType: "dev-null",
      test_destination: { test_destination_type: "SILENT" },
    });
    const connection = await workspace.deployConnection("Managed", { source, destination, selectedStreams: ["users"] });
    const lines = await run(manageConnection, { ...env, AIRBYTE_CONNECTION_ID: connection.connectionId });
    expect(lines).toEqual([
      `Managed: ${connection.connectionUrl}`,
      'Renamed to "Managed (managed)", tables prefixed "managed_"',
      "Streams: users, products",
      "daily at midnight UTC: 0 0 0 * * ? UTC",
      "every 6 hours: 0 0 0/6 * * ? UTC",
      "weekly on Sunday at midnight UTC: 0 0 0 ? * 1 UTC",
      "Enabled: false",
      "Enabled: true",
      "State: []",
    ]);
  });

  it("custom-connector publishes a declarative source, deploys it and cleans up", async () => {
    const lines = await run(customConnector, env);
    expect(lines[0]).toBe("Published Example API (delete-me), manifest version 1");
    expect(lines[1]).toMatch(/\/connector-builder\/edit\/[0-9a-f-]{36}$/);
    expect(lines[2]).toMatch(/^Deployed Example API source \(delete-me\) \(ID: [0-9a-z]{9}\)$/);
    expect(lines[3]).toBe("Cleaned up");
    expect(await harness.workspace().listCustomSourceDefinitions({ definitionType: "yaml" })).toEqual([]);
  });

  it("low-level-api creates a connection, handles a 404 and deletes the connection", async () => {
    const lines = await run(lowLevelApi, {
      ...env,
      AIRBYTE_SOURCE_ID: ids.sourceId,
      AIRBYTE_DESTINATION_ID: ids.destinationId,
    });
    expect(lines[0]).toMatch(/^Created connection [0-9a-f-]{36} \(Postgres-to-Bigquery\)$/);
    expect(lines[1]).toMatch(/^Not found \(404\): /);
    expect(lines[2]).toBe("Deleted it again");
  });
});
