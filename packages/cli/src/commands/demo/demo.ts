/**
 * The demo (`airbyte-ts demo`, and `npm start` through examples/demo.ts): a local Airbyte on
 * loopback, a Sample Data (Faker) source and a DuckDB destination, a connection between them, a
 * sync followed to its end, and the first `users` rows read back from the DuckDB file the sync
 * wrote. That is PyAirbyte's "Basic Sync" and "Read From Cloud Destination" examples with no
 * account: give `CloudWorkspace` the root and credentials of a real Airbyte instead and the same
 * calls run there.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CloudJobInfo, CloudWorkspace, isFinalJobStatus } from "airbyte-ts";
import { startLocalServer } from "@airbyte-ts/local";
import { PlainProgress, plainIntervalMs } from "../../output/progress.js";

export interface DemoProgress {
  job: CloudJobInfo;
  /** Records the source has emitted so far. */
  recordsRead: number;
  /** Records the destination has committed so far. */
  recordsCommitted: number;
}

export interface DemoOptions {
  /** Faker users to generate (products and purchases follow). Default 10,000. */
  count?: number;
  /** What the demo says, line by line. Default `console.log`. */
  log?: (line: string) => void;
  /** Called after every poll of the running sync. Default: a line on stdout, rewritten in place on a terminal (`lineOn`). */
  onProgress?: (progress: DemoProgress) => void;
  /** The directory standing for Airbyte's `/local`, where the DuckDB file goes. Default `<tmp>/airbyte_local`. */
  localDirectory?: string;
}

export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const { count = 10_000, log = console.log, onProgress = lineOn(process.stdout) } = options;
  // The server writes DuckDB files there, and the SDK reads them back from there.
  const localDirectory = options.localDirectory ?? join(tmpdir(), "airbyte_local");
  const local = await startLocalServer({ inMemory: true, localDirectory });
  try {
    log(`Local Airbyte at ${local.url} (public API ${local.publicApiUrl}, Config API ${local.configApiUrl})`);
    const workspace = new CloudWorkspace({
      workspaceId: local.workspaceId,
      apiRoot: local.publicApiUrl,
      configApiRoot: local.configApiUrl,
      clientId: local.clientId,
      clientSecret: local.clientSecret,
      datasetOptions: { localDirectory },
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
    log(`Connection "Faker to DuckDB" (${connection.connectionId}): ${(await connection.getStreamNames()).join(", ")}`);

    const syncResult = await connection.runSync({ wait: false });
    await syncResult.waitForCompletion({
      raiseFailure: true,
      pollIntervalMs: 250,
      maxPollIntervalMs: 500,
      // The public API counts committed rows only; the job's progress also has the records read so far.
      onProgress: async (job) => {
        const progress = await syncResult.getProgress();
        onProgress({ job, recordsRead: progress.recordsEmitted, recordsCommitted: progress.recordsCommitted });
      },
    });
    const job = await syncResult.getJobInfo();
    log(
      `Job ${job.jobId} ${job.status}: ${job.rowsSynced ?? 0} rows, ${job.bytesSynced ?? 0} bytes in ${job.duration}`,
    );

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

/**
 * Progress as one line, rewritten in place at every poll on a terminal (ended once the job
 * has); elsewhere a plain line when the figures changed, `intervalMs` apart at least (default
 * 10 s, or `AIRBYTE_TS_PROGRESS_INTERVAL`).
 */
export function lineOn(
  out: { isTTY?: boolean; write(text: string): unknown },
  intervalMs = out.isTTY ? 0 : plainIntervalMs(),
): (progress: DemoProgress) => void {
  const plain = out.isTTY ? undefined : new PlainProgress((line) => out.write(`${line}\n`), intervalMs);
  return ({ job, recordsRead, recordsCommitted }) => {
    const line = `  ${job.status}: ${recordsRead} records read, ${recordsCommitted} committed`;
    const finished = isFinalJobStatus(job.status);
    if (plain) plain.offer(line);
    else out.write(`\r${line.padEnd(60)}${finished ? "\n" : ""}`);
  };
}
