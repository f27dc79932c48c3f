/**
 * `airbyte-ts-mcp --http`: the built server in a child process, real MCP clients over the SDK's
 * `StreamableHTTPClientTransport`, the local Airbyte server behind it. What the HTTP layer adds
 * is checked here (sessions, the headers it honours and the ones it ignores, its refusals, its
 * stop); the tools themselves are the stdio suites'.
 */
import { request } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { eventually } from "@airbyte-ts/test-support";
import { AirbyteApi, selfManaged } from "airbyte-ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpServerProcess, startHttpServer, stopHttpServers } from "./helpers/http-server.js";
import { built, main, seedConnection, succeeded, useMcpServer } from "./helpers/mcp.js";

type Env = Record<string, string>;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One HTTP request by hand, for what the SDK's client never sends (another Host, a body over
 * the limit...). `declaredLength` sends only the headers, announcing that many bytes.
 */
function raw(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; declaredLength?: number } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...init.headers };
    if (init.declaredLength !== undefined) headers["content-length"] = String(init.declaredLength);
    const req = request(url, { method: init.method ?? "GET", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
        req.destroy();
      });
    });
    req.on("error", reject);
    if (init.declaredLength !== undefined) req.flushHeaders();
    else req.end(init.body);
  });
}

const MCP_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };
const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
});
const LIST_TOOLS = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" });

/** A JSON-RPC error answer of the server's own: its status and message. */
function rpcError(answer: RawAnswer): { status: number; message: string } {
  expect(answer.headers["content-type"]).toContain("application/json");
  const { error } = JSON.parse(answer.text) as { error: { message: string } };
  return { status: answer.status, message: error.message };
}

