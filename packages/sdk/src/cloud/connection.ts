/**
 * A connection: a source and a destination paired, with its streams, schedule, syncs, state and
 * catalog. The object is lazy (made from an id, it fetches nothing until asked) and keeps what
 * it learns: names and ids read from a list or an earlier answer cost no request.
 */
import type { ConnectionPatchRequest, ConnectionResponse } from "../api/index.js";
import { LockedError } from "../http/errors.js";
import {
  type AirbyteStateMessage,
  type AirbyteStateMessageInput,
  type ConnectionState,
  matchesStream,
  normalizeStateToProtocol,
  type StateBlob,
  streamStatesOf,
  toApiState,
  withStreamState,
} from "./state.js";
import {
  type ApiCatalog,
  denormalizeCatalogToApi,
  isProtocolCatalogFormat,
  normalizeCatalogToProtocol,
  type ProtocolCatalog,
} from "./catalog.js";
import { CloudDestination, CloudSource } from "./connectors.js";
import type { JobTypeEnum } from "./constants.js";
import { toQuartzCron } from "./cron.js";
import { ConnectionStateLockedError, InputError, orMissing } from "./errors.js";
import { requireSameWorkspace, workspaceResource } from "./resource-ids.js";
import { Cached, type CallOptions, requestOptions } from "./internal.js";
import { type CloudConnectionInfo, connectionInfo } from "./models.js";
import { SyncResult } from "./sync-result.js";
import type { PermanentlyDeleteConnectionOptions } from "./deletion.js";
import { selectedStreamsOf } from "./stream-selection.js";
import { type RunSyncOptions, runSync } from "./sync-start.js";
import type { CloudWorkspace } from "./workspace.js";
import { listJobsUpTo } from "./jobs.js";
import { connectionTimelineUrlOf, connectionUrlOf } from "./urls.js";

// The options of runSync and permanentlyDelete live beside the functions that carry them out.

export interface GetConnectionInfoOptions extends CallOptions {
  /** Fetch again even when the info is known. */
  forceRefresh?: boolean;
}

export interface PreviousSyncLogsOptions extends CallOptions {
  /** At most this many jobs. Default 20. */
  limit?: number;
  /** Jobs to skip first. Default 0. */
  offset?: number;
  /** Newest first (default) or oldest first. */
  fromTail?: boolean;
  /** Only jobs of this type; default the API's (syncs and resets). */
  jobType?: JobTypeEnum;
}

export class CloudConnection {
  readonly connectionId: string;
  readonly workspace: CloudWorkspace;
  readonly #info: Cached<CloudConnectionInfo>;
  #sourceId: string | undefined;
  #destinationId: string | undefined;
  #source: CloudSource | undefined;
  #destination: CloudDestination | undefined;

  /** Prefer `workspace.getConnection(id)`. Makes no request. */
  constructor(
    workspace: CloudWorkspace,
    connectionId: string,
    known: { sourceId?: string; destinationId?: string; info?: ConnectionResponse } = {},
  ) {
    this.workspace = workspace;
    this.connectionId = connectionId;
    this.#info = new Cached(known.info && connectionInfo(known.info));
    this.#sourceId = known.sourceId ?? known.info?.sourceId;
    this.#destinationId = known.destinationId ?? known.info?.destinationId;
  }

  // ---- info ----------------------------------------------------------------------------------

  /** The connection's info, fetched when unknown (or when `forceRefresh`), checked to belong to the workspace. */
  async getInfo(options: GetConnectionInfoOptions = {}): Promise<CloudConnectionInfo> {
    const info = await this.#info.get(() => this.#fetchInfo(requestOptions(options)), options.forceRefresh);
    requireSameWorkspace(this.workspace, "connection", this.connectionId, info.workspaceId);
    return info;
  }

  /** True when the connection exists in this workspace; `WorkspaceMismatchError` or `MissingResourceError` otherwise. */
  async checkIsValid(options: CallOptions = {}): Promise<boolean> {
    await this.getInfo(options);
    return true;
  }

  /** The display name, e.g. "Postgres to Snowflake". */
  async getName(options: GetConnectionInfoOptions = {}): Promise<string> {
    return (await this.getInfo(options)).name;
  }

