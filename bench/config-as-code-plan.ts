/**
 * Config as code at a size teams reach: 200 sources, 200 destinations and 500 connections
 * with their streams. Applied once to an empty workspace (every step one create, in
 * dependency order); then planned with 20 ms added to every request, reads one at a time
 * (the baseline: what a plan that awaits each read costs) beside the default of 8 in flight;
 * then imported the same two ways. Each figure is a ratio against the sequential run, in the
 * same process against the same server.
 */
import { AirbyteApi, selfManaged } from "airbyte-ts";
import { apply, importWorkspace, loadProject, plan } from "airbyte-ts/config-as-code";
import { startLocalServer } from "@airbyte-ts/local";

const SOURCES = Number(process.env.BENCH_CAC_SOURCES ?? 200);
const DESTINATIONS = Number(process.env.BENCH_CAC_DESTINATIONS ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CAC_CONNECTIONS ?? 500);
const LATENCY_MS = 20;

function projectText(): string {
  const lines = ["apiVersion: airbyte-ts/v1", "sources:"];
  for (let i = 0; i < SOURCES; i++) {
    lines.push(`  faker_${i}: { connector: source-faker, configuration: { count: 10, seed: ${i} } }`);
  }
  lines.push("destinations:");
  for (let i = 0; i < DESTINATIONS; i++) {
    lines.push(
      `  sink_${i}: { connector: destination-dev-null, configuration: { test_destination: { test_destination_type: SILENT } } }`,
    );
  }
  lines.push("connections:");
  for (let i = 0; i < CONNECTIONS; i++) {
    lines.push(
      `  c_${i}:`,
      `    source: faker_${i % SOURCES}`,
      `    destination: sink_${(i * 7) % DESTINATIONS}`,
      "    schedule: { type: cron, cron: '0 0 12 * * ?' }",
      "    streams: { users: { syncMode: incremental_deduped_history }, purchases: { syncMode: full_refresh_append } }",
    );
  }
  return `${lines.join("\n")}\n`;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - start), value };
}

export async function benchConfigAsCodePlan(): Promise<Record<string, unknown>> {
  const server = await startLocalServer({ inMemory: true, scheduler: false });
  try {
    const api = new AirbyteApi({
      ...selfManaged(server.url),
      clientId: server.clientId,
      clientSecret: server.clientSecret,
    });
    const target = { api, workspaceId: server.workspaceId };
    const lock = { version: 1 as const, workspaceId: server.workspaceId, resources: {} };
    const project = await loadProject([{ path: "/nonexistent/airbyte.yaml", text: projectText() }], { env: {} });

    const created = await plan(project, target, { lock });
    const applied = await timed(() => apply(created));
    const resources = SOURCES + DESTINATIONS + CONNECTIONS;

    server.setFaults({ latencyMs: LATENCY_MS });
    try {
      const planWith = (concurrency: number) =>
        timed(() => plan(project, target, { lock: applied.value.lock, concurrency }));
      const sequentialPlan = await planWith(1);
      const parallelPlan = await planWith(8);
      for (const result of [sequentialPlan, parallelPlan]) {
        if (result.value.actions.length !== 0) throw new Error("the plan after apply is not empty");
      }
      const importWith = (concurrency: number) => timed(() => importWorkspace(target, { concurrency }));
      const sequentialImport = await importWith(1);
      const parallelImport = await importWith(8);
      return {
        resources: { sources: SOURCES, destinations: DESTINATIONS, connections: CONNECTIONS },
        apply: {
          ms: applied.ms,
          steps: created.actions.length,
          msPerResource: Number((applied.ms / resources).toFixed(2)),
        },
        planWith20msLatency: {
          sequential: { ms: sequentialPlan.ms },
          concurrency8: { ms: parallelPlan.ms, speedup: Number((sequentialPlan.ms / parallelPlan.ms).toFixed(2)) },
        },
        importWith20msLatency: {
          sequential: { ms: sequentialImport.ms },
          concurrency8: {
            ms: parallelImport.ms,
            speedup: Number((sequentialImport.ms / parallelImport.ms).toFixed(2)),
          },
        },
      };
    } finally {
      server.setFaults(undefined);
    }
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchConfigAsCodePlan(), null, 2));
}
