/**
 * Every Config API call under `api.config`, over real HTTP against a scripted server laid out
 * like a self-managed Airbyte (public API under `/api/public/v1`, Config API under `/api/v1`).
 * Every call is `POST <config root>/<family>/<verb>` with a JSON body. When Airbyte's OpenAPI
 * documents are present, bodies and replies are validated against config.yaml.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { AirbyteApi, VERSION, type Config } from "airbyte-ts";
import { startScriptedServer, type ScriptedServer } from "../helpers/scripted-server.js";
import { configOperation, schemaFields, SPEC_AVAILABLE, validateAgainst } from "@airbyte-ts/test-support/openapi";

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const TOKEN = "at_Hq3mZ7vX1cR9tL2p";
const PUBLIC_ROOT = "/api/public/v1";
const CONFIG_ROOT = "/api/v1";

const ORGANIZATION_ID = "cb13b80d-27ac-4244-86dc-2e9c118c1334";
const WORKSPACE_ID = "bda2fbbf-a153-46b6-a365-ad492d86c3f8";
const CUSTOMER_ID = "0b6f3a52-6f1e-4c5b-9e35-3f8d0b3c7a21";
const SOURCE_ID = "48bb08fb-68c9-4b6e-963c-b702b683974c";
const DESTINATION_ID = "a686eaa4-3f3e-40e7-85ee-d013633fad9e";
const CONNECTION_ID = "128cc799-3496-4936-b4ab-a539b81febb2";
const USER_ID = "5a0d2e1c-6f4b-4d8e-9a37-2c1b8e7f4d10";
const POSTGRES_DEFINITION_ID = "decd338e-5647-4c0b-adf4-da0e75f5a750";
const BIGQUERY_DEFINITION_ID = "22f6c74f-5699-40ff-833c-4a879ea40133";
const CUSTOM_SOURCE_DEFINITION_ID = "5a140000-f9df-4c7c-9769-367b828bed29";
const BUILDER_PROJECT_ID = "1e737a4c-ca8c-4fe2-b5b5-74afdee27e2c";
const CATALOG_ID = "82bd5be2-4896-407d-b621-9f6f140b9e68";
const DESTINATION_CATALOG_ID = "c0f3b0de-2a43-4a8e-8f0e-6a3b8d7e5f14";
const DATAPLANE_GROUP_ID = "645a183f-b12b-4c6e-8ad3-99e165603450";
const OPERATION_ID = "7e2c1d44-8a0b-4f59-9b1e-2d6f3c8a9e10";
const CHECK_JOB_ID = "f4d1b6c2-93a7-4e58-b0c1-7a2e9d3f6b85";
const DISCOVER_JOB_ID = "6b8e2f1a-0c4d-4a7b-9e3f-1d5c8b2a7e64";
const TAG_ID = "41dacf03-3a27-4c7b-9942-4be5faf69515";
const JOB_ID = 10429817;
/** Epoch seconds (2024-05-01T09:30:00Z); log event timestamps are in milliseconds. */
const T0 = 1714555800;

const customersStream: Config.AirbyteStreamAndConfiguration = {
  stream: {
    name: "customers",
    namespace: "public",
    jsonSchema: {
      type: "object",
      properties: {
        id: { type: "number", airbyte_type: "integer" },
        email: { type: "string" },
        updated_at: { type: "string", format: "date-time", airbyte_type: "timestamp_with_timezone" },
      },
    },
    supportedSyncModes: ["full_refresh", "incremental"],
    sourceDefinedCursor: false,
    defaultCursorField: ["updated_at"],
    sourceDefinedPrimaryKey: [["id"]],
    isResumable: true,
  },
  config: {
    syncMode: "incremental",
    cursorField: ["updated_at"],
    destinationSyncMode: "append_dedup",
    primaryKey: [["id"]],
    aliasName: "customers",
    selected: true,
    fieldSelectionEnabled: false,
    selectedFields: [],
    mappers: [
      {
        type: "hashing",
        mapperConfiguration: { targetField: "email", method: "SHA-256", fieldNameSuffix: "_hashed" },
      },
    ],
    minimumGenerationId: 0,
    generationId: 3,
    syncId: 88_210,
  },
};

const syncCatalog: Config.AirbyteCatalog = { streams: [customersStream] };

const tag: Config.Tag = { tagId: TAG_ID, workspaceId: WORKSPACE_ID, name: "production", color: "FF5733" };

const sourceRead: Config.SourceRead = {
  sourceDefinitionId: POSTGRES_DEFINITION_ID,
  sourceId: SOURCE_ID,
  workspaceId: WORKSPACE_ID,
  connectionConfiguration: {
    host: "db.internal.acme.example",
    port: 5432,
    database: "app",
    username: "airbyte_reader",
    password: "**********",
  },
  name: "Postgres (production)",
  sourceName: "Postgres",
  icon: "https://connectors.airbyte.com/files/metadata/airbyte/source-postgres/latest/icon.svg",
  isVersionOverrideApplied: false,
  supportState: "supported",
  status: "active",
  createdAt: T0,
  numConnections: 1,
};

const destinationRead: Config.DestinationRead = {
  destinationDefinitionId: BIGQUERY_DEFINITION_ID,
  destinationId: DESTINATION_ID,
  workspaceId: WORKSPACE_ID,
  connectionConfiguration: {
    project_id: "acme-analytics",
    dataset_id: "airbyte_raw",
    dataset_location: "EU",
    credentials_json: "**********",
  },
  name: "BigQuery (analytics)",
  destinationName: "BigQuery",
  supportState: "supported",
  status: "active",
  createdAt: T0,
};

const actorVersion = (dockerRepository: string, dockerImageTag: string): Config.ActorDefinitionVersionRead => ({
  dockerRepository,
  dockerImageTag,
  supportsRefreshes: true,
  isVersionOverrideApplied: false,
  supportLevel: "certified",
  supportState: "supported",
  lastPublished: "2024-04-22T16:05:11Z",
  cdkVersion: "java:0.44.5",
  supportsFileTransfer: false,
  supportsDataActivation: false,
});

