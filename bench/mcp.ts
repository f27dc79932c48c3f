/**
 * The MCP server's costs, each beside its baseline in the same run:
 *
 * (a) Start-up: spawn of the built server to its answer to the first `tools/list` over stdio
 *     (initialize, initialized and tools/list written at once, as a client does right after the
 *     spawn), beside `node -e 0` (spawn to exit: Node's own start-up), interleaved, after a few
 *     warm-up runs. Each run's CPU time is read in the child at exit by the same one-line
 *     `--import` hook for both.
 * (b) Per call: `describe_cloud_connection` through a real MCP client over stdio and over
 *     streamable HTTP, against the tool's own `run` called directly in this process with an SDK
 *     workspace set up as the server sets up its own (the same SDK calls, no MCP), all three
 *     against one in-memory local server in this process, calls interleaved.
 *
 *   node --import tsx bench/mcp.ts        (after npm run build)
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CloudClient, CloudWorkspace } from "airbyte-ts";
import { streamLogger } from "airbyte-ts/api";
import { startLocalServer } from "@airbyte-ts/local";
import { Session } from "../packages/mcp/src/safe-mode.js";
import { TOOLS } from "../packages/mcp/src/tools.js";
import { startHttpServer } from "../packages/mcp/test/helpers/http-server.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const CALLS = Number(process.env.BENCH_MCP_CALLS ?? 300);
const WARMUP = 3;
const WARMUP_CALLS = 20;
const main = fileURLToPath(new URL("../packages/mcp/dist/main.js", import.meta.url));

const CPU_HOOK =
  "data:text/javascript,process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('\\ncpu-us '+(c.user+c.system)+'\\n')})";

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const quantile = (values: number[], q: number) =>
  sorted(values)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)] as number;
const round = (ms: number) => Math.round(ms * 100) / 100;

interface Sample {
  wallMs: number;
  cpuMs: number;
}

/** Spawns `node ...args`, sends `input`, and times it until `done(stdout)` holds (or until exit without one). */
function spawnTimed(args: string[], input: string, done?: (stdout: string) => boolean): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let wallMs: number | undefined;
    let stdout = "";
    let stderr = "";
    const child = spawn(process.execPath, ["--import", CPU_HOOK, ...args], {
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (wallMs === undefined && done?.(stdout)) {
        wallMs = Number(process.hrtime.bigint() - start) / 1e6;
        child.stdin.end(); // the server exits when its client goes
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      wallMs ??= done ? undefined : Number(process.hrtime.bigint() - start) / 1e6;
      const cpu = /cpu-us (\d+)/.exec(stderr)?.[1];
      if (code !== 0 || wallMs === undefined || cpu === undefined) {
        reject(new Error(`node ${args.join(" ")} exited ${code} without its answer: ${stderr}`));
      } else resolve({ wallMs, cpuMs: Number(cpu) / 1000 });
    });
    child.stdin.write(input);
    if (!done) child.stdin.end();
  });
}

const FIRST_LIST = [
  {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "0" } },
  },
  { jsonrpc: "2.0", method: "notifications/initialized" },
  { jsonrpc: "2.0", id: 2, method: "tools/list" },
]
  .map((message) => `${JSON.stringify(message)}\n`)
  .join("");

/** The tools/list answer (id 2) with its tools, among the lines the server wrote. */
const listed = (stdout: string) =>
  stdout.split("\n").some((line) => line.startsWith('{"result":{"tools":[') && line.endsWith('"id":2}'));

/** The MCP SDK's own floor: a server of one tool with a zod schema, nothing of ours. */
const BARE_SERVER = `
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
const server = new McpServer({ name: "bare", version: "0" });
server.registerTool("echo", { description: "Echoes", inputSchema: { text: z.string() } }, async ({ text }) => ({
  content: [{ type: "text", text }],
}));
await server.connect(new StdioServerTransport());
`;

const STARTUP_CASES: Record<string, () => Promise<Sample>> = {
  "node -e 0": () => spawnTimed(["-e", "0"], ""),
  "bare MCP SDK server (1 tool), spawn to first tools/list": () =>
    spawnTimed(["--input-type=module", "-e", BARE_SERVER], FIRST_LIST, listed),
  "airbyte-ts-mcp (stdio), spawn to first tools/list": () => spawnTimed([main], FIRST_LIST, listed),
};

function timing(samples: Sample[]) {
  const wall = samples.map((sample) => sample.wallMs);
  return {
    medianMs: round(quantile(wall, 0.5)),
    p95Ms: round(quantile(wall, 0.95)),
    minMs: round(sorted(wall)[0] as number),
    cpuMedianMs: round(
      quantile(
        samples.map((sample) => sample.cpuMs),
        0.5,
      ),
    ),
  };
}

async function benchStartup() {
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(STARTUP_CASES).map((name) => [name, []]));
  for (let i = 0; i < WARMUP; i++) for (const run of Object.values(STARTUP_CASES)) await run();
  // Interleaved, so that a busy moment of the machine weighs on both alike.
  for (let i = 0; i < RUNS; i++) {
    for (const [name, run] of Object.entries(STARTUP_CASES)) samples[name]?.push(await run());
  }
  const results: Record<string, unknown> = { runs: RUNS };
  for (const [name, values] of Object.entries(samples)) results[name] = timing(values);
  const node = timing(samples["node -e 0"] ?? []);
  const bare = timing(samples["bare MCP SDK server (1 tool), spawn to first tools/list"] ?? []);
  const server = timing(samples["airbyte-ts-mcp (stdio), spawn to first tools/list"] ?? []);
  for (const [label, baseline] of [
    ["node -e 0", node],
    ["the bare MCP SDK server", bare],
  ] as const) {
    results[`over ${label}, wall (median ms)`] = round(server.medianMs - baseline.medianMs);
    results[`over ${label}, wall (min ms)`] = round(server.minMs - baseline.minMs);
    results[`over ${label}, CPU (median ms)`] = round(server.cpuMedianMs - baseline.cpuMedianMs);
  }
  return results;
}

