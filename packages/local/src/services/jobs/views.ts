/**
 * Jobs and attempts as the APIs show them: the public API's JobResponse and the Config API's
 * JobRead, AttemptRead and attempt logs, built from stored rows.
 */
import { type Config, isFinalJobStatus, type JobResponse, type JobStatusEnum } from "airbyte-ts";
import { parseJsonColumn } from "../../store/db.js";
import type { AttemptLogRow, AttemptRow, JobRow } from "../../store/rows.js";
import { seconds } from "../context.js";
import { formattedLogLine, javaDuration, javaOffsetDateTime, publicJobType } from "./format.js";

export type LogFormat = "structured" | "formatted";

/** The public API's JobResponse, as Airbyte's JobResponseMapper derives it. */
export function toJobResponse(job: JobRow, attempts: AttemptRow[]): JobResponse {
  const status = job.status as JobStatusEnum;
  const response: JobResponse = {
    jobId: job.id,
    status,
    jobType: publicJobType(job.config_type),
    startTime: javaOffsetDateTime(job.created_at),
    connectionId: job.connection_id,
  };
  if (isFinalJobStatus(status)) response.lastUpdatedAt = javaOffsetDateTime(job.updated_at);
  if (status !== "pending") response.duration = javaDuration(seconds(job.updated_at) - seconds(job.created_at));
  const aggregated = aggregateStats(job, attempts);
  if (aggregated) {
    response.bytesSynced = aggregated.job.bytesCommitted;
    response.rowsSynced = aggregated.job.recordsCommitted;
  }
  return response;
}

export function toJobRead(job: JobRow, attempts: AttemptRow[]): Config.JobRead {
  const read: Config.JobRead = {
    id: job.id,
    configType: job.config_type as Config.JobConfigType,
    configId: job.connection_id,
    enabledStreams: jobCatalog(job).streams.map(({ stream }) => descriptor(stream?.name ?? "", stream?.namespace)),
    createdAt: seconds(job.created_at),
    updatedAt: seconds(job.updated_at),
    status: job.status as Config.JobStatus,
  };
  if (job.started_at !== null) read.startedAt = seconds(job.started_at);
  const streams = parseJsonColumn<Config.StreamDescriptor[]>(job.streams);
  if (job.config_type === "reset_connection" || job.config_type === "clear") {
    read.resetConfig = { streamsToReset: streams ?? [] };
  }
  if (job.config_type === "refresh" && streams?.length) read.refreshConfig = { streamsToRefresh: streams };
  const aggregated = aggregateStats(job, attempts);
  if (aggregated) {
    read.aggregatedStats = aggregated.job;
    read.streamAggregatedStats = aggregated.streams;
  }
  return read;
}

export function toAttemptRead(row: AttemptRow): Config.AttemptRead {
  const read: Config.AttemptRead = {
    id: row.number,
    status: row.status as Config.AttemptStatus,
    createdAt: seconds(row.created_at),
    updatedAt: seconds(row.updated_at),
  };
  if (row.ended_at !== null) read.endedAt = seconds(row.ended_at);
  const total = parseJsonColumn<Config.AttemptStats>(row.stats);
  if (total) {
    read.bytesSynced = total.bytesCommitted ?? 0;
    read.recordsSynced = total.recordsCommitted ?? 0;
    read.totalStats = total;
    read.streamStats = parseJsonColumn<Config.AttemptStreamStats[]>(row.stream_stats) ?? [];
  }
  const failureSummary = parseJsonColumn<Config.AttemptFailureSummary>(row.failure_summary);
  if (failureSummary) read.failureSummary = failureSummary;
  return read;
}

export function toAttemptInfo(row: AttemptRow, logs: AttemptLogRow[], format: LogFormat): Config.AttemptInfoRead {
  if (format === "formatted") {
    return {
      attempt: toAttemptRead(row),
      logType: "formatted",
      logs: { logLines: logs.map((line) => formattedLogLine(line.timestamp, line.source, line.message)) },
    };
  }
  return {
    attempt: toAttemptRead(row),
    logType: "structured",
    logs: {
      events: logs.map((line) => ({
        timestamp: line.timestamp,
        message: line.message,
        level: line.level as Config.LogLevel,
        logSource: line.source as Config.LogSource,
      })),
      version: "1",
    },
  };
}

/** The selected streams the job works on. */
export function jobCatalog(job: JobRow): Config.AirbyteCatalog {
  return parseJsonColumn<Config.AirbyteCatalog>(job.catalog) ?? { streams: [] };
}

export function descriptor(name: string, namespace?: string | null): Config.StreamDescriptor {
  return namespace ? { name, namespace } : { name };
}

const streamKey = (name: string, namespace?: string | null) => `${namespace ?? ""}\u0000${name}`;

/**
 * What a job synced over all its attempts, as Airbyte's StatsAggregationHelper counts it: per
 * stream of the job's catalog, a full refresh counts its last attempt (each attempt starts
 * over) and an incremental stream the sum of its attempts; the job's numbers are the sum of
 * its streams'. Undefined while no attempt has reported any numbers.
 */
function aggregateStats(
  job: JobRow,
  attempts: AttemptRow[],
): { job: Config.JobAggregatedStats; streams: Config.StreamStats[] } | undefined {
  if (!attempts.some((attempt) => attempt.stats !== null)) return undefined;
  const perStream = new Map<string, Config.AttemptStreamStats[]>();
  for (const attempt of attempts) {
    for (const stats of parseJsonColumn<Config.AttemptStreamStats[]>(attempt.stream_stats) ?? []) {
      const key = streamKey(stats.streamName, stats.streamNamespace);
      perStream.set(key, [...(perStream.get(key) ?? []), stats]);
    }
  }
  const streams: Config.StreamStats[] = [];
  for (const { stream, config } of jobCatalog(job).streams) {
    if (!stream) continue;
    const history = perStream.get(streamKey(stream.name, stream.namespace));
    if (!history?.length) continue;
    const counted = config?.syncMode === "incremental" ? history : history.slice(-1);
    streams.push({ ...descriptorFields(stream.name, stream.namespace), ...sum(counted.map((s) => s.stats)) });
  }
  return { job: sum(streams), streams };
}

function descriptorFields(streamName: string, streamNamespace?: string | null) {
  return streamNamespace ? { streamName, streamNamespace } : { streamName };
}

function sum(stats: Config.AttemptStats[]): Config.JobAggregatedStats {
  const total = (field: keyof Config.JobAggregatedStats) =>
    stats.reduce((acc, s) => acc + (Number((s as Record<string, unknown>)[field]) || 0), 0);
  return {
    recordsEmitted: total("recordsEmitted"),
    bytesEmitted: total("bytesEmitted"),
    recordsCommitted: total("recordsCommitted"),
    bytesCommitted: total("bytesCommitted"),
    recordsRejected: total("recordsRejected"),
  };
}
