/**
 * The main demo (`npm start`): a local Airbyte on loopback, a Sample Data (Faker) source and a
 * DuckDB destination, a connection between them, a sync followed live to its end, and the first
 * `users` rows read back from the DuckDB file the sync wrote. That is PyAirbyte's "Basic Sync"
 * and "Read From Cloud Destination" examples, with no account: give `CloudWorkspace` the root
 * and credentials of a real Airbyte instead and the same calls run there.
 */
import { pathToFileURL } from "node:url";
import { CloudWorkspace, type CloudJobInfo } from "airbyte-ts";
import { startLocalServer } from "@airbyte-ts/local";

export interface DemoOptions {
  /** Faker users to generate (products and purchases follow). */
  count?: number;
  log?: (line: string) => void;
  /** Where progress goes; a terminal gets one line rewritten in place. */
  progress?: NodeJS.WriteStream | { isTTY?: boolean; write(text: string): unknown };
}

export async function main(options: DemoOptions = {}): Promise<void> {
  const { count = 10_000, log = console.log, progress = process.stdout } = options;
  const local = await startLocalServer({ inMemory: true });
  try {
    log(`Local Airbyte at ${local.url} (public API ${local.publicApiUrl}, Config API ${local.configApiUrl})`);
    const workspace = new CloudWorkspace({
      workspaceId: local.workspaceId,
      apiRoot: local.publicApiUrl,
      configApiRoot: local.configApiUrl,
      clientId: local.clientId,
      clientSecret: local.clientSecret,
    });

    const source = await workspace.deploySource("Sample Data (Faker)", { sourceType: "faker", count, seed: 42 });
    // `/local/...` is Airbyte's mount of the local directory, as for DuckDB on a self-managed Airbyte.
    const destination = await workspace.deployDestination("DuckDB", {
      destinationType: "duckdb",
      destination_path: "/local/demo.duckdb",
    });
    const connection = await workspace.deployConnection("Faker to DuckDB", {
      source,
      destination,
      selectedStreams: ["users", "products", "purchases"],
    });
    log(`Connection "Faker to DuckDB" (${connection.connectionId}): ${(await connection.streamNames).join(", ")}`);

    const syncResult = await connection.runSync({
      wait: true,
      pollIntervalMs: 250,
      maxPollIntervalMs: 500,
      // The public API counts committed rows only; the Config API also has the records read so far.
      onProgress: async (job) => {
        const { job: detail } = await workspace.api.config.jobs.get({ id: job.jobId });
        showProgress(progress, job, detail.aggregatedStats?.recordsEmitted ?? 0);
      },
    });
    const job = await syncResult.getJobInfo();
    if (progress.isTTY) progress.write("\n");
    log(`Job ${job.jobId} ${job.status}: ${job.rowsSynced ?? 0} rows, ${job.bytesSynced ?? 0} bytes in ${job.duration}`);

    try {
      const users = await syncResult.getDataset("users");
      log(`${users.fullyQualifiedName}: ${await users.count()} rows; the first three:`);
      const first = await users.toArray({ limit: 3, columns: ["id", "name", "email", "age", "updated_at"] });
      for (const row of first) log(`  ${JSON.stringify(row)}`);
    } finally {
      await syncResult.close();
    }
  } finally {
    await local.close();
  }
}

function showProgress(out: NonNullable<DemoOptions["progress"]>, job: CloudJobInfo, read: number): void {
  const line = `  ${job.status}: ${read} records read, ${job.rowsSynced ?? 0} committed`;
  // A terminal gets one line rewritten in place; a pipe or a log file one line per poll.
  out.write(out.isTTY ? `\r${line.padEnd(60)}` : `${line}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
