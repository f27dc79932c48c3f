/**
 * The connector tools through a real MCP client over stdio, against the local server: each
 * result checked against what the SDK then reads from the server, secrets never in a result,
 * refusals (bad arguments, unknown ids, safe mode, HTTP) changing nothing, and read-only mode.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { createServer } from "@airbyte-ts/mcp";
import { beforeAll, describe, expect, it } from "vitest";
import { built, useMcpServer } from "./helpers/mcp.js";

/** PyAirbyte's annotations: RO = read-only, W = write (check_cloud_connector too), D = destructive. */
const RO = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const W = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
const D = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
const CONNECTOR_TOOLS = {
  deploy_connector_to_cloud: W,
  deploy_noop_destination_to_cloud: W,
  describe_cloud_connector: RO,
  check_cloud_connector: W,
  rename_cloud_connector: W,
  update_cloud_connector_config: D,
  permanently_delete_cloud_connector: D,
};

const MASK = "**********";
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
/** Values that must never come back in a result: they travel only in the server's environment. */
const ENV_API_KEY = "md-key-from-the-environment-4711";
const ENV_PATH = "/local/from-the-environment.duckdb";
const NOT_JSON = "plain-text-that-stays-hidden";
const SERVER_ENV = {
  MCP_TEST_DUCKDB: JSON.stringify({ motherduck_api_key: ENV_API_KEY, destination_path: ENV_PATH }),
  MCP_TEST_FAKER: JSON.stringify({ count: 9 }),
  MCP_TEST_WRONG_TYPE: JSON.stringify({ sourceType: "type-from-the-environment" }),
  MCP_TEST_NOT_JSON: NOT_JSON,
};

interface Connector {
  id: string;
  connector_type: "source" | "destination";
  name: string;
  connector_name: string;
  definition_id: string;
  url: string;
  config?: Record<string, unknown> | null;
}