  /** The source's id, remembered once known (a connection's source never changes). */
  async getSourceId(options: GetConnectionInfoOptions = {}): Promise<string> {
    if (this.#sourceId !== undefined) return this.#sourceId;
    return (this.#sourceId = (await this.getInfo(options)).sourceId);
  }

  /** The destination's id, remembered once known. */
  async getDestinationId(options: GetConnectionInfoOptions = {}): Promise<string> {
    if (this.#destinationId !== undefined) return this.#destinationId;
    return (this.#destinationId = (await this.getInfo(options)).destinationId);
  }

  /** The source, as a lazy object (its id may need the connection's info). */
  async getSource(options: GetConnectionInfoOptions = {}): Promise<CloudSource> {
    const id = await this.getSourceId(options);
    return (this.#source ??= new CloudSource(this.workspace, id));
  }

  /** The destination, as a lazy object (its id may need the connection's info). */
  async getDestination(options: GetConnectionInfoOptions = {}): Promise<CloudDestination> {
    const id = await this.getDestinationId(options);
    return (this.#destination ??= new CloudDestination(this.workspace, id));
  }

  /** The selected streams' names (the public API's stream configurations). */
  async getStreamNames(options: GetConnectionInfoOptions = {}): Promise<string[]> {
    return (await this.getInfo(options)).streams.map((stream) => stream.name);
  }

  /** The prefix of the destination tables, `""` for none. */
  async getTablePrefix(options: GetConnectionInfoOptions = {}): Promise<string> {
    return (await this.getInfo(options)).prefix ?? "";
  }

  /** Whether the connection is active; always asks the API, since anyone may have changed it. */
  async isEnabled(options: GetConnectionInfoOptions = {}): Promise<boolean> {
    return (await this.getInfo({ ...options, forceRefresh: true })).status === "active";
  }

  get connectionUrl(): string {
    return connectionUrlOf(this.workspace.workspaceUrl, this.connectionId);
  }

  get jobHistoryUrl(): string {
    return connectionTimelineUrlOf(this.workspace.workspaceUrl, this.connectionId);
  }

  // ---- syncs ---------------------------------------------------------------------------------

  /**
   * Starts a sync and, unless `wait: false`, waits for it (`waitTimeoutMs`, default 5 minutes),
   * throwing `ConnectionSyncError` if it fails and `ConnectionSyncTimeoutError` if it runs longer.
   */
  runSync(options: RunSyncOptions & { ifRunning: "skip" }): Promise<SyncResult | undefined>;
  runSync(options?: RunSyncOptions & { ifRunning?: "fail" | "attach" }): Promise<SyncResult>;
  runSync(options?: RunSyncOptions): Promise<SyncResult | undefined>;
  runSync(options: RunSyncOptions = {}): Promise<SyncResult | undefined> {
    return runSync(this, options);
  }

  /** Jobs of the connection, newest first unless `fromTail: false`, each as a `SyncResult` that knows its job. */
  async getPreviousSyncLogs(options: PreviousSyncLogsOptions = {}): Promise<SyncResult[]> {
    const found = await listJobsUpTo(this.workspace.api, { ...options, connectionId: this.connectionId });
    return found.map((job) => new SyncResult(this.workspace, this, job.jobId, job));
  }

  /** A job's result, made without a request; without an id, the newest job's (undefined when there is none). */
  getSyncResult(jobId: number): SyncResult;
  getSyncResult(jobId?: undefined, options?: CallOptions): Promise<SyncResult | undefined>;
  getSyncResult(jobId?: number, options: CallOptions = {}): SyncResult | Promise<SyncResult | undefined> {
    if (jobId !== undefined) {
      if (!Number.isSafeInteger(jobId)) throw new InputError(`A job id is a whole number; got ${String(jobId)}.`);
      return new SyncResult(this.workspace, this, jobId);
    }
    return this.getPreviousSyncLogs({ ...options, limit: 1 }).then((results) => results[0]);
  }

  // ---- state ---------------------------------------------------------------------------------

  /** The state as protocol messages (`normalize`, the default) or as the Config API returns it. */
  dumpRawState(options?: CallOptions & { normalize?: true }): Promise<AirbyteStateMessage[]>;
  dumpRawState(options: CallOptions & { normalize: false }): Promise<ConnectionState>;
  dumpRawState(options?: CallOptions & { normalize?: boolean }): Promise<AirbyteStateMessage[] | ConnectionState>;
  async dumpRawState(
    options: CallOptions & { normalize?: boolean } = {},
  ): Promise<AirbyteStateMessage[] | ConnectionState> {
    const raw = (await orMissing(
      this.workspace.api.config.state.get({ connectionId: this.connectionId }, requestOptions(options)),
      this.#resource(),
    )) as ConnectionState;
    return options.normalize === false ? raw : normalizeStateToProtocol(raw);
  }

  /**
   * Replaces the whole state: protocol messages (a list, or one message) are converted, a
   * Config API state is sent as it is; `connectionId` is always this connection's. While a
   * sync runs, Airbyte refuses (423) and this throws `ConnectionSyncActiveError`.
   */
  async importRawState(
    connectionState: ConnectionState | readonly AirbyteStateMessageInput[] | AirbyteStateMessageInput,
    options: CallOptions = {},
  ): Promise<ConnectionState> {
    const state = toApiState(connectionState, this.connectionId);
    try {
      return (await orMissing(
        this.workspace.api.config.state.createOrUpdateSafe(
          { connectionId: this.connectionId, connectionState: { ...state, connectionId: this.connectionId } },
          requestOptions(options),
        ),
        this.#resource(),
      )) as ConnectionState;
    } catch (error) {
      if (error instanceof LockedError) {
        throw new ConnectionStateLockedError("Cannot update connection state while a sync is running.", {
          connectionId: this.connectionId,
          guidance: "Wait for the current sync to complete before updating state.",
          workspaceUrl: this.workspace.workspaceUrl,
          cause: error,
        });
      }
      throw error;
    }
  }

  /** One stream's state blob (stream and global states), or undefined when the stream has none. */
  async getStreamState(
    streamName: string,
    streamNamespace?: string | null,
    options: CallOptions = {},
  ): Promise<StateBlob | undefined> {
    const raw = await this.dumpRawState({ ...options, normalize: false });
    const match = streamStatesOf(raw).find((stream) => matchesStream(stream, streamName, streamNamespace));
    return match?.state ?? undefined;
  }

  /**
   * Sets one stream's state blob: matching entries are replaced where they are, otherwise the
   * stream is added. A connection without state, or with a legacy one, is an `InputError`.
   */
  async setStreamState(
    streamName: string,
    stateBlob: StateBlob,
    streamNamespace?: string | null,
    options: CallOptions = {},
  ): Promise<void> {
    const raw = await this.dumpRawState({ ...options, normalize: false });
    const next = withStreamState(raw, { name: streamName, namespace: streamNamespace }, stateBlob);
    await this.importRawState(next, options);
  }

  /** @deprecated Use `dumpRawState()`. The Config API's stream states, or undefined when no state is set. */
  async getStateArtifacts(options: CallOptions = {}): Promise<Record<string, unknown>[] | undefined> {
    const raw = await this.dumpRawState({ ...options, normalize: false });
    if (raw.stateType === "not_set") return undefined;
    return (raw.streamState ?? []) as unknown as Record<string, unknown>[];
  }

  // ---- catalog -------------------------------------------------------------------------------

  /** The configured catalog, in protocol format (`normalize`, the default) or as the Config API's `syncCatalog`. */
  dumpRawCatalog(options?: CallOptions & { normalize?: true }): Promise<ProtocolCatalog | undefined>;
  dumpRawCatalog(options: CallOptions & { normalize: false }): Promise<ApiCatalog | undefined>;
  dumpRawCatalog(options?: CallOptions & { normalize?: boolean }): Promise<ProtocolCatalog | ApiCatalog | undefined>;
  async dumpRawCatalog(
    options: CallOptions & { normalize?: boolean } = {},
  ): Promise<ProtocolCatalog | ApiCatalog | undefined> {
    const answer = await orMissing(
      this.workspace.api.config.webBackend.connections.get(
        { connectionId: this.connectionId, withRefreshedCatalog: false },
        requestOptions(options),
      ),
      this.#resource(),
    );
    const catalog = answer.syncCatalog as ApiCatalog | undefined;
    if (catalog === undefined || catalog === null) return undefined;
    return options.normalize === false ? catalog : normalizeCatalogToProtocol(catalog);
  }

  /**
   * Replaces the whole configured catalog (Config API `web_backend/connections/update`, with
   * `skipReset: true`). A protocol catalog is converted first.
   */
  async importRawCatalog(catalog: ApiCatalog | ProtocolCatalog, options: CallOptions = {}): Promise<void> {
    const syncCatalog = isProtocolCatalogFormat(catalog)
      ? denormalizeCatalogToApi(catalog as ProtocolCatalog)
      : (catalog as ApiCatalog);
    await orMissing(
      this.workspace.api.config.webBackend.connections.update(
        { connectionId: this.connectionId, syncCatalog, skipReset: true },
        requestOptions(options),
      ),
      this.#resource(),
    );
  }

  /** @deprecated Use `dumpRawCatalog()`. The configured catalog in protocol format. */
  getCatalogArtifact(options: CallOptions = {}): Promise<ProtocolCatalog | undefined> {
    return this.dumpRawCatalog({ ...options, normalize: true });
  }

  // ---- settings ------------------------------------------------------------------------------

  async rename(name: string, options: CallOptions = {}): Promise<this> {
    return this.#patch({ name }, options);
  }

  async setTablePrefix(prefix: string, options: CallOptions = {}): Promise<this> {
    return this.#patch({ prefix }, options);
  }

  /**
   * Selects exactly these streams. Streams that stay selected keep their configuration (sync
   * mode, cursor, primary key); new ones get the server's defaults.
   */
  async setSelectedStreams(streamNames: readonly string[], options: CallOptions = {}): Promise<this> {
    if (!Array.isArray(streamNames) || streamNames.some((name) => typeof name !== "string")) {
      throw new InputError("streamNames must be a list of stream names.", { inputValue: streamNames });
    }
    const streams = selectedStreamsOf((await this.getInfo(options)).streams, streamNames);
    return this.#patch({ configurations: { streams } }, options);
  }

  /**
   * Activates or deactivates the connection after reading its current status. When it is
   * already so, nothing is sent, or, with `ignoreNoop: false`, an `InputError` is thrown.
   */
  async setEnabled(options: CallOptions & { enabled: boolean; ignoreNoop?: boolean }): Promise<this> {
    const { enabled, ignoreNoop = true } = options;
    const current = (await this.getInfo({ ...requestOptions(options), forceRefresh: true })).status;
    const desired = enabled ? "active" : "inactive";
    if (current === desired) {
      if (ignoreNoop) return this;
      throw new InputError(`Connection is already ${enabled ? "enabled" : "disabled"}. Current status: ${current}`, {
        context: { connectionId: this.connectionId, status: current },
      });
    }
    return this.#patch({ status: desired }, options);
  }

  /**
   * Schedules syncs with a cron expression: Quartz (`0 0 12 * * ?`), or 5-field Unix cron
   * (`0 12 * * *`), which is converted. Invalid or more-than-hourly expressions throw an
   * `InputError` before any request.
   */
  async setSchedule(cronExpression: string, options: CallOptions = {}): Promise<this> {
    const quartz = toQuartzCron(cronExpression);
    return this.#patch({ schedule: { scheduleType: "cron", cronExpression: quartz } }, options);
  }

  /** Syncs only when asked. */
  async setManualSchedule(options: CallOptions = {}): Promise<this> {
    return this.#patch({ schedule: { scheduleType: "manual" } }, options);
  }

  /**
   * Deletes the connection, and with the cascade options its source and destination. In safe
   * mode (the default) every name concerned must contain `delete-me` or `deleteme`.
   */
  async permanentlyDelete(options: PermanentlyDeleteConnectionOptions = {}): Promise<void> {
    await this.workspace.permanentlyDeleteConnection(this, options);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `CloudConnection { connectionId: '${this.connectionId}', workspaceId: '${this.workspace.workspaceId}', connectionUrl: '${this.connectionUrl}' }`;
  }

  // ---- internals -----------------------------------------------------------------------------

  async #fetchInfo(options: CallOptions): Promise<CloudConnectionInfo> {
    const response = await orMissing(
      this.workspace.api.connections.getConnection({ connectionId: this.connectionId }, options),
      this.#resource(),
    );
    this.#sourceId = response.sourceId;
    this.#destinationId = response.destinationId;
    return connectionInfo(response);
  }

  async #patch(body: ConnectionPatchRequest, options: CallOptions): Promise<this> {
    const response = await orMissing(
      this.workspace.api.connections.patchConnection(
        { connectionId: this.connectionId },
        body,
        requestOptions(options),
      ),
      this.#resource(),
    );
    this.#info.set(connectionInfo(response));
    return this;
  }

  #resource() {
    return workspaceResource(this.workspace, "connection", this.connectionId);
  }
}
