/**
 * A workspace of Airbyte Cloud, OSS or Enterprise: where connections, sources, destinations and
 * custom definitions live. The entry point of the high-level API.
 *
 * ```ts
 * const workspace = new CloudWorkspace({ workspaceId, clientId, clientSecret });
 * const connection = workspace.getConnection(connectionId); // no request yet
 * const result = await connection.runSync();
 * console.log(await result.getJobStatus(), await result.recordsSynced);
 * ```
 */
import { AirbyteApi } from "../api/client.js";
import type {
  ConnectionResponse,
  DefinitionResponse,
  DestinationConfiguration,
  DestinationResponse,
  SourceConfiguration,
  SourceResponse,
} from "../api/index.js";
import type { OpenDestinationOptions } from "../datasets/reader.js";
import { AirbyteError } from "../http/errors.js";
import type { PagePromise } from "../http/pagination.js";
import { CloudClientConfig } from "./client-config.js";
import { CloudCredentialGetters } from "./credential-getters.js";
import { CloudConnection } from "./connection.js";
import type { JobStatusEnum, JobTypeEnum } from "./constants.js";
import { CloudDestination, CloudSource } from "./connectors.js";
import { type Env, processEnv } from "../internal/env.js";
import { resolveCloudSettings } from "./credentials.js";
import {
  CustomCloudDestinationDefinition,
  CustomCloudSourceDefinition,
  type DefinitionType,
} from "./custom-definitions.js";
import { AirbyteCloudError, DuplicateResourcesError, InputError, orMissing, WorkspaceNotEmptyError } from "./errors.js";
import { Cached, type CallOptions, requestOptions } from "./internal.js";
import { type DeclarativeManifest, loadManifest, type ManifestInput, validateManifest } from "./manifest.js";
import {
  type CloudWorkspaceInfo,
  declarativeDefinitionInfo,
  dockerDefinitionInfo,
  workspaceInfoFromApi,
} from "./models.js";
import {
  collectMatching,
  type NameFilterOptions,
  nameMatcher,
  pageSizeFor,
  requireSafeName,
  withRandomSuffix,
} from "./names.js";
import type { CloudAuthFromEnv, CloudAuthOptions, CloudTuning } from "./options.js";
import { CloudOrganization } from "./organization.js";
import { listJobsUpTo } from "./jobs.js";
import { SyncResult } from "./sync-result.js";
import { workspaceUrlOf } from "./urls.js";

export type CloudWorkspaceOptions = CloudAuthOptions &
  CloudTuning & {
    workspaceId: string;
    /** The public API root. Default Airbyte Cloud's; for a self-managed Airbyte `http://host:8000/api/public/v1`. */
    apiRoot?: string;
    /** The Config API root. Default: derived from `apiRoot` (Cloud, or `/api/public/v1` -> `/api/v1`). */
    configApiRoot?: string;
    /**
     * The low-level client to send every request through, instead of a new one built from these
     * options (whose `apiOptions` it then replaces). `CloudClient.getWorkspace()` passes its own, so
     * one client, and one token, serves the whole object graph.
     */
    api?: AirbyteApi;
  };

export type CloudWorkspaceFromEnvOptions = CloudAuthFromEnv &
  CloudTuning & {
    workspaceId?: string;
    apiRoot?: string;
    configApiRoot?: string;
    /** Where variables are read. Default `process.env`. */
    env?: Env;
  };

export interface DeployOptions extends CallOptions {
  /** Refuse to create when the workspace has one of the same name. Default true. */
  unique?: boolean;
  /** Append ` (ID: <9 random characters>)` to the name. Default false. */
  randomNameSuffix?: boolean;
  /** The connector definition to use; without it, the configuration's `sourceType`/`destinationType` says. */
  definitionId?: string;
}

export interface DeployConnectionOptions extends CallOptions {
  /** The deployed source, or its id. */
  source: CloudSource | string;
  /** The deployed destination, or its id. */
  destination: CloudDestination | string;
  /** The streams to sync (at least one); they get the server's default sync modes. */
  selectedStreams: readonly string[];
  /** Prefix of the destination tables. Default none. */
  tablePrefix?: string;
}

