import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { built, main, seedConnection, useMcpServer } from "./helpers/mcp.js";

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const READ_ONLY_TOOLS = [
  "describe_cloud_workspace",
  "list_cloud_connections",
  "list_cloud_connectors",
  "describe_cloud_connection",
  "get_cloud_sync_status",
  "list_cloud_sync_jobs",
];

describe.skipIf(!built)("airbyte-ts-mcp over stdio", () => {
  const harness = useMcpServer();
  let client: Client;
  let tools: Tool[];
  let seeded: Awaited<ReturnType<typeof seedConnection>>;

  beforeAll(async () => {
    seeded = await seedConnection(harness.workspace());
    client = await harness.connect();
    tools = (await client.listTools()).tools;
  });

  const ok = <T = Record<string, unknown>>(name: string, args: Record<string, unknown> = {}) =>
    harness.ok<T>(client, name, args);

  interface Job {
    job_id: number;
    status: string;
    job_type: string;
  }
  interface Connectors {
    connectors: { id: string; connector_type: string }[];
    count: number;
  }

  it("lists every tool with its schemas and all four annotations set", async () => {
    // The other tools follow; each one's test file checks its annotations.
    expect(tools.map((tool) => tool.name).slice(0, READ_ONLY_TOOLS.length + 1)).toEqual([
      ...READ_ONLY_TOOLS,
      "run_cloud_sync",
    ]);
    for (const tool of tools) {
      expect(tool.inputSchema.type, tool.name).toBe("object");
      expect(tool.outputSchema?.type, tool.name).toBe("object");
      expect(tool.description, tool.name).toBeTruthy();
      for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
        expect(typeof tool.annotations?.[hint], `${tool.name} ${hint}`).toBe("boolean");
      }
      if (READ_ONLY_TOOLS.includes(tool.name)) expect(tool.annotations, tool.name).toMatchObject(READ_ONLY);
      // A read-only tool is never destructive, whatever its file.
      if (tool.annotations?.readOnlyHint) expect(tool.annotations.destructiveHint, tool.name).toBe(false);
    }
    expect(client.getInstructions()).toContain("describe_cloud_workspace");
  });

  it("describe_cloud_workspace answers the environment's workspace", async () => {
    const workspace = await ok("describe_cloud_workspace");
    expect(workspace.workspace_id).toBe(harness.local().workspaceId);
    expect(workspace.api_root).toBe(harness.local().publicApiUrl);
  });

  it("list_cloud_connections finds the seeded connection by name", async () => {
    const name = await seeded.connection.getName();
    const listed = await ok<{ connections: unknown[]; count: number }>("list_cloud_connections", {
      name_contains: name.toUpperCase(),
    });
    expect(listed.count).toBe(1);
    expect(listed.connections[0]).toMatchObject({
      id: seeded.connection.connectionId,
      name,
      source_id: seeded.source.sourceId,
      destination_id: seeded.destination.destinationId,
    });
    expect((await ok("list_cloud_connections", { name_contains: "no such name" })).count).toBe(0);
  });

  it("list_cloud_connectors lists sources and destinations, by type, name and limit", async () => {
    const all = await ok<Connectors>("list_cloud_connectors");
    const ids = all.connectors.map((connector) => connector.id);
    expect(ids).toEqual(expect.arrayContaining([seeded.source.sourceId, seeded.destination.destinationId]));
    const sources = await ok<Connectors>("list_cloud_connectors", { connector_type: "source" });
    expect(sources.connectors.every((c) => c.connector_type === "source")).toBe(true);
    const named = await ok<Connectors>("list_cloud_connectors", {
      connector_type: "destination",
      name_contains: await seeded.destination.getName(),
    });
    expect(named.connectors).toEqual([
      expect.objectContaining({ id: seeded.destination.destinationId, connector_type: "destination" }),
    ]);
    expect((await ok("list_cloud_connectors", { limit: 1 })).count).toBe(1);
  });

  it("describe_cloud_connection names the source, destination and streams", async () => {
    const described = await ok("describe_cloud_connection", { connection_id: seeded.connection.connectionId });
    expect(described).toMatchObject({
      id: seeded.connection.connectionId,
      source_name: await seeded.source.getName(),
      destination_name: await seeded.destination.getName(),
      selected_streams: ["users"],
    });
  });

  it("run_cloud_sync waits for the job, and the job tools then report it", async () => {
    const connection_id = seeded.connection.connectionId;
    expect((await ok<{ job: Job | null }>("get_cloud_sync_status", { connection_id })).job).toBeNull();
    const run = await ok<{ job: Job }>("run_cloud_sync", { connection_id, wait: true, wait_timeout: 60 });
    expect(run).toMatchObject({ connection_id, waited: true, job: { status: "succeeded", job_type: "sync" } });
    const status = await ok<{ job: Job; attempts: unknown[] }>("get_cloud_sync_status", {
      connection_id,
      include_attempts: true,
    });
    expect(status.job.job_id).toBe(run.job.job_id);
    expect(status.attempts.length).toBeGreaterThan(0);
    const byId = await ok<{ job: Job }>("get_cloud_sync_status", { connection_id, job_id: run.job.job_id });
    expect(byId.job.status).toBe("succeeded");
    const jobs = await ok<{ jobs: Job[] }>("list_cloud_sync_jobs", { connection_id });
    expect(jobs.jobs.map((job) => job.job_id)).toEqual([run.job.job_id]);
  });

  it("answers a bad id with the SDK's code and a hint, and keeps serving", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const name of ["describe_cloud_connection", "get_cloud_sync_status", "list_cloud_sync_jobs"]) {
      const error = await harness.refused(client, name, { connection_id: missing });
      expect(error.code, name).toBe("not_found");
      expect(error.hint, name).toBeTruthy();
    }
    expect((await harness.refused(client, "describe_cloud_workspace", { workspace_id: missing })).code).toBe(
      "not_found",
    );
    await ok("describe_cloud_workspace");
  });

  it("refuses arguments its schema does not allow", async () => {
    const result = await harness.call(client, "list_cloud_connections", { limit: 0 });
    expect(result.isError).toBe(true);
  });

  it("hides every tool not marked read-only in read-only mode", async () => {
    const marked = tools.filter((tool) => tool.annotations?.readOnlyHint).map((tool) => tool.name);
    expect(marked).toEqual(expect.arrayContaining(READ_ONLY_TOOLS));
    for (const variable of ["AIRBYTE_CLOUD_MCP_READONLY_MODE", "MCP_READONLY_MODE"]) {
      const readOnly = await harness.connect({ [variable]: "1" });
      const names = (await readOnly.listTools()).tools.map((tool) => tool.name);
      expect(names, variable).toEqual(marked);
      const refused = await harness.call(readOnly, "run_cloud_sync", { connection_id: seeded.connection.connectionId });
      expect(refused.isError, variable).toBe(true);
    }
  });

  it("shows only the tools MCP_INCLUDE_TOOLS names, and none MCP_EXCLUDE_TOOLS or MCP_NO_DESTRUCTIVE_TOOLS hides", async () => {
    const names = async (env: Record<string, string>) =>
      (await (await harness.connect(env)).listTools()).tools.map((tool) => tool.name);
    expect(await names({ MCP_INCLUDE_TOOLS: "list_cloud_connections, describe_cloud_workspace" })).toEqual([
      "describe_cloud_workspace",
      "list_cloud_connections",
    ]);
    const all = tools.map((tool) => tool.name);
    expect(await names({ MCP_EXCLUDE_TOOLS: "run_cloud_sync" })).toEqual(
      all.filter((name) => name !== "run_cloud_sync"),
    );
    const kept = await names({ MCP_NO_DESTRUCTIVE_TOOLS: "1" });
    expect(kept).toEqual(tools.filter((tool) => !tool.annotations?.destructiveHint).map((tool) => tool.name));
    expect(kept).toContain("run_cloud_sync");
    expect(kept).not.toContain("permanently_delete_cloud_connection");
  });

  it("refuses to start when a tool list names no tool", () => {
    const started = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? "", ...harness.env(), MCP_EXCLUDE_TOOLS: "run_cloud_sync,run_cloud_snyc" },
      input: "",
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(started.status).toBe(2);
    expect(started.stdout).toBe("");
    expect(started.stderr).toContain("MCP_EXCLUDE_TOOLS names no tool called 'run_cloud_snyc'");
  });

  it("reports missing credentials as an error result, not a crash", async () => {
    const bare = await harness.connect({ AIRBYTE_CLIENT_ID: "", AIRBYTE_CLIENT_SECRET: "" });
    const error = await harness.refused(bare, "describe_cloud_workspace");
    expect(error.code).toBe("credentials_missing");
    expect(error.hint).toContain("AIRBYTE_CLIENT_SECRET");
  });
});
