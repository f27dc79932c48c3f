/**
 * An attempt's numbers per stream, as Airbyte counts them: records and bytes emitted as the
 * source gives them, committed once the destination has made them durable. Full refresh records
 * count as committed once durable in their staging table (as Airbyte's destinations count the
 * rows of their temporary tables), although the final table takes them only at the sync's end.
 */
import type { Config } from "airbyte-ts";
import type { StreamTarget } from "../../connectors/protocol.js";
import type { AttemptStatsRecord } from "../executor.js";

interface StreamEntry {
  target: StreamTarget;
  stats: Config.AttemptStats;
  /** Written to the destination since its last commit. */
  pending: { records: number; bytes: number };
}

export class AttemptStatsCounter {
  private readonly streams = new Map<string, StreamEntry>();

  constructor(targets: readonly StreamTarget[]) {
    for (const target of targets) {
      this.streams.set(target.key, { target, stats: zero(), pending: { records: 0, bytes: 0 } });
    }
  }

  emitted(key: string, bytes: number): void {
    const entry = this.streams.get(key);
    if (!entry) return;
    entry.stats.recordsEmitted = (entry.stats.recordsEmitted ?? 0) + 1;
    entry.stats.bytesEmitted = (entry.stats.bytesEmitted ?? 0) + bytes;
  }

  /** Written to the destination, not yet committed. */
  written(key: string, records: number, bytes: number): void {
    const entry = this.streams.get(key);
    if (!entry) return;
    entry.pending.records += records;
    entry.pending.bytes += bytes;
  }

  /** The destination committed: everything written so far, every stream's, is durable. */
  committed(): void {
    for (const entry of this.streams.values()) {
      entry.stats.recordsCommitted = (entry.stats.recordsCommitted ?? 0) + entry.pending.records;
      entry.stats.bytesCommitted = (entry.stats.bytesCommitted ?? 0) + entry.pending.bytes;
      entry.pending = { records: 0, bytes: 0 };
    }
  }

  record(): AttemptStatsRecord {
    const streams = [...this.streams.values()].map(({ target, stats }) => ({
      streamName: target.stream.name,
      ...(target.stream.namespace ? { streamNamespace: target.stream.namespace } : {}),
      stats: { ...stats },
    }));
    const total = zero();
    for (const { stats } of streams) {
      for (const key of Object.keys(total) as (keyof Config.AttemptStats)[]) {
        (total[key] as number) = (total[key] as number) + ((stats[key] as number | undefined) ?? 0);
      }
    }
    return { total, streams };
  }

  get(key: string): Config.AttemptStats | undefined {
    return this.streams.get(key)?.stats;
  }
}

function zero(): Config.AttemptStats {
  return { recordsEmitted: 0, bytesEmitted: 0, recordsCommitted: 0, bytesCommitted: 0, recordsRejected: 0 };
}