const webBackendConnection: Config.WebBackendConnectionRead = {
  connectionId: CONNECTION_ID,
  name: "Postgres → BigQuery",
  namespaceDefinition: "customformat",
  namespaceFormat: "crm_${SOURCE_NAMESPACE}",
  prefix: "pg_",
  sourceId: SOURCE_ID,
  destinationId: DESTINATION_ID,
  syncCatalog,
  scheduleType: "cron",
  scheduleData: { cron: { cronExpression: "0 0 2 * * ?", cronTimeZone: "UTC" } },
  status: "active",
  operationIds: [],
  source: sourceRead,
  destination: destinationRead,
  operations: [],
  latestSyncJobCreatedAt: T0 + 3600,
  latestSyncJobStatus: "succeeded",
  isSyncing: false,
  catalogId: CATALOG_ID,
  schemaChange: "no_change",
  notifySchemaChanges: true,
  notifySchemaChangesByEmail: false,
  nonBreakingChangesPreference: "propagate_columns",
  createdAt: T0,
  backfillPreference: "disabled",
  sourceActorDefinitionVersion: actorVersion("airbyte/source-postgres", "3.6.28"),
  destinationActorDefinitionVersion: actorVersion("airbyte/destination-bigquery", "2.9.3"),
  tags: [tag],
  onDemandEnabled: false,
};

const webBackendUpdateAll: Config.WebBackendConnectionUpdate = {
  name: "Postgres → BigQuery (hourly)",
  connectionId: CONNECTION_ID,
  namespaceDefinition: "destination",
  namespaceFormat: "${SOURCE_NAMESPACE}",
  prefix: "",
  syncCatalog,
  schedule: { units: 1, timeUnit: "hours" },
  scheduleType: "basic",
  scheduleData: { basicSchedule: { timeUnit: "hours", units: 1 } },
  status: "active",
  resourceRequirements: { cpu_request: "0.5", memory_limit: "2Gi" },
  skipReset: true,
  operations: [
    {
      operationId: OPERATION_ID,
      workspaceId: WORKSPACE_ID,
      name: "dbt Cloud refresh",
      operatorConfiguration: {
        operatorType: "webhook",
        webhook: { webhookType: "dbtCloud", dbtCloud: { accountId: 70403, jobId: 112233 } },
      },
    },
  ],
  sourceCatalogId: CATALOG_ID,
  destinationCatalogId: DESTINATION_CATALOG_ID,
  dataplaneGroupId: DATAPLANE_GROUP_ID,
  notifySchemaChanges: true,
  notifySchemaChangesByEmail: true,
  nonBreakingChangesPreference: "propagate_fully",
  backfillPreference: "enabled",
  tags: [tag],
  onDemandEnabled: false,
};

const connectionRead: Config.ConnectionRead = {
  connectionId: CONNECTION_ID,
  name: "Postgres → BigQuery",
  namespaceDefinition: "customformat",
  namespaceFormat: "crm_${SOURCE_NAMESPACE}",
  prefix: "pg_",
  sourceId: SOURCE_ID,
  destinationId: DESTINATION_ID,
  operationIds: [],
  syncCatalog,
  scheduleType: "cron",
  scheduleData: { cron: { cronExpression: "0 0 2 * * ?", cronTimeZone: "UTC" } },
  status: "active",
  sourceCatalogId: CATALOG_ID,
  breakingChange: false,
  notifySchemaChanges: true,
  notifySchemaChangesByEmail: false,
  nonBreakingChangesPreference: "propagate_columns",
  created_at: T0,
  backfillPreference: "disabled",
  workspaceId: WORKSPACE_ID,
  dataplaneGroupId: DATAPLANE_GROUP_ID,
  tags: [tag],
  onDemandEnabled: false,
};

const streamState: Config.ConnectionState = {
  stateType: "stream",
  connectionId: CONNECTION_ID,
  streamState: [
    {
      streamDescriptor: { name: "customers", namespace: "public" },
      streamState: { cursor: "2024-05-01T10:00:00Z", cursor_field: ["updated_at"] },
    },
    {
      streamDescriptor: { name: "orders", namespace: "public" },
      streamState: { cursor: "2024-04-30T23:59:12Z", cursor_field: ["updated_at"] },
    },
  ],
};

const jobRead: Config.JobRead = {
  id: JOB_ID,
  configType: "sync",
  configId: CONNECTION_ID,
  enabledStreams: [{ name: "customers", namespace: "public" }],
  createdAt: T0 + 1800,
  updatedAt: T0 + 2322,
  startedAt: T0 + 1804,
  status: "succeeded",
  aggregatedStats: {
    recordsEmitted: 182_044,
    bytesEmitted: 73_400_320,
    recordsCommitted: 182_044,
    bytesCommitted: 73_400_320,
    recordsRejected: 0,
  },
  streamAggregatedStats: [
    {
      streamName: "customers",
      streamNamespace: "public",
      recordsEmitted: 182_044,
      bytesEmitted: 73_400_320,
      recordsCommitted: 182_044,
      bytesCommitted: 73_400_320,
      recordsRejected: 0,
      wasBackfilled: false,
      wasResumed: false,
    },
  ],
};

const attemptRead: Config.AttemptRead = {
  id: 0,
  status: "succeeded",
  createdAt: T0 + 1804,
  updatedAt: T0 + 2322,
  endedAt: T0 + 2322,
  bytesSynced: 73_400_320,
  recordsSynced: 182_044,
  totalStats: {
    recordsEmitted: 182_044,
    bytesEmitted: 73_400_320,
    stateMessagesEmitted: 37,
    recordsCommitted: 182_044,
    bytesCommitted: 73_400_320,
  },
  streamStats: [
    {
      streamName: "customers",
      streamNamespace: "public",
      stats: { recordsEmitted: 182_044, bytesEmitted: 73_400_320 },
    },
  ],
};

const structuredLogs: Config.LogEvents = {
  version: "1",
  events: [
    {
      timestamp: (T0 + 1804) * 1000,
      message: "Starting replication for connection 128cc799-3496-4936-b4ab-a539b81febb2",
      level: "info",
      logSource: "platform",
      caller: {
        className: "io.airbyte.workers.general.ReplicationWorker",
        methodName: "run",
        lineNumber: 118,
        threadName: "main",
      },
    },
    {
      timestamp: (T0 + 2322) * 1000,
      message: "Sync summary: 182044 records read",
      level: "info",
      logSource: "replication-orchestrator",
    },
  ],
};