export interface PublishSourceDefinitionOptions extends CallOptions {
  /** A declarative manifest: an object, YAML or JSON text, or a file path or URL. */
  manifestYaml?: ManifestInput;
  /** A Docker image repository, e.g. `airbyte/source-custom` (with `dockerTag`). */
  dockerImage?: string;
  dockerTag?: string;
  /** Docker definitions: the documentation's URL. */
  documentationUrl?: string;
  /** Refuse to publish when a definition of the same type has this name. Default true. */
  unique?: boolean;
  /** Check the manifest (an object with `version`, and `type: DeclarativeSource`) first. Default true. */
  preValidate?: boolean;
  /** YAML definitions: the Connector Builder's testing values, set after publishing. */
  testingValues?: Record<string, unknown>;
}

export interface PublishDestinationDefinitionOptions extends CallOptions {
  dockerImage: string;
  dockerTag: string;
  documentationUrl?: string;
  /** Refuse to publish when a custom destination definition has this name. Default true. */
  unique?: boolean;
}

export interface SafeModeOptions extends CallOptions {
  /** Require names containing `delete-me` or `deleteme` (any case). Default true. */
  safeMode?: boolean;
}

export type ListOptions = NameFilterOptions & CallOptions;

export interface ListJobsOptions extends CallOptions {
  /** Only this connection's jobs. */
  connectionId?: string;
  /** Only jobs with this status. */
  status?: JobStatusEnum;
  /** Only jobs of this type (`sync`, `reset`, `refresh`, `clear`). */
  jobType?: JobTypeEnum;
  /** Only jobs created at or after this time. */
  createdAfter?: Date | string;
  /** Only jobs created at or before this time. */
  createdBefore?: Date | string;
  /** At most this many jobs. Default 20. */
  limit?: number;
  /** Newest first (default) or oldest first. */
  fromTail?: boolean;
}

export class CloudWorkspace extends CloudCredentialGetters {
  readonly workspaceId: string;
  /** Credentials and roots. */
  readonly config: CloudClientConfig;
  /** The low-level client every object of this workspace uses. */
  readonly api: AirbyteApi;
  /** Defaults for reading synced tables. */
  readonly datasetOptions: OpenDestinationOptions | undefined;
  readonly #info = new Cached<CloudWorkspaceInfo>();
  readonly #organization = new Cached<CloudOrganization>();

  /** Explicit credentials only; `CloudWorkspace.fromEnv()` reads the environment. Makes no request. */
  constructor(options: CloudWorkspaceOptions) {
    super();
    const given: Partial<CloudWorkspaceOptions> = options ?? {};
    const settings = resolveCloudSettings(given);
    this.config = CloudClientConfig.fromSettings(settings, false);
    if (!settings.workspaceId) throw new InputError("Workspace ID is required.");
    this.workspaceId = settings.workspaceId;
    this.datasetOptions = given.datasetOptions;
    this.api = given.api ?? new AirbyteApi({ ...given.apiOptions, ...this.config.toApiOptions() });
  }

  /**
   * A workspace from explicit values, then `AIRBYTE_*`, then `AIRBYTE_CLOUD_*` variables
   * (`AIRBYTE_WORKSPACE_ID`, `AIRBYTE_CLIENT_ID`, `AIRBYTE_CLIENT_SECRET` or
   * `AIRBYTE_BEARER_TOKEN`, `AIRBYTE_API_ROOT`, `AIRBYTE_CONFIG_API_ROOT`).
   */
  static fromEnv(options: CloudWorkspaceFromEnvOptions = {}): CloudWorkspace {
    const { env = processEnv(), apiOptions, datasetOptions, ...explicit } = options;
    const settings = resolveCloudSettings(explicit, env);
    const config = CloudClientConfig.fromSettings(settings, true);
    if (!settings.workspaceId) {
      throw new InputError("Workspace ID is required.", {
        guidance: "Pass workspaceId, or set AIRBYTE_WORKSPACE_ID (or AIRBYTE_CLOUD_WORKSPACE_ID).",
      });
    }
    return new CloudWorkspace({
      workspaceId: settings.workspaceId,
      ...config.toAuthOptions(),
      apiRoot: config.apiRoot,
      ...(config.configApiRoot === undefined ? {} : { configApiRoot: config.configApiRoot }),
      ...(apiOptions ? { apiOptions } : {}),
      ...(datasetOptions ? { datasetOptions } : {}),
    });
  }

