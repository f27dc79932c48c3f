/**
 * One attempt of a sync, as the worker runs it: records flow from the source's reader to the
 * destination's writer in batches, pulled one message at a time so that a slow destination
 * slows the source (memory stays bounded whatever a stream's size).
 *
 * About once a second the destination commits what it was given, so that the attempt's
 * committed figures move while it runs (and a crash loses at most a second of work): full
 * refresh records into their staging tables (the final tables change only at `finish`),
 * incremental ones into their tables together with the state that covers them. A commit waits
 * while an incremental stream has records its latest state does not cover, since a retry would
 * read them again. The state is saved in two phases so that a crash anywhere loses and
 * duplicates nothing:
 *
 * 1. the server holds the state as pending, under a new checkpoint id;
 * 2. the destination commits the records together with that checkpoint id;
 * 3. the server makes the pending state the connection's state.
 *
 * After a crash between 1 and 3, the next attempt asks the destination which checkpoint it
 * committed last and the server keeps or drops the pending state accordingly.
 */
import { randomUUID } from "node:crypto";
import type { Config } from "airbyte-ts";
import type {
  ConfiguredSourceStream,
  DestinationRecord,
  DestinationWriter,
  SourceMessage,
  SourceState,
  StreamTarget,
} from "../../connectors/protocol.js";
import { findConnector } from "../../connectors/registry.js";
import type { DestinationConnector, SourceConnector } from "../../connectors/types.js";
import type { AttemptFailure, AttemptStatsRecord } from "../executor.js";
import { AttemptStatsCounter } from "./attempt-stats.js";
import type { SyncPlan } from "./messages.js";
import { streamKey } from "./plan.js";
import { recordBytes } from "./record-bytes.js";

export interface ReplicationChannel {
  log(level: Config.LogLevel, source: Config.LogSource, message: string): void;
  progress(stats: AttemptStatsRecord): void;
  /**
   * Settles a checkpoint left pending by an earlier attempt, given the one the destination
   * committed last (null when the destination keeps none), and answers where to resume.
   */
  resume(lastCommittedCheckpoint: string | null): Promise<SourceState>;
  /** Phase 1: the server holds the streams' states as pending under `checkpointId`. */
  prepare(checkpointId: string, states: StreamCheckpoint[]): Promise<void>;
  /** Phase 3: the destination committed `checkpointId`. */
  confirm(checkpointId: string): void;
}

interface StreamCheckpoint {
  stream: { name: string; namespace?: string };
  state: Record<string, unknown>;
}

export type ReplicationResult =
  | { status: "succeeded"; stats: AttemptStatsRecord }
  | { status: "failed"; failure: AttemptFailure; stats?: AttemptStatsRecord };

const PROGRESS_INTERVAL_MS = 500;
/**
 * A commit costs a durable write in the destination, so commits are gathered: at most once a
 * second (or every so many records), the latest state of each incremental stream with them,
 * which is also the most work a crash or a cancel can lose.
 */
const COMMIT_INTERVAL_MS = 1_000;
const COMMIT_RECORDS = 100_000;

