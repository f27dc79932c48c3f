/**
 * The MCP sessions of the HTTP server. Not stateless (PyAirbyte's `airbyte-mcp-http` is): safe
 * mode's registry (`Session` in safe-mode.ts, one per `createServer`) must mean "the objects this
 * client created", so each MCP session (`Mcp-Session-Id`) gets a server of its own, made when the
 * client initializes and closed when the session ends: on the client's DELETE, after 30 minutes
 * (`AIRBYTE_MCP_HTTP_SESSION_IDLE_SECONDS`) with no request and no open stream, or when the HTTP
 * server stops. Two clients never see each other's creations as their own.
 *
 * What a request may say about its session is read once, when the session opens, and only
 * narrows what the server's environment allows:
 * - `X-MCP-Readonly-Mode: 1` makes the session read-only; no header value turns it off.
 * - `Authorization: Bearer <token>` and `X-Airbyte-Workspace-Id` are ignored unless the server
 *   runs with `AIRBYTE_MCP_HTTP_ACCEPT_BEARER=1`; then the token becomes the session's Airbyte
 *   credential (instead of the environment's) and the header its default workspace, and every
 *   later request of the session must carry the same token. An API URL, a client id or a client
 *   secret is never taken from a request (PyAirbyte #1080, #1111): a header naming another API
 *   would send the server's own credentials there.
 */
