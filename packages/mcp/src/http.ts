/**
 * The server over streamable HTTP (`airbyte-ts-mcp --http`, PyAirbyte's `airbyte-mcp-http`): the
 * MCP endpoint at `/mcp` (POST, GET for the server's stream, DELETE to end a session) through
 * the MCP SDK's `StreamableHTTPServerTransport`, and `GET /health`. Node's http module is enough:
 * the SDK needs no framework. Each MCP session has a server of its own (http-sessions.ts).
 *
 * It listens on loopback by default: the server acts with the Airbyte credentials of its
 * environment and checks no caller's identity, so whoever reaches the port can use them. A web
 * page cannot (DNS rebinding): a request whose Host or Origin is not a name of this server is
 * refused. Everything else it answers itself, as JSON: 404 for another path, 405 for another
 * method, 413 for a body over `MAX_BODY_BYTES`; a failure in one request never stops the server.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo, isIPv6 } from "node:net";
import type { Env } from "./context.js";
import { HttpSessions, type Refusal } from "./http-sessions.js";
import { createServer } from "./server.js";

export interface HttpOptions {
  /** Where credentials, the workspace and the modes are read. Default `process.env`. */
  env?: Env;
  /** The interface to listen on. Default `127.0.0.1`: this machine only (see above). */
  host?: string;
  /** Default 8080, as PyAirbyte's; 0 picks a free port. */
  port?: number;
  /** Stop on SIGINT and SIGTERM, as the command lines do. Default false. */
  closeOnSignals?: boolean;
}

export interface McpHttpServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:8080/mcp`. */
  readonly url: string;
  /** Ends every session and stops listening. */
  close(): Promise<void>;
  /** Settles once the server has stopped. */
  readonly closed: Promise<void>;
}

const MCP_PATH = "/mcp";
const HEALTH_PATH = "/health";
/** The SDK transport's own default; the largest argument a tool takes (a manifest) is far smaller. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];
const ALL_INTERFACES = new Set(["0.0.0.0", "::", ""]);
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

const log = (line: string) => process.stderr.write(`airbyte-ts-mcp: ${line}\n`);

/** Serves MCP over HTTP until `close()` (or a signal, with `closeOnSignals`). */
export async function serveHttp(options: HttpOptions = {}): Promise<McpHttpServer> {
  const env = options.env ?? process.env;
  const host = options.host ?? "127.0.0.1";
  // The tool filters are checked now, so a wrong tool name stops start-up rather than each session.
  createServer({ env, transport: "http" });
  const sessions = new HttpSessions(env);
  const allowed = allowedHostnames(host, env);
  const server = createHttpServer((req, res) => {
    handle(req, res, sessions, allowed).catch((error: unknown) => {
      log(`${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (res.headersSent) res.destroy();
      else refuse(res, { status: 500, message: "Internal error in the MCP server; its stderr has more." });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  // A failure of the listening socket after start-up (EMFILE...) is reported, not thrown.
  server.on("error", (error) => log(error.message));
  const { port } = server.address() as AddressInfo;
  const url = `http://${isIPv6(host) ? `[${host}]` : host}:${port}${MCP_PATH}`;
  if (ALL_INTERFACES.has(host)) {
    log(`listening on every interface: whoever reaches port ${port} acts with this server's Airbyte credentials`);
  }
  if (sessions.acceptsBearer) log("a session's Authorization: Bearer token is its Airbyte credential");
  // Last: what starts the server (a test, a supervisor) may read it as "ready".
  log(`serving on ${url}`);

  let closing: Promise<void> | undefined;
  let markClosed = () => {};
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Ending the sessions ends their streams; what is still open after that (a tool call in
      // progress) is cut, so that stopping never waits on a client.
      await sessions.close();
      server.closeAllConnections();
      await stopped;
      log("stopped");
      markClosed();
    })());
  if (options.closeOnSignals) {
    const stop = () => void close();
    for (const signal of SIGNALS) process.once(signal, stop);
    void closed.then(() => SIGNALS.forEach((signal) => process.off(signal, stop)));
  }
  return { url, close, closed };
}