describe.skipIf(!built)("airbyte-ts-mcp connector tools", () => {
  const harness = useMcpServer();
  let client: Client;
  let tools: Tool[];
  harness.neverShows(ENV_API_KEY, ENV_PATH, NOT_JSON, "type-from-the-environment");

  beforeAll(async () => {
    client = await harness.connect(SERVER_ENV);
    tools = (await client.listTools()).tools;
  });

  const ok = <T = Connector>(name: string, args: Record<string, unknown> = {}, on: Client = client) =>
    harness.ok<T>(on, name, args);
  const refused = (name: string, args: Record<string, unknown> = {}, on: Client = client) =>
    harness.refused(on, name, args);

  const deployFaker = (name: string, extra: Record<string, unknown> = {}, on: Client = client) =>
    ok(
      "deploy_connector_to_cloud",
      { name, connector_name: "source-faker", config: { count: 5, seed: 1 }, ...extra },
      on,
    );

  it("lists the connector tools with PyAirbyte's annotations and their schemas", () => {
    const listed = tools.filter((tool) => tool.name in CONNECTOR_TOOLS);
    expect(listed.map((tool) => tool.name)).toEqual(Object.keys(CONNECTOR_TOOLS));
    for (const tool of listed) {
      const { title: _title, ...annotations } = tool.annotations ?? {};
      expect(annotations, tool.name).toEqual(CONNECTOR_TOOLS[tool.name as keyof typeof CONNECTOR_TOOLS]);
      expect(tool.inputSchema.type, tool.name).toBe("object");
      expect(tool.outputSchema?.type, tool.name).toBe("object");
    }
  });

  it("deploys a source by its full name, then renames, reconfigures, checks, describes and deletes it", async () => {
    const created = await deployFaker("mcp faker");
    expect(created).toMatchObject({ connector_type: "source", name: "mcp faker", connector_name: "faker" });
    const sdk = () => harness.workspace().getSource(created.id);
    expect((await sdk().getInfo()).raw.configuration).toEqual({ count: 5, seed: 1 });

    const renamed = await ok("rename_cloud_connector", { connector_id: created.id, name: "mcp faker delete-me" });
    expect(renamed).toMatchObject({ id: created.id, name: "mcp faker delete-me" });
    expect(await sdk().getName()).toBe("mcp faker delete-me");

    // A field left out keeps its value.
    await ok("update_cloud_connector_config", { connector_id: created.id, config: { count: 7 } });
    expect((await sdk().getInfo()).raw.configuration).toEqual({ count: 7, seed: 1 });
    const invalid = await refused("update_cloud_connector_config", {
      connector_id: created.id,
      config: { count: "many" },
    });
    expect(invalid.code).toBe("unprocessable");
    expect(invalid.hint).toContain("update_cloud_connector_config");
    expect((await sdk().getInfo()).raw.configuration).toEqual({ count: 7, seed: 1 });
    expect((await refused("update_cloud_connector_config", { connector_id: created.id })).code).toBe(
      "invalid_argument",
    );

    const checked = await ok("check_cloud_connector", { connector_id: created.id });
    expect(checked).toEqual({ connector_id: created.id, connector_type: "source", succeeded: true, message: null });
    const described = await ok("describe_cloud_connector", { connector_id: created.id, with_config: true });
    expect(described).toEqual({ ...renamed, config: { count: 7, seed: 1 } });
    expect((await ok("describe_cloud_connector", { connector_id: created.id })).config).toBeNull();

    const mismatch = await refused("permanently_delete_cloud_connector", {
      connector_id: created.id,
      name: "mcp faker",
    });
    expect(mismatch.code).toBe("name_mismatch");
    expect(await sdk().getName()).toBe("mcp faker delete-me");
    const deleted = await ok("permanently_delete_cloud_connector", {
      connector_id: created.id,
      name: "mcp faker delete-me",
    });
    expect(deleted).toEqual({
      connector_id: created.id,
      connector_type: "source",
      name: "mcp faker delete-me",
      deleted: true,
    });
    const left = await harness.workspace().listSources();
    expect(left.map((source) => source.sourceId)).not.toContain(created.id);
  });

  it("deploys a destination by short name and type, its config as JSON text; a secret comes back masked", async () => {
    const secret = "md-key-given-inline-0815";
    harness.neverShows(secret);
    const created = await ok("deploy_connector_to_cloud", {
      name: "mcp duckdb",
      connector_name: "duckdb",
      connector_type: "destination",
      config: JSON.stringify({ destination_path: "/local/mcp.duckdb", motherduck_api_key: secret }),
    });
    expect(created).toMatchObject({ connector_type: "destination", connector_name: "duckdb" });
    const described = await ok("describe_cloud_connector", {
      connector_id: created.id,
      connector_type: "destination",
      with_config: true,
    });
    expect(described.config).toEqual({ destination_path: "/local/mcp.duckdb", motherduck_api_key: MASK });
    expect(await ok("check_cloud_connector", { connector_id: created.id })).toMatchObject({ succeeded: true });

    // A check that fails is a result: MotherDuck is out of the local server's reach.
    await ok("update_cloud_connector_config", { connector_id: created.id, config: { destination_path: "md:" } });
    const failed = await ok<{ succeeded: boolean; message: string | null }>("check_cloud_connector", {
      connector_id: created.id,
      connector_type: "destination",
    });
    expect(failed.succeeded).toBe(false);
    expect(failed.message).toContain("MotherDuck");
  });

  it("deploy_noop_destination_to_cloud makes a silent dev-null destination; unique refuses a second", async () => {
    const created = await ok("deploy_noop_destination_to_cloud", {});
    expect(created).toMatchObject({
      connector_type: "destination",
      name: "No-op Destination",
      connector_name: "dev-null",
    });
    const info = await harness.workspace().getDestination(created.id).getInfo();
    expect(info.raw.configuration).toEqual({ test_destination: { test_destination_type: "SILENT" } });
    const duplicate = await refused("deploy_noop_destination_to_cloud", {});
    expect(duplicate.code).toBe("duplicate_resource");
    expect(duplicate.hint).toContain("unique: false");
    const second = await ok("deploy_noop_destination_to_cloud", { unique: false });
    expect(second.id).not.toBe(created.id);
    await deployFaker("mcp twin");
    expect(
      (
        await refused("deploy_connector_to_cloud", {
          name: "mcp twin",
          connector_name: "source-faker",
          config: { count: 1 },
        })
      ).code,
    ).toBe("duplicate_resource");
  });

  it("refuses bad arguments before anything is made", async () => {
    const before = (await harness.workspace().listSources()).length;
    for (const [args, code] of [
      [{ connector_name: "faker" }, "invalid_argument"],
      [{ connector_name: "source-faker", connector_type: "destination" }, "invalid_argument"],
      [{ connector_name: "source-faker", config: "{not json" }, "invalid_argument"],
      [{ connector_name: "source-faker", config: "[1, 2]" }, "invalid_argument"],
      [{ connector_name: "source-faker", config: { sourceType: "postgres" } }, "invalid_argument"],
      [{ connector_name: "source-no-such-connector" }, "bad_request"],
      [{ connector_name: "source-faker", config: { count: "many" } }, "unprocessable"],
    ] as const) {
      const error = await refused("deploy_connector_to_cloud", { name: "mcp refused", ...args });
      expect(error.code, JSON.stringify(args)).toBe(code);
    }
    // Schema violations are refused by the MCP SDK before the tool runs.
    const missing = await harness.call(client, "deploy_connector_to_cloud", { connector_name: "source-faker" });
    expect(missing.isError).toBe(true);
    expect((await harness.workspace().listSources()).length).toBe(before);
  });

  it("an id that is neither, or not of the type given, is not_found", async () => {
    const source = await deployFaker("mcp lookup");
    for (const tool of ["describe_cloud_connector", "check_cloud_connector", "rename_cloud_connector"]) {
      const error = await refused(tool, { connector_id: UNKNOWN_ID, name: "x" });
      expect(error.code, tool).toBe("not_found");
      expect(error.message, tool).toContain("source or destination");
    }
    const wrongType = await refused("describe_cloud_connector", {
      connector_id: source.id,
      connector_type: "destination",
    });
    expect(wrongType.code).toBe("not_found");
  });

  it("config_secret_name merges the server's variable into config, and no value of it comes back", async () => {
    const created = await ok("deploy_connector_to_cloud", {
      name: "mcp duckdb from env",
      connector_name: "destination-duckdb",
      config: { schema: "main", destination_path: "/local/overridden.duckdb" },
      config_secret_name: "MCP_TEST_DUCKDB",
    });
    const stored = (await harness.workspace().getDestination(created.id).getInfo()).raw.configuration;
    // The variable's values win; the secret is stored (the API answers it masked).
    expect(stored).toEqual({ schema: "main", destination_path: ENV_PATH, motherduck_api_key: MASK });

    const faker = await deployFaker("mcp faker from env");
    await ok("update_cloud_connector_config", { connector_id: faker.id, config_secret_name: "MCP_TEST_FAKER" });
    expect((await harness.workspace().getSource(faker.id).getInfo()).raw.configuration).toEqual({ count: 9, seed: 1 });

    const missing = await refused("update_cloud_connector_config", {
      connector_id: faker.id,
      config_secret_name: "MCP_TEST_NOT_SET",
    });
    expect(missing.code).toBe("config_secret_missing");
    const notJson = await refused("deploy_connector_to_cloud", {
      name: "mcp not json",
      connector_name: "source-faker",
      config_secret_name: "MCP_TEST_NOT_JSON",
    });
    expect(notJson.code).toBe("config_secret_invalid");
    // A message that would quote a value from the variable quotes the mask instead.
    const contradiction = await refused("deploy_connector_to_cloud", {
      name: "mcp wrong type",
      connector_name: "source-faker",
      config_secret_name: "MCP_TEST_WRONG_TYPE",
    });
    expect(contradiction).toMatchObject({ code: "invalid_argument" });
    expect(contradiction.message).toContain("****");
  });

  it("over HTTP config_secret_name is refused, and config alone works", async () => {
    const server = createServer({ env: harness.env(), transport: "http" });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const remote = new Client({ name: "airbyte-ts-mcp-test", version: "0.0.0" });
    await Promise.all([server.connect(serverSide), remote.connect(clientSide)]);
    try {
      const error = await refused(
        "deploy_connector_to_cloud",
        { name: "mcp over http", connector_name: "source-faker", config_secret_name: "PATH" },
        remote,
      );
      expect(error.code).toBe("config_secret_unavailable");
      expect((await harness.workspace().listSources({ name: "mcp over http" })).length).toBe(0);
      await ok(
        "deploy_connector_to_cloud",
        { name: "mcp over http", connector_name: "source-faker", config: { count: 1 } },
        remote,
      );
    } finally {
      await remote.close();
      await server.close();
    }
  });

  it("in safe mode refuses to change or delete a connector it did not create; rename is not guarded", async () => {
    const workspace = harness.workspace();
    const theirs = await workspace.deploySource("theirs delete-me", { sourceType: "faker", count: 3 });
    const connector_id = theirs.sourceId;
    const update = await refused("update_cloud_connector_config", { connector_id, config: { count: 4 } });
    expect(update).toMatchObject({ code: "safe_mode_refused", details: { connector_id } });
    expect(update.message).toContain("connector");
    expect(update.hint).toContain("AIRBYTE_CLOUD_MCP_SAFE_MODE=0");
    const deletion = await refused("permanently_delete_cloud_connector", { connector_id, name: "theirs delete-me" });
    expect(deletion.code).toBe("safe_mode_refused");
    expect((await workspace.getSource(connector_id).getInfo({ forceRefresh: true })).raw.configuration).toEqual({
      count: 3,
    });
    await ok("rename_cloud_connector", { connector_id, name: "theirs renamed" });
    expect(await workspace.getSource(connector_id).getName()).toBe("theirs renamed");

    const unsafe = await harness.connect({ AIRBYTE_CLOUD_MCP_SAFE_MODE: "0" });
    await ok("update_cloud_connector_config", { connector_id, config: { count: 4 } }, unsafe);
    expect((await workspace.getSource(connector_id).getInfo()).raw.configuration).toEqual({ count: 4 });
    const keep = await refused("permanently_delete_cloud_connector", { connector_id, name: "theirs renamed" }, unsafe);
    expect(keep.code).toBe("unsafe_delete");
    expect(keep.hint).toContain("rename_cloud_connector");
    await ok("rename_cloud_connector", { connector_id, name: "theirs delete-me" }, unsafe);
    await ok("permanently_delete_cloud_connector", { connector_id, name: "theirs delete-me" }, unsafe);
    expect((await workspace.listSources()).map((source) => source.sourceId)).not.toContain(connector_id);
  });

  it("read-only mode shows describe_cloud_connector alone of the connector tools", async () => {
    const readOnly = await harness.connect({ AIRBYTE_CLOUD_MCP_READONLY_MODE: "1" });
    const names = (await readOnly.listTools()).tools.map((tool) => tool.name);
    expect(names.filter((name) => name in CONNECTOR_TOOLS)).toEqual(["describe_cloud_connector"]);
  });
});
