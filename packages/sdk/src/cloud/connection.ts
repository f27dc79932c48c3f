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
import { Cached } from "./internal.js";
import type { RequestOptions } from "../http/request-options.js";
import type { GetInfoOptions } from "./options.js";
import { type CloudConnectionInfo, connectionInfo } from "./models.js";
import { SyncResult } from "./sync-result.js";
import type { PermanentlyDeleteConnectionOptions } from "./deletion.js";
import { selectedStreamsOf } from "./stream-selection.js";
import { type RunSyncOptions, runSync } from "./sync-start.js";
import type { CloudWorkspace } from "./workspace.js";
import { listJobsUpTo } from "./jobs.js";
import { connectionTimelineUrlOf, connectionUrlOf } from "./urls.js";

// The options of runSync and permanentlyDelete live beside the functions that carry them out.

export interface PreviousSyncLogsOptions {
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
  async getInfo(options: GetInfoOptions = {}, request?: RequestOptions): Promise<CloudConnectionInfo> {
    const info = await this.#info.get(() => this.#fetchInfo(request), options.forceRefresh);
    requireSameWorkspace(this.workspace, "connection", this.connectionId, info.workspaceId);
    return info;
  }

  /** True when the connection exists in this workspace; `WorkspaceMismatchError` or `MissingResourceError` otherwise. */
  async checkIsValid(request?: RequestOptions): Promise<boolean> {
    await this.getInfo({}, request);
    return true;
  }

