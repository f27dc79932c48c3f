/**
 * `airbyte-ts mcp`: the MCP server with the command line's settings. A real MCP client over
 * stdio starts it with nothing but a home whose profile (as `airbyte-ts login` saves it)
 * points at the local server: no AIRBYTE_* variable, and the tools reach the workspace.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { describe, expect, test } from "vitest";
import { bin, built, freshHome, useCliServer } from "./helpers/cli.js";

describe.skipIf(!built)("airbyte-ts mcp", () => {
  const harness = useCliServer();

  test("serves the MCP tools with the profile's credentials and workspace", async () => {
    const { env, configDir } = freshHome();
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    const local = harness.local();
    const profile = {
      apiUrl: local.publicApiUrl,
      clientId: local.clientId,
      clientSecret: local.clientSecret,
      workspaceId: local.workspaceId,
    };
    const config = { version: 1, activeProfile: "default", profiles: { default: profile } };
    writeFileSync(join(configDir, "config.json"), JSON.stringify(config), { mode: 0o600 });

    const client = new Client({ name: "airbyte-ts-cli-test", version: "1.0.0" });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, "mcp"],
      env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8", ...(env as Record<string, string>) },
      stderr: "pipe",
    });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain("describe_cloud_workspace");
      const result = await client.callTool({ name: "describe_cloud_workspace", arguments: {} });
      expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
      expect(result.structuredContent).toMatchObject({ workspace_id: local.workspaceId });
      expect(JSON.stringify(result)).not.toContain(local.clientSecret);
    } finally {
      await client.close();
    }
  });
});