/** CPU time (user + system) a process has used so far, in ms, from Linux's /proc (10 ms ticks). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function timed(call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await call();
  return performance.now() - start;
}

async function benchCalls() {
  const local = await startLocalServer({ inMemory: true, scheduler: false, log: () => {} });
  const clients: Client[] = [];
  const stopping: (() => Promise<unknown>)[] = [];
  try {
    const env = {
      PATH: process.env.PATH ?? "",
      AIRBYTE_API_ROOT: local.publicApiUrl,
      AIRBYTE_CLIENT_ID: local.clientId,
      AIRBYTE_CLIENT_SECRET: local.clientSecret,
      AIRBYTE_WORKSPACE_ID: local.workspaceId,
    };
    const seeding = new CloudWorkspace({
      workspaceId: local.workspaceId,
      apiRoot: local.publicApiUrl,
      clientId: local.clientId,
      clientSecret: local.clientSecret,
      apiOptions: { logLevel: "off" },
    });
    const source = await seeding.deploySource("bench faker", { sourceType: "faker", count: 20, seed: 3 });
    const destination = await seeding.deployDestination("bench sink", {
      destinationType: "dev-null",
      test_destination: { test_destination_type: "SILENT" },
    });
    const connection = await seeding.deployConnection("bench connection", {
      source,
      destination,
      selectedStreams: ["users"],
    });
    const args = { connection_id: connection.connectionId };

    // The baseline: the tool's run on a workspace made as the server's context.ts makes it.
    const tool = TOOLS.find((candidate) => candidate.name === "describe_cloud_connection");
    if (!tool) throw new Error("describe_cloud_connection is not in the tool table");
    const client = CloudClient.fromEnv({ env, apiOptions: { logger: streamLogger(process.stderr) } });
    const workspace = client.getWorkspace();
    const context = {
      workspace: () => workspace,
      client: () => client,
      request: {},
      session: new Session(true),
      env: process.env,
      transport: "stdio" as const,
    };

    const stdio = new Client({ name: "bench", version: "0" });
    const stdioTransport = new StdioClientTransport({ command: process.execPath, args: [main], env, stderr: "pipe" });
    await stdio.connect(stdioTransport);
    clients.push(stdio);
    const server = await startHttpServer([main, "--http", "--port", "0"], env);
    stopping.push(() => server.stop());
    const http = new Client({ name: "bench", version: "0" });
    await http.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    clients.push(http);

    const viaMcp = (on: Client) => async () => {
      const result = await on.callTool({ name: "describe_cloud_connection", arguments: args });
      if (result.isError) throw new Error(`describe_cloud_connection failed: ${JSON.stringify(result.content)}`);
    };
    const modes: Record<string, () => Promise<unknown>> = {
      "SDK directly (the tool's run)": () => tool.run(args, context),
      "MCP over stdio": viaMcp(stdio),
      "MCP over HTTP": viaMcp(http),
    };
    // Whose CPU a mode's calls cost besides this process's: its server process.
    const serverPids: Record<string, number> = {
      "MCP over stdio": stdioTransport.pid ?? 0,
      "MCP over HTTP": server.pid,
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(modes).map((name) => [name, []]));
    for (let i = 0; i < WARMUP_CALLS; i++) for (const call of Object.values(modes)) await call();
    const cpuBefore = Object.fromEntries(Object.entries(serverPids).map(([name, pid]) => [name, processCpuMs(pid)]));
    for (let i = 0; i < CALLS; i++) {
      for (const [name, call] of Object.entries(modes)) samples[name]?.push(await timed(call));
    }
    const serverCpuPerCall = (name: string) =>
      round((processCpuMs(serverPids[name] ?? 0) - (cpuBefore[name] ?? 0)) / CALLS);
    const direct = quantile(samples["SDK directly (the tool's run)"] ?? [], 0.5);
    const directP95 = quantile(samples["SDK directly (the tool's run)"] ?? [], 0.95);
    const results: Record<string, unknown> = { calls: CALLS };
    for (const [name, values] of Object.entries(samples)) {
      const median = quantile(values, 0.5);
      const p95 = quantile(values, 0.95);
      results[name] = {
        medianMs: round(median),
        p95Ms: round(p95),
        ...(name.startsWith("MCP")
          ? {
              overheadMedianMs: round(median - direct),
              overheadP95Ms: round(p95 - directP95),
              ratioMedian: round(median / direct),
              serverCpuPerCallMs: serverCpuPerCall(name),
            }
          : {}),
      };
    }
    return results;
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(stopping.map((stop) => stop()));
    await local.close();
  }
}

export async function benchMcp(): Promise<Record<string, unknown>> {
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  return { startup: await benchStartup(), perCall: await benchCalls() };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await benchMcp(), null, 2));
}
