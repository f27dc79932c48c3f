/**
 * What runs one attempt of a job. The runner (runner.ts) starts attempts and reports how they
 * ended to the job queue (ports.ts), which owns the job's life (retries, cancellation,
 * statuses, state clearing after resets); an executor only does the work of an attempt: read
 * the source, write the destination, report progress and logs, and say how it ended. The
 * engine that really moves records plugs in here.
 */
import type { Config } from "airbyte-ts";

/** The numbers of an attempt: in total and per stream. */
export interface AttemptStatsRecord {
  total: Config.AttemptStats;
  streams: Config.AttemptStreamStats[];
}

/** What of its connection an attempt needs: where its streams land. */
export interface ConnectionInAttempt {
  id: string;
  name: string;
  namespaceDefinition: Config.NamespaceDefinitionType;
  namespaceFormat?: string;
  /** Put before each stream's table name; empty for none. */
  prefix: string;
}

/** A source or destination as an attempt runs it. */
export interface ActorInAttempt {
  id: string;
  definitionId: string;
  name: string;
  /** The configuration with its secrets, for the connector. */
  configuration: Record<string, unknown>;
}

/**
 * Saving state in two phases, so that a crash between the destination's commit and the
 * server's save neither loses nor repeats records (see engine/sync/replication.ts).
 */
export interface CheckpointLedger {
  /** Phase 1: hold `state` (the whole connection state) as pending under `checkpointId`. */
  prepare(checkpointId: string, state: Config.ConnectionState): void;
  /** Phase 3: the destination committed `checkpointId`: its state becomes the connection's. */
  confirm(checkpointId: string): void;
  /**
   * Before reading: keep a pending state left by a crashed attempt if the destination
   * committed its checkpoint, else (another one, or `null`: none yet, or a destination that
   * keeps none) drop it. Answers the connection's state to resume from.
   */
  settle(lastCommittedCheckpoint: string | null): Config.ConnectionState;
}

export interface AttemptContext {
  job: {
    id: number;
    configType: Config.JobConfigType;
    /** Streams a reset or clear works on; empty for syncs. */
    streams: Config.StreamDescriptor[];
  };
  /** Numbered from 0, as the Config API numbers attempts. */
  attemptNumber: number;
  connection: ConnectionInAttempt;
  source: ActorInAttempt;
  destination: ActorInAttempt;
  /** The selected streams, configured as they were when the job was created. */
  catalog: Config.AirbyteCatalog;
  /** The connection's state when the attempt starts. */
  state: Config.ConnectionState;
  /** Fires when the job is cancelled or the server stops: stop promptly and return. */
  signal: AbortSignal;
  log(level: Config.LogLevel, source: Config.LogSource, message: string): void;
  /** Numbers synced so far: the latest report replaces the previous one. */
  progress(stats: AttemptStatsRecord): void;
  checkpoints: CheckpointLedger;
}

export interface AttemptFailure {
  origin: Config.FailureOrigin;
  type: Config.FailureType;
  /** For the user. */
  message: string;
  /** For the developer, when it says more. */
  internalMessage?: string;
  retryable?: boolean;
  stream?: Config.StreamDescriptor;
}

export type AttemptResult =
  | { status: "succeeded"; stats?: AttemptStatsRecord }
  | { status: "failed"; failure: AttemptFailure; stats?: AttemptStatsRecord };

export interface AttemptExecutor {
  run(context: AttemptContext): Promise<AttemptResult>;
}
