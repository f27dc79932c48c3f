/** One attempt of a job and its log, as `SyncResult.getAttempts()` gives them: everything is already loaded. */
import type { Config } from "../api/index.js";
import type { CloudConnection } from "./connection.js";
import { logLinesOf } from "./log-lines.js";
import type { CloudWorkspace } from "./workspace.js";

/** One reason an attempt failed, from Airbyte's failure summary (PyAirbyte's `SyncAttemptFailure`). */
export interface SyncAttemptFailure {
  /** Where it happened: `source`, `destination`, `replication`, `airbyte_platform`... */
  failureOrigin: string | undefined;
  /** `config_error`, `system_error`, `transient_error`...: a config error needs a person. */
  failureType: string | undefined;
  /** The message meant for users. */
  externalMessage: string | undefined;
  /** The message meant for developers, often with a stack trace. */
  internalMessage: string | undefined;
  /** Whether Airbyte deems another attempt worth making. */
  retryable: boolean | undefined;
  /** The stream it concerns, when it concerns one. */
  streamName: string | undefined;
}

/** One attempt of a job, with its log; everything is already loaded. */
export class SyncAttempt {
  readonly workspace: CloudWorkspace;
  readonly connection: CloudConnection;
  readonly jobId: number;
  /** The attempt's position in the job, from 0. */
  readonly attemptNumber: number;
  readonly #data: Config.AttemptInfoRead;

  constructor(
    workspace: CloudWorkspace,
    connection: CloudConnection,
    jobId: number,
    attemptNumber: number,
    data: Config.AttemptInfoRead,
  ) {
    this.workspace = workspace;
    this.connection = connection;
    this.jobId = jobId;
    this.attemptNumber = attemptNumber;
    this.#data = data;
  }

  get attemptId(): number {
    return this.#data.attempt.id;
  }

  get status(): string {
    return this.#data.attempt.status;
  }

  get bytesSynced(): number {
    return this.#data.attempt.bytesSynced ?? 0;
  }

  get recordsSynced(): number {
    return this.#data.attempt.recordsSynced ?? 0;
  }

  get createdAt(): Date {
    return new Date(this.#data.attempt.createdAt * 1000);
  }

  /** Why the attempt failed, as its failure summary lists it; empty when it did not fail. */
  get failures(): SyncAttemptFailure[] {
    return (this.#data.attempt.failureSummary?.failures ?? []).map((failure) => ({
      failureOrigin: failure.failureOrigin,
      failureType: failure.failureType,
      externalMessage: failure.externalMessage,
      internalMessage: failure.internalMessage,
      retryable: failure.retryable,
      streamName: failure.streamDescriptor?.name,
    }));
  }

  /** The attempt's log: structured events as `2024-05-01 12:34:56 info platform > message` lines (UTC), or the formatted lines. */
  getFullLogText(): string {
    return logLinesOf(this.#data).join("\n");
  }
}
