/**
 * A real HTTP server on loopback whose answers a test scripts route by route. It records
 * every request, and can play the faults a transport must survive: slow answers, dropped
 * connections, HTML pages, Retry-After headers, expiring tokens.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path without the query string, as sent (percent-encoded). */
  path: string;
  /** The raw query string, without `?`. */
  search: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** Parsed JSON body, or the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  rawBody: string;
  at: number;
}

interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string. */
  body?: unknown;
  /** Wait before answering. */
  delayMs?: number;
}

type Handler = (
  request: RecordedRequest,
  raw: { req: IncomingMessage; res: ServerResponse },
) => ScriptedResponse | "handled" | Promise<ScriptedResponse | "handled">;

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Answers `METHOD /path` (path without query; `*` matches one segment). Later routes win. */
  on(route: string, handler: Handler | ScriptedResponse): void;
  /** Answers the next `count` requests of the route with `response`, then falls through. */
  once(route: string, handler: Handler | ScriptedResponse, count?: number): void;
  requestsTo(route: string): RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
}

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  remaining: number;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  let routes: Route[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();

  const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://localhost");
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      search: url.search.replace(/^\?/, ""),
      query: url.searchParams,
      headers: req.headers,
      body: parseBody(rawBody),
      rawBody,
      at: Date.now(),
    };
    requests.push(recorded);
    const route = [...routes]
      .reverse()
      .find((r) => r.method === recorded.method && r.pattern.test(recorded.path) && r.remaining !== 0);
    if (!route) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          status: 404,
          type: "test-server",
          title: "no route",
          detail: `${recorded.method} ${recorded.path}`,
        }),
      );
      return;
    }
    if (route.remaining > 0) route.remaining--;
    try {
      const answer = await route.handler(recorded, { req, res });
      if (answer === "handled") return;
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      if (res.destroyed) return;
      const isText = typeof answer.body === "string";
      const body = answer.body === undefined ? "" : isText ? (answer.body as string) : JSON.stringify(answer.body);
      res.writeHead(answer.status ?? 200, {
        ...(answer.body !== undefined ? { "content-type": isText ? "text/plain" : "application/json" } : {}),
        ...answer.headers,
      });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    }
  };
  // A failure reading the request (the client hung up) ends the connection instead of going unhandled.
  const server: Server = createServer((req, res) => {
    respond(req, res).catch(() => res.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const add = (route: string, handler: Handler | ScriptedResponse, remaining: number) => {
    const [method = "GET", path = "/"] = route.split(" ");
    const pattern = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]+")}$`);
    routes.push({ method, pattern, handler: typeof handler === "function" ? handler : () => handler, remaining });
  };

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    on: (route, handler) => add(route, handler, -1),
    once: (route, handler, count = 1) => add(route, handler, count),
    requestsTo(route) {
      const [method, path] = route.split(" ");
      return requests.filter((r) => r.method === method && r.path === path);
    },
    reset() {
      routes = [];
      requests.length = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An unsigned JWT-shaped token whose `exp` claim is `expSeconds` from now. */
export function fakeJwt(expSeconds: number, subject = "test"): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "none", typ: "JWT" })}.${encode({ sub: subject, exp: Math.floor(Date.now() / 1000) + expSeconds, n: Math.random() })}.sig`;
}

/** Starts a scripted server for the current test file; routes and requests reset between tests. */
export function useScriptedServer(hooks: {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
  beforeEach: (fn: () => void) => void;
}): () => ScriptedServer {
  let server: ScriptedServer | undefined;
  hooks.beforeAll(async () => {
    server = await startScriptedServer();
  });
  hooks.afterAll(async () => {
    await server?.close();
  });
  hooks.beforeEach(() => server?.reset());
  return () => {
    if (!server) throw new Error("scripted server not started");
    return server;
  };
}

/** Answers the token endpoint with fresh JWT-shaped tokens; returns how many were issued. */
export function serveTokens(
  server: ScriptedServer,
  options: { expiresIn?: number; jwtExpSeconds?: number; delayMs?: number; path?: string } = {},
): { issued: () => string[] } {
  const issued: string[] = [];
  server.on(`POST ${options.path ?? "/applications/token"}`, () => {
    const token = fakeJwt(options.jwtExpSeconds ?? options.expiresIn ?? 900);
    issued.push(token);
    return {
      delayMs: options.delayMs ?? 0,
      body: { access_token: token, token_type: "Bearer", expires_in: options.expiresIn ?? 900 },
    };
  });
  return { issued: () => issued };
}