const checkJob = (
  configType: Config.JobConfigType,
  configId: string,
  succeeded: boolean,
): Config.SynchronousJobRead => ({
  id: CHECK_JOB_ID,
  configType,
  configId,
  createdAt: T0 + 60,
  endedAt: T0 + 71,
  succeeded,
  connectorConfigurationUpdated: false,
  logType: "formatted",
  logs: {
    logLines: [
      "2024-05-01 09:31:00 INFO Checking connection",
      succeeded ? "2024-05-01 09:31:11 INFO Check succeeded" : "2024-05-01 09:31:11 ERROR Access Denied",
    ],
  },
});

const organizationInfo: Config.OrganizationInfoRead = {
  organizationId: ORGANIZATION_ID,
  organizationName: "Acme Inc.",
  sso: true,
  scim: false,
  billing: { subscriptionStatus: "subscribed", paymentStatus: "okay", accountType: "free" },
  organizationPlanId: "plan-pro-2024",
};

const workspaceRead: Config.WorkspaceRead = {
  workspaceId: WORKSPACE_ID,
  customerId: CUSTOMER_ID,
  email: "data-platform@acme.example",
  name: "Analytics",
  slug: "analytics",
  initialSetupComplete: true,
  displaySetupWizard: false,
  anonymousDataCollection: false,
  news: false,
  securityUpdates: true,
  notifications: [],
  notificationSettings: {
    sendOnFailure: { notificationType: ["customerio"] },
    sendOnSyncDisabled: { notificationType: ["customerio"] },
  },
  firstCompletedSync: true,
  dataplaneGroupId: DATAPLANE_GROUP_ID,
  organizationId: ORGANIZATION_ID,
  tombstone: false,
};

const manifest: Config.DeclarativeManifest = {
  version: "6.7.0",
  type: "DeclarativeSource",
  check: { type: "CheckStream", stream_names: ["customers"] },
  streams: [
    {
      type: "DeclarativeStream",
      name: "customers",
      retriever: {
        type: "SimpleRetriever",
        requester: {
          type: "HttpRequester",
          url_base: "https://api.crm.example.com/v2",
          path: "/customers",
          http_method: "GET",
        },
        record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: ["data"] } },
      },
    },
  ],
};

const connectionSpecification = {
  type: "object",
  required: ["api_key"],
  properties: { api_key: { type: "string", airbyte_secret: true }, start_date: { type: "string", format: "date" } },
};
const connectorSpec: Config.SourceDefinitionSpecification = { connectionSpecification };

const declarativeSourceManifest = (version: number, description: string): Config.DeclarativeSourceManifest => ({
  description,
  manifest,
  spec: connectorSpec,
  version,
});

/** What Airbyte answers for a specification it already knows: no job ran, so one is made up (epoch ms). */
const specJob: Config.SynchronousJobRead = {
  id: "3c9f5e27-1b84-4d6a-a0e2-7f1d8c4b6a95",
  configType: "get_spec",
  createdAt: (T0 + 120) * 1000,
  endedAt: (T0 + 120) * 1000,
  succeeded: true,
  connectorConfigurationUpdated: false,
  logType: "formatted",
  logs: { logLines: [] },
};

const postgresSpecification: Config.SourceDefinitionSpecificationRead = {
  sourceDefinitionId: POSTGRES_DEFINITION_ID,
  documentationUrl: "https://docs.airbyte.com/integrations/sources/postgres",
  connectionSpecification: {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Postgres Source Spec",
    type: "object",
    required: ["host", "port", "database", "username"],
    properties: {
      host: { type: "string", title: "Host", order: 0 },
      port: { type: "integer", title: "Port", minimum: 0, maximum: 65536, default: 5432, order: 1 },
      database: { type: "string", title: "Database Name", order: 2 },
      username: { type: "string", title: "Username", order: 3 },
      password: { type: "string", title: "Password", airbyte_secret: true, order: 4 },
    },
  },
  jobInfo: specJob,
};

const bigquerySpecification: Config.DestinationDefinitionSpecificationRead = {
  destinationDefinitionId: BIGQUERY_DEFINITION_ID,
  documentationUrl: "https://docs.airbyte.com/integrations/destinations/bigquery",
  connectionSpecification: {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "BigQuery Destination Spec",
    type: "object",
    required: ["project_id", "dataset_location", "dataset_id"],
    properties: {
      project_id: { type: "string", title: "Project ID", order: 0 },
      dataset_location: { type: "string", title: "Dataset Location", enum: ["US", "EU"], order: 1 },
      dataset_id: { type: "string", title: "Default Dataset ID", order: 2 },
      credentials_json: { type: "string", title: "Service Account Key JSON", airbyte_secret: true, order: 3 },
    },
  },
  jobInfo: specJob,
  supportedDestinationSyncModes: ["overwrite", "append", "append_dedup", "overwrite_dedup"],
};

/** A workspace's source definitions as Airbyte lists them: the registry's, then its own custom ones. */
const sourceDefinitionList: Config.SourceDefinitionReadList = {
  sourceDefinitions: [
    {
      sourceDefinitionId: POSTGRES_DEFINITION_ID,
      name: "Postgres",
      dockerRepository: "airbyte/source-postgres",
      dockerImageTag: "3.6.28",
      documentationUrl: "https://docs.airbyte.com/integrations/sources/postgres",
      icon: "https://connectors.airbyte.com/files/metadata/airbyte/source-postgres/latest/icon.svg",
      protocolVersion: "0.2.0",
      custom: false,
      enterprise: false,
      supportLevel: "certified",
      releaseStage: "generally_available",
      releaseDate: "2020-12-10",
      sourceType: "database",
      resourceRequirements: { jobSpecific: [] },
      maxSecondsBetweenMessages: 7200,
      lastPublished: "2024-04-22T16:04:11.000Z",
      cdkVersion: "java:0.20.4",
      metrics: { all: { usage: "high", sync_success_rate: "high" } },
      language: "java",
    },
    {
      sourceDefinitionId: CUSTOM_SOURCE_DEFINITION_ID,
      name: "Internal CRM",
      dockerRepository: "airbyte/source-declarative-manifest",
      dockerImageTag: "6.7.0",
      documentationUrl: "https://crm.acme.example/docs",
      protocolVersion: "0.2.0",
      custom: true,
      enterprise: false,
      supportLevel: "none",
      releaseStage: "custom",
      sourceType: "custom",
    },
  ],
};

