/**
 * A workspace of Airbyte Cloud, OSS or Enterprise: where connections, sources, destinations and
 * custom definitions live. The entry point of the high-level API.
 *
 * ```ts
 * const workspace = new CloudWorkspace({ workspaceId, clientId, clientSecret });
 * const connection = workspace.getConnection(connectionId); // no request yet
 * const result = await connection.runSync();
 * console.log(await result.getJobStatus(), await result.getRecordsSynced());
 * ```
 */
import { AirbyteApi } from "../api/client.js";
import type { DestinationConfiguration, SourceConfiguration } from "../api/index.js";
import type { OpenDestinationOptions } from "../datasets/reader.js";
import { AirbyteError } from "../http/errors.js";
import { processEnv } from "../internal/env.js";
import { CloudClientConfig } from "./client-config.js";
import { CloudCredentialGetters } from "./credential-getters.js";
import { CloudConnection } from "./connection.js";
import { CloudDestination, CloudSource, type ConnectorType, findConnector } from "./connectors.js";
import { resolveCloudSettings } from "./credentials.js";
import {
  getCustomDestinationDefinition,
  getCustomSourceDefinition,
  listCustomDestinationDefinitions,
  listCustomSourceDefinitions,
  publishCustomDestinationDefinition,
  publishCustomSourceDefinition,
  type PublishDestinationDefinitionOptions,
  type PublishSourceDefinitionOptions,
} from "./custom-definition-publishing.js";
import type {
  CustomCloudDestinationDefinition,
  CustomCloudSourceDefinition,
  DefinitionType,
} from "./custom-definitions.js";
import {
  permanentlyDeleteConnection,
  permanentlyDeleteDestination,
  permanentlyDeleteSource,
  permanentlyDeleteWorkspace,
  type PermanentlyDeleteConnectionOptions,
  type SafeModeOptions,
} from "./deletion.js";
import {
  type DeployConnectionOptions,
  type DeployOptions,
  deployConnection,
  deployDestination,
  deploySource,
} from "./deployment.js";
import { AirbyteCloudError, InputError, orMissing } from "./errors.js";
import type { RequestOptions } from "../http/request-options.js";
import { Cached } from "./internal.js";
import { listConnections, listDestinations, listSources, listWorkspaces } from "./listing.js";
import { type CloudWorkspaceInfo, workspaceInfoFromApi } from "./models.js";
import type { NameFilterOptions } from "./names.js";
import type { CloudWorkspaceFromEnvOptions, CloudWorkspaceOptions, GetInfoOptions } from "./options.js";
import { CloudOrganization } from "./organization.js";
import { requireId, workspaceResource } from "./resource-ids.js";
import type { SyncResult } from "./sync-result.js";
import { getWorkspaceSyncResult, listWorkspaceJobs, type ListJobsOptions } from "./workspace-jobs.js";
import { workspaceUrlOf } from "./urls.js";