describe.skipIf(!built)("airbyte-ts-mcp --http", () => {
  const harness = useMcpServer();
  let server: HttpServerProcess;
  let seeded: Awaited<ReturnType<typeof seedConnection>>;
  const transports: StreamableHTTPClientTransport[] = [];

  const start = (env: Env, args: string[] = []) =>
    startHttpServer([main, "--http", "--port", "0", ...args], { PATH: process.env.PATH ?? "", ...env });

  /** A client of its own MCP session, sending `headers` with every request. */
  async function connect(url: string, headers: Record<string, string> = {}) {
    const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
    const client = new Client({ name: "airbyte-ts-mcp-http-test", version: "0.0.0" });
    await client.connect(transport);
    transports.push(transport);
    const tools = (await client.listTools()).tools;
    return { client, transport, tools };
  }

  beforeAll(async () => {
    seeded = await seedConnection(harness.workspace());
    server = await start(harness.env());
  });
  afterAll(async () => {
    await Promise.all(transports.map((transport) => transport.close()));
    await stopHttpServers();
  });

  it("listens on 127.0.0.1 by default and answers /health", async () => {
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
    expect(new URL(server.url).pathname).toBe("/mcp");
    const health = await raw(`${server.origin}/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({ status: "ok" });
  });

  it("lists the tools stdio lists, and runs a read tool and a write tool against the workspace", async () => {
    const { client, tools } = await connect(server.url);
    const overStdio = (await (await harness.connect()).listTools()).tools;
    expect(tools.map((tool) => tool.name)).toEqual(overStdio.map((tool) => tool.name));

    const connectionId = seeded.connection.connectionId;
    const described = await harness.ok<{ id: string; name: string; selected_streams: string[] }>(
      client,
      "describe_cloud_connection",
      { connection_id: connectionId },
    );
    expect(described).toMatchObject({ id: connectionId, name: await seeded.connection.getName() });
    expect(described.selected_streams).toEqual(["users"]);

    const created = await harness.ok<{ id: string }>(client, "create_connection_on_cloud", {
      connection_name: "over http",
      source_id: seeded.source.sourceId,
      destination_id: seeded.destination.destinationId,
      selected_streams: ["users"],
    });
    expect(await harness.workspace().getConnection(created.id).getName()).toBe("over http");
  });

  it("gives each MCP session its own safe-mode registry, gone when the session ends", async () => {
    const first = await connect(server.url);
    const second = await connect(server.url);
    expect(first.transport.sessionId).toBeTruthy();
    expect(second.transport.sessionId).not.toBe(first.transport.sessionId);
    const created = await harness.ok<{ id: string }>(first.client, "create_connection_on_cloud", {
      connection_name: "first session's",
      source_id: seeded.source.sourceId,
      destination_id: seeded.destination.destinationId,
      selected_streams: ["users"],
    });

    expect(
      (
        await harness.refused(second.client, "set_cloud_connection_table_prefix", {
          connection_id: created.id,
          prefix: "b_",
        })
      ).code,
    ).toBe("safe_mode_refused");
    await harness.ok(first.client, "set_cloud_connection_table_prefix", { connection_id: created.id, prefix: "a_" });
    expect(await harness.workspace().getConnection(created.id).getTablePrefix()).toBe("a_");

    // DELETE ends the session: its id is unknown from then on, and a new session starts empty.
    const ended = first.transport.sessionId ?? "";
    await first.transport.terminateSession();
    const after = await raw(server.url, {
      method: "POST",
      headers: { ...MCP_HEADERS, "mcp-session-id": ended },
      body: LIST_TOOLS,
    });
    expect(rpcError(after).status).toBe(404);
    const third = await connect(server.url);
    expect(
      (
        await harness.refused(third.client, "set_cloud_connection_table_prefix", {
          connection_id: created.id,
          prefix: "c_",
        })
      ).code,
    ).toBe("safe_mode_refused");
    expect(await harness.workspace().getConnection(created.id).getTablePrefix()).toBe("a_");
  });

  it("closes a session unused for AIRBYTE_MCP_HTTP_SESSION_IDLE_SECONDS, not one whose stream is open", async () => {
    const idle = await start({ ...harness.env(), AIRBYTE_MCP_HTTP_SESSION_IDLE_SECONDS: "1" });
    // The SDK's client keeps a GET stream open: its session is in use while it is connected.
    const connected = await connect(idle.url);
    const opened = await raw(idle.url, { method: "POST", headers: MCP_HEADERS, body: INITIALIZE });
    const id = String(opened.headers["mcp-session-id"]);
    expect(opened.status).toBe(200);
    await eventually(() => expect(idle.stderr()).toContain(`session ${id} closed, unused for 1 s`), {
      timeoutMs: 10_000,
    });
    const after = await raw(idle.url, {
      method: "POST",
      headers: { ...MCP_HEADERS, "mcp-session-id": id },
      body: LIST_TOOLS,
    });
    expect(rpcError(after).status).toBe(404);
    expect(idle.stderr()).not.toContain(`session ${connected.transport.sessionId} closed`);
    expect((await connected.client.listTools()).tools.length).toBe(connected.tools.length);
  });

  it("ignores a request's credentials and workspace unless opted in", async () => {
    const { client } = await connect(server.url, {
      authorization: "Bearer not-a-token",
      "x-airbyte-workspace-id": "00000000-0000-4000-8000-000000000000",
    });
    const workspace = await harness.ok<{ workspace_id: string }>(client, "describe_cloud_workspace");
    expect(workspace.workspace_id).toBe(harness.local().workspaceId);
  });

  it("narrows to read-only with X-MCP-Readonly-Mode, and never widens", async () => {
    const full = await connect(server.url);
    const readOnly = await connect(server.url, { "x-mcp-readonly-mode": "1" });
    expect(readOnly.tools.length).toBeGreaterThan(0);
    expect(readOnly.tools.length).toBeLessThan(full.tools.length);
    expect(readOnly.tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);

    const readOnlyServer = await start({ ...harness.env(), MCP_READONLY_MODE: "1" });
    const stillReadOnly = await connect(readOnlyServer.url, { "x-mcp-readonly-mode": "0" });
    expect(stillReadOnly.tools.map((tool) => tool.name)).toEqual(readOnly.tools.map((tool) => tool.name));
  });

  describe("with AIRBYTE_MCP_HTTP_ACCEPT_BEARER=1", () => {
    let bearerServer: HttpServerProcess;
    let token: string;

    beforeAll(async () => {
      const local = harness.local();
      const api = new AirbyteApi({
        ...selfManaged(local.url),
        clientId: local.clientId,
        clientSecret: local.clientSecret,
      });
      token = (
        await api.applications.createAccessToken({
          client_id: local.clientId,
          client_secret: local.clientSecret,
          grant_type: "client_credentials",
        })
      ).access_token;
      // The server has no credentials of its own: a session has those its client brings.
      const { AIRBYTE_CLIENT_ID: _id, AIRBYTE_CLIENT_SECRET: _secret, ...withoutCredentials } = harness.env();
      bearerServer = await start({ ...withoutCredentials, AIRBYTE_MCP_HTTP_ACCEPT_BEARER: "1" });
    });

    it("uses a session's bearer token as its Airbyte credential, and masks it", async () => {
      expect(bearerServer.stderr()).toContain("Bearer token is its Airbyte credential");
      const { client, tools } = await connect(bearerServer.url, { authorization: `Bearer ${token}` });
      const result = await harness.call(client, "describe_cloud_workspace", {});
      const workspace = succeeded<{ workspace_id: string }>(
        result,
        tools.find((tool) => tool.name === "describe_cloud_workspace"),
      );
      expect(workspace.workspace_id).toBe(harness.local().workspaceId);
      expect(JSON.stringify(result)).not.toContain(token);

      const without = await connect(bearerServer.url);
      expect((await harness.refused(without.client, "describe_cloud_workspace", {})).code).toBe("credentials_missing");
      const wrong = await connect(bearerServer.url, { authorization: "Bearer not-a-token" });
      expect((await harness.refused(wrong.client, "describe_cloud_workspace", {})).code).toBe("unauthorized");
    });

    it("honours X-Airbyte-Workspace-Id, and refuses a malformed one", async () => {
      const elsewhere = await connect(bearerServer.url, {
        authorization: `Bearer ${token}`,
        "x-airbyte-workspace-id": "00000000-0000-4000-8000-000000000000",
      });
      const error = await harness.refused(elsewhere.client, "describe_cloud_workspace", {});
      expect(["not_found", "forbidden"]).toContain(error.code);

      const malformed = await raw(bearerServer.url, {
        method: "POST",
        headers: { ...MCP_HEADERS, "x-airbyte-workspace-id": "../../admin" },
        body: INITIALIZE,
      });
      expect(rpcError(malformed).status).toBe(400);
    });

    it("refuses a malformed Authorization, and a session's request with another token", async () => {
      const malformed = await raw(bearerServer.url, {
        method: "POST",
        headers: { ...MCP_HEADERS, authorization: "Basic YWlyYnl0ZTpwYXNzd29yZA==" },
        body: INITIALIZE,
      });
      expect(rpcError(malformed).status).toBe(401);
      expect(malformed.headers["www-authenticate"]).toBe("Bearer");

      const { transport } = await connect(bearerServer.url, { authorization: `Bearer ${token}` });
      const session = { ...MCP_HEADERS, "mcp-session-id": transport.sessionId ?? "" };
      for (const other of [{ authorization: "Bearer another-token" }, {}] as Record<string, string>[]) {
        const answer = await raw(bearerServer.url, {
          method: "POST",
          headers: { ...session, ...other },
          body: LIST_TOOLS,
        });
        expect(rpcError(answer).status).toBe(403);
      }
    });
  });

  it("refuses a Host or an Origin that is not its own (DNS rebinding)", async () => {
    const port = new URL(server.url).port;
    const initialize = (headers: Record<string, string>) =>
      raw(server.url, { method: "POST", headers: { ...MCP_HEADERS, ...headers }, body: INITIALIZE });
    for (const headers of [
      { host: `evil.example:${port}` },
      { host: "evil.example" },
      { host: `localhost:${port}`, origin: "http://evil.example" },
      { host: `localhost:${port}`, origin: "null" },
    ] as Record<string, string>[]) {
      const answer = rpcError(await initialize(headers));
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.message).toContain("DNS rebinding");
    }
    for (const headers of [
      { host: `localhost:${port}` },
      { host: `127.0.0.1:${port}`, origin: `http://localhost:${port}` },
    ] as Record<string, string>[]) {
      expect((await initialize(headers)).status, JSON.stringify(headers)).toBe(200);
    }

    const refusedName = await raw(server.url, {
      method: "POST",
      headers: { ...MCP_HEADERS, host: "mcp.internal" },
      body: INITIALIZE,
    });
    expect(refusedName.status).toBe(403);
    const allowing = await start({ ...harness.env(), AIRBYTE_MCP_HTTP_ALLOWED_HOSTS: "mcp.internal, other.internal" });
    const allowedName = await raw(allowing.url, {
      method: "POST",
      headers: { ...MCP_HEADERS, host: "mcp.internal:8080" },
      body: INITIALIZE,
    });
    expect(allowedName.status).toBe(200);
  });

  it("answers 404, 405, 413 and bad JSON itself, as JSON, and goes on serving", async () => {
    expect(rpcError(await raw(`${server.origin}/`)).status).toBe(404);
    expect(rpcError(await raw(`${server.origin}/mcp/tools`)).status).toBe(404);
    expect(rpcError(await raw(`${server.origin}//`)).status).toBe(404);
    const put = await raw(server.url, { method: "PUT", headers: MCP_HEADERS, body: "{}" });
    expect(rpcError(put).status).toBe(405);
    expect(put.headers.allow).toBe("GET, POST, DELETE");
    const healthPost = await raw(`${server.origin}/health`, { method: "POST" });
    expect(rpcError(healthPost).status).toBe(405);

    const declared = await raw(server.url, { method: "POST", headers: MCP_HEADERS, declaredLength: 5 * 2 ** 20 });
    expect(rpcError(declared).status).toBe(413);
    const streamed = await raw(server.url, {
      method: "POST",
      headers: { ...MCP_HEADERS, "transfer-encoding": "chunked" },
      body: Buffer.alloc(5 * 2 ** 20, "x"),
    });
    expect(rpcError(streamed).status).toBe(413);
    const notJson = await raw(server.url, { method: "POST", headers: MCP_HEADERS, body: "{not json" });
    expect(rpcError(notJson).status).toBe(400);
    const noSession = await raw(server.url, { method: "POST", headers: MCP_HEADERS, body: LIST_TOOLS });
    expect(rpcError(noSession).status).toBe(400);
    const getWithout = await raw(server.url, { headers: { accept: "text/event-stream" } });
    expect(rpcError(getWithout).status).toBe(400);

    expect(server.running()).toBe(true);
    expect((await raw(`${server.origin}/health`)).status).toBe(200);
    const { tools } = await connect(server.url);
    expect(tools.length).toBeGreaterThan(0);
  });

  it.each(["SIGTERM", "SIGINT"] as const)("stops cleanly on %s with a session open", async (signal) => {
    const stopping = await start(harness.env());
    const { client } = await connect(stopping.url);
    await client.listTools();
    expect(await stopping.stop(signal)).toBe(0);
    expect(stopping.stderr()).toContain("stopped");
  });

  it("refuses --port and --host without --http, a port that is no port, and an unknown tool name", async () => {
    await expect(startHttpServer([main, "--port", "8080"], { PATH: process.env.PATH ?? "" })).rejects.toThrow(
      /exited \(2\).*--port and --host go with --http/s,
    );
    await expect(start(harness.env(), ["--port", "http"])).rejects.toThrow(/exited \(2\).*--port must be/s);
    await expect(start({ ...harness.env(), MCP_INCLUDE_TOOLS: "no_such_tool" })).rejects.toThrow(
      /exited \(2\).*MCP_INCLUDE_TOOLS names no tool called 'no_such_tool'/s,
    );
  });
});