const destinationDefinitionList: Config.DestinationDefinitionReadList = {
  destinationDefinitions: [
    {
      destinationDefinitionId: BIGQUERY_DEFINITION_ID,
      name: "BigQuery",
      dockerRepository: "airbyte/destination-bigquery",
      dockerImageTag: "2.4.20",
      documentationUrl: "https://docs.airbyte.com/integrations/destinations/bigquery",
      icon: "https://connectors.airbyte.com/files/metadata/airbyte/destination-bigquery/latest/icon.svg",
      protocolVersion: "0.2.0",
      custom: false,
      enterprise: false,
      supportLevel: "certified",
      releaseStage: "generally_available",
      releaseDate: "2020-09-07",
      resourceRequirements: { jobSpecific: [{ jobType: "sync", resourceRequirements: { memory_limit: "1Gi" } }] },
      lastPublished: "2024-04-18T09:31:52.000Z",
      cdkVersion: "java:0.33.1",
      language: "java",
      supportsDataActivation: false,
    },
    {
      destinationDefinitionId: "9f3c6d1e-2b7a-4e85-a0c4-5d8e1f2a3b76",
      name: "Acme Lake",
      dockerRepository: "acme/destination-lake",
      dockerImageTag: "2.1.0",
      documentationUrl: "https://lake.acme.example/docs",
      custom: true,
      supportLevel: "none",
      releaseStage: "custom",
    },
  ],
};

const definitionsListAll: Config.WorkspaceIdActorDefinitionRequestBody = {
  workspaceId: WORKSPACE_ID,
  includeTombstone: false,
  filterByUsed: true,
};

const componentsFile = "from dataclasses import dataclass\n\n@dataclass\nclass CustomerTransformation:\n    pass\n";

// ---------------------------------------------------------------------------------------------
// The case table
// ---------------------------------------------------------------------------------------------

interface Reply {
  status: number;
  body?: unknown;
  resolves: unknown;
}

const json = (body: unknown, status = 200): Reply => ({ status, body, resolves: body });

interface ConfigCase {
  /** `family.verb` under `api.config`. */
  call: string;
  variant?: string;
  invoke: (api: AirbyteApi) => PromiseLike<unknown>;
  /** Relative to the Config API root. */
  path: string;
  body: unknown;
  reply: Reply;
}

const REQUIRED_ONLY = "required fields only";
const ALL = "all fields";

const webBackendGetAll = { connectionId: CONNECTION_ID, withRefreshedCatalog: true };
const jobsListAll: Config.JobListRequestBody = {
  configTypes: ["sync", "reset_connection", "refresh", "clear"],
  configId: CONNECTION_ID,
  includingJobId: JOB_ID,
  pagination: { pageSize: 25, rowOffset: 0 },
  statuses: ["succeeded", "failed", "cancelled"],
  createdAtStart: "2024-05-01T00:00:00Z",
  createdAtEnd: "2024-05-31T23:59:59Z",
  updatedAtStart: "2024-05-01T00:00:00Z",
  updatedAtEnd: "2024-06-01T00:00:00Z",
  orderByField: "updatedAt",
  orderByMethod: "DESC",
};
const discoverAll: Config.SourceDiscoverSchemaRequestBody = {
  sourceId: SOURCE_ID,
  connectionId: CONNECTION_ID,
  disable_cache: true,
  priority: "high",
};
const discovered: Config.SourceDiscoverSchemaRead = {
  catalog: syncCatalog,
  jobInfo: { ...checkJob("discover_schema", SOURCE_ID, true), id: DISCOVER_JOB_ID },
  catalogId: CATALOG_ID,
};
const builderProjectRead: Config.ConnectorBuilderProjectRead = {
  builderProject: {
    name: "Internal CRM",
    builderProjectId: BUILDER_PROJECT_ID,
    sourceDefinitionId: CUSTOM_SOURCE_DEFINITION_ID,
    activeDeclarativeManifestVersion: 2,
    hasDraft: true,
    updatedAt: T0 + 86_400,
  },
  declarativeManifest: { manifest, isDraft: true, description: "Adds the customers stream" },
  testingValues: { api_key: "**********", start_date: "2024-01-01" },
};

const user = {
  userId: USER_ID,
  name: "Ada",
  email: "ada@example.com",
  defaultWorkspaceId: WORKSPACE_ID,
  status: "registered",
  metadata: {},
};

