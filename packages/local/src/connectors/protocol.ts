/**
 * How records move: what a source emits when it reads and what a destination is asked to do
 * with them. It follows the Airbyte protocol's ideas (records, per-stream or global state
 * checkpoints, sync modes) in TypeScript shapes. The engine (src/engine/sync) drives both ends.
 */
import type { JsonSchema } from "./types.js";

export interface StreamDescriptor {
  name: string;
  namespace?: string;
}

/** One stream as the connection configured it, for the source to read. */
export interface ConfiguredSourceStream extends StreamDescriptor {
  jsonSchema: JsonSchema;
  syncMode: "full_refresh" | "incremental";
  /** The cursor of an incremental stream (a path, top-level fields for the built-ins). */
  cursorField: string[];
  primaryKey: string[][];
}

/** A stream's state: whatever the source needs to resume it (faker: the newest `updated_at`). */
export type StreamStateBlob = Record<string, unknown>;

/**
 * Where a read starts: per-stream states (or a global state) saved from the last committed
 * checkpoint of an earlier sync or attempt. Streams without one start from the beginning.
 */
export interface SourceState {
  streams: { stream: StreamDescriptor; state: StreamStateBlob }[];
  /** Sources that checkpoint all streams together (none of the built-ins today). */
  global?: { sharedState?: StreamStateBlob };
}

export interface SourceReadRequest {
  config: Record<string, unknown>;
  streams: ConfiguredSourceStream[];
  state: SourceState;
  /** The directory behind Airbyte's `/local` mount (files a source reads live there). */
  localDirectory: string;
  /** Aborts the read (cancel): stop producing promptly. */
  signal: AbortSignal;
}

export type SourceMessage =
  | {
      type: "record";
      stream: string;
      namespace?: string;
      data: Record<string, unknown>;
      /** Epoch milliseconds when the source read the record. */
      emittedAt: number;
      /**
       * The record's size as the job's statistics count it: the length of its JSON text
       * (`JSON.stringify(data).length`). A source that knows it without serializing the record
       * (it built the record, or read it as JSON) gives it here; otherwise the engine serializes
       * every record to measure it.
       */
      bytes?: number;
    }
  /**
   * A checkpoint: every record of the stream emitted before this message is covered by the
   * state. The engine commits the destination, then saves the state.
   */
  | { type: "state"; stream: StreamDescriptor; state: StreamStateBlob }
  | { type: "log"; level: "debug" | "info" | "warn" | "error"; message: string };

/** One column of a destination table: a top-level property of the stream's records. */
export interface Column {
  name: string;
  /** The property's JSON Schema (each destination maps it to its own type). */
  schema: JsonSchema;
}

/** A stream as the destination writes it. */
export interface StreamTarget {
  /** Identifies the stream in write calls: `namespace.name` or `name`. */
  key: string;
  stream: StreamDescriptor;
  /** Schema (namespace) of the table, after the connection's namespace rules. */
  schema: string;
  /** Table name: the connection's prefix + the normalized stream name. */
  table: string;
  /** The selected top-level properties, in order; the `_airbyte_*` columns come on top. */
  columns: Column[];
  /**
   * `overwrite`: the new data replaces the old when the sync succeeds; `append`: full refresh
   * records are added when the sync succeeds; `append` of an incremental stream: records are
   * added at each checkpoint; `append_dedup`: at each checkpoint, the newest record per
   * primary key (by cursor) wins.
   */
  destinationSyncMode: "overwrite" | "append" | "append_dedup";
  syncMode: "full_refresh" | "incremental";
  primaryKey: string[][];
  cursorField: string[];
  /** Airbyte's generation id (`_airbyte_generation_id`): the job id here. */
  generationId: number;
}

/** A record as the destination stores it, with Airbyte's metadata. */
export interface DestinationRecord {
  /** `_airbyte_raw_id`: a UUID. */
  rawId: string;
  /** `_airbyte_extracted_at`, epoch milliseconds. */
  extractedAt: number;
  /**
   * The record's properties: only the selected ones when the connection selects fields, else
   * the source's record as it is (extra properties included). Writers keep the target's columns.
   */
  data: Record<string, unknown>;
  /** `_airbyte_meta`. */
  meta: { changes: unknown[]; sync_id: number };
}

export interface DestinationWriteRequest {
  config: Record<string, unknown>;
  streams: StreamTarget[];
  /** Where `/local` paths lead (DuckDB files). */
  localDirectory: string;
  /**
   * Whose checkpoints the writer records (the connection id): see `commit` and
   * `lastCheckpoint`.
   */
  checkpointScope: string;
}

/**
 * A destination during one attempt. Nothing written becomes visible or durable before
 * `commit()`; a failed or cancelled attempt (`close(false)`, or the process dying) leaves the
 * tables as they were after the last commit. Calls are never concurrent.
 */
export interface DestinationWriter {
  /** Stores records of a stream (in an open transaction, or a staging table). */
  write(streamKey: string, records: DestinationRecord[]): Promise<void>;
  /**
   * A checkpoint: makes what was written durable. Incremental streams become visible now
   * (appended, or merged by primary key); full refresh streams stay staged until `finish`.
   * With a `checkpointId`, the writer records it for `checkpointScope` IN THE SAME TRANSACTION
   * as the records (e.g. a row in an `_airbyte_checkpoints` table), so that after a crash the
   * engine can tell whether this checkpoint's records were committed.
   */
  commit(checkpointId?: string): Promise<void>;
  /**
   * The last checkpoint id committed for `checkpointScope`; null when none was committed yet,
   * or for a destination that keeps nothing (dev-null).
   */
  lastCheckpoint(): Promise<string | null>;
  /**
   * The sync succeeded: full refresh streams take their place (overwrite replaces the table,
   * append adds the staged rows) in one transaction, and staging is dropped.
   */
  finish(): Promise<void>;
  /** Releases connections; with `succeeded` false, rolls back what was not committed. */
  close(succeeded: boolean): Promise<void>;
}
