/**
 * A real MCP client over stdio, talking to the built server in a child process whose
 * environment points at a local Airbyte server started in the test process (as the CLI's tests
 * give the CLI its credentials). Every result seen is kept, and checked at the end: neither the
 * client secret nor a value a file names with `neverShows` appeared in one.
 */
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { has } from "@airbyte-ts/test-support";
import { schemaCheck } from "@airbyte-ts/test-support/json-schema";
import { afterAll, beforeAll, expect } from "vitest";
import { CloudWorkspace } from "airbyte-ts";
import { type LocalServer, startLocalServer } from "@airbyte-ts/local";

export const main = fileURLToPath(new URL("../../dist/main.js", import.meta.url));
/** The suites run the built server: without a build they are skipped, under CI they fail. */
export const built = has("build");

type Env = Record<string, string>;
type Args = Record<string, unknown>;

/** A tool's refusal: the `error` of the JSON text the server answers. */
interface ToolFailure {
  code: string;
  message: string;
  hint: string;
  details?: Record<string, unknown>;
}

export interface McpHarness {
  local(): LocalServer;
  /** The environment that points the server at the local Airbyte (credentials, API root, workspace). */
  env(): Env;
  /** A connected client of a new server process, with `extra` added to its environment. */
  connect(extra?: Env): Promise<Client>;
  /** A tool call, its result kept for the secret check. */
  call(client: Client, name: string, args?: Args): Promise<CallToolResult>;
  /** A tool call that succeeds: its value, checked by `succeeded` against the tool the client lists. */
  ok<T = Record<string, unknown>>(client: Client, name: string, args?: Args): Promise<T>;
  /** A tool call the server refuses: an error result, no structuredContent, its error with a hint. */
  refused(client: Client, name: string, args?: Args): Promise<ToolFailure>;
  /** A tool call whose arguments the schema refuses: the MCP SDK's protocol error (its text), not the server's. */
  refusedBySchema(client: Client, name: string, args?: Args): Promise<string>;
  /** Values no result of the file may contain, checked with the client secret once its tests are done. */
  neverShows(...secrets: string[]): void;
  /** The admin's workspace through the SDK, to seed data without the MCP server. */
  workspace(): CloudWorkspace;
}

export function useMcpServer(): McpHarness {
  let server: LocalServer | undefined;
  const clients: Client[] = [];
  const seen: string[] = [];
  const secrets: string[] = [];
  /** Each client's tools, as it lists them: on `connect`, or on first use for a client made elsewhere. */
  const listed = new WeakMap<Client, Tool[]>();
  const home = mkdtempSync(join(tmpdir(), "airbyte-ts-mcp-"));
  beforeAll(async () => {
    server = await startLocalServer({
      inMemory: true,
      scheduler: false,
      maxAttempts: 1,
      localDirectory: join(home, "local"),
      log: () => {},
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    const shown = seen.join("\n");
    for (const secret of [...(server ? [server.clientSecret] : []), ...secrets]) expect(shown).not.toContain(secret);
    await server?.close();
  });
  const local = () => {
    if (!server) throw new Error("the local server has not started");
    return server;
  };
  const env = (): Env => ({
    HOME: home,
    AIRBYTE_API_ROOT: local().publicApiUrl,
    AIRBYTE_CLIENT_ID: local().clientId,
    AIRBYTE_CLIENT_SECRET: local().clientSecret,
    AIRBYTE_WORKSPACE_ID: local().workspaceId,
  });
  async function toolsOf(client: Client): Promise<Tool[]> {
    let tools = listed.get(client);
    if (!tools) {
      tools = (await client.listTools()).tools;
      listed.set(client, tools);
    }
    return tools;
  }
  async function call(client: Client, name: string, args: Args = {}): Promise<CallToolResult> {
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    seen.push(JSON.stringify(result));
    return result;
  }
  return {
    local,
    env,
    async connect(extra = {}) {
      // A clean environment: only PATH of the machine's, so no AIRBYTE_* variable leaks in.
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [main],
        env: { PATH: process.env.PATH ?? "", ...env(), ...extra },
        stderr: "pipe",
      });
      const client = new Client({ name: "airbyte-ts-mcp-test", version: "0.0.0" });
      await client.connect(transport);
      clients.push(client);
      listed.set(client, (await client.listTools()).tools);
      return client;
    },
    call,
    async ok<T>(client: Client, name: string, args: Args = {}): Promise<T> {
      const result = await call(client, name, args);
      return succeeded<T>(
        result,
        (await toolsOf(client)).find((tool) => tool.name === name),
      );
    },
    async refused(client, name, args = {}) {
      const result = await call(client, name, args);
      expect(result.isError, textOf(result)).toBe(true);
      expect(result.structuredContent).toBeUndefined();
      const { error } = JSON.parse(textOf(result)) as { error: ToolFailure };
      expect(error.hint).toBeTruthy();
      return error;
    },
    async refusedBySchema(client, name, args = {}) {
      const result = await call(client, name, args);
      const text = textOf(result);
      expect(result.isError, text).toBe(true);
      expect(text.startsWith("{"), text).toBe(false);
      return text;
    },
    neverShows(...values) {
      secrets.push(...values);
    },
    workspace: () =>
      new CloudWorkspace({
        workspaceId: local().workspaceId,
        apiRoot: local().publicApiUrl,
        clientId: local().clientId,
        clientSecret: local().clientSecret,
        apiOptions: { logLevel: "off" },
      }),
  };
}

let counter = 0;

/** A Faker source, a silent dev-null destination and a connection between them, made with the SDK. */
export async function seedConnection(workspace: CloudWorkspace) {
  counter += 1;
  const suffix = `${counter}-${Math.random().toString(36).slice(2, 7)}`;
  const source = await workspace.deploySource(`faker ${suffix}`, { sourceType: "faker", count: 20, seed: 3 });
  const destination = await workspace.deployDestination(`sink ${suffix}`, {
    destinationType: "dev-null",
    test_destination: { test_destination_type: "SILENT" },
  });
  const connection = await workspace.deployConnection(`connection ${suffix}`, {
    source,
    destination,
    selectedStreams: ["users"],
  });
  return { source, destination, connection };
}

/** The text of a result (the servers put one JSON text block in each). */
function textOf(result: CallToolResult): string {
  const block = result.content[0];
  if (!block || block.type !== "text") throw new Error(`no text in ${JSON.stringify(result)}`);
  return block.text;
}

/**
 * A successful result's value, checked: not an error, `structuredContent` valid against the
 * output schema the tool lists, and the text block the same JSON.
 */
export function succeeded<T>(result: CallToolResult, tool: Tool | undefined): T {
  expect(result.isError, textOf(result)).toBeFalsy();
  const { $schema: _draft, ...schema } = (tool?.outputSchema ?? {}) as Record<string, unknown>;
  expect(schemaCheck(schema)(result.structuredContent)).toEqual([]);
  expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  return result.structuredContent as T;
}