  get apiRoot(): string {
    return this.config.apiRoot;
  }

  /** The workspace's page in the web app. */
  get workspaceUrl(): string {
    return workspaceUrlOf(this.apiRoot, this.workspaceId);
  }

  // ---- the workspace itself -----------------------------------------------------------------

  /** The workspace's info (`GET /workspaces/{id}`), fetched once unless `forceRefresh`. */
  getInfo(options: CallOptions & { forceRefresh?: boolean } = {}): Promise<CloudWorkspaceInfo> {
    return this.#info.get(async () => {
      const response = await orMissing(
        this.api.workspaces.getWorkspace({ workspaceId: this.workspaceId }, requestOptions(options)),
        this.#resource("workspace", this.workspaceId),
      );
      return workspaceInfoFromApi(response);
    }, options.forceRefresh);
  }

  /** The workspace's name (fetched once). */
  get name(): Promise<string> {
    return this.getInfo().then((info) => info.name);
  }

  /**
   * Checks that the workspace is reachable with these credentials, and returns its info. Not
   * needed before other calls.
   */
  connect(options: CallOptions = {}): Promise<CloudWorkspaceInfo> {
    return this.getInfo({ ...options, forceRefresh: true });
  }

  /** Renames the workspace (`PATCH /workspaces/{id}`). */
  async rename(name: string, options: CallOptions = {}): Promise<this> {
    const response = await orMissing(
      this.api.workspaces.updateWorkspace({ workspaceId: this.workspaceId }, { name }, requestOptions(options)),
      this.#resource("workspace", this.workspaceId),
    );
    this.#info.set(workspaceInfoFromApi(response));
    return this;
  }

  /**
   * The organization the workspace belongs to (Config API; asked once). Reading it may need
   * organization rights: with `raiseOnError: false`, any Airbyte error gives undefined.
   */
  getOrganization(options?: CallOptions & { raiseOnError?: true }): Promise<CloudOrganization>;
  getOrganization(options: CallOptions & { raiseOnError: false }): Promise<CloudOrganization | undefined>;
  async getOrganization(
    options: CallOptions & { raiseOnError?: boolean } = {},
  ): Promise<CloudOrganization | undefined> {
    try {
      return await this.#organization.get(async () => {
        const info = await orMissing(
          this.api.config.workspaces.getOrganizationInfo({ workspaceId: this.workspaceId }, requestOptions(options)),
          this.#resource("workspace", this.workspaceId),
        );
        if (!info.organizationId || !info.organizationName) {
          throw new AirbyteCloudError("Organization info is incomplete.", {
            context: { workspaceId: this.workspaceId, organizationId: info.organizationId },
            workspaceUrl: this.workspaceUrl,
          });
        }
        return new CloudOrganization(info.organizationId, { api: this.api, organizationName: info.organizationName });
      });
    } catch (error) {
      if (options.raiseOnError === false && error instanceof AirbyteError) return undefined;
      throw error;
    }
  }

  /**
   * Deletes the workspace. In safe mode (the default) its name (`workspaceName` if given, else
   * fetched) must contain `delete-me` or `deleteme`. A workspace with connections is never
   * deleted: `WorkspaceNotEmptyError`.
   */
  async permanentlyDelete(options: SafeModeOptions & { workspaceName?: string } = {}): Promise<void> {
    const call = requestOptions(options);
    if (options.safeMode ?? true) {
      const name = options.workspaceName ?? (await this.getInfo(call)).name;
      requireSafeName("workspace", this.workspaceId, name);
    }
    const page = await this.api.connections.listConnections({ workspaceIds: [this.workspaceId], limit: 100 }, call);
    if (page.data.length > 0) {
      throw new WorkspaceNotEmptyError({
        workspaceId: this.workspaceId,
        connectionIds: page.data.map((connection) => connection.connectionId),
        workspaceUrl: this.workspaceUrl,
      });
    }
    await orMissing(
      this.api.workspaces.deleteWorkspace({ workspaceId: this.workspaceId }, call),
      this.#resource("workspace", this.workspaceId),
    );
  }

  /** Workspaces these credentials can see (`GET /workspaces`), by exact name or a test, up to `limit`. */
  async listWorkspaces(options: ListOptions = {}): Promise<CloudWorkspaceInfo[]> {
    nameMatcher(options);
    const pages = this.api.workspaces.listWorkspaces({ limit: pageSizeFor(options) }, requestOptions(options));
    const found = await collectMatching(pages.pages(), (workspace) => workspace.name, options);
    return found.map(workspaceInfoFromApi);
  }

  // ---- lazy objects -------------------------------------------------------------------------

  /** A connection of this workspace, by id. Makes no request. */
  getConnection(connectionId: string): CloudConnection {
    return new CloudConnection(this, requireId("connectionId", connectionId));
  }

  /** A source of this workspace, by id. Makes no request. */
  getSource(sourceId: string): CloudSource {
    return new CloudSource(this, requireId("sourceId", sourceId));
  }

  /** A destination of this workspace, by id. Makes no request. */
  getDestination(destinationId: string): CloudDestination {
    return new CloudDestination(this, requireId("destinationId", destinationId));
  }

  // ---- jobs ---------------------------------------------------------------------------------

  /**
   * A job of this workspace by id, whatever its connection (`GET /jobs/{id}`): a `SyncResult`
   * whose connection is the job's. A job that does not exist is a `MissingResourceError`.
   */
  async getSyncResult(jobId: number, options: CallOptions = {}): Promise<SyncResult> {
    if (!Number.isSafeInteger(jobId) || jobId < 0) {
      throw new InputError(`A job id is a whole number; got ${String(jobId)}.`, { inputValue: jobId });
    }
    const job = await orMissing(
      this.api.jobs.getJob({ jobId }, requestOptions(options)),
      this.#resource("job", String(jobId)),
    );
    return new SyncResult(this, this.getConnection(job.connectionId), job.jobId, job);
  }

  /**
   * The workspace's jobs (`GET /jobs`), newest first unless `fromTail: false`, filtered by
   * connection, status, type and creation time, up to `limit` (default 20). Jobs of one
   * connection share one `CloudConnection`.
   */
  async listJobs(options: ListJobsOptions = {}): Promise<SyncResult[]> {
    const { connectionId } = options;
    const found = await listJobsUpTo(this.api, {
      ...options,
      workspaceId: this.workspaceId,
      ...(connectionId === undefined ? {} : { connectionId: requireId("connection", connectionId) }),
    });
    const connections = new Map<string, CloudConnection>();
    return found.map((job) => {
      let connection = connections.get(job.connectionId);
      if (!connection) connections.set(job.connectionId, (connection = this.getConnection(job.connectionId)));
      return new SyncResult(this, connection, job.jobId, job);
    });
  }

  // ---- listing ------------------------------------------------------------------------------

  /** Connections by exact `name` or a `nameFilter`, up to `limit`; their info comes with them. */
  async listConnections(options: ListOptions = {}): Promise<CloudConnection[]> {
    const pages = this.api.connections.listConnections(
      { workspaceIds: [this.workspaceId], limit: pageSizeFor(options) },
      requestOptions(options),
    );
    const found = await this.#collect(pages, (connection: ConnectionResponse) => connection.name, options);
    return found.map((info) => new CloudConnection(this, info.connectionId, { info }));
  }

  /** Sources by exact `name` or a `nameFilter`, up to `limit`; their info comes with them. */
  async listSources(options: ListOptions = {}): Promise<CloudSource[]> {
    const pages = this.api.sources.listSources(
      { workspaceIds: [this.workspaceId], limit: pageSizeFor(options) },
      requestOptions(options),
    );
    const found = await this.#collect(pages, (source: SourceResponse) => source.name, options);
    return found.map((info) => sourceFrom(this, info));
  }

  /** Destinations by exact `name` or a `nameFilter`, up to `limit`; their info comes with them. */
  async listDestinations(options: ListOptions = {}): Promise<CloudDestination[]> {
    const pages = this.api.destinations.listDestinations(
      { workspaceIds: [this.workspaceId], limit: pageSizeFor(options) },
      requestOptions(options),
    );
    const found = await this.#collect(pages, (destination: DestinationResponse) => destination.name, options);
    return found.map((info) => destinationFrom(this, info));
  }

  // ---- deploying ----------------------------------------------------------------------------

  /**
   * Creates a source from a configuration (`{ sourceType: "postgres", host: ... }`, or any
   * configuration with `definitionId`).
   */
  async deploySource(name: string, config: SourceConfiguration, options: DeployOptions = {}): Promise<CloudSource> {
    const configuration = connectorConfiguration("source", config, options.definitionId);
    const finalName = await this.#deployName("source", name, options);
    const response = await this.api.sources.createSource(
      {
        name: finalName,
        workspaceId: this.workspaceId,
        configuration,
        ...(options.definitionId ? { definitionId: options.definitionId } : {}),
      },
      requestOptions(options),
    );
    return sourceFrom(this, response);
  }

  /**
   * Creates a destination from a configuration (`{ destinationType: "duckdb", ... }`, or any
   * configuration with `definitionId`).
   */
  async deployDestination(
    name: string,
    config: DestinationConfiguration,
    options: DeployOptions = {},
  ): Promise<CloudDestination> {
    const configuration = connectorConfiguration("destination", config, options.definitionId);
    const finalName = await this.#deployName("destination", name, options);
    const response = await this.api.destinations.createDestination(
      {
        name: finalName,
        workspaceId: this.workspaceId,
        configuration,
        ...(options.definitionId ? { definitionId: options.definitionId } : {}),
      },
      requestOptions(options),
    );
    return destinationFrom(this, response);
  }

  /** Connects a deployed source to a deployed destination with the selected streams. */
  async deployConnection(connectionName: string, options: DeployConnectionOptions): Promise<CloudConnection> {
    const { source, destination, selectedStreams, tablePrefix } = options;
    if (!Array.isArray(selectedStreams) || selectedStreams.length === 0) {
      throw new InputError("At least one stream must be selected.", {
        guidance: 'Pass selectedStreams, e.g. ["users"].',
        inputValue: selectedStreams,
      });
    }
    const sourceId = typeof source === "string" ? source : source.sourceId;
    const destinationId = typeof destination === "string" ? destination : destination.destinationId;
    const response = await this.api.connections.createConnection(
      {
        name: connectionName,
        sourceId: requireId("source", sourceId),
        destinationId: requireId("destination", destinationId),
        configurations: { streams: selectedStreams.map((stream) => ({ name: stream })) },
        prefix: tablePrefix ?? "",
        namespaceDefinition: "destination",
        nonBreakingSchemaUpdatesBehavior: "ignore",
      },
      requestOptions(options),
    );
    return new CloudConnection(this, response.connectionId, { info: response });
  }

  // ---- deleting -----------------------------------------------------------------------------

  /** Deletes a source. In safe mode (the default) its name must contain `delete-me` or `deleteme`. */
  async permanentlyDeleteSource(source: CloudSource | string, options: SafeModeOptions = {}): Promise<void> {
    const target = this.#connectorOf("source", source);
    if (options.safeMode ?? true) await this.#requireSafeConnector(target, options);
    await orMissing(
      this.api.sources.deleteSource({ sourceId: target.connectorId }, requestOptions(options)),
      this.#resource("source", target.connectorId),
    );
  }

  /** Deletes a destination. In safe mode (the default) its name must contain `delete-me` or `deleteme`. */
  async permanentlyDeleteDestination(
    destination: CloudDestination | string,
    options: SafeModeOptions = {},
  ): Promise<void> {
    const target = this.#connectorOf("destination", destination);
    if (options.safeMode ?? true) await this.#requireSafeConnector(target, options);
    await orMissing(
      this.api.destinations.deleteDestination({ destinationId: target.connectorId }, requestOptions(options)),
      this.#resource("destination", target.connectorId),
    );
  }

  /**
   * Deletes a connection, and with the cascade options its source and destination. In safe mode
   * (the default) every name concerned must contain `delete-me` or `deleteme`, and all of them
   * are checked before anything is deleted.
   */
  async permanentlyDeleteConnection(
    connection: CloudConnection | string,
    options: SafeModeOptions & { cascadeDeleteSource?: boolean; cascadeDeleteDestination?: boolean } = {},
  ): Promise<void> {
    if (connection === undefined || connection === null) throw new InputError("No connection ID provided.");
    const target =
      connection instanceof CloudConnection ? connection : this.getConnection(requireId("connection", connection));
    const { cascadeDeleteSource = false, cascadeDeleteDestination = false, safeMode = true } = options;
    const call = requestOptions(options);
    const source = cascadeDeleteSource ? await target.source : undefined;
    const destination = cascadeDeleteDestination ? await target.destination : undefined;
    if (safeMode) {
      requireSafeName("connection", target.connectionId, (await target.getInfo(call)).name);
      for (const connector of [source, destination]) if (connector) await this.#requireSafeConnector(connector, call);
    }
    await orMissing(
      this.api.connections.deleteConnection({ connectionId: target.connectionId }, call),
      this.#resource("connection", target.connectionId),
    );
    if (source) await this.permanentlyDeleteSource(source, { ...call, safeMode: false });
    if (destination) await this.permanentlyDeleteDestination(destination, { ...call, safeMode: false });
  }

  // ---- custom definitions -------------------------------------------------------------------

  /**
   * Publishes a custom source definition: a declarative manifest (`manifestYaml`) or a Docker
   * image (`dockerImage` with `dockerTag`).
   */
  async publishCustomSourceDefinition(
    name: string,
    options: PublishSourceDefinitionOptions = {},
  ): Promise<CustomCloudSourceDefinition> {
    const { manifestYaml, dockerImage, dockerTag, unique = true, preValidate = true, testingValues } = options;
    if ((manifestYaml === undefined) === (dockerImage === undefined)) {
      throw new InputError(
        "Pass exactly one of manifestYaml (a declarative definition) and dockerImage (a Docker definition).",
      );
    }
    const call = requestOptions(options);
    if (dockerImage !== undefined) {
      if (testingValues !== undefined)
        throw new InputError("testingValues apply to declarative (YAML) definitions only.");
      return this.#publishDocker("source", name, { ...options, dockerImage, dockerTag: dockerTag as string });
    }
    const manifest = await loadManifest(manifestYaml as ManifestInput);
    if (preValidate) validateManifest(manifest);
    if (unique) await this.#requireUniqueDefinition("source", "yaml", name, call);
    const response = await this.api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
      { workspaceId: this.workspaceId },
      { name, manifest: manifest as DeclarativeManifest },
      call,
    );
    const definition = new CustomCloudSourceDefinition(this, response.id, "yaml", declarativeDefinitionInfo(response));
    if (testingValues !== undefined) await definition.setTestingValues(testingValues, call);
    return definition;
  }

  /** Custom source definitions of one type: `yaml` (declarative) or `docker`. */
  async listCustomSourceDefinitions(
    options: CallOptions & { definitionType: DefinitionType },
  ): Promise<CustomCloudSourceDefinition[]> {
    const { definitionType } = options;
    checkDefinitionType(definitionType);
    const call = requestOptions(options);
    if (definitionType === "yaml") {
      const answer = await this.api.declarativeSourceDefinitions.listDeclarativeSourceDefinitions(
        { workspaceId: this.workspaceId },
        call,
      );
      return answer.data.map(
        (definition) =>
          new CustomCloudSourceDefinition(this, definition.id, "yaml", declarativeDefinitionInfo(definition)),
      );
    }
    const definitions = await this.#customDockerDefinitions("source", call);
    return definitions.map(
      (definition) => new CustomCloudSourceDefinition(this, definition.id, "docker", dockerDefinitionInfo(definition)),
    );
  }

  /** A custom source definition by id, fetched (a `MissingResourceError` when there is none). */
  async getCustomSourceDefinition(
    definitionId: string,
    options: CallOptions & { definitionType: DefinitionType },
  ): Promise<CustomCloudSourceDefinition> {
    checkDefinitionType(options.definitionType);
    const definition = new CustomCloudSourceDefinition(
      this,
      requireId("definitionId", definitionId),
      options.definitionType,
    );
    await definition.getInfo(options);
    return definition;
  }

  /** Publishes a custom destination definition: a Docker image. */
  publishCustomDestinationDefinition(
    name: string,
    options: PublishDestinationDefinitionOptions,
  ): Promise<CustomCloudDestinationDefinition> {
    return this.#publishDocker("destination", name, options);
  }

  /** The workspace's custom destination definitions (Docker images). */
  async listCustomDestinationDefinitions(options: CallOptions = {}): Promise<CustomCloudDestinationDefinition[]> {
    const definitions = await this.#customDockerDefinitions("destination", requestOptions(options));
    return definitions.map(
      (definition) => new CustomCloudDestinationDefinition(this, definition.id, dockerDefinitionInfo(definition)),
    );
  }

  /** A custom destination definition by id, fetched (a `MissingResourceError` when there is none). */
  async getCustomDestinationDefinition(
    definitionId: string,
    options: CallOptions = {},
  ): Promise<CustomCloudDestinationDefinition> {
    const definition = new CustomCloudDestinationDefinition(this, requireId("definitionId", definitionId));
    await definition.getInfo(options);
    return definition;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `CloudWorkspace { workspaceId: '${this.workspaceId}', apiRoot: '${this.apiRoot}', auth: ${this.config.usesBearerToken ? "bearer token" : "client credentials"} }`;
  }

  toJSON(): Record<string, unknown> {
    return { workspaceId: this.workspaceId, ...this.config.toJSON() };
  }

  // ---- internals ----------------------------------------------------------------------------

  #resource(resourceType: string, resourceId: string) {
    return { resourceType, resourceId, workspaceUrl: this.workspaceUrl };
  }

  async #collect<T>(pages: PagePromise<T>, nameOf: (item: T) => string, options: ListOptions): Promise<T[]> {
    nameMatcher(options);
    return collectMatching(pages.pages(), nameOf, options);
  }

  /** The name to deploy under: with its random suffix, and checked unique when asked. */
  async #deployName(type: "source" | "destination", name: string, options: DeployOptions): Promise<string> {
    if (typeof name !== "string" || name.trim() === "") {
      throw new InputError(`A ${type} needs a name.`, { inputValue: name });
    }
    const finalName = options.randomNameSuffix ? withRandomSuffix(name) : name;
    if (options.unique ?? true) {
      const call = requestOptions(options);
      const existing =
        type === "source"
          ? await this.listSources({ ...call, name: finalName, limit: 1 })
          : await this.listDestinations({ ...call, name: finalName, limit: 1 });
      if (existing.length > 0) {
        throw new DuplicateResourcesError({
          resourceType: type,
          resourceName: finalName,
          workspaceUrl: this.workspaceUrl,
        });
      }
    }
    return finalName;
  }

  #connectorOf<T extends CloudSource | CloudDestination>(type: T["connectorType"], given: T | string): T {
    if (typeof given === "string") {
      return (
        type === "source"
          ? this.getSource(requireId("source", given))
          : this.getDestination(requireId("destination", given))
      ) as T;
    }
    const expected = type === "source" ? CloudSource : CloudDestination;
    if (!(given instanceof expected)) throw new InputError(`Invalid ${type} type.`, { inputValue: given });
    return given;
  }

  async #requireSafeConnector(connector: CloudSource | CloudDestination, options: CallOptions): Promise<void> {
    const { name } = await connector.getInfo(requestOptions(options));
    requireSafeName(connector.connectorType, connector.connectorId, name);
  }

  async #publishDocker(
    type: "source",
    name: string,
    options: PublishDestinationDefinitionOptions,
  ): Promise<CustomCloudSourceDefinition>;
  async #publishDocker(
    type: "destination",
    name: string,
    options: PublishDestinationDefinitionOptions,
  ): Promise<CustomCloudDestinationDefinition>;
  async #publishDocker(
    type: "source" | "destination",
    name: string,
    options: PublishDestinationDefinitionOptions,
  ): Promise<CustomCloudSourceDefinition | CustomCloudDestinationDefinition> {
    const { dockerImage, dockerTag, documentationUrl, unique = true } = options;
    for (const [field, value] of [
      ["name", name],
      ["dockerImage", dockerImage],
      ["dockerTag", dockerTag],
    ] as const) {
      if (typeof value !== "string" || value.trim() === "") {
        throw new InputError(`${field} is required for a Docker definition.`, { inputValue: value });
      }
    }
    const call = requestOptions(options);
    if (unique) await this.#requireUniqueDefinition(type, "docker", name, call);
    const body = {
      name,
      dockerRepository: dockerImage,
      dockerImageTag: dockerTag,
      ...(documentationUrl ? { documentationUrl } : {}),
    };
    const params = { workspaceId: this.workspaceId };
    if (type === "source") {
      const response = await this.api.sourceDefinitions.createSourceDefinition(params, body, call);
      return new CustomCloudSourceDefinition(this, response.id, "docker", dockerDefinitionInfo(response));
    }
    const response = await this.api.destinationDefinitions.createDestinationDefinition(params, body, call);
    return new CustomCloudDestinationDefinition(this, response.id, dockerDefinitionInfo(response));
  }

  async #requireUniqueDefinition(
    type: "source" | "destination",
    definitionType: DefinitionType,
    name: string,
    call: CallOptions,
  ): Promise<void> {
    const existing =
      type === "destination"
        ? await this.listCustomDestinationDefinitions(call)
        : await this.listCustomSourceDefinitions({ ...call, definitionType });
    const names = await Promise.all(existing.map((definition) => definition.name));
    if (names.includes(name)) {
      throw new DuplicateResourcesError({
        resourceType: `custom_${type}_definition`,
        resourceName: name,
        workspaceUrl: this.workspaceUrl,
      });
    }
  }

  /**
   * The workspace's own Docker definitions: what `/workspaces/{id}/definitions/...` lists, less
   * the public catalogue (`/connector_definitions` without a workspace) and declarative ones.
   */
  async #customDockerDefinitions(type: "source" | "destination", call: CallOptions): Promise<DefinitionResponse[]> {
    const params = { workspaceId: this.workspaceId };
    const [visible, publicCatalogue] = await Promise.all([
      type === "source"
        ? this.api.sourceDefinitions.listSourceDefinitions(params, call)
        : this.api.destinationDefinitions.listDestinationDefinitions(params, call),
      this.api.connectorDefinitions.listConnectorDefinitions({ type }, call),
    ]);
    const publicIds = new Set(publicCatalogue.data.map((definition) => definition.id));
    return visible.data.filter(
      (definition) => !publicIds.has(definition.id) && definition.dockerRepository !== DECLARATIVE_SOURCE_REPOSITORY,
    );
  }
}