/** Where an error came from, for the failure's origin. */
class OriginError extends Error {
  constructor(
    readonly origin: "source" | "destination",
    readonly error: unknown,
    /** False when another attempt cannot fare better (a connector this server cannot run). */
    readonly retryable = true,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

export async function replicate(
  plan: SyncPlan,
  channel: ReplicationChannel,
  signal: AbortSignal,
): Promise<ReplicationResult> {
  const stats = new AttemptStatsCounter(plan.targets);
  let writer: DestinationWriter | undefined;
  // An attempt that never reached its connectors has no stats, as on Airbyte.
  let opened = false;
  try {
    const source = plan.kind === "sync" ? runnableSource(plan.source.definitionId, plan.source.name) : undefined;
    const destination = runnableDestination(plan.destination.definitionId, plan.destination.name);
    writer = await asDestination(() =>
      destination.open!({
        config: plan.destination.configuration,
        streams: plan.targets,
        localDirectory: plan.localDirectory,
        checkpointScope: plan.connectionId,
      }),
    );
    opened = true;
    const state = await channel.resume(await asDestination(() => writer!.lastCheckpoint()));
    // Every record is committed once copied: `finish` only puts staged tables in place.
    if (source) await copyRecords(plan, source, writer, state, channel, stats, signal);
    else logReset(plan, channel);
    throwIfAborted(signal);
    await asDestination(() => writer!.finish());
    await asDestination(() => writer!.close(true));
    writer = undefined;
    logTotals(plan, channel, stats);
    return { status: "succeeded", stats: stats.record() };
  } catch (error) {
    await writer?.close(false).catch(() => undefined);
    const failure = failureOf(error, signal);
    channel.log(
      failure.type === "manual_cancellation" ? "info" : "error",
      originSource(failure.origin),
      failure.message,
    );
    return { status: "failed", failure, ...(opened ? { stats: stats.record() } : {}) };
  }
}

async function copyRecords(
  plan: SyncPlan,
  source: SourceConnector,
  writer: DestinationWriter,
  state: SourceState,
  channel: ReplicationChannel,
  stats: AttemptStatsCounter,
  signal: AbortSignal,
): Promise<void> {
  const streams = new Map(plan.targets.map((target) => [target.key, new StreamRun(target, plan.sourceStreams)]));
  // Every record of the attempt has the same `_airbyte_meta` from here (writers add their own changes to a copy).
  const meta: DestinationRecord["meta"] = Object.freeze({
    changes: Object.freeze([]) as never[],
    sync_id: plan.jobId,
  });
  const flush = async (run: StreamRun) => {
    if (run.records.length === 0) return;
    const { records, bytes } = run;
    run.records = [];
    run.bytes = 0;
    await asDestination(() => writer.write(run.target.key, records));
    stats.written(run.target.key, records.length, bytes);
  };
  const flushAll = async () => {
    for (const run of streams.values()) await flush(run);
  };
  let lastProgress = 0;
  const reportProgress = (now: number) => {
    lastProgress = now;
    channel.progress(stats.record());
  };
  // The newest state of each incremental stream whose records are written but not committed.
  const pending = new Map<string, StreamCheckpoint>();
  // Incremental streams with records read after their newest state.
  const uncovered = new Set<string>();
  let lastCommit = Date.now();
  let readSinceCommit = 0;
  const commit = async () => {
    await flushAll();
    readSinceCommit = 0;
    if (pending.size === 0) {
      await asDestination(() => writer.commit());
    } else {
      const checkpointId = randomUUID();
      await channel.prepare(checkpointId, [...pending.values()]);
      await asDestination(() => writer.commit(checkpointId));
      channel.confirm(checkpointId);
      pending.clear();
    }
    stats.committed();
    lastCommit = Date.now();
    reportProgress(lastCommit);
  };

  const reader = source.read!({
    config: plan.source.configuration,
    streams: plan.sourceStreams,
    state,
    localDirectory: plan.localDirectory,
    signal,
  });
  // Pulled by hand rather than through another async generator: a layer of those costs a few
  // promises per record, and a sync moves millions of records.
  const messages = reader[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<SourceMessage>;
    try {
      next = await messages.next();
    } catch (error) {
      throw new OriginError("source", error);
    }
    if (next.done) break;
    const message = next.value;
    throwIfAborted(signal);
    switch (message.type) {
      case "record": {
        const key = message.namespace
          ? streamKey({ name: message.stream, namespace: message.namespace })
          : message.stream;
        const run = streams.get(key);
        if (!run) break; // a stream the connection did not select
        if (!run.started) {
          run.started = true;
          channel.log("info", "replication-orchestrator", describeStart(run.target));
        }
        const record = toDestinationRecord(run, message, meta);
        // Bytes are the record's JSON length, counted once (by the source when it knows it).
        const bytes = run.everyProperty && message.bytes !== undefined ? message.bytes : recordBytes(record.data);
        run.records.push(record);
        run.bytes += bytes;
        stats.emitted(key, bytes);
        readSinceCommit++;
        if (run.target.syncMode === "incremental") uncovered.add(key);
        if (run.records.length >= plan.batchSize) await flush(run);
        break;
      }
      case "state": {
        const target = streams.get(streamKey(message.stream))?.target;
        // Full refresh streams restart from the beginning on every attempt: no checkpoints.
        if (!target || target.syncMode !== "incremental") break;
        pending.set(target.key, { stream: message.stream, state: message.state });
        uncovered.delete(target.key);
        break;
      }
      case "log":
        channel.log(message.level, "source", message.message);
        break;
    }
    const now = Date.now();
    if ((now - lastCommit >= COMMIT_INTERVAL_MS || readSinceCommit >= COMMIT_RECORDS) && uncovered.size === 0) {
      await commit();
    } else if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
      reportProgress(now);
    }
  }
  // The source is done: what it read last is committed, covered by a state or not.
  await commit();
}

/** One stream of the attempt: where its records go, and those read since the last write. */
class StreamRun {
  started = false;
  records: DestinationRecord[] = [];
  bytes = 0;
  /**
   * Every property of the stream's schema is a column (no field selection): records go to the
   * writer as the source made them, without a copy of the selected properties.
   */
  readonly everyProperty: boolean;

