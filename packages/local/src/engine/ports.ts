/**
 * What the engine needs from the rest of the server, and nothing more. The engine is an edge
 * beside http/: it drives the services through these ports, which the services implement
 * (services/jobs/queue.ts, services/jobs/attempt-inputs.ts). Their types are the engine's own,
 * camelCase and free of the store's rows, so the engine never learns how jobs are stored.
 */
import type { Config } from "airbyte-ts";
import type { BasicSchedule } from "../services/schedules.js";
import type { AttemptStatsRecord, CheckpointLedger, ConnectionInAttempt, ActorInAttempt } from "./executor.js";

/** A job waiting for, or running, an attempt. */
export interface QueuedJob {
  id: number;
  connectionId: string;
  configType: Config.JobConfigType;
  /** Streams a reset or clear works on; empty for syncs. */
  streams: Config.StreamDescriptor[];
  /** The selected streams, configured as they were when the job was created. */
  catalog: Config.AirbyteCatalog;
}

/** An attempt the queue started; `signal` fires when the job is cancelled. */
export interface StartedAttempt {
  job: QueuedJob;
  /** Numbered from 0, as the Config API numbers attempts. */
  attemptNumber: number;
  signal: AbortSignal;
}

/** How an attempt ended, as its executor reports it. */
export type AttemptOutcome = { status: "succeeded" } | { status: "failed"; failure: Config.FailureReason };

/** What became of the job once an attempt ended. */
export interface JobAfterAttempt {
  status: Config.JobStatus;
  /** When an incomplete job's next attempt may start (epoch ms). */
  nextAttemptAt?: number;
  /** When the job's status last changed (epoch ms). */
  updatedAt: number;
}

/**
 * The jobs as the runner sees them: which may start, starting and ending their attempts, and
 * what an attempt reports on the way. The rules of a job's life (one job per connection at a
 * time, retries with backoff, cancellation, clearing the state after a reset) are the queue's.
 */
export interface JobQueue {
  /** Fails the attempts a previous process left running, so that their jobs go on. */
  recoverInterruptedAttempts(): void;
  /** Calls `listener` whenever a job is created; answers how to stop. */
  onJobCreated(listener: () => void): () => void;
  /** Jobs whose next attempt may start now, oldest first. */
  startableJobs(): QueuedJob[];
  /** When the earliest job waiting out its backoff may start its next attempt. */
  nextRetryAt(): number | undefined;
  /** Starts the job's next attempt, unless it may not start any more. */
  startAttempt(jobId: number): StartedAttempt | undefined;
  appendLog(
    jobId: number,
    attemptNumber: number,
    level: Config.LogLevel,
    source: Config.LogSource,
    message: string,
  ): void;
  /** The numbers an attempt has synced so far (or in the end): the latest replaces the previous. */
  saveAttemptStats(jobId: number, attemptNumber: number, stats: AttemptStatsRecord): void;
  /** Ends the attempt; the queue decides the job's fate. */
  finishAttempt(jobId: number, attemptNumber: number, outcome: AttemptOutcome): JobAfterAttempt;
  /** How many attempts of the job failed so far, of how many it may make. */
  attemptBudget(jobId: number): { failed: number; max: number };
}

/** What an attempt works with, besides its job. */
export interface AttemptInputs {
  connection: ConnectionInAttempt;
  source: ActorInAttempt;
  destination: ActorInAttempt;
  /** The connection's state when the attempt starts. */
  state: Config.ConnectionState;
  checkpoints: CheckpointLedger;
}

/** Where attempts find their connection, connectors and state. */
export interface AttemptInputSource {
  inputsOf(connectionId: string): AttemptInputs;
}

/** A connection that syncs on a schedule. */
export interface ScheduledConnection {
  id: string;
  schedule: { type: "cron"; cronExpression: string } | { type: "basic"; basic: BasicSchedule };
}

/** The scheduled connections and the syncs the scheduler creates for them. */
export interface SyncSchedule {
  /** Active connections with a cron or basic schedule. */
  scheduledConnections(): ScheduledConnection[];
  /** When the connection's latest sync or refresh was created (epoch ms), if it ever had one. */
  latestSyncCreatedAt(connectionId: string): number | undefined;
  /** A sync at the connection's scheduled time, answered by id; none while one of its jobs has not finished. */
  createScheduledSync(connectionId: string): number | undefined;
}

/** Every port the engine is started with. */
export interface EnginePorts {
  jobQueue: JobQueue;
  attemptInputs: AttemptInputSource;
  syncSchedule: SyncSchedule;
}
