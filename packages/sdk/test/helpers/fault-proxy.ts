/**
 * A loopback HTTP proxy in front of a server that fails the requests a rule picks, in the two
 * ways a real network does: refused before the server sees them, or carried out by the server
 * with the answer replaced (the dangerous case for a tool that creates). It counts what it
 * did, and what the server carried out, so a test can tell "created twice" from "retried".
 */
import { Agent, createServer, type IncomingHttpHeaders, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A small seeded generator (mulberry32): the same seed, the same draws. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);
/** The Config API reads with POST too (`/api/v1/source_definition_specifications/get`): those are reads. */
const isWrite = (method: string, pathname: string) =>
  WRITE_METHODS.has(method) && !/^\/api\/v1\/.+\/(get|list)$/.test(pathname);
/** The creates of the public API whose successes the proxy counts. */
const CREATE_PATHS = new Set(
  ["tags", "sources", "destinations", "connections"].map((kind) => `/api/public/v1/${kind}`),
);
/** Exchanging client credentials for a token is no write of the workspace: never failed. */
const TOKEN_PATH = "/api/public/v1/applications/token";
export const FAULT_HEADER = "x-injected-fault";

interface FaultTally {
  writes: number;
  reads: number;
  /** Writes answered 503 without reaching the server. */
  refused: number;
  /** Writes the server carried out whose answer was replaced by a 502 or 503. */
  answerLost: number;
  /** Reads answered 503 without reaching the server. */
  readsRefused: number;
  /** Creates the server carried out, per path (`POST /api/public/v1/sources`), lost answers included. */
  createdOnServer: Map<string, number>;
}

export interface FaultProxy {
  /** The proxy's root, for `selfManaged()`. */
  url: string;
  /** Whether faults are injected; off, the proxy forwards everything unchanged. */
  enabled: boolean;
  tally: FaultTally;
  close(): Promise<void>;
}

/** What the proxy does to one request: fail it before the server sees it, or after the server acted. */
type Fault = { kind: "refused"; status: 503 } | { kind: "answer-lost"; status: 502 | 503 };
/** Decides the fault of a request (undefined: none); consulted only while the proxy's faults are on. */
export type FaultRule = (method: string, pathname: string) => Fault | undefined;

/**
 * The faults of a seed: a fifth of the writes (half refused, half with their answer lost), a few
 * reads refused. Writes and reads draw from separate streams, so the writes' faults do not
 * depend on how parallel reads interleave.
 */
export function seededFaults(seed: number, rates: { writes: number; reads: number }): FaultRule {
  const writeDraws = mulberry32(seed);
  const readDraws = mulberry32(seed ^ 0x5bd1e995);
  return (method, pathname) => {
    if (!isWrite(method, pathname)) return readDraws() < rates.reads ? { kind: "refused", status: 503 } : undefined;
    const draw = writeDraws();
    if (draw < rates.writes / 2) return { kind: "refused", status: 503 };
    if (draw < rates.writes) return { kind: "answer-lost", status: draw < (rates.writes * 3) / 4 ? 502 : 503 };
    return undefined;
  };
}

/** A loopback HTTP proxy in front of `target` that fails the requests `rule` picks. */
export async function startFaultProxy(target: string, rule: FaultRule): Promise<FaultProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const tally: FaultTally = {
    writes: 0,
    reads: 0,
    refused: 0,
    answerLost: 0,
    readsRefused: 0,
    createdOnServer: new Map(),
  };
  const proxy: FaultProxy = { url: "", enabled: true, tally, close: () => Promise.resolve() };

  const problem = (fault: Fault, pathname: string) => {
    const title = fault.status === 502 ? "bad-gateway" : "service-unavailable";
    const detail = `Injected by the test's fault proxy (${fault.kind}).`;
    // The public API answers a problem, the Config API `{ message }`.
    const body = pathname.startsWith("/api/public/")
      ? { type: "https://reference.airbyte.com/reference/errors", title, status: fault.status, detail }
      : { message: detail };
    return {
      headers: { "content-type": "application/json", [FAULT_HEADER]: fault.kind },
      body: JSON.stringify(body),
    };
  };

  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const method = incoming.method ?? "GET";
      const path = incoming.url ?? "/";
      const pathname = path.split("?")[0] ?? path;
      const body = await readAll(incoming);
      const write = isWrite(method, pathname);
      const exempt = pathname === TOKEN_PATH;
      if (!exempt) tally[write ? "writes" : "reads"]++;
      const fault = proxy.enabled && !exempt ? rule(method, pathname) : undefined;
      if (fault?.kind === "refused") {
        if (write) tally.refused++;
        else tally.readsRefused++;
        const answer = problem(fault, pathname);
        outgoing.writeHead(fault.status, answer.headers).end(answer.body);
        return;
      }
      const answer = await forward(upstream, agent, method, path, incoming.headers, body);
      if (method === "POST" && CREATE_PATHS.has(pathname) && answer.status >= 200 && answer.status < 300) {
        const key = `POST ${pathname}`;
        tally.createdOnServer.set(key, (tally.createdOnServer.get(key) ?? 0) + 1);
      }
      if (fault?.kind === "answer-lost") {
        tally.answerLost++;
        const lost = problem(fault, pathname);
        outgoing.writeHead(fault.status, lost.headers).end(lost.body);
        return;
      }
      outgoing.writeHead(answer.status, answer.headers).end(answer.body);
    })().catch((error: unknown) => {
      outgoing.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    agent.destroy();
  };
  return proxy;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Sends one request to the upstream server and reads its whole answer. */
function forward(
  upstream: URL,
  agent: Agent,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const { connection: _connection, "keep-alive": _keepAlive, ...forwarded } = headers;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: upstream.hostname, port: upstream.port, method, path, headers: forwarded, agent },
      (answer) => {
        readAll(answer).then((text) => {
          const {
            connection: _answerConnection,
            "keep-alive": _answerKeepAlive,
            "transfer-encoding": _encoding,
            ...kept
          } = answer.headers;
          resolve({
            status: answer.statusCode ?? 502,
            headers: { ...kept, "content-length": String(text.length) },
            body: text,
          });
        }, reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
