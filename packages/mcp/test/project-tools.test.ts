import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { built } from "./helpers/mcp.js";
import { addresses, PASSWORD, project, SERVER_ENV, unique, useProjectTools } from "./helpers/project.js";

describe.skipIf(!built)("airbyte-ts-mcp config-as-code tools: plan_project and apply_project", () => {
  const {
    harness,
    tools,
    call,
    refused,
    plan: planOn,
    apply: applyOn,
    sourcesNamed,
    countOf,
    newSession,
  } = useProjectTools();

  it("lists plan_project as read-only and apply_project as destructive, with their schemas", () => {
    const listed = tools().filter((tool) => tool.name === "plan_project" || tool.name === "apply_project");
    expect(listed.map((tool) => tool.name)).toEqual(["plan_project", "apply_project"]);
    const annotations = (tool: Tool) => {
      const { title: _title, ...hints } = tool.annotations ?? {};
      return hints;
    };
    const [planTool, applyTool] = listed as [Tool, Tool];
    expect(annotations(planTool)).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(annotations(applyTool)).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: true,
    });
    for (const tool of listed) {
      expect(Object.keys(tool.inputSchema.properties ?? {})).toEqual(
        expect.arrayContaining(["project_yaml", "path", "variables", "workspace_id"]),
      );
      // Where the lock lives is the agent's to know before it applies text.
      expect(tool.description).toContain("lock");
    }
    expect(Object.keys(applyTool.inputSchema.properties ?? {})).toContain("plan_id");
  });

  it("plans a source, a destination and a connection, applies them, then plans nothing; an edit is an update", async () => {
    const suffix = unique();
    const session = await newSession();
    const plan = (args: Record<string, unknown>) => planOn(args, session);
    const apply = (args: Record<string, unknown>) => applyOn(args, session);
    const first = await plan({ project_yaml: project(suffix) });
    expect(addresses(first)).toEqual([
      "create source.faker",
      "create destination.warehouse",
      "create connection.faker_to_warehouse",
    ]);
    expect(first).toMatchObject({
      workspace_id: harness.local().workspaceId,
      has_changes: true,
      summary: { create: 3, update: 0, replace: 0, delete: 0 },
      safe_mode_refuses: [],
      lock_file: null,
    });
    expect(first.plan_id).toMatch(/^[0-9a-f]{32}$/);
    const destination = first.changes[1]?.fields ?? [];
    expect(destination).toContainEqual({
      path: "configuration.password",
      change: "add",
      sensitive: true,
      after: "(sensitive)",
    });
    expect(destination).toContainEqual({ path: "configuration.port", change: "add", sensitive: false, after: 5432 });
    // Planning changed nothing.
    expect(await sourcesNamed(`mcp faker ${suffix}`)).toEqual([]);
    expect((await plan({ project_yaml: project(suffix) })).plan_id).toBe(first.plan_id);

    const applied = await apply({ project_yaml: project(suffix), plan_id: first.plan_id });
    expect(applied.changes.map((change) => `${change.result} ${change.address}`)).toEqual([
      "created source.faker",
      "created destination.warehouse",
      "created connection.faker_to_warehouse",
    ]);
    const [sourceId, destinationId, connectionId] = applied.changes.map((change) => change.id ?? "");
    const workspace = harness.workspace();
    expect(await workspace.getSource(sourceId ?? "").getName()).toBe(`mcp faker ${suffix}`);
    expect(await workspace.getDestination(destinationId ?? "").getName()).toBe(`mcp warehouse ${suffix}`);
    expect(await workspace.getConnection(connectionId ?? "").getInfo()).toMatchObject({
      name: `mcp connection ${suffix}`,
      sourceId,
      destinationId,
    });

    // The session's lock knows what it applied, the password's hash included.
    const again = await plan({ project_yaml: project(suffix) });
    expect(again).toMatchObject({ has_changes: false, changes: [], warnings: [] });
    expect(again.unchanged.sort()).toEqual(["connection.faker_to_warehouse", "destination.warehouse", "source.faker"]);

    // A new name and count: an update of the same source (the key is bound), not a new one.
    const edited = project(suffix, { sourceName: `mcp faker ${suffix} renamed`, count: 30 });
    const update = await plan({ project_yaml: edited });
    expect(addresses(update)).toEqual(["update source.faker"]);
    expect(update.changes[0]).toMatchObject({ id: sourceId, found_by_name: false });
    expect(update.changes[0]?.fields).toEqual([
      {
        path: "name",
        change: "change",
        sensitive: false,
        before: `mcp faker ${suffix}`,
        after: `mcp faker ${suffix} renamed`,
      },
      { path: "configuration.count", change: "change", sensitive: false, before: 20, after: 30 },
    ]);
    expect(update.safe_mode_refuses).toEqual([]);
    const updated = await apply({ project_yaml: edited, plan_id: update.plan_id });
    expect(updated.changes).toEqual([
      {
        action: "update",
        resource_kind: "source",
        address: "source.faker",
        name: `mcp faker ${suffix} renamed`,
        id: sourceId,
        result: "updated",
      },
    ]);
    expect(await countOf(sourceId ?? "")).toBe(30);

    // Dropped from the project: a warning, and with prune a delete of what this session made.
    const dropped = project(suffix, { sourceName: `mcp faker ${suffix} renamed`, count: 30, noConnection: true });
    const kept = await plan({ project_yaml: dropped });
    expect(kept.has_changes).toBe(false);
    expect(kept.warnings).toEqual([expect.objectContaining({ address: "connection.faker_to_warehouse" })]);
    const pruned = await plan({ project_yaml: dropped, prune: "managed" });
    expect(addresses(pruned)).toEqual(["delete connection.faker_to_warehouse"]);
    const deleted = await apply({ project_yaml: dropped, prune: "managed", plan_id: pruned.plan_id });
    expect(deleted.changes).toMatchObject([{ result: "deleted", id: connectionId }]);
    const listed = await workspace.listConnections();
    expect(listed.map((connection) => connection.connectionId)).not.toContain(connectionId);
  });

  it("answers a project it cannot read with the SDK's code and the place of the problem", async () => {
    const badYaml = await refused("plan_project", { project_yaml: "apiVersion: airbyte-ts/v1\nsources: [unclosed\n" });
    expect(badYaml.code).toBe("config_invalid");
    expect(badYaml.details).toMatchObject({ file: "project_yaml", line: expect.any(Number) });
    expect(badYaml.hint).toContain("plan_project");

    const unknownField = await refused("plan_project", {
      project_yaml: project(unique()).replace("connector: source-faker", "conector: source-faker"),
    });
    expect(unknownField.code).toBe("config_invalid");
    expect(unknownField.details).toMatchObject({ path: "sources.faker.conector", line: 5 });
    expect(unknownField.message).toContain('Did you mean "connector"?');

    const offSpec = await refused("plan_project", {
      project_yaml: project(unique()).replace("count: 20", "count: many"),
    });
    expect(offSpec.code).toBe("config_invalid");
    expect(offSpec.details).toMatchObject({ path: "sources.faker.configuration.count" });

    const noVersion = await refused("apply_project", { project_yaml: "sources: {}\n", plan_id: "x" });
    expect(noVersion).toMatchObject({ code: "config_invalid", details: { path: "apiVersion" } });

    const unset = await refused("plan_project", {
      project_yaml: project(unique()).replace("MCP_PROJECT_PG_PASSWORD", "MCP_PROJECT_UNSET"),
    });
    expect(unset.code).toBe("env_var_missing");
    expect(unset.hint).toContain("variables");
    expect(unset.details).toMatchObject({ path: "destinations.warehouse.configuration.password" });

    // The server's own credentials are never a project's, even though its environment holds them.
    const credentials = await refused("plan_project", {
      project_yaml: project(unique()).replace("MCP_PROJECT_PG_PASSWORD", "AIRBYTE_CLIENT_SECRET"),
    });
    expect(credentials.code).toBe("env_var_missing");
    expect(credentials.hint).toContain("AIRBYTE_*");

    const both = await refused("plan_project", { project_yaml: project(unique()), path: "airbyte.yaml" });
    expect(both.code).toBe("invalid_argument");
    const neither = await refused("plan_project", {});
    expect(neither.code).toBe("invalid_argument");
    const missing = await refused("plan_project", { path: "no/such/project.yaml" });
    expect(missing.code).toBe("config_invalid");
    expect(missing.message).toContain("cannot be read");
  });

  it("takes variables for the project's other ${NAME}s, and never shows what the server's environment gave", async () => {
    const suffix = unique();
    const text = project(suffix)
      .replace("count: 20", 'count: "${FAKER_COUNT}"')
      .replace(`name: mcp faker ${suffix}`, `name: mcp faker \${MCP_PROJECT_PG_PASSWORD}`);
    const planned = await planOn({ project_yaml: text, variables: { FAKER_COUNT: 20 } });
    expect(planned.changes[0]?.name).toBe("mcp faker ****");
    // A value from a variable is shown no more than a secret.
    expect(planned.changes[0]?.fields).toContainEqual({
      path: "configuration.count",
      change: "add",
      sensitive: true,
      after: "(sensitive)",
    });
    // A value the server's environment gave, quoted back in a refusal, is masked there too.
    const error = await refused("plan_project", {
      project_yaml: `${project(suffix)}    status: \${MCP_PROJECT_PG_PASSWORD}\n`,
    });
    expect(error.code).toBe("config_invalid");
    expect(error.message).toContain("****");
  });

  it("read-only mode shows plan_project and hides apply_project", async () => {
    const readOnly = await newSession({ AIRBYTE_CLOUD_MCP_READONLY_MODE: "1" });
    const names = (await readOnly.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain("plan_project");
    expect(names).not.toContain("apply_project");
    expect((await planOn({ project_yaml: project(unique()) }, readOnly)).summary.create).toBe(3);
    expect((await call("apply_project", { project_yaml: project(unique()), plan_id: "x" }, readOnly)).isError).toBe(
      true,
    );
  });

  it("over HTTP reads no file of the server and not its environment", async () => {
    const { createServer } = await import("../src/server.js");
    const { InMemoryTransport } = await import("@modelcontextprotocol/sdk/inMemory.js");
    const { Client: McpClient } = await import("@modelcontextprotocol/sdk/client/index.js");
    const server = createServer({ env: { ...harness.env(), ...SERVER_ENV }, transport: "http" });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const remote = new McpClient({ name: "project-tools-http", version: "0.0.0" });
    await remote.connect(clientSide);
    // In this process's environment now, yet over HTTP never read.
    process.env.MCP_PROJECT_PG_PASSWORD = PASSWORD;
    try {
      expect((await refused("plan_project", { path: "airbyte.yaml" }, remote)).code).toBe("path_not_allowed");
      const manifest = `apiVersion: airbyte-ts/v1
definitions:
  sources:
    mine: { manifestFile: /etc/hostname }
`;
      expect((await refused("plan_project", { project_yaml: manifest }, remote)).code).toBe("path_not_allowed");
      const secret = await refused("plan_project", { project_yaml: project(unique()) }, remote);
      expect(secret.code).toBe("env_var_missing");
      expect(secret.hint).toContain("over HTTP");
      const given = await planOn(
        { project_yaml: project(unique()), variables: { MCP_PROJECT_PG_PASSWORD: "given-by-the-agent" } },
        remote,
      );
      expect(given.summary.create).toBe(3);
    } finally {
      delete process.env.MCP_PROJECT_PG_PASSWORD;
      await remote.close();
    }
  });
});
