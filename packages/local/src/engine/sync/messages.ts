/**
 * What the server and a sync worker (a child process running one attempt) say to each other
 * over the IPC channel. Everything is plain JSON.
 */
import type { Config } from "airbyte-ts";
import type { ConfiguredSourceStream, SourceState, StreamDescriptor, StreamTarget } from "../../connectors/protocol.js";
import type { AttemptFailure, AttemptStatsRecord } from "../executor.js";

/** Everything the worker needs; it reads no database of the server's. */
export interface SyncPlan {
  jobId: number;
  attemptNumber: number;
  connectionId: string;
  /** `sync` moves records; `reset` empties the destination's tables of the streams (reset or clear). */
  kind: "sync" | "reset";
  connectionName: string;
  source: { definitionId: string; name: string; configuration: Record<string, unknown> };
  destination: { definitionId: string; name: string; configuration: Record<string, unknown> };
  /** What the source reads (empty for a reset). */
  sourceStreams: ConfiguredSourceStream[];
  /** What the destination writes, one target per source stream, in the same order; its columns are the selected fields. */
  targets: StreamTarget[];
  /** Where to resume. */
  state: SourceState;
  localDirectory: string;
  /** Records per write call. */
  batchSize: number;
}

export type ToWorker =
  | { type: "start"; plan: SyncPlan }
  | { type: "cancel" }
  /** The answer to a `resume` or `prepare` request of the worker. */
  | { type: "reply"; requestId: number; state?: SourceState };

export type FromWorker =
  | { type: "log"; level: Config.LogLevel; source: Config.LogSource; message: string }
  | { type: "progress"; stats: AttemptStatsRecord }
  /** Where to resume, given the checkpoint the destination committed last. */
  | { type: "resume"; requestId: number; lastCommittedCheckpoint: string | null }
  /** Phase 1 of a checkpoint: hold these streams' states as pending. */
  | {
      type: "prepare";
      requestId: number;
      checkpointId: string;
      states: { stream: StreamDescriptor; state: Record<string, unknown> }[];
    }
  /** Phase 3: the destination committed the checkpoint. */
  | { type: "confirm"; checkpointId: string }
  | { type: "done"; status: "succeeded"; stats: AttemptStatsRecord }
  | { type: "done"; status: "failed"; failure: AttemptFailure; stats?: AttemptStatsRecord };