const cases: ConfigCase[] = [
  // users
  {
    call: "users.get",
    invoke: (api) => api.config.users.get({ userId: USER_ID }),
    path: "/users/get",
    body: { userId: USER_ID },
    reply: json(user),
  },
  {
    call: "users.update",
    variant: REQUIRED_ONLY,
    invoke: (api) => api.config.users.update({ userId: USER_ID }),
    path: "/users/update",
    body: { userId: USER_ID },
    reply: json(user),
  },
  {
    call: "users.update",
    variant: ALL,
    invoke: (api) =>
      api.config.users.update({
        userId: USER_ID,
        name: "Ada",
        defaultWorkspaceId: WORKSPACE_ID,
        status: "registered",
        companyName: "Example",
        news: false,
        metadata: { team: "data" },
      }),
    path: "/users/update",
    body: {
      userId: USER_ID,
      name: "Ada",
      defaultWorkspaceId: WORKSPACE_ID,
      status: "registered",
      companyName: "Example",
      news: false,
      metadata: { team: "data" },
    },
    reply: json(user),
  },

  // state
  {
    call: "state.get",
    invoke: (api) => api.config.state.get({ connectionId: CONNECTION_ID }),
    path: "/state/get",
    body: { connectionId: CONNECTION_ID },
    reply: json(streamState),
  },
  {
    call: "state.createOrUpdateSafe",
    invoke: (api) => api.config.state.createOrUpdateSafe({ connectionId: CONNECTION_ID, connectionState: streamState }),
    path: "/state/create_or_update_safe",
    body: { connectionId: CONNECTION_ID, connectionState: streamState },
    reply: json(streamState),
  },

  // web_backend
  {
    call: "webBackend.connections.get",
    variant: REQUIRED_ONLY,
    invoke: (api) => api.config.webBackend.connections.get({ connectionId: CONNECTION_ID }),
    path: "/web_backend/connections/get",
    body: { connectionId: CONNECTION_ID },
    reply: json(webBackendConnection),
  },
  {
    call: "webBackend.connections.get",
    variant: ALL,
    invoke: (api) => api.config.webBackend.connections.get(webBackendGetAll),
    path: "/web_backend/connections/get",
    body: webBackendGetAll,
    reply: json({
      ...webBackendConnection,
      schemaChange: "non_breaking",
      catalogDiff: {
        transforms: [
          {
            transformType: "update_stream",
            streamDescriptor: { name: "customers", namespace: "public" },
            updateStream: {
              fieldTransforms: [
                {
                  transformType: "add_field",
                  fieldName: ["phone"],
                  breaking: false,
                  addField: { schema: { type: "string" } },
                },
              ],
              streamAttributeTransforms: [],
            },
          },
        ],
      },
    }),
  },
  {
    call: "webBackend.connections.update",
    variant: REQUIRED_ONLY,
    invoke: (api) => api.config.webBackend.connections.update({ connectionId: CONNECTION_ID }),
    path: "/web_backend/connections/update",
    body: { connectionId: CONNECTION_ID },
    reply: json(webBackendConnection),
  },
  {
    call: "webBackend.connections.update",
    variant: ALL,
    invoke: (api) => api.config.webBackend.connections.update(webBackendUpdateAll),
    path: "/web_backend/connections/update",
    body: webBackendUpdateAll,
    reply: json({
      ...webBackendConnection,
      name: "Postgres → BigQuery (hourly)",
      namespaceDefinition: "destination",
      prefix: "",
      schedule: { units: 1, timeUnit: "hours" },
      scheduleType: "basic",
      scheduleData: { basicSchedule: { timeUnit: "hours", units: 1 } },
      operationIds: [OPERATION_ID],
      operations: [{ ...webBackendUpdateAll.operations![0]!, operationId: OPERATION_ID }],
      nonBreakingChangesPreference: "propagate_fully",
      notifySchemaChangesByEmail: true,
      backfillPreference: "enabled",
    }),
  },

  // connections, jobs, attempt
  {
    call: "connections.get",
    invoke: (api) => api.config.connections.get({ connectionId: CONNECTION_ID }),
    path: "/connections/get",
    body: { connectionId: CONNECTION_ID },
    reply: json(connectionRead),
  },
  {
    call: "jobs.get",
    invoke: (api) => api.config.jobs.get({ id: JOB_ID }),
    path: "/jobs/get",
    body: { id: JOB_ID },
    reply: json({ job: jobRead, attempts: [{ attempt: attemptRead, logType: "structured", logs: structuredLogs }] }),
  },
  {
    call: "jobs.list",
    variant: REQUIRED_ONLY,
    invoke: (api) => api.config.jobs.list({ configTypes: ["sync"] }),
    path: "/jobs/list",
    body: { configTypes: ["sync"] },
    reply: json({ jobs: [{ job: jobRead, attempts: [attemptRead] }], totalJobCount: 1 }),
  },
  {
    call: "jobs.list",
    variant: ALL,
    invoke: (api) => api.config.jobs.list(jobsListAll),
    path: "/jobs/list",
    body: jobsListAll,
    reply: json({
      jobs: [
        {
          job: { ...jobRead, id: JOB_ID + 1, status: "failed", updatedAt: T0 + 90_000 },
          attempts: [
            {
              ...attemptRead,
              status: "failed",
              failureSummary: {
                failures: [
                  {
                    failureOrigin: "source",
                    failureType: "config_error",
                    externalMessage: 'password authentication failed for user "airbyte_reader"',
                    retryable: false,
                    timestamp: (T0 + 90_000) * 1000,
                  },
                ],
                partialSuccess: false,
              },
            },
          ],
        },
        { job: jobRead, attempts: [attemptRead] },
      ],
      totalJobCount: 2,
    }),
  },
  {
    call: "attempt.getForJob",
    invoke: (api) => api.config.attempt.getForJob({ jobId: JOB_ID, attemptNumber: 0 }),
    path: "/attempt/get_for_job",
    body: { jobId: JOB_ID, attemptNumber: 0 },
    reply: json({
      attempt: attemptRead,
      logType: "formatted",
      logs: {
        logLines: [
          "2024-05-01 10:00:04 platform > Starting replication for connection 128cc799-3496-4936-b4ab-a539b81febb2",
          "2024-05-01 10:08:46 replication-orchestrator > Sync summary: 182044 records read",
        ],
      },
    }),
  },

  // sources, destinations
  {
    call: "sources.checkConnection",
    invoke: (api) => api.config.sources.checkConnection({ sourceId: SOURCE_ID }),
    path: "/sources/check_connection",
    body: { sourceId: SOURCE_ID },
    reply: json({ status: "succeeded", jobInfo: checkJob("check_connection_source", SOURCE_ID, true) }),
  },
  {
    call: "sources.discoverSchema",
    variant: REQUIRED_ONLY,
    invoke: (api) => api.config.sources.discoverSchema({ sourceId: SOURCE_ID }),
    path: "/sources/discover_schema",
    body: { sourceId: SOURCE_ID },
    reply: json(discovered),
  },
  {
    call: "sources.discoverSchema",
    variant: ALL,
    invoke: (api) => api.config.sources.discoverSchema(discoverAll),
    path: "/sources/discover_schema",
    body: discoverAll,
    reply: json({ ...discovered, catalogDiff: { transforms: [] }, breakingChange: false, connectionStatus: "active" }),
  },
  {
    call: "destinations.checkConnection",
    invoke: (api) => api.config.destinations.checkConnection({ destinationId: DESTINATION_ID }),
    path: "/destinations/check_connection",
    body: { destinationId: DESTINATION_ID },
    reply: json({
      status: "failed",
      message: "Access Denied: BigQuery BigQuery: Permission bigquery.datasets.create denied on project acme-analytics",
      jobInfo: {
        ...checkJob("check_connection_destination", DESTINATION_ID, true),
        failureReason: {
          failureOrigin: "destination",
          failureType: "config_error",
          timestamp: (T0 + 71) * 1000,
          retryable: false,
        },
      },
    }),
  },

  // definitions a workspace can use
  {
    call: "sourceDefinitions.listForWorkspace",
    variant: REQUIRED_ONLY,
    invoke: (api) => api.config.sourceDefinitions.listForWorkspace({ workspaceId: WORKSPACE_ID }),
    path: "/source_definitions/list_for_workspace",
    body: { workspaceId: WORKSPACE_ID },
    reply: json(sourceDefinitionList),
  },
  {
    call: "sourceDefinitions.listForWorkspace",
    variant: ALL,
    invoke: (api) => api.config.sourceDefinitions.listForWorkspace(definitionsListAll),
    path: "/source_definitions/list_for_workspace",
    body: definitionsListAll,
    reply: json({ sourceDefinitions: sourceDefinitionList.sourceDefinitions.slice(0, 1) }),
  },
  {
    call: "destinationDefinitions.listForWorkspace",
    variant: REQUIRED_ONLY,
    invoke: (api) => api.config.destinationDefinitions.listForWorkspace({ workspaceId: WORKSPACE_ID }),
    path: "/destination_definitions/list_for_workspace",
    body: { workspaceId: WORKSPACE_ID },
    reply: json(destinationDefinitionList),
  },
  {
    call: "destinationDefinitions.listForWorkspace",
    variant: ALL,
    invoke: (api) => api.config.destinationDefinitions.listForWorkspace(definitionsListAll),
    path: "/destination_definitions/list_for_workspace",
    body: definitionsListAll,
    reply: json({ destinationDefinitions: [] }),
  },

  // definition specifications
  {
    call: "sourceDefinitionSpecifications.get",
    invoke: (api) =>
      api.config.sourceDefinitionSpecifications.get({
        sourceDefinitionId: POSTGRES_DEFINITION_ID,
        workspaceId: WORKSPACE_ID,
      }),
    path: "/source_definition_specifications/get",
    body: { sourceDefinitionId: POSTGRES_DEFINITION_ID, workspaceId: WORKSPACE_ID },
    reply: json(postgresSpecification),
  },
  {
    call: "destinationDefinitionSpecifications.get",
    invoke: (api) =>
      api.config.destinationDefinitionSpecifications.get({
        destinationDefinitionId: BIGQUERY_DEFINITION_ID,
        workspaceId: WORKSPACE_ID,
      }),
    path: "/destination_definition_specifications/get",
    body: { destinationDefinitionId: BIGQUERY_DEFINITION_ID, workspaceId: WORKSPACE_ID },
    reply: json(bigquerySpecification),
  },

  // workspaces, organizations
  {
    call: "workspaces.getOrganizationInfo",
    variant: REQUIRED_ONLY,
    invoke: (api) => api.config.workspaces.getOrganizationInfo({ workspaceId: WORKSPACE_ID }),
    path: "/workspaces/get_organization_info",
    body: { workspaceId: WORKSPACE_ID },
    reply: json(organizationInfo),
  },
  {
    call: "workspaces.getOrganizationInfo",
    variant: ALL,
    invoke: (api) => api.config.workspaces.getOrganizationInfo({ workspaceId: WORKSPACE_ID, includeTombstone: true }),
    path: "/workspaces/get_organization_info",
    body: { workspaceId: WORKSPACE_ID, includeTombstone: true },
    reply: json(organizationInfo),
  },
  {
    call: "workspaces.listByOrganizationId",
    variant: REQUIRED_ONLY,
    invoke: (api) => api.config.workspaces.listByOrganizationId({ organizationId: ORGANIZATION_ID }),
    path: "/workspaces/list_by_organization_id",
    body: { organizationId: ORGANIZATION_ID },
    reply: json({ workspaces: [workspaceRead] }),
  },
  {
    call: "workspaces.listByOrganizationId",
    variant: ALL,
    invoke: (api) =>
      api.config.workspaces.listByOrganizationId({
        organizationId: ORGANIZATION_ID,
        pagination: { pageSize: 20, rowOffset: 40 },
        nameContains: "analy",
      }),
    path: "/workspaces/list_by_organization_id",
    body: { organizationId: ORGANIZATION_ID, pagination: { pageSize: 20, rowOffset: 40 }, nameContains: "analy" },
    reply: json({ workspaces: [] }),
  },
  {
    call: "organizations.getOrganizationInfo",
    invoke: (api) => api.config.organizations.getOrganizationInfo({ organizationId: ORGANIZATION_ID }),
    path: "/organizations/get_organization_info",
    body: { organizationId: ORGANIZATION_ID },
    reply: json({ organizationId: ORGANIZATION_ID, organizationName: "Acme Inc.", sso: false, scim: false }),
  },

  // connector_builder_projects
  {
    call: "connectorBuilderProjects.getForDefinitionId",
    invoke: (api) =>
      api.config.connectorBuilderProjects.getForDefinitionId({
        actorDefinitionId: CUSTOM_SOURCE_DEFINITION_ID,
        workspaceId: WORKSPACE_ID,
      }),
    path: "/connector_builder_projects/get_for_definition_id",
    body: { actorDefinitionId: CUSTOM_SOURCE_DEFINITION_ID, workspaceId: WORKSPACE_ID },
    reply: json({ builderProjectId: BUILDER_PROJECT_ID, workspaceId: WORKSPACE_ID }),
  },
  {
    call: "connectorBuilderProjects.getWithManifest",
    variant: REQUIRED_ONLY,
    invoke: (api) =>
      api.config.connectorBuilderProjects.getWithManifest({
        workspaceId: WORKSPACE_ID,
        builderProjectId: BUILDER_PROJECT_ID,
      }),
    path: "/connector_builder_projects/get_with_manifest",
    body: { workspaceId: WORKSPACE_ID, builderProjectId: BUILDER_PROJECT_ID },
    reply: json(builderProjectRead),
  },
  {
    call: "connectorBuilderProjects.getWithManifest",
    variant: ALL,
    invoke: (api) =>
      api.config.connectorBuilderProjects.getWithManifest({
        workspaceId: WORKSPACE_ID,
        builderProjectId: BUILDER_PROJECT_ID,
        version: 2,
      }),
    path: "/connector_builder_projects/get_with_manifest",
    body: { workspaceId: WORKSPACE_ID, builderProjectId: BUILDER_PROJECT_ID, version: 2 },
    reply: json({
      ...builderProjectRead,
      declarativeManifest: { manifest, isDraft: false, version: 2, description: "Adds the customers stream" },
    }),
  },
  {
    call: "connectorBuilderProjects.updateTestingValues",
    invoke: (api) =>
      api.config.connectorBuilderProjects.updateTestingValues({
        workspaceId: WORKSPACE_ID,
        builderProjectId: BUILDER_PROJECT_ID,
        spec: connectionSpecification,
        testingValues: { api_key: "crm_live_6f1c2d", start_date: "2024-01-01" },
      }),
    path: "/connector_builder_projects/update_testing_values",
    body: {
      workspaceId: WORKSPACE_ID,
      builderProjectId: BUILDER_PROJECT_ID,
      spec: connectionSpecification,
      testingValues: { api_key: "crm_live_6f1c2d", start_date: "2024-01-01" },
    },
    reply: json({ api_key: "**********", start_date: "2024-01-01" }),
  },
  {
    call: "connectorBuilderProjects.create",
    invoke: (api) =>
      api.config.connectorBuilderProjects.create({
        workspaceId: WORKSPACE_ID,
        builderProject: { name: "Internal CRM", draftManifest: manifest, componentsFileContent: componentsFile },
      }),
    path: "/connector_builder_projects/create",
    body: {
      workspaceId: WORKSPACE_ID,
      builderProject: { name: "Internal CRM", draftManifest: manifest, componentsFileContent: componentsFile },
    },
    reply: json({ workspaceId: WORKSPACE_ID, builderProjectId: BUILDER_PROJECT_ID }, 201),
  },
  {
    call: "connectorBuilderProjects.publish",
    variant: REQUIRED_ONLY,
    invoke: (api) =>
      api.config.connectorBuilderProjects.publish({
        workspaceId: WORKSPACE_ID,
        builderProjectId: BUILDER_PROJECT_ID,
        name: "Internal CRM",
        initialDeclarativeManifest: declarativeSourceManifest(1, "Initial version"),
      }),
    path: "/connector_builder_projects/publish",
    body: {
      workspaceId: WORKSPACE_ID,
      builderProjectId: BUILDER_PROJECT_ID,
      name: "Internal CRM",
      initialDeclarativeManifest: declarativeSourceManifest(1, "Initial version"),
    },
    reply: json({ sourceDefinitionId: CUSTOM_SOURCE_DEFINITION_ID }),
  },
  {
    call: "connectorBuilderProjects.publish",
    variant: ALL,
    invoke: (api) =>
      api.config.connectorBuilderProjects.publish({
        workspaceId: WORKSPACE_ID,
        builderProjectId: BUILDER_PROJECT_ID,
        name: "Internal CRM",
        initialDeclarativeManifest: declarativeSourceManifest(1, "Initial version"),
        componentsFileContent: componentsFile,
      }),
    path: "/connector_builder_projects/publish",
    body: {
      workspaceId: WORKSPACE_ID,
      builderProjectId: BUILDER_PROJECT_ID,
      name: "Internal CRM",
      initialDeclarativeManifest: declarativeSourceManifest(1, "Initial version"),
      componentsFileContent: componentsFile,
    },
    reply: json({ sourceDefinitionId: CUSTOM_SOURCE_DEFINITION_ID }),
  },

  // declarative_source_definitions
  {
    call: "declarativeSourceDefinitions.createManifest",
    variant: REQUIRED_ONLY,
    invoke: (api) =>
      api.config.declarativeSourceDefinitions.createManifest({
        workspaceId: WORKSPACE_ID,
        sourceDefinitionId: CUSTOM_SOURCE_DEFINITION_ID,
        setAsActiveManifest: true,
        declarativeManifest: declarativeSourceManifest(2, "Adds the customers stream"),
      }),
    path: "/declarative_source_definitions/create_manifest",
    body: {
      workspaceId: WORKSPACE_ID,
      sourceDefinitionId: CUSTOM_SOURCE_DEFINITION_ID,
      setAsActiveManifest: true,
      declarativeManifest: declarativeSourceManifest(2, "Adds the customers stream"),
    },
    reply: { status: 201, resolves: undefined },
  },
  {
    call: "declarativeSourceDefinitions.createManifest",
    variant: ALL,
    invoke: (api) =>
      api.config.declarativeSourceDefinitions.createManifest({
        workspaceId: WORKSPACE_ID,
        sourceDefinitionId: CUSTOM_SOURCE_DEFINITION_ID,
        setAsActiveManifest: false,
        declarativeManifest: declarativeSourceManifest(3, "Custom transformation"),
        componentsFileContent: componentsFile,
      }),
    path: "/declarative_source_definitions/create_manifest",
    body: {
      workspaceId: WORKSPACE_ID,
      sourceDefinitionId: CUSTOM_SOURCE_DEFINITION_ID,
      setAsActiveManifest: false,
      declarativeManifest: declarativeSourceManifest(3, "Custom transformation"),
      componentsFileContent: componentsFile,
    },
    reply: { status: 201, resolves: undefined },
  },
  {
    call: "declarativeSourceDefinitions.updateActiveManifest",
    invoke: (api) =>
      api.config.declarativeSourceDefinitions.updateActiveManifest({
        workspaceId: WORKSPACE_ID,
        sourceDefinitionId: CUSTOM_SOURCE_DEFINITION_ID,
        version: 1,
      }),
    path: "/declarative_source_definitions/update_active_manifest",
    body: { workspaceId: WORKSPACE_ID, sourceDefinitionId: CUSTOM_SOURCE_DEFINITION_ID, version: 1 },
    reply: { status: 204, resolves: undefined },
  },
  {
    call: "declarativeSourceDefinitions.listManifests",
    invoke: (api) =>
      api.config.declarativeSourceDefinitions.listManifests({
        workspaceId: WORKSPACE_ID,
        sourceDefinitionId: CUSTOM_SOURCE_DEFINITION_ID,
      }),
    path: "/declarative_source_definitions/list_manifests",
    body: { workspaceId: WORKSPACE_ID, sourceDefinitionId: CUSTOM_SOURCE_DEFINITION_ID },
    reply: json({
      manifestVersions: [
        { version: 1, isActive: true, description: "Initial version" },
        { version: 2, isActive: false, description: "Adds the customers stream" },
      ],
    }),
  },
];

