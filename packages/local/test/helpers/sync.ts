/**
 * Running syncs in tests through the SDK's low-level client: a faker source, a connection in a
 * given mode, a job followed to its end, its attempts' failures and logs, and the ids a
 * destination's table holds compared with the source's.
 */
import type { AirbyteApi, Config, ConnectionSyncModeEnum, JobResponse } from "airbyte-ts";
import { eventually, GiveUp } from "@airbyte-ts/test-support";

const FINISHED = ["succeeded", "failed", "cancelled"];

/** Starts a sync and waits for its job to finish. */
export async function syncAndWait(api: AirbyteApi, connectionId: string, timeoutMs = 60_000): Promise<JobResponse> {
  const job = await api.jobs.createJob({ connectionId, jobType: "sync" });
  return waitForJob(api, job.jobId, timeoutMs);
}

export function waitForJob(api: AirbyteApi, jobId: number, timeoutMs = 60_000): Promise<JobResponse> {
  return jobReaching(api, jobId, FINISHED, timeoutMs);
}

/** Polls the job until it has one of the statuses. */
export function jobReaching(
  api: AirbyteApi,
  jobId: number,
  statuses: readonly string[],
  timeoutMs = 60_000,
): Promise<JobResponse> {
  return eventually(
    async () => {
      const job = await api.jobs.getJob({ jobId });
      if (!statuses.includes(job.status))
        throw new Error(`job ${jobId} is still ${job.status}, not ${statuses.join(" or ")}`);
      return job;
    },
    { timeoutMs, intervalMs: 25 },
  );
}

/** Waits until the job's committed rows reach `rows` (the job is still running then). */
export async function waitForCommittedRows(
  api: AirbyteApi,
  jobId: number,
  rows: number,
  timeoutMs = 60_000,
): Promise<void> {
  await eventually(
    async () => {
      const info = await api.config.jobs.get({ id: jobId });
      const committed = info.attempts.at(-1)?.attempt.totalStats?.recordsCommitted ?? 0;
      if (committed >= rows) return;
      if (FINISHED.includes(info.job.status))
        throw new GiveUp(`job ${jobId} ended (${info.job.status}) before ${rows} rows were committed`);
      throw new Error(`job ${jobId} committed only ${committed} of ${rows} rows in ${timeoutMs} ms`);
    },
    { timeoutMs, intervalMs: 25 },
  );
}

/** What the public API's job said while it ran: each new `rowsSynced`, with the Config API's figures then. */
export interface RunningFigures {
  rowsSynced: number;
  bytesSynced: number;
  /** Config API `jobs/get`, read right after. */
  aggregated: Config.JobAggregatedStats | undefined;
  attempt: Config.AttemptStats | undefined;
}

/**
 * Polls `GET /jobs/{id}` until it has answered `count` different positive `rowsSynced` while
 * the job was running; fails if the job ends first.
 */
export async function watchRunningJob(
  api: AirbyteApi,
  jobId: number,
  count: number,
  timeoutMs = 60_000,
): Promise<RunningFigures[]> {
  const seen: RunningFigures[] = [];
  return eventually(
    async () => {
      const job = await api.jobs.getJob({ jobId });
      if (job.status !== "running" && job.status !== "pending") {
        throw new GiveUp(`job ${jobId} ended (${job.status}) after ${seen.length} of ${count} running figures`);
      }
      const rows = job.rowsSynced ?? 0;
      if (rows > 0 && rows !== seen.at(-1)?.rowsSynced) {
        const info = await api.config.jobs.get({ id: jobId });
        seen.push({
          rowsSynced: rows,
          bytesSynced: job.bytesSynced ?? 0,
          aggregated: info.job.aggregatedStats,
          attempt: info.attempts.at(-1)?.attempt.totalStats,
        });
      }
      if (seen.length < count)
        throw new Error(`job ${jobId}: ${seen.length} of ${count} running figures in ${timeoutMs} ms`);
      return seen;
    },
    { timeoutMs, intervalMs: 50 },
  );
}

export interface FakerConnectionOptions {
  workspaceId: string;
  destinationId: string;
  count: number;
  mode: ConnectionSyncModeEnum;
  streams?: string[];
  alwaysUpdated?: boolean;
  recordsPerSlice?: number;
  prefix?: string;
  seed?: number;
  /** Only these fields of every stream. */
  fields?: string[];
}

/** A faker source and a connection from it to the destination, every stream in one mode. */
export async function fakerConnection(
  api: AirbyteApi,
  options: FakerConnectionOptions,
): Promise<{ connectionId: string; sourceId: string }> {
  const source = await api.sources.createSource({
    name: `faker ${options.mode}`,
    workspaceId: options.workspaceId,
    configuration: {
      sourceType: "faker",
      count: options.count,
      seed: options.seed ?? 7,
      always_updated: options.alwaysUpdated ?? false,
      records_per_slice: options.recordsPerSlice ?? 100,
    },
  });
  const streams = (options.streams ?? ["users", "products", "purchases"]).map((name) => ({
    name,
    syncMode: options.mode,
    ...(options.fields ? { selectedFields: options.fields.map((field) => ({ fieldPath: [field] })) } : {}),
  }));
  const connection = await api.connections.createConnection({
    sourceId: source.sourceId,
    destinationId: options.destinationId,
    configurations: { streams },
    ...(options.prefix ? { prefix: options.prefix } : {}),
  });
  return { connectionId: connection.connectionId, sourceId: source.sourceId };
}

/** The messages of one attempt's log (the last attempt's by default), one per line. */
export async function attemptMessages(api: AirbyteApi, jobId: number, attempt = -1): Promise<string> {
  const info = await api.config.jobs.get({ id: jobId });
  const logs = info.attempts.at(attempt)?.logs as Config.LogEvents | undefined;
  return (logs?.events ?? []).map((event) => event.message).join("\n");
}

/** The rows' ids, as numbers, in order. */
export const ids = (rows: Record<string, unknown>[]) => rows.map((row) => Number(row.id)).sort((a, b) => a - b);

/** 1..n: the ids of the faker source's first n records. */
export const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The faker source's `updated_at` for record `id` (without `always_updated`). */
export const fakerUpdatedAt = (id: number) => new Date(Date.UTC(2024, 0, 1) + id * 1000).toISOString();