  /** The display name, e.g. "Postgres to Snowflake". */
  async getName(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string> {
    return (await this.getInfo(options, request)).name;
  }

  /** The source's id, remembered once known (a connection's source never changes). */
  async getSourceId(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string> {
    if (this.#sourceId !== undefined) return this.#sourceId;
    return (this.#sourceId = (await this.getInfo(options, request)).sourceId);
  }

  /** The destination's id, remembered once known. */
  async getDestinationId(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string> {
    if (this.#destinationId !== undefined) return this.#destinationId;
    return (this.#destinationId = (await this.getInfo(options, request)).destinationId);
  }

  /** The source, as a lazy object (its id may need the connection's info). */
  async getSource(options: GetInfoOptions = {}, request?: RequestOptions): Promise<CloudSource> {
    const id = await this.getSourceId(options, request);
    return (this.#source ??= new CloudSource(this.workspace, id));
  }

  /** The destination, as a lazy object (its id may need the connection's info). */
  async getDestination(options: GetInfoOptions = {}, request?: RequestOptions): Promise<CloudDestination> {
    const id = await this.getDestinationId(options, request);
    return (this.#destination ??= new CloudDestination(this.workspace, id));
  }

  /** The selected streams' names (the public API's stream configurations). */
  async getStreamNames(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string[]> {
    return (await this.getInfo(options, request)).streams.map((stream) => stream.name);
  }

  /** The prefix of the destination tables, `""` for none. */
  async getTablePrefix(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string> {
    return (await this.getInfo(options, request)).prefix ?? "";
  }

  /** Whether the connection is active; always asks the API, since anyone may have changed it. */
  async isEnabled(request?: RequestOptions): Promise<boolean> {
    return (await this.getInfo({ forceRefresh: true }, request)).status === "active";
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
  runSync(options: RunSyncOptions & { ifRunning: "skip" }, request?: RequestOptions): Promise<SyncResult | undefined>;
  runSync(options?: RunSyncOptions & { ifRunning?: "fail" | "attach" }, request?: RequestOptions): Promise<SyncResult>;
  runSync(options?: RunSyncOptions, request?: RequestOptions): Promise<SyncResult | undefined>;
  runSync(options: RunSyncOptions = {}, request?: RequestOptions): Promise<SyncResult | undefined> {
    return runSync(this, options, request);
  }

  /** Jobs of the connection, newest first unless `fromTail: false`, each as a `SyncResult` that knows its job. */
  async getPreviousSyncLogs(options: PreviousSyncLogsOptions = {}, request?: RequestOptions): Promise<SyncResult[]> {
    const found = await listJobsUpTo(this.workspace.api, { ...options, connectionId: this.connectionId }, request);
    return found.map((job) => new SyncResult(this.workspace, this, job.jobId, job));
  }

  /** A job's result, made without a request; without an id, the newest job's (undefined when there is none). */
  getSyncResult(jobId: number): SyncResult;
  getSyncResult(jobId?: undefined, request?: RequestOptions): Promise<SyncResult | undefined>;
  getSyncResult(jobId?: number, request?: RequestOptions): SyncResult | Promise<SyncResult | undefined> {
    if (jobId !== undefined) {
      if (!Number.isSafeInteger(jobId)) throw new InputError(`A job id is a whole number; got ${String(jobId)}.`);
      return new SyncResult(this.workspace, this, jobId);
    }
    return this.getPreviousSyncLogs({ limit: 1 }, request).then((results) => results[0]);
  }

  // ---- state ---------------------------------------------------------------------------------

  /** The state as protocol messages (`normalize`, the default) or as the Config API returns it. */
  dumpRawState(options?: { normalize?: true }, request?: RequestOptions): Promise<AirbyteStateMessage[]>;
  dumpRawState(options: { normalize: false }, request?: RequestOptions): Promise<ConnectionState>;
  dumpRawState(
    options?: { normalize?: boolean },
    request?: RequestOptions,
  ): Promise<AirbyteStateMessage[] | ConnectionState>;
  async dumpRawState(
    options: { normalize?: boolean } = {},
    request?: RequestOptions,
  ): Promise<AirbyteStateMessage[] | ConnectionState> {
    const raw = (await orMissing(
      this.workspace.api.config.state.get({ connectionId: this.connectionId }, request),
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
    request?: RequestOptions,
  ): Promise<ConnectionState> {
    const state = toApiState(connectionState, this.connectionId);
    try {
      return (await orMissing(
        this.workspace.api.config.state.createOrUpdateSafe(
          { connectionId: this.connectionId, connectionState: { ...state, connectionId: this.connectionId } },
          request,
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
    request?: RequestOptions,
  ): Promise<StateBlob | undefined> {
    const raw = await this.dumpRawState({ normalize: false }, request);
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
    request?: RequestOptions,
  ): Promise<void> {
    const raw = await this.dumpRawState({ normalize: false }, request);
    const next = withStreamState(raw, { name: streamName, namespace: streamNamespace }, stateBlob);
    await this.importRawState(next, request);
  }

  /** @deprecated Use `dumpRawState()`. The Config API's stream states, or undefined when no state is set. */
  async getStateArtifacts(request?: RequestOptions): Promise<Record<string, unknown>[] | undefined> {
    const raw = await this.dumpRawState({ normalize: false }, request);
    if (raw.stateType === "not_set") return undefined;
    return (raw.streamState ?? []) as unknown as Record<string, unknown>[];
  }

  // ---- catalog -------------------------------------------------------------------------------

  /** The configured catalog, in protocol format (`normalize`, the default) or as the Config API's `syncCatalog`. */
  dumpRawCatalog(options?: { normalize?: true }, request?: RequestOptions): Promise<ProtocolCatalog | undefined>;
  dumpRawCatalog(options: { normalize: false }, request?: RequestOptions): Promise<ApiCatalog | undefined>;
  dumpRawCatalog(
    options?: { normalize?: boolean },
    request?: RequestOptions,
  ): Promise<ProtocolCatalog | ApiCatalog | undefined>;
  async dumpRawCatalog(
    options: { normalize?: boolean } = {},
    request?: RequestOptions,
  ): Promise<ProtocolCatalog | ApiCatalog | undefined> {
    const answer = await orMissing(
      this.workspace.api.config.webBackend.connections.get(
        { connectionId: this.connectionId, withRefreshedCatalog: false },
        request,
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
  async importRawCatalog(catalog: ApiCatalog | ProtocolCatalog, request?: RequestOptions): Promise<void> {
    const syncCatalog = isProtocolCatalogFormat(catalog)
      ? denormalizeCatalogToApi(catalog as ProtocolCatalog)
      : (catalog as ApiCatalog);
    await orMissing(
      this.workspace.api.config.webBackend.connections.update(
        { connectionId: this.connectionId, syncCatalog, skipReset: true },
        request,
      ),
      this.#resource(),
    );
  }

  /** @deprecated Use `dumpRawCatalog()`. The configured catalog in protocol format. */
  getCatalogArtifact(request?: RequestOptions): Promise<ProtocolCatalog | undefined> {
    return this.dumpRawCatalog({ normalize: true }, request);
  }

  // ---- settings ------------------------------------------------------------------------------

  async rename(name: string, request?: RequestOptions): Promise<this> {
    return this.#patch({ name }, request);
  }

  async setTablePrefix(prefix: string, request?: RequestOptions): Promise<this> {
    return this.#patch({ prefix }, request);
  }

  /**
   * Selects exactly these streams. Streams that stay selected keep their configuration (sync
   * mode, cursor, primary key); new ones get the server's defaults.
   */
  async setSelectedStreams(streamNames: readonly string[], request?: RequestOptions): Promise<this> {
    if (!Array.isArray(streamNames) || streamNames.some((name) => typeof name !== "string")) {
      throw new InputError("streamNames must be a list of stream names.", { inputValue: streamNames });
    }
    const streams = selectedStreamsOf((await this.getInfo({}, request)).streams, streamNames);
    return this.#patch({ configurations: { streams } }, request);
  }

  /**
   * Activates or deactivates the connection after reading its current status. When it is
   * already so, nothing is sent, or, with `ignoreNoop: false`, an `InputError` is thrown.
   */
  async setEnabled(options: { enabled: boolean; ignoreNoop?: boolean }, request?: RequestOptions): Promise<this> {
    const { enabled, ignoreNoop = true } = options;
    const current = (await this.getInfo({ forceRefresh: true }, request)).status;
    const desired = enabled ? "active" : "inactive";
    if (current === desired) {
      if (ignoreNoop) return this;
      throw new InputError(`Connection is already ${enabled ? "enabled" : "disabled"}. Current status: ${current}`, {
        context: { connectionId: this.connectionId, status: current },
      });
    }
    return this.#patch({ status: desired }, request);
  }

  /**
   * Schedules syncs with a cron expression: Quartz (`0 0 12 * * ?`), or 5-field Unix cron
   * (`0 12 * * *`), which is converted. Invalid or more-than-hourly expressions throw an
   * `InputError` before any request.
   */
  async setSchedule(cronExpression: string, request?: RequestOptions): Promise<this> {
    const quartz = toQuartzCron(cronExpression);
    return this.#patch({ schedule: { scheduleType: "cron", cronExpression: quartz } }, request);
  }

  /** Syncs only when asked. */
  async setManualSchedule(request?: RequestOptions): Promise<this> {
    return this.#patch({ schedule: { scheduleType: "manual" } }, request);
  }

  /**
   * Deletes the connection, and with the cascade options its source and destination. In safe
   * mode (the default) every name concerned must contain `delete-me` or `deleteme`.
   */
  async permanentlyDelete(options: PermanentlyDeleteConnectionOptions = {}, request?: RequestOptions): Promise<void> {
    await this.workspace.permanentlyDeleteConnection(this, options, request);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `CloudConnection { connectionId: '${this.connectionId}', workspaceId: '${this.workspace.workspaceId}', connectionUrl: '${this.connectionUrl}' }`;
  }

  // ---- internals -----------------------------------------------------------------------------

  async #fetchInfo(request: RequestOptions | undefined): Promise<CloudConnectionInfo> {
    const response = await orMissing(
      this.workspace.api.connections.getConnection({ connectionId: this.connectionId }, request),
      this.#resource(),
    );
    this.#sourceId = response.sourceId;
    this.#destinationId = response.destinationId;
    return connectionInfo(response);
  }

  async #patch(body: ConnectionPatchRequest, request: RequestOptions | undefined): Promise<this> {
    const response = await orMissing(
      this.workspace.api.connections.patchConnection({ connectionId: this.connectionId }, body, request),
      this.#resource(),
    );
    this.#info.set(connectionInfo(response));
    return this;
  }

  #resource() {
    return workspaceResource(this.workspace, "connection", this.connectionId);
  }
}
