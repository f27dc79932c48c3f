/**
 * The main demo (`npm start`): a local Airbyte on loopback, a Sample Data (Faker) source and a
 * DuckDB destination, a connection between them, and a sync followed to its end, all through
 * the typed client. No account needed; point `selfManaged(...)` at a real Airbyte instead and
 * the same calls run there.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AirbyteApi, type Config, selfManaged } from "airbyte-ts";
import { startLocalServer } from "@airbyte-ts/local";

const say = (line: string) => process.stdout.write(`${line}\n`);

const local = await startLocalServer({ inMemory: true });
try {
  say(`Local Airbyte at ${local.url} (public API ${local.publicApiUrl})`);
  const api = new AirbyteApi({ ...selfManaged(local.url), clientId: local.clientId, clientSecret: local.clientSecret });
  const workspaceId = local.workspaceId;

  const source = await api.sources.createSource({
    name: "Sample Data (Faker)",
    workspaceId,
    configuration: { sourceType: "faker", count: 500, seed: 42 },
  });
  const dataDir = mkdtempSync(join(tmpdir(), "airbyte-ts-demo-"));
  const destination = await api.destinations.createDestination({
    name: "DuckDB",
    workspaceId,
    configuration: { destinationType: "duckdb", destination_path: join(dataDir, "demo.duckdb") },
  });
  const connection = await api.connections.createConnection({
    sourceId: source.sourceId,
    destinationId: destination.destinationId,
    configurations: { streams: [{ name: "users", syncMode: "full_refresh_overwrite" }] },
  });
  say(`Connection "${connection.name}": ${connection.configurations.streams?.map((s) => s.name).join(", ")}`);

  const job = await api.jobs.createJob({ connectionId: connection.connectionId, jobType: "sync" });
  say(`Sync job ${job.jobId} started`);
  let current = job;
  while (!["succeeded", "failed", "cancelled"].includes(current.status)) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    current = await api.jobs.getJob({ jobId: job.jobId });
    process.stdout.write(
      `\r  ${current.status}, ${current.rowsSynced ?? 0} records, ${current.bytesSynced ?? 0} bytes   `,
    );
  }
  say(`\nJob ${current.jobId} ${current.status} in ${current.duration ?? "?"}`);

  const info = await api.config.jobs.get({ id: job.jobId });
  const events = (info.attempts[0]?.logs as Config.LogEvents | undefined)?.events ?? [];
  say("Attempt log:");
  for (const event of events) say(`  ${new Date(event.timestamp).toISOString()} ${event.logSource} > ${event.message}`);
} finally {
  await local.close();
}