/** Every call `api.config` offers. */
const CONFIG_CALLS = [
  "users.get",
  "users.update",
  "state.get",
  "state.createOrUpdateSafe",
  "webBackend.connections.get",
  "webBackend.connections.update",
  "connections.get",
  "jobs.get",
  "jobs.list",
  "attempt.getForJob",
  "sources.checkConnection",
  "sources.discoverSchema",
  "destinations.checkConnection",
  "sourceDefinitions.listForWorkspace",
  "destinationDefinitions.listForWorkspace",
  "sourceDefinitionSpecifications.get",
  "destinationDefinitionSpecifications.get",
  "workspaces.getOrganizationInfo",
  "workspaces.listByOrganizationId",
  "organizations.getOrganizationInfo",
  "connectorBuilderProjects.getForDefinitionId",
  "connectorBuilderProjects.getWithManifest",
  "connectorBuilderProjects.updateTestingValues",
  "connectorBuilderProjects.create",
  "connectorBuilderProjects.publish",
  "declarativeSourceDefinitions.createManifest",
  "declarativeSourceDefinitions.updateActiveManifest",
  "declarativeSourceDefinitions.listManifests",
];

const caseName = (c: ConfigCase) => (c.variant ? `${c.call} (${c.variant})` : c.call);

/**
 * `family.verb` for every method reachable from `api.config`. An object whose prototype has
 * methods is a family (its methods are calls); one without is a namespace (`webBackend`) whose
 * properties are searched in turn.
 */
