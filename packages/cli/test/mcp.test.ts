/**
 * `airbyte-ts mcp`: the MCP server with the command line's settings. A real MCP client, over
 * stdio and over streamable HTTP (`--http`), starts it with nothing but a home whose profile (as
 * `airbyte-ts login` saves it) points at the local server: no AIRBYTE_* variable, and the tools
 * reach the workspace.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { afterAll, describe, expect, test } from "vitest";
import { startHttpServer, stopHttpServers } from "../../mcp/test/helpers/http-server.js";
import { bin, built, freshHome, run, useCliServer } from "./helpers/cli.js";

describe.skipIf(!built)("airbyte-ts mcp", () => {
  const harness = useCliServer();
  afterAll(stopHttpServers);

  /** A clean environment whose home has a profile for the local server, and nothing else. */
  function profileEnv(): Record<string, string> {
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
    return { PATH: process.env.PATH ?? "", LANG: "C.UTF-8", ...(env as Record<string, string>) };
  }

  /** Lists the tools and describes the profile's workspace through a client on `transport`. */
  async function expectWorkspaceTools(transport: Transport): Promise<void> {
    const client = new Client({ name: "airbyte-ts-cli-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain("describe_cloud_workspace");
      const result = await client.callTool({ name: "describe_cloud_workspace", arguments: {} });
      expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
      expect(result.structuredContent).toMatchObject({ workspace_id: harness.local().workspaceId });
      expect(JSON.stringify(result)).not.toContain(harness.local().clientSecret);
    } finally {
      await client.close();
    }
  }

  test("serves the MCP tools on stdio with the profile's credentials and workspace", async () => {
    await expectWorkspaceTools(
      new StdioClientTransport({ command: process.execPath, args: [bin, "mcp"], env: profileEnv(), stderr: "pipe" }),
    );
  });

  test("serves them over streamable HTTP with --http, on loopback, until SIGTERM", async () => {
    const server = await startHttpServer([bin, "mcp", "--http", "--port", "0"], profileEnv());
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
    await expectWorkspaceTools(new StreamableHTTPClientTransport(new URL(server.url)));
    const health = await fetch(`${server.origin}/health`);
    expect(await health.json()).toEqual({ status: "ok" });
    expect(await server.stop("SIGTERM")).toBe(0);
    expect(server.stderr()).not.toContain(harness.local().clientSecret);
  });

  test("refuses --port without --http, and a port that is no port", async () => {
    const withoutHttp = await run(["mcp", "--port", "8080"], { env: profileEnv() });
    expect(withoutHttp.code).toBe(2);
    expect(withoutHttp.stderr).toContain("--port and --host go with --http");
    const badPort = await run(["mcp", "--http", "--port", "eighty"], { env: profileEnv() });
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain("--port must be a whole number");
  });
});