/** The image every declarative source runs in; such definitions are managed as YAML ones. */
const DECLARATIVE_SOURCE_REPOSITORY = "airbyte/source-declarative-manifest";

function sourceFrom(workspace: CloudWorkspace, response: SourceResponse): CloudSource {
  return new CloudSource(workspace, response.sourceId, {
    sourceId: response.sourceId,
    workspaceId: response.workspaceId,
    name: response.name,
    definitionId: response.definitionId,
    sourceType: response.sourceType,
    raw: response,
  });
}

function destinationFrom(workspace: CloudWorkspace, response: DestinationResponse): CloudDestination {
  return new CloudDestination(workspace, response.destinationId, {
    destinationId: response.destinationId,
    workspaceId: response.workspaceId,
    name: response.name,
    definitionId: response.definitionId,
    destinationType: response.destinationType,
    raw: response,
  });
}

/**
 * A connector's configuration to send: a copy, with a `source-`/`destination-` prefix taken off
 * its type; without a definition id the type must be there to say which connector it is.
 */
function connectorConfiguration<C extends SourceConfiguration | DestinationConfiguration>(
  type: "source" | "destination",
  config: C,
  definitionId: string | undefined,
): C {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new InputError(`A ${type} configuration must be an object.`, { inputValue: config });
  }
  const typeKey = type === "source" ? "sourceType" : "destinationType";
  const copy: Record<string, unknown> = { ...config };
  const connectorType = copy[typeKey];
  if (typeof connectorType === "string") copy[typeKey] = connectorType.replace(new RegExp(`^${type}-`), "");
  else if (!definitionId) {
    throw new InputError(`Missing \`${typeKey}\` in configuration dictionary.`, {
      guidance: `Add ${typeKey} (e.g. "${type === "source" ? "postgres" : "duckdb"}") or pass definitionId.`,
    });
  }
  return copy as C;
}

function checkDefinitionType(definitionType: unknown): asserts definitionType is DefinitionType {
  if (definitionType !== "yaml" && definitionType !== "docker") {
    throw new InputError(`definitionType must be "yaml" or "docker"; got ${JSON.stringify(definitionType)}.`);
  }
}

function requireId(what: string, id: unknown): string {
  if (typeof id !== "string" || id.trim() === "") {
    throw new InputError(`A ${what} id is required; got ${JSON.stringify(id)}.`, { inputValue: id });
  }
  return id;
}