function configMethods(root: object, prefix = ""): string[] {
  return Object.entries(root)
    .filter((entry): entry is [string, object] => typeof entry[1] === "object" && entry[1] !== null)
    .flatMap(([name, value]) => {
      const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(value)).filter((m) => m !== "constructor");
      return methods.length > 0
        ? methods.map((m) => `${prefix}${name}.${m}`)
        : configMethods(value, `${prefix}${name}.`);
    });
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

let server: ScriptedServer;
let api: AirbyteApi;

beforeAll(async () => {
  server = await startScriptedServer();
  api = new AirbyteApi({
    serverUrl: server.url + PUBLIC_ROOT,
    configApiUrl: server.url + CONFIG_ROOT,
    bearerToken: TOKEN,
    retries: false,
  });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("the method set of api.config", () => {
  test("is exactly the Config API calls the SDK offers", () => {
    expect(configMethods(api.config).sort()).toEqual([...CONFIG_CALLS].sort());
  });

  test("the case table calls every one of them", () => {
    expect([...new Set(cases.map((c) => c.call))].sort()).toEqual([...CONFIG_CALLS].sort());
  });
});

describe("every Config API call over HTTP", () => {
  for (const c of cases) {
    test(caseName(c), async () => {
      server.on(`POST ${CONFIG_ROOT}${c.path}`, {
        status: c.reply.status,
        ...(c.reply.body !== undefined ? { body: c.reply.body } : {}),
      });

      const outcome = await settle(c.invoke(api));

      expect(server.requests).toHaveLength(1);
      const sent = server.requests[0]!;
      expect(sent.method).toBe("POST");
      expect(sent.path).toBe(CONFIG_ROOT + c.path);
      expect(sent.search).toBe("");
      expect(sent.headers["content-type"]).toBe("application/json");
      expect(sent.body).toStrictEqual(c.body);
      expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(sent.headers["user-agent"]?.startsWith("airbyte-ts/")).toBe(true);
      expect(sent.headers["user-agent"]).toContain(VERSION);

      if (!outcome.ok) throw outcome.error;
      expect(outcome.value).toStrictEqual(c.reply.resolves);
    });
  }
});

describe("the Config API root", () => {
  test("is derived from a self-managed serverUrl when configApiUrl is omitted (/api/public/v1 -> /api/v1)", async () => {
    vi.stubEnv("AIRBYTE_CLOUD_CONFIG_API_URL", undefined);
    try {
      const derived = new AirbyteApi({ serverUrl: server.url + PUBLIC_ROOT, bearerToken: TOKEN, retries: false });
      expect(derived.configApiUrl).toBe(server.url + CONFIG_ROOT);
      server.on(`POST ${CONFIG_ROOT}/state/get`, { body: streamState });

      await expect(derived.config.state.get({ connectionId: CONNECTION_ID })).resolves.toStrictEqual(streamState);
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${CONFIG_ROOT}/state/get`]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe.skipIf(!SPEC_AVAILABLE)("bodies and replies conform to config.yaml", () => {
  for (const c of cases) {
    test(caseName(c), () => {
      const op = configOperation(c.path);
      expect(op.method).toBe("POST");
      expect(op.requestSchema).toBeDefined();
      expect(validateAgainst("config", op.requestSchema!, c.body)).toEqual([]);

      const status = String(c.reply.status);
      expect(Object.keys(op.responses)).toContain(status);
      const schema = op.responses[status];
      if (schema) expect(validateAgainst("config", schema, c.reply.body)).toEqual([]);
      else expect(c.reply.body).toBeUndefined();
    });
  }

  test("calls with optional fields are made with the required ones only and with all of them", () => {
    const missing: string[] = [];
    for (const call of CONFIG_CALLS) {
      const ofCall = cases.filter((c) => c.call === call);
      const { required, optional } = schemaFields("config", configOperation(ofCall[0]!.path).requestSchema!);
      if (optional.length === 0) continue;
      const sent = ofCall.map((c) =>
        Object.keys(c.body as object)
          .sort()
          .join(),
      );
      if (!sent.includes([...required].sort().join())) missing.push(`${call}: required only`);
      if (!sent.includes([...required, ...optional].sort().join())) missing.push(`${call}: all fields`);
    }
    expect(missing).toEqual([]);
  });
});

async function settle(
  promise: PromiseLike<unknown>,
): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}