async function handle(req: IncomingMessage, res: ServerResponse, sessions: HttpSessions, allowed: Set<string>) {
  const path = pathOf(req.url ?? "/");
  if (path === HEALTH_PATH) {
    if (req.method === "GET" || req.method === "HEAD") return sendJson(res, 200, { status: "ok" });
    return refuse(res, {
      status: 405,
      message: "Method not allowed: /health takes GET.",
      headers: { Allow: "GET, HEAD" },
    });
  }
  if (path !== MCP_PATH) {
    return refuse(res, {
      status: 404,
      message: `Not found: the MCP endpoint is ${MCP_PATH}, the health check ${HEALTH_PATH}.`,
    });
  }
  if (req.method !== "POST" && req.method !== "GET" && req.method !== "DELETE") {
    return refuse(res, {
      status: 405,
      message: `Method not allowed: ${MCP_PATH} takes POST, GET and DELETE.`,
      headers: { Allow: "GET, POST, DELETE" },
    });
  }
  const foreign = foreignRequest(req, allowed);
  if (foreign) return refuse(res, foreign);
  let body: unknown;
  if (req.method === "POST") {
    const read = await readJson(req);
    if ("status" in read) return refuse(res, read);
    body = read.value;
  }
  const session = await sessions.route(req, body);
  if ("status" in session) return refuse(res, session);
  await session.serve(req, res, body);
}

/** The names a request may address this server by: loopback's, the one it listens on, and the configured ones. */
function allowedHostnames(host: string, env: Env): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (!ALL_INTERFACES.has(host)) names.add(isIPv6(host) ? `[${host}]` : host.toLowerCase());
  for (const name of (env.AIRBYTE_MCP_HTTP_ALLOWED_HOSTS ?? "").split(/[\s,]+/)) {
    if (name) names.add(name.toLowerCase());
  }
  return names;
}

/** The request target's path; undefined for a target that is no URL ("//"), which no route has. */
function pathOf(target: string): string | undefined {
  try {
    return new URL(target, "http://localhost").pathname;
  } catch {
    return undefined;
  }
}

const hostnameOf = (url: string): string | undefined => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
};

/**
 * DNS rebinding: a page of another site whose name the attacker points at 127.0.0.1 reaches
 * this port with its own name as Host (and Origin). Port-agnostic, as the SDK's middleware.
 */
function foreignRequest(req: IncomingMessage, allowed: Set<string>): Refusal | undefined {
  const hint = `This server answers ${[...allowed].join(", ")} (AIRBYTE_MCP_HTTP_ALLOWED_HOSTS adds names).`;
  const host = hostnameOf(`http://${req.headers.host ?? ""}`);
  if (host === undefined || !allowed.has(host)) {
    return { status: 403, message: `Host '${req.headers.host ?? ""}' refused (DNS rebinding protection). ${hint}` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowed.has(hostnameOf(origin) ?? "")) {
    return { status: 403, message: `Origin '${origin}' refused (DNS rebinding protection). ${hint}` };
  }
  return undefined;
}

/** The body as JSON. Past the limit the rest is read and dropped, so that the client gets its 413. */
async function readJson(req: IncomingMessage): Promise<{ value: unknown } | Refusal> {
  const tooLarge: Refusal = {
    status: 413,
    message: `The request body is over ${MAX_BODY_BYTES} bytes.`,
    headers: { Connection: "close" },
  };
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) return tooLarge;
  try {
    return { value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { status: 400, rpcCode: -32700, message: "Parse error: the body is not JSON." };
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(value));
}

/** A JSON-RPC error, the shape the SDK's transport answers its own refusals in. */
function refuse(res: ServerResponse, refusal: Refusal): void {
  const error = { code: refusal.rpcCode ?? -32000, message: refusal.message };
  sendJson(res, refusal.status, { jsonrpc: "2.0", error, id: null }, refusal.headers);
}