import { createHash, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { CLOUD_ENV_VARS } from "airbyte-ts";
import type { Env } from "./context.js";
import { createServer } from "./server.js";
import { isOn } from "./tool-filters.js";

/** A request the server answers itself, without the MCP transport. */
export interface Refusal {
  status: number;
  message: string;
  /** JSON-RPC error code: -32001 for an unknown session (clients then start a new one), else -32000. */
  rpcCode?: number;
  headers?: Record<string, string>;
}

/** A session nobody has used for this long is closed (a client that never sends DELETE). */
const SESSION_IDLE_SECONDS = 30 * 60;
/** Past this many open sessions a new one is refused (503) rather than growing memory without end. */
const MAX_SESSIONS = 100;

/** RFC 6750's token characters. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
/** Workspace ids are UUIDs; this keeps anything else (paths, URLs, spaces) out of the requests. */
const WORKSPACE_ID = /^[A-Za-z0-9-]{1,64}$/;

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** A digest, so that the session keeps no copy of the token beyond its client's. */
const digest = (token: string) => createHash("sha256").update(token).digest("hex");

interface SessionSettings {
  env: Env;
  /** Digest of the bearer token the session was opened with; "" when it uses the server's credentials. */
  credential: string;
}

/** The session's environment: the server's, narrowed or given a credential by the request's headers. */
function sessionSettings(base: Env, headers: IncomingHttpHeaders, acceptBearer: boolean): SessionSettings | Refusal {
  const env: Env = { ...base };
  if (isOn(header(headers, "x-mcp-readonly-mode"))) env.MCP_READONLY_MODE = "1";
  if (!acceptBearer) return { env, credential: "" };

  const workspaceId = header(headers, "x-airbyte-workspace-id");
  if (workspaceId !== undefined) {
    if (!WORKSPACE_ID.test(workspaceId)) {
      return { status: 400, message: "X-Airbyte-Workspace-Id must be a workspace id (a UUID)." };
    }
    env[CLOUD_ENV_VARS.workspaceId[0]] = workspaceId;
  }
  const token = bearerToken(headers);
  if (typeof token !== "string") return token;
  if (token === "") return { env, credential: "" };
  for (const name of [...CLOUD_ENV_VARS.bearerToken, ...CLOUD_ENV_VARS.clientId, ...CLOUD_ENV_VARS.clientSecret]) {
    delete env[name];
  }
  env[CLOUD_ENV_VARS.bearerToken[0]] = token;
  return { env, credential: digest(token) };
}

/** The request's bearer token, "" when it has no Authorization header. */
function bearerToken(headers: IncomingHttpHeaders): string | Refusal {
  const authorization = header(headers, "authorization");
  if (authorization === undefined) return "";
  const token = BEARER.exec(authorization)?.[1];
  if (token !== undefined) return token;
  return {
    status: 401,
    message: "The Authorization header must be 'Bearer <token>', an Airbyte access token.",
    headers: { "WWW-Authenticate": "Bearer" },
  };
}

class HttpSession {
  readonly transport: StreamableHTTPServerTransport;
  readonly credential: string;
  lastActive = Date.now();
  /** Responses still open (an SSE stream, a long tool call): the session is not idle while any is. */
  open = 0;

  constructor(transport: StreamableHTTPServerTransport, credential: string) {
    this.transport = transport;
    this.credential = credential;
  }

  async serve(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
    this.open += 1;
    res.once("close", () => {
      this.open -= 1;
      this.lastActive = Date.now();
    });
    await this.transport.handleRequest(req, res, body);
  }
}

type TransportModule = typeof import("@modelcontextprotocol/sdk/server/streamableHttp.js");

export class HttpSessions {
  readonly #env: Env;
  readonly #acceptBearer: boolean;
  readonly #sessions = new Map<string, HttpSession>();
  readonly #idleMs: number;
  readonly #sweep: NodeJS.Timeout;
  // Loaded with the first session: the stdio server never needs it (nor @hono/node-server under it).
  #transports: Promise<TransportModule> | undefined;

  constructor(env: Env) {
    this.#env = env;
    this.#acceptBearer = isOn(env.AIRBYTE_MCP_HTTP_ACCEPT_BEARER);
    this.#idleMs = idleSeconds(env.AIRBYTE_MCP_HTTP_SESSION_IDLE_SECONDS) * 1000;
    this.#sweep = setInterval(() => this.#closeIdle(), Math.min(this.#idleMs, 60_000)).unref();
  }

  get acceptsBearer(): boolean {
    return this.#acceptBearer;
  }

  /**
   * The session a request belongs to: the one its `Mcp-Session-Id` names, or a new one for an
   * initialize request without it; otherwise the refusal to answer.
   */
  async route(req: IncomingMessage, body: unknown): Promise<HttpSession | Refusal> {
    const id = header(req.headers, "mcp-session-id");
    if (id !== undefined) return this.#existing(id, req.headers);
    if (req.method !== "POST" || !isInitialize(body)) {
      return {
        status: 400,
        message: "Bad Request: no Mcp-Session-Id header; a session starts with an initialize request.",
      };
    }
    if (this.#sessions.size >= MAX_SESSIONS) {
      return { status: 503, message: `Too many open sessions (${MAX_SESSIONS}); close one (DELETE /mcp) and retry.` };
    }
    const settings = sessionSettings(this.#env, req.headers, this.#acceptBearer);
    if ("status" in settings) return settings;
    return this.#open(settings);
  }

  #existing(id: string, headers: IncomingHttpHeaders): HttpSession | Refusal {
    const session = this.#sessions.get(id);
    if (!session) return { status: 404, rpcCode: -32001, message: "Session not found: start a new one." };
    if (this.#acceptBearer) {
      const token = bearerToken(headers);
      if (typeof token !== "string") return token;
      // Whoever holds the session id must also hold the token it was opened with.
      if ((token === "" ? "" : digest(token)) !== session.credential) {
        return { status: 403, message: "This session was opened with other credentials: start a new session." };
      }
    }
    session.lastActive = Date.now();
    return session;
  }

  async #open(settings: SessionSettings): Promise<HttpSession> {
    this.#transports ??= import("@modelcontextprotocol/sdk/server/streamableHttp.js");
    const { StreamableHTTPServerTransport } = await this.#transports;
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      // Registered once the transport has accepted the initialize request, not before: a refused
      // one (wrong Accept header...) leaves nothing behind.
      onsessioninitialized: (id) => void this.#sessions.set(id, session),
    });
    const session = new HttpSession(transport, settings.credential);
    // The server's own close handler is chained after this one when it connects; closing the
    // transport (DELETE, idle, shutdown) is what ends the session and its server.
    transport.onclose = () => {
      if (transport.sessionId !== undefined) this.#sessions.delete(transport.sessionId);
    };
    transport.onerror = (error) => process.stderr.write(`airbyte-ts-mcp: ${error.message}\n`);
    await createServer({ env: settings.env, transport: "http" }).connect(transport);
    return session;
  }

  #closeIdle(): void {
    const cutoff = Date.now() - this.#idleMs;
    for (const [id, session] of this.#sessions) {
      if (session.open > 0 || session.lastActive >= cutoff) continue;
      process.stderr.write(`airbyte-ts-mcp: session ${id} closed, unused for ${this.#idleMs / 1000} s\n`);
      void session.transport.close();
    }
  }

  /** Ends every session (their servers with them). */
  async close(): Promise<void> {
    clearInterval(this.#sweep);
    await Promise.all([...this.#sessions.values()].map((session) => session.transport.close()));
  }
}

function idleSeconds(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return SESSION_IDLE_SECONDS;
  if (/^\d+$/.test(value.trim()) && Number(value) > 0) return Number(value);
  process.stderr.write(
    `airbyte-ts-mcp: AIRBYTE_MCP_HTTP_SESSION_IDLE_SECONDS is no number of seconds ("${value}"): 1800\n`,
  );
  return SESSION_IDLE_SECONDS;
}

/** An initialize request, alone or as the one message of a batch (the transport allows both). */
function isInitialize(body: unknown): boolean {
  return Array.isArray(body) ? body.length === 1 && isInitializeRequest(body[0]) : isInitializeRequest(body);
}