export type ListOptions = NameFilterOptions;

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
  getInfo(options: GetInfoOptions = {}, request?: RequestOptions): Promise<CloudWorkspaceInfo> {
    return this.#info.get(async () => {
      const response = await orMissing(
        this.api.workspaces.getWorkspace({ workspaceId: this.workspaceId }, request),
        this.#resource("workspace", this.workspaceId),
      );
      return workspaceInfoFromApi(response);
    }, options.forceRefresh);
  }

  /** The workspace's name (fetched once). */
  async getName(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string> {
    return (await this.getInfo(options, request)).name;
  }

  /**
   * Checks that the workspace is reachable with these credentials, and returns its info. Not
   * needed before other calls.
   */
  connect(request?: RequestOptions): Promise<CloudWorkspaceInfo> {
    return this.getInfo({ forceRefresh: true }, request);
  }

  /** Renames the workspace (`PATCH /workspaces/{id}`). */
  async rename(name: string, request?: RequestOptions): Promise<this> {
    const response = await orMissing(
      this.api.workspaces.updateWorkspace({ workspaceId: this.workspaceId }, { name }, request),
      this.#resource("workspace", this.workspaceId),
    );
    this.#info.set(workspaceInfoFromApi(response));
    return this;
  }

  /**
   * The organization the workspace belongs to (Config API; asked once). Reading it may need
   * organization rights: with `raiseOnError: false`, any Airbyte error gives undefined.
   */
  getOrganization(options?: { raiseOnError?: true }, request?: RequestOptions): Promise<CloudOrganization>;
  getOrganization(options: { raiseOnError: false }, request?: RequestOptions): Promise<CloudOrganization | undefined>;
  async getOrganization(
    options: { raiseOnError?: boolean } = {},
    request?: RequestOptions,
  ): Promise<CloudOrganization | undefined> {
    try {
      return await this.#organization.get(async () => {
        const info = await orMissing(
          this.api.config.workspaces.getOrganizationInfo({ workspaceId: this.workspaceId }, request),
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
  permanentlyDelete(
    options: SafeModeOptions & { workspaceName?: string } = {},
    request?: RequestOptions,
  ): Promise<void> {
    return permanentlyDeleteWorkspace(this, options, request);
  }

  /** Workspaces these credentials can see (`GET /workspaces`), by exact name or a test, up to `limit`. */
  listWorkspaces(options: ListOptions = {}, request?: RequestOptions): Promise<CloudWorkspaceInfo[]> {
    return listWorkspaces(this, options, request);
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

  /**
   * A source or destination by id, fetched: one request with `connectorType`; without, the
   * source is asked for first, then the destination (a `MissingResourceError` when neither is).
   */
  getConnector(
    connectorId: string,
    options: { connectorType?: ConnectorType } = {},
    request?: RequestOptions,
  ): Promise<CloudSource | CloudDestination> {
    return findConnector(this, requireId("connector", connectorId), options.connectorType, request);
  }

  // ---- jobs ---------------------------------------------------------------------------------

  /**
   * A job of this workspace by id, whatever its connection (`GET /jobs/{id}`): a `SyncResult`
   * whose connection is the job's. A job that does not exist is a `MissingResourceError`.
   */
  getSyncResult(jobId: number, request?: RequestOptions): Promise<SyncResult> {
    return getWorkspaceSyncResult(this, jobId, request);
  }

  /**
   * The workspace's jobs (`GET /jobs`), newest first unless `fromTail: false`, filtered by
   * connection, status, type and creation time, up to `limit` (default 20). Jobs of one
   * connection share one `CloudConnection`.
   */
  listJobs(options: ListJobsOptions = {}, request?: RequestOptions): Promise<SyncResult[]> {
    return listWorkspaceJobs(this, options, request);
  }

  // ---- listing ------------------------------------------------------------------------------

  /** Connections by exact `name` or a `nameFilter`, up to `limit`; their info comes with them. */
  listConnections(options: ListOptions = {}, request?: RequestOptions): Promise<CloudConnection[]> {
    return listConnections(this, options, request);
  }

  /** Sources by exact `name` or a `nameFilter`, up to `limit`; their info comes with them. */
  listSources(options: ListOptions = {}, request?: RequestOptions): Promise<CloudSource[]> {
    return listSources(this, options, request);
  }

  /** Destinations by exact `name` or a `nameFilter`, up to `limit`; their info comes with them. */
  listDestinations(options: ListOptions = {}, request?: RequestOptions): Promise<CloudDestination[]> {
    return listDestinations(this, options, request);
  }

  // ---- deploying ----------------------------------------------------------------------------

  /**
   * Creates a source from a configuration (`{ sourceType: "postgres", host: ... }`, or any
   * configuration with `definitionId`).
   */
  deploySource(
    name: string,
    config: SourceConfiguration,
    options: DeployOptions = {},
    request?: RequestOptions,
  ): Promise<CloudSource> {
    return deploySource(this, name, config, options, request);
  }

  /**
   * Creates a destination from a configuration (`{ destinationType: "duckdb", ... }`, or any
   * configuration with `definitionId`).
   */
  deployDestination(
    name: string,
    config: DestinationConfiguration,
    options: DeployOptions = {},
    request?: RequestOptions,
  ): Promise<CloudDestination> {
    return deployDestination(this, name, config, options, request);
  }

  /** Connects a deployed source to a deployed destination with the selected streams. */
  deployConnection(
    connectionName: string,
    options: DeployConnectionOptions,
    request?: RequestOptions,
  ): Promise<CloudConnection> {
    return deployConnection(this, connectionName, options, request);
  }

  // ---- deleting -----------------------------------------------------------------------------

  /** Deletes a source. In safe mode (the default) its name must contain `delete-me` or `deleteme`. */
  permanentlyDeleteSource(
    source: CloudSource | string,
    options: SafeModeOptions = {},
    request?: RequestOptions,
  ): Promise<void> {
    return permanentlyDeleteSource(this, source, options, request);
  }

  /** Deletes a destination. In safe mode (the default) its name must contain `delete-me` or `deleteme`. */
  permanentlyDeleteDestination(
    destination: CloudDestination | string,
    options: SafeModeOptions = {},
    request?: RequestOptions,
  ): Promise<void> {
    return permanentlyDeleteDestination(this, destination, options, request);
  }

  /**
   * Deletes a connection, and with the cascade options its source and destination. In safe mode
   * (the default) every name concerned must contain `delete-me` or `deleteme`, and all of them
   * are checked before anything is deleted.
   */
  permanentlyDeleteConnection(
    connection: CloudConnection | string,
    options: PermanentlyDeleteConnectionOptions = {},
    request?: RequestOptions,
  ): Promise<void> {
    return permanentlyDeleteConnection(this, connection, options, request);
  }

  // ---- custom definitions -------------------------------------------------------------------

  /**
   * Publishes a custom source definition: a declarative manifest (`manifestYaml`) or a Docker
   * image (`dockerImage` with `dockerTag`).
   */
  publishCustomSourceDefinition(
    name: string,
    options: PublishSourceDefinitionOptions = {},
    request?: RequestOptions,
  ): Promise<CustomCloudSourceDefinition> {
    return publishCustomSourceDefinition(this, name, options, request);
  }

  /** Custom source definitions of one type: `yaml` (declarative) or `docker`. */
  listCustomSourceDefinitions(
    options: { definitionType: DefinitionType },
    request?: RequestOptions,
  ): Promise<CustomCloudSourceDefinition[]> {
    return listCustomSourceDefinitions(this, options, request);
  }

  /** A custom source definition by id, fetched (a `MissingResourceError` when there is none). */
  getCustomSourceDefinition(
    definitionId: string,
    options: { definitionType: DefinitionType },
    request?: RequestOptions,
  ): Promise<CustomCloudSourceDefinition> {
    return getCustomSourceDefinition(this, definitionId, options, request);
  }

  /** Publishes a custom destination definition: a Docker image. */
  publishCustomDestinationDefinition(
    name: string,
    options: PublishDestinationDefinitionOptions,
    request?: RequestOptions,
  ): Promise<CustomCloudDestinationDefinition> {
    return publishCustomDestinationDefinition(this, name, options, request);
  }

  /** The workspace's custom destination definitions (Docker images). */
  listCustomDestinationDefinitions(request?: RequestOptions): Promise<CustomCloudDestinationDefinition[]> {
    return listCustomDestinationDefinitions(this, request);
  }

  /** A custom destination definition by id, fetched (a `MissingResourceError` when there is none). */
  getCustomDestinationDefinition(
    definitionId: string,
    request?: RequestOptions,
  ): Promise<CustomCloudDestinationDefinition> {
    return getCustomDestinationDefinition(this, definitionId, request);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `CloudWorkspace { workspaceId: '${this.workspaceId}', apiRoot: '${this.apiRoot}', auth: ${this.config.usesBearerToken ? "bearer token" : "client credentials"} }`;
  }

  toJSON(): Record<string, unknown> {
    return { workspaceId: this.workspaceId, ...this.config.toJSON() };
  }

  // ---- internals ----------------------------------------------------------------------------

  #resource(resourceType: string, resourceId: string) {
    return workspaceResource(this, resourceType, resourceId);
  }
}
