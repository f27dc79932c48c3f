import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { eventually } from "@airbyte-ts/test-support";
import { beforeAll, describe, expect, it } from "vitest";
import { built, seedConnection, useMcpServer } from "./helpers/mcp.js";

/** PyAirbyte's annotations: W = write, D = destructive; openWorldHint on all. */
const W = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
const D = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
const CONNECTION_TOOLS = {
  create_connection_on_cloud: W,
  rename_cloud_connection: W,
  set_cloud_connection_table_prefix: D,
  set_cloud_connection_selected_streams: D,
  update_cloud_connection: D,
  cancel_cloud_sync: D,
  permanently_delete_cloud_connection: D,
};

/** A destination that takes 10 s a record: its syncs run until cancelled. */
const STUCK = {
  destinationType: "dev-null",
  test_destination: { test_destination_type: "THROTTLED", millis_per_record: 10_000 },
};

interface Connection {
  id: string;
  name: string;
  status: string;
  selected_streams: string[];
  table_prefix: string | null;
  schedule_type: string | null;
  cron_expression: string | null;
}
interface Job {
  job_id: number;
  status: string;
}
describe.skipIf(!built)("airbyte-ts-mcp connection tools", () => {
  const harness = useMcpServer();
  let client: Client;
  let tools: Tool[];
  let seeded: Awaited<ReturnType<typeof seedConnection>>;

  beforeAll(async () => {
    seeded = await seedConnection(harness.workspace());
    client = await harness.connect();
    tools = (await client.listTools()).tools;
  });

  const ok = <T = Record<string, unknown>>(name: string, args: Record<string, unknown>, on: Client = client) =>
    harness.ok<T>(on, name, args);
  const refused = (name: string, args: Record<string, unknown>, on: Client = client) => harness.refused(on, name, args);

  /** A deleted connection is gone from the listing (the API still answers it, as deprecated). */
  async function expectDeleted(id: string): Promise<void> {
    expect((await harness.workspace().getConnection(id).getInfo()).status).toBe("deprecated");
    const listed = await harness.workspace().listConnections();
    expect(listed.map((connection) => connection.connectionId)).not.toContain(id);
  }

  const create = (name: string, extra: Record<string, unknown> = {}, on: Client = client) =>
    ok<Connection>(
      "create_connection_on_cloud",
      {
        connection_name: name,
        source_id: seeded.source.sourceId,
        destination_id: seeded.destination.destinationId,
        selected_streams: ["users"],
        ...extra,
      },
      on,
    );

  it("lists the connection tools with PyAirbyte's annotations and their schemas", () => {
    const listed = tools.filter((tool) => tool.name in CONNECTION_TOOLS);
    expect(listed.map((tool) => tool.name)).toEqual(Object.keys(CONNECTION_TOOLS));
    for (const tool of listed) {
      const { title: _title, ...annotations } = tool.annotations ?? {};
      expect(annotations, tool.name).toEqual(CONNECTION_TOOLS[tool.name as keyof typeof CONNECTION_TOOLS]);
      expect(tool.inputSchema.type, tool.name).toBe("object");
      expect(tool.outputSchema?.type, tool.name).toBe("object");
    }
  });

  it("creates, renames, re-prefixes, re-selects, schedules and deletes a connection of its own", async () => {
    const created = await create("mcp connection", { table_prefix: "first_", selected_streams: "users, products" });
    expect(created).toMatchObject({
      name: "mcp connection",
      selected_streams: ["users", "products"],
      table_prefix: "first_",
    });
    const id = created.id;
    const sdk = () => harness.workspace().getConnection(id);

    const renamed = await ok<Connection>("rename_cloud_connection", { connection_id: id, name: "mcp delete-me" });
    expect(renamed.name).toBe("mcp delete-me");
    const prefixed = await ok<Connection>("set_cloud_connection_table_prefix", {
      connection_id: id,
      prefix: "second_",
    });
    expect(prefixed.table_prefix).toBe("second_");
    const streams = await ok<Connection>("set_cloud_connection_selected_streams", {
      connection_id: id,
      stream_names: ["purchases"],
    });
    expect(streams.selected_streams).toEqual(["purchases"]);
    expect(await sdk().getStreamNames()).toEqual(["purchases"]);
    expect(await sdk().getTablePrefix()).toBe("second_");

    const scheduled = await ok<Connection>("update_cloud_connection", {
      connection_id: id,
      cron_expression: "0 0 12 * * ?",
      enabled: false,
    });
    expect(scheduled).toMatchObject({ status: "inactive", schedule_type: "cron" });
    expect(scheduled.cron_expression).toMatch(/^0 0 12 \* \* \?/);
    const manual = await ok<Connection>("update_cloud_connection", {
      connection_id: id,
      manual_schedule: true,
      enabled: true,
    });
    expect(manual).toMatchObject({ status: "active", schedule_type: "manual" });
    expect(await sdk().isEnabled()).toBe(true);
    expect((await refused("update_cloud_connection", { connection_id: id })).code).toBe("invalid_argument");
    expect(
      (
        await refused("update_cloud_connection", {
          connection_id: id,
          cron_expression: "* * * * *",
          manual_schedule: true,
        })
      ).code,
    ).toBe("invalid_argument");

    const mismatch = await refused("permanently_delete_cloud_connection", { connection_id: id, name: "mcp" });
    expect(mismatch.code).toBe("name_mismatch");
    expect(await sdk().getName()).toBe("mcp delete-me");

    const deleted = await ok("permanently_delete_cloud_connection", { connection_id: id, name: "mcp delete-me" });
    expect(deleted).toEqual({ connection_id: id, name: "mcp delete-me", deleted: true });
    await expectDeleted(id);
  });

  it("deletes only a name with delete-me, even a connection of its own", async () => {
    const { id } = await create("mcp keep");
    const error = await refused("permanently_delete_cloud_connection", { connection_id: id, name: "mcp keep" });
    expect(error.code).toBe("unsafe_delete");
    expect(error.hint).toContain("rename_cloud_connection");
    expect(await harness.workspace().getConnection(id).getName()).toBe("mcp keep");
  });

  it("in safe mode refuses destructive tools on a connection it did not create, and changes nothing", async () => {
    const connection_id = seeded.connection.connectionId;
    const name = await seeded.connection.getName();
    await harness.workspace().getConnection(connection_id).rename(`${name} delete-me`);
    const deletion = await refused("permanently_delete_cloud_connection", { connection_id, name: `${name} delete-me` });
    expect(deletion.code).toBe("safe_mode_refused");
    expect(deletion.hint).toContain("AIRBYTE_CLOUD_MCP_SAFE_MODE=0");
    for (const [tool, args] of [
      ["set_cloud_connection_table_prefix", { prefix: "changed_" }],
      ["set_cloud_connection_selected_streams", { stream_names: ["products"] }],
      ["update_cloud_connection", { enabled: false }],
    ] as const) {
      expect((await refused(tool, { connection_id, ...args })).code, tool).toBe("safe_mode_refused");
    }
    const still = await harness.workspace().getConnection(connection_id).getInfo();
    expect(still).toMatchObject({ name: `${name} delete-me`, status: "active" });
    expect(still.prefix ?? "").toBe("");
    expect(still.streams.map((stream) => stream.name)).toEqual(["users"]);
    // Any value but 0 keeps safe mode on.
    const stillSafe = await harness.connect({ AIRBYTE_CLOUD_MCP_SAFE_MODE: "false" });
    expect(
      (await refused("permanently_delete_cloud_connection", { connection_id, name: `${name} delete-me` }, stillSafe))
        .code,
    ).toBe("safe_mode_refused");
    await harness.workspace().getConnection(connection_id).rename(name);
  });

  it("with AIRBYTE_CLOUD_MCP_SAFE_MODE=0 acts on any connection, but a delete still needs the name and delete-me", async () => {
    const unsafe = await harness.connect({ AIRBYTE_CLOUD_MCP_SAFE_MODE: "0" });
    const other = await harness.workspace().deployConnection("not from this session", {
      source: seeded.source,
      destination: seeded.destination,
      selectedStreams: ["users"],
    });
    const connection_id = other.connectionId;
    expect((await refused("permanently_delete_cloud_connection", { connection_id, name: "wrong" }, unsafe)).code).toBe(
      "name_mismatch",
    );
    const error = await refused(
      "permanently_delete_cloud_connection",
      { connection_id, name: "not from this session" },
      unsafe,
    );
    expect(error.code).toBe("unsafe_delete");
    expect(await harness.workspace().getConnection(connection_id).getName()).toBe("not from this session");
    await ok("set_cloud_connection_table_prefix", { connection_id, prefix: "unsafe_" }, unsafe);
    await ok("rename_cloud_connection", { connection_id, name: "old one delete-me" }, unsafe);
    await ok("permanently_delete_cloud_connection", { connection_id, name: "old one delete-me" }, unsafe);
    await expectDeleted(connection_id);
  });

  /** A source and a destination deployed through the tools (so this session's) and a connection between them. */
  async function sessionPipeline(label: string, destinationName = `${label} sink delete-me`) {
    const source = await ok<{ id: string }>("deploy_connector_to_cloud", {
      name: `${label} source delete-me`,
      connector_name: "source-faker",
      config: { count: 5 },
    });
    const destination = await ok<{ id: string }>("deploy_noop_destination_to_cloud", { name: destinationName });
    const connection = await ok<Connection>("create_connection_on_cloud", {
      connection_name: `${label} delete-me`,
      source_id: source.id,
      destination_id: destination.id,
      selected_streams: ["users"],
    });
    return { source: source.id, destination: destination.id, connection: connection.id, name: connection.name };
  }

  /** Whether the workspace still lists the source and the destination. */
  async function listed(sourceId: string, destinationId: string): Promise<[boolean, boolean]> {
    const workspace = harness.workspace();
    const sources = (await workspace.listSources()).map((source) => source.sourceId);
    const destinations = (await workspace.listDestinations()).map((destination) => destination.destinationId);
    return [sources.includes(sourceId), destinations.includes(destinationId)];
  }

  it("cascade_delete_source and cascade_delete_destination delete the connection's connectors too", async () => {
    const made = await sessionPipeline("cascade");
    const deleted = await ok("permanently_delete_cloud_connection", {
      connection_id: made.connection,
      name: made.name,
      cascade_delete_source: true,
      cascade_delete_destination: true,
    });
    expect(deleted).toEqual({
      connection_id: made.connection,
      name: made.name,
      deleted: true,
      deleted_source_id: made.source,
      deleted_destination_id: made.destination,
    });
    await expectDeleted(made.connection);
    expect(await listed(made.source, made.destination)).toEqual([false, false]);

    const sourceOnly = await sessionPipeline("cascade source");
    const result = await ok("permanently_delete_cloud_connection", {
      connection_id: sourceOnly.connection,
      name: sourceOnly.name,
      cascade_delete_source: true,
    });
    expect(result).toEqual({
      connection_id: sourceOnly.connection,
      name: sourceOnly.name,
      deleted: true,
      deleted_source_id: sourceOnly.source,
    });
    expect(await listed(sourceOnly.source, sourceOnly.destination)).toEqual([false, true]);
  });

  it("a cascade deletes nothing when a connector is not this session's, or its name lacks delete-me", async () => {
    const workspace = harness.workspace();
    const theirSource = await workspace.deploySource("their source delete-me", { sourceType: "faker", count: 3 });
    const mixed = await create("mixed delete-me", { source_id: theirSource.sourceId });
    for (const [cascade, refusedId] of [
      [{ cascade_delete_source: true }, { source_id: theirSource.sourceId }],
      [{ cascade_delete_destination: true }, { destination_id: seeded.destination.destinationId }],
    ] as const) {
      const error = await refused("permanently_delete_cloud_connection", {
        connection_id: mixed.id,
        name: "mixed delete-me",
        ...cascade,
      });
      expect(error, JSON.stringify(cascade)).toMatchObject({ code: "safe_mode_refused", details: refusedId });
    }
    expect((await workspace.getConnection(mixed.id).getInfo()).status).toBe("active");
    expect(await listed(theirSource.sourceId, seeded.destination.destinationId)).toEqual([true, true]);

    const named = await sessionPipeline("named", "kept sink");
    const unsafe = await refused("permanently_delete_cloud_connection", {
      connection_id: named.connection,
      name: named.name,
      cascade_delete_source: true,
      cascade_delete_destination: true,
    });
    expect(unsafe).toMatchObject({ code: "unsafe_delete", details: { destination_id: named.destination } });
    expect(unsafe.hint).toContain("rename_cloud_connector");
    expect((await workspace.getConnection(named.connection).getInfo()).status).toBe("active");
    expect(await listed(named.source, named.destination)).toEqual([true, true]);
  });

  it("with AIRBYTE_CLOUD_MCP_SAFE_MODE=0 a cascade deletes connectors of any origin named for deletion", async () => {
    const unsafe = await harness.connect({ AIRBYTE_CLOUD_MCP_SAFE_MODE: "0" });
    const workspace = harness.workspace();
    const source = await workspace.deploySource("old source delete-me", { sourceType: "faker", count: 3 });
    const destination = await workspace.deployDestination("old sink delete-me", {
      destinationType: "dev-null",
      test_destination: { test_destination_type: "SILENT" },
    });
    const old = await workspace.deployConnection("old pipeline delete-me", {
      source,
      destination,
      selectedStreams: ["users"],
    });
    await ok(
      "permanently_delete_cloud_connection",
      {
        connection_id: old.connectionId,
        name: "old pipeline delete-me",
        cascade_delete_source: true,
        cascade_delete_destination: true,
      },
      unsafe,
    );
    await expectDeleted(old.connectionId);
    expect(await listed(source.sourceId, destination.destinationId)).toEqual([false, false]);
  });

  it("cancel_cloud_sync cancels a running sync and refuses a job that has ended", async () => {
    const workspace = harness.workspace();
    const destination = await workspace.deployDestination("stuck sink", STUCK);
    const stuck = await workspace.deployConnection("stuck connection", {
      source: seeded.source,
      destination,
      selectedStreams: ["users"],
    });
    const connection_id = stuck.connectionId;
    const started = await ok<{ job: Job }>("run_cloud_sync", { connection_id, wait: false });
    await eventually(async () => {
      const status = await ok<{ job: Job }>("get_cloud_sync_status", { connection_id });
      expect(status.job.status).toBe("running");
    });
    const cancelled = await ok<{ connection_id: string; job: Job }>("cancel_cloud_sync", { connection_id });
    expect(cancelled).toMatchObject({ connection_id, job: { job_id: started.job.job_id, status: "cancelled" } });
    const again = await refused("cancel_cloud_sync", { connection_id, job_id: started.job.job_id });
    expect(again.code).toBe("conflict");
    expect(again.message).toBeTruthy();
  });

  it("read-only mode hides every connection tool", async () => {
    const readOnly = await harness.connect({ AIRBYTE_CLOUD_MCP_READONLY_MODE: "1" });
    const names = (await readOnly.listTools()).tools.map((tool) => tool.name);
    for (const name of Object.keys(CONNECTION_TOOLS)) expect(names, name).not.toContain(name);
  });
});
