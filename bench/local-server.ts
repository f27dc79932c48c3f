/**
 * The local server under load, measured by autocannon in a separate process on loopback:
 * requests per second and p99 latency of `GET /connections/{id}`, `GET /connections?limit=100`
 * over 10,000 connections, and `POST /applications/token`. Then listing those 10,000
 * connections with 20 ms of injected latency per request: page after page as PyAirbyte does,
 * beside the SDK's parallel page option, in the same run.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { AirbyteApi, selfManaged } from "airbyte-ts";
import { startLocalServer, type LocalServer } from "@airbyte-ts/local";

const run = promisify(execFile);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10_000);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const autocannonBin = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

interface Load {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

async function load(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<Load> {
  const args = [autocannonBin, "-j", "-c", "50", "-d", String(DURATION_S), "-m", options.method ?? "GET"];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push("-H", `${name}=${value}`);
  if (options.body) args.push("-b", options.body);
  args.push(url);
  const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function seed(api: AirbyteApi, workspaceId: string): Promise<string[]> {
  const source = await api.sources.createSource({
    name: "bench faker",
    workspaceId,
    configuration: { sourceType: "faker", count: 10 },
  });
  const destination = await api.destinations.createDestination({
    name: "bench dev-null",
    workspaceId,
    configuration: { destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } },
  });
  const ids: string[] = [];
  for (let i = 0; i < CONNECTIONS; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, CONNECTIONS - i) }, (_, j) =>
        api.connections.createConnection({
          name: `bench ${i + j}`,
          sourceId: source.sourceId,
          destinationId: destination.destinationId,
        }),
      ),
    );
    ids.push(...batch.map((c) => c.connectionId));
  }
  return ids;
}

export async function benchLocalServer(): Promise<Record<string, unknown>> {
  const server: LocalServer = await startLocalServer({ inMemory: true, scheduler: false });
  try {
    const api = new AirbyteApi({
      ...selfManaged(server.url),
      clientId: server.clientId,
      clientSecret: server.clientSecret,
    });
    const seedStart = performance.now();
    const ids = await seed(api, server.workspaceId);
    const seedMs = Math.round(performance.now() - seedStart);
    const { access_token: token } = await api.applications.createAccessToken({
      client_id: server.clientId,
      client_secret: server.clientSecret,
      grant_type: "client_credentials",
    });
    const auth = { authorization: `Bearer ${token}` };

    const getById = await load(`${server.publicApiUrl}/connections/${ids[Math.floor(ids.length / 2)]}`, {
      headers: auth,
    });
    const listPage = await load(
      `${server.publicApiUrl}/connections?workspaceIds=${server.workspaceId}&limit=100&offset=5000`,
      {
        headers: auth,
      },
    );
    const tokenLoad = await load(`${server.publicApiUrl}/applications/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: server.clientId, client_secret: server.clientSecret }),
    });
    return { connections: CONNECTIONS, seedMs, getById, listPage, token: tokenLoad, ...(await listing(server)) };
  } finally {
    await server.close();
  }
}

/** Every connection with 20 ms added to each request: sequential pages beside parallel ones. */
async function listing(server: LocalServer): Promise<Record<string, unknown>> {
  server.setFaults({ latencyMs: 20 });
  try {
    const api = new AirbyteApi({
      ...selfManaged(server.url),
      clientId: server.clientId,
      clientSecret: server.clientSecret,
    });
    const workspaceIds = [server.workspaceId];
    await api.workspaces.getWorkspace({ workspaceId: server.workspaceId }); // mint the token outside the timings

    // PyAirbyte's list_connections: limit=100, one page after the other until a short page.
    const sequentialStart = performance.now();
    const sequential = await api.connections.listConnections({ workspaceIds, limit: 100 }).toArray();
    const sequentialMs = performance.now() - sequentialStart;

    const results: Record<string, unknown> = {
      sequential: { items: sequential.length, ms: Math.round(sequentialMs) },
    };
    for (const concurrency of [4, 8]) {
      const start = performance.now();
      const items = await api.connections.listConnections({ workspaceIds, limit: 100 }).toArray({ concurrency });
      const ms = performance.now() - start;
      results[`parallel${concurrency}`] = {
        items: items.length,
        ms: Math.round(ms),
        speedup: Number((sequentialMs / ms).toFixed(2)),
      };
    }
    return { listingWith20msLatency: results };
  } finally {
    server.setFaults(undefined);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchLocalServer(), null, 2));
}