  constructor(
    readonly target: StreamTarget,
    sourceStreams: readonly ConfiguredSourceStream[],
  ) {
    const read = sourceStreams.find((stream) => streamKey(stream) === target.key);
    const properties = Object.keys(read?.jsonSchema.properties ?? {});
    this.everyProperty =
      properties.length === target.columns.length && target.columns.every((column, i) => column.name === properties[i]);
  }
}

function toDestinationRecord(
  run: StreamRun,
  message: Extract<SourceMessage, { type: "record" }>,
  meta: DestinationRecord["meta"],
): DestinationRecord {
  let data = message.data;
  if (!run.everyProperty) {
    data = {};
    for (const column of run.target.columns) {
      if (column.name in message.data) data[column.name] = message.data[column.name];
    }
  }
  return { rawId: randomUUID(), extractedAt: message.emittedAt, data, meta };
}

function runnableSource(definitionId: string, name: string): SourceConnector {
  const connector = findConnector(definitionId);
  if (!connector || connector.definition.actorType !== "source" || !("read" in connector) || !connector.read) {
    throw new OriginError(
      "source",
      new Error(notRunnable(connector?.definition.notRunnableReason, `source "${name}"`)),
      false,
    );
  }
  return connector;
}

function runnableDestination(definitionId: string, name: string): DestinationConnector {
  const connector = findConnector(definitionId);
  if (!connector || connector.definition.actorType !== "destination" || !("open" in connector) || !connector.open) {
    throw new OriginError(
      "destination",
      new Error(notRunnable(connector?.definition.notRunnableReason, `destination "${name}"`)),
      false,
    );
  }
  return connector;
}

function notRunnable(reason: string | undefined, what: string): string {
  return reason ?? `The local server cannot run the ${what}: it is not one of its built-in connectors.`;
}

async function asDestination<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof OriginError ? error : new OriginError("destination", error);
  }
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason ?? new Error("The attempt was cancelled.");
}

function failureOf(error: unknown, signal: AbortSignal): AttemptFailure {
  if (signal.aborted) {
    return { origin: "airbyte_platform", type: "manual_cancellation", message: "The sync was cancelled." };
  }
  const origin = error instanceof OriginError ? error.origin : "replication";
  const cause = error instanceof OriginError ? error.error : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return {
    origin,
    type: "system_error",
    message: `${origin === "replication" ? "The sync" : `The ${origin}`} failed: ${message}`,
    ...(cause instanceof Error && cause.stack ? { internalMessage: cause.stack } : {}),
    retryable: error instanceof OriginError ? error.retryable : true,
  };
}

function originSource(origin: Config.FailureOrigin): Config.LogSource {
  return origin === "source" || origin === "destination" ? origin : "replication-orchestrator";
}

function describeStart(target: StreamTarget): string {
  return `Stream ${target.key} (${target.syncMode} | ${target.destinationSyncMode}) -> ${target.schema}.${target.table}: reading.`;
}

function logReset(plan: SyncPlan, channel: ReplicationChannel): void {
  const tables = plan.targets.map((t) => `${t.schema}.${t.table}`);
  channel.log(
    "info",
    "destination",
    tables.length ? `Clearing ${tables.join(", ")}.` : "The connection has no selected streams to clear.",
  );
}

function logTotals(plan: SyncPlan, channel: ReplicationChannel, stats: AttemptStatsCounter): void {
  if (plan.kind !== "sync") return;
  for (const target of plan.targets) {
    const s = stats.get(target.key);
    channel.log(
      "info",
      "replication-orchestrator",
      `Stream ${target.key}: ${s?.recordsEmitted ?? 0} records read, ${s?.recordsCommitted ?? 0} committed to ${target.schema}.${target.table}.`,
    );
  }
}
