/**
 * Every operation of the public API, called over real HTTP against a scripted server: what is
 * sent (method, path, query string, JSON body, headers) and what the call resolves to. When
 * Airbyte's OpenAPI documents are present, every fixture is validated against the operation's
 * schemas, so the fixtures are proven realistic and the SDK's requests proven to fit the spec.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  AirbyteApi,
  InvalidArgumentError,
  Page,
  VERSION,
  type ApplicationRead,
  type ConnectionCreateRequest,
  type ConnectionPatchRequest,
  type ConnectionResponse,
  type DataplaneResponse,
  type DeclarativeManifest,
  type DeclarativeSourceDefinitionResponse,
  type DefinitionResponse,
  type DestinationCreateRequest,
  type DestinationResponse,
  type GroupMemberResponse,
  type GroupPermissionResponse,
  type GroupResponse,
  type HttpMethod,
  type JobResponse,
  type PermissionResponse,
  type RegionResponse,
  type SourceCreateRequest,
  type SourceResponse,
  type StreamPropertiesResponse,
  type TagResponse,
  type WorkspaceResponse,
} from "airbyte-ts";
import { startScriptedServer, type ScriptedServer } from "../helpers/scripted-server.js";
import {
  publicOperation,
  publicOperations,
  SPEC_AVAILABLE,
  validateAgainst,
  validatePath,
  validateQuery,
} from "@airbyte-ts/test-support/openapi";

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const TOKEN = "at_5Kq1vQ8wYtB3nR7e";
/** The public API root under the scripted server, like Cloud's `https://api.airbyte.com/v1`. */
const ROOT = "/v1";

const ORGANIZATION_ID = "cb13b80d-27ac-4244-86dc-2e9c118c1334";
const WORKSPACE_ID = "bda2fbbf-a153-46b6-a365-ad492d86c3f8";
const WORKSPACE_2_ID = "f217655d-056c-46da-8f90-79ef6169db63";
const SOURCE_ID = "48bb08fb-68c9-4b6e-963c-b702b683974c";
const DESTINATION_ID = "a686eaa4-3f3e-40e7-85ee-d013633fad9e";
const CONNECTION_ID = "128cc799-3496-4936-b4ab-a539b81febb2";
/** Airbyte's Postgres source and BigQuery destination definitions. */
const POSTGRES_DEFINITION_ID = "decd338e-5647-4c0b-adf4-da0e75f5a750";
const BIGQUERY_DEFINITION_ID = "22f6c74f-5699-40ff-833c-4a879ea40133";
const CUSTOM_SOURCE_DEFINITION_ID = "a3242268-d498-4d1a-a308-0ee58388c6f5";
const CUSTOM_DESTINATION_DEFINITION_ID = "f2e6d3c2-0b88-429c-80bc-373d36a4e6c6";
const DECLARATIVE_DEFINITION_ID = "5a140000-f9df-4c7c-9769-367b828bed29";
const USER_ID = "1f6433e1-750d-44e1-a751-00f7e3e5067d";
const USER_2_ID = "93ead1d7-a8f2-474d-841f-0627dfd637eb";
const GROUP_ID = "cb9801ec-255d-425d-aee7-3b3ef6d7c432";
const MEMBER_ID = "2eea2d41-f042-4b1a-8bd4-0c49e9220760";
const PERMISSION_ID = "312f0f7c-e543-4570-a580-db6e15da5460";
const GROUP_PERMISSION_ID = "282f354e-cf0b-4e1c-9398-a3e472361277";
const REGION_ID = "60f35500-f503-43d9-a208-c96626c56eb9";
const REGION_2_ID = "bfec7d38-1548-476f-9d14-a365a9426174";
const DATAPLANE_ID = "3345c043-6001-4327-ae00-6f679ac68f66";
const TAG_ID = "41dacf03-3a27-4c7b-9942-4be5faf69515";
const TAG_2_ID = "1117f4f5-e992-44a8-9091-fe904738fffc";
const APPLICATION_ID = "4262cc64-1d17-473f-a974-3a2f3f771e80";
const MAPPER_ID = "29e1cc10-5e5c-4a13-98c7-44edef167dca";
const JOB_ID = 10429817;
/** 2024-05-01T09:30:00Z in epoch seconds, as the API's `createdAt` fields are. */
const CREATED_AT = 1714555800;

const application: ApplicationRead = {
  id: APPLICATION_ID,
  name: "ci-pipeline",
  clientId: "7c2f9a3e-51d4-4b0e-8f2a-6d1e0b9c4a77",
  clientSecret: "Jm4oR8tX2vQ9kLpW5nZ7bC1dF3gH6jK0",
  createdAt: CREATED_AT,
};

const job: JobResponse = {
  jobId: JOB_ID,
  status: "succeeded",
  jobType: "sync",
  startTime: "2024-05-01T10:00:04Z",
  connectionId: CONNECTION_ID,
  lastUpdatedAt: "2024-05-01T10:08:46Z",
  duration: "PT8M42S",
  bytesSynced: 73_400_320,
  rowsSynced: 182_044,
};

const region: RegionResponse = {
  regionId: REGION_ID,
  name: "eu-west-1",
  organizationId: ORGANIZATION_ID,
  enabled: true,
  createdAt: "2024-05-01T09:30:00Z",
  updatedAt: "2024-05-02T14:12:31Z",
};

const dataplane: DataplaneResponse = {
  dataplaneId: DATAPLANE_ID,
  name: "eu-west-1-primary",
  regionId: REGION_ID,
  enabled: true,
  createdAt: "2024-05-01T09:31:12Z",
  updatedAt: "2024-05-01T09:31:12Z",
};

const declarativeManifest: DeclarativeManifest = {
  version: "6.7.0",
  type: "DeclarativeSource",
  check: { type: "CheckStream", stream_names: ["customers"] },
  streams: [
    {
      type: "DeclarativeStream",
      name: "customers",
      primary_key: ["id"],
      retriever: {
        type: "SimpleRetriever",
        requester: {
          type: "HttpRequester",
          url_base: "https://api.crm.example.com/v2",
          path: "/customers",
          http_method: "GET",
          authenticator: { type: "BearerAuthenticator", api_token: "{{ config['api_key'] }}" },
        },
        record_selector: {
          type: "RecordSelector",
          extractor: { type: "DpathExtractor", field_path: ["data"] },
        },
      },
      schema_loader: {
        type: "InlineSchemaLoader",
        schema: { type: "object", properties: { id: { type: "string" }, email: { type: "string" } } },
      },
    },
  ],
  spec: {
    type: "Spec",
    connection_specification: {
      type: "object",
      required: ["api_key"],
      properties: { api_key: { type: "string", airbyte_secret: true } },
    },
  },
};

const declarativeDefinition: DeclarativeSourceDefinitionResponse = {
  id: DECLARATIVE_DEFINITION_ID,
  name: "Internal CRM",
  manifest: declarativeManifest,
  version: 3,
};

const customSourceDefinition: DefinitionResponse = {
  id: CUSTOM_SOURCE_DEFINITION_ID,
  name: "Acme Billing",
  dockerRepository: "ghcr.io/acme/source-billing",
  dockerImageTag: "0.4.2",
  documentationUrl: "https://docs.acme.example/connectors/source-billing",
};

const customDestinationDefinition: DefinitionResponse = {
  id: CUSTOM_DESTINATION_DEFINITION_ID,
  name: "Acme Lakehouse",
  dockerRepository: "ghcr.io/acme/destination-lakehouse",
  dockerImageTag: "1.2.0",
};

const resourceAllocation = {
  default: { cpu_request: "0.5", cpu_limit: "1", memory_request: "1Gi", memory_limit: "2Gi" },
  jobSpecific: [{ jobType: "sync" as const, resourceRequirements: { memory_limit: "4Gi" } }],
};

const postgresConfiguration = {
  sourceType: "postgres",
  host: "db.internal.acme.example",
  port: 5432,
  database: "app",
  schemas: ["public"],
  username: "airbyte_reader",
  password: "s3cr3t-pg-password",
  ssl_mode: { mode: "require" },
  replication_method: { method: "Xmin" },
  tunnel_method: { tunnel_method: "NO_TUNNEL" },
};

const sourceCreate: SourceCreateRequest = {
  name: "Postgres (production)",
  definitionId: POSTGRES_DEFINITION_ID,
  workspaceId: WORKSPACE_ID,
  configuration: postgresConfiguration,
  resourceAllocation,
};

const source: SourceResponse = {
  sourceId: SOURCE_ID,
  name: "Postgres (production)",
  sourceType: "postgres",
  definitionId: POSTGRES_DEFINITION_ID,
  workspaceId: WORKSPACE_ID,
  configuration: { ...postgresConfiguration, password: "**********" },
  createdAt: CREATED_AT,
  resourceAllocation,
};

const bigqueryConfiguration = {
  destinationType: "bigquery",
  project_id: "acme-analytics",
  dataset_id: "airbyte_raw",
  dataset_location: "EU",
  credentials_json: '{"type":"service_account","project_id":"acme-analytics"}',
  loading_method: { method: "Standard" },
};

const destinationCreate: DestinationCreateRequest = {
  name: "BigQuery (analytics)",
  definitionId: BIGQUERY_DEFINITION_ID,
  workspaceId: WORKSPACE_ID,
  configuration: bigqueryConfiguration,
};

const destination: DestinationResponse = {
  destinationId: DESTINATION_ID,
  name: "BigQuery (analytics)",
  destinationType: "bigquery",
  definitionId: BIGQUERY_DEFINITION_ID,
  workspaceId: WORKSPACE_ID,
  configuration: { ...bigqueryConfiguration, credentials_json: "**********" },
  createdAt: CREATED_AT,
};

const tag: TagResponse = { tagId: TAG_ID, name: "production", color: "FF5733", workspaceId: WORKSPACE_ID };

const connectionCreate: ConnectionCreateRequest = {
  name: "Postgres → BigQuery",
  sourceId: SOURCE_ID,
  destinationId: DESTINATION_ID,
  configurations: {
    streams: [
      {
        name: "customers",
        namespace: "public",
        syncMode: "incremental_deduped_history",
        cursorField: ["updated_at"],
        primaryKey: [["id"]],
        selectedFields: [{ fieldPath: ["id"] }, { fieldPath: ["email"] }, { fieldPath: ["updated_at"] }],
        mappers: [
          {
            type: "hashing",
            mapperConfiguration: { targetField: "email", method: "SHA-256", fieldNameSuffix: "_hashed" },
          },
        ],
      },
      { name: "orders", namespace: "public", syncMode: "full_refresh_overwrite" },
    ],
  },
  schedule: { scheduleType: "cron", cronExpression: "0 0 2 * * ?" },
  namespaceDefinition: "custom_format",
  namespaceFormat: "crm_${SOURCE_NAMESPACE}",
  prefix: "pg_",
  nonBreakingSchemaUpdatesBehavior: "propagate_columns",
  status: "active",
  tags: [tag],
};

const connection: ConnectionResponse = {
  connectionId: CONNECTION_ID,
  name: "Postgres → BigQuery",
  sourceId: SOURCE_ID,
  destinationId: DESTINATION_ID,
  workspaceId: WORKSPACE_ID,
  status: "active",
  schedule: { scheduleType: "cron", cronExpression: "0 0 2 * * ?" },
  nonBreakingSchemaUpdatesBehavior: "propagate_columns",
  namespaceDefinition: "custom_format",
  namespaceFormat: "crm_${SOURCE_NAMESPACE}",
  prefix: "pg_",
  configurations: {
    streams: [
      {
        name: "customers",
        namespace: "public",
        syncMode: "incremental_deduped_history",
        cursorField: ["updated_at"],
        primaryKey: [["id"]],
        selectedFields: [{ fieldPath: ["id"] }, { fieldPath: ["email"] }, { fieldPath: ["updated_at"] }],
        mappers: [
          {
            id: MAPPER_ID,
            type: "hashing",
            mapperConfiguration: { targetField: "email", method: "SHA-256", fieldNameSuffix: "_hashed" },
          },
        ],
      },
      { name: "orders", namespace: "public", syncMode: "full_refresh_overwrite" },
    ],
  },
  createdAt: CREATED_AT,
  tags: [tag],
};

const connectionPatch: ConnectionPatchRequest = {
  name: "Postgres → BigQuery (hourly)",
  schedule: { scheduleType: "cron", cronExpression: "0 0 * * * ?" },
  status: "inactive",
};

const streamProperties: StreamPropertiesResponse = [
  {
    streamName: "customers",
    streamnamespace: "public",
    syncModes: ["full_refresh_overwrite", "full_refresh_append", "incremental_append", "incremental_deduped_history"],
    defaultCursorField: ["updated_at"],
    sourceDefinedCursorField: false,
    sourceDefinedPrimaryKey: [["id"]],
    propertyFields: [["id"], ["email"], ["updated_at"]],
  },
];

const workspace: WorkspaceResponse = {
  workspaceId: WORKSPACE_ID,
  name: "Analytics",
  dataResidency: "auto",
  notifications: {
    failure: {
      email: { enabled: true },
      webhook: { enabled: true, url: "https://hooks.slack.com/services/T000/B000/XXXX" },
    },
    success: { email: { enabled: false }, webhook: { enabled: false } },
  },
};

const permission: PermissionResponse = {
  permissionId: PERMISSION_ID,
  permissionType: "workspace_admin",
  userId: USER_ID,
  workspaceId: WORKSPACE_ID,
};

const group: GroupResponse = {
  groupId: GROUP_ID,
  name: "Data engineers",
  description: "Owns the ingestion pipelines",
  organizationId: ORGANIZATION_ID,
  memberCount: 4,
};

const groupMember: GroupMemberResponse = {
  memberId: MEMBER_ID,
  groupId: GROUP_ID,
  userId: USER_ID,
  userEmail: "ada@acme.example",
  userName: "Ada Lovelace",
};

const groupPermission: GroupPermissionResponse = {
  permissionId: GROUP_PERMISSION_ID,
  groupId: GROUP_ID,
  permissionType: "workspace_reader",
  workspaceId: WORKSPACE_ID,
  organizationId: null,
};

const nextLink = (path: string, query: string) => `https://api.airbyte.com/v1${path}?${query}`;

// ---------------------------------------------------------------------------------------------
// The case table
// ---------------------------------------------------------------------------------------------

/** What the scripted server answers, and what the call must resolve to. */
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The resolved value; for a paginated list, the first page's `data`. */
  resolves: unknown;
  /** A paginated list: `await` gives a Page. */
  page?: true;
}

const json = (body: unknown, status = 200): Reply => ({ status, body, resolves: body });
const page = (body: { data: unknown[]; next?: string | null; previous?: string | null }): Reply => ({
  status: 200,
  body,
  resolves: body.data,
  page: true,
});
const noContent: Reply = { status: 204, resolves: undefined };
/** 200 without a body (the OAuth credential PUTs). */
const emptyOk: Reply = { status: 200, resolves: undefined };
const redirect = (location: string): Reply => ({ status: 302, headers: { location }, resolves: location });

interface Case {
  /** The operationId in api.yaml. */
  op: string;
  variant?: string;
  call: (api: AirbyteApi) => PromiseLike<unknown>;
  method: HttpMethod;
  /** Relative to the API root, percent-encoded as it must be sent. */
  path: string;
  /** The exact query string, without `?`. */
  query?: string;
  body?: unknown;
  reply: Reply;
  /** Sent without credentials (`security: []` in api.yaml). */
  anonymous?: true;
  /** Schema of the reply when api.yaml declares none. */
  replySchema?: string;
}

const REQUIRED_ONLY = "required parameters only";
const ALL = "all parameters";

const cases: Case[] = [
  // PublicRoot, Health
  {
    op: "getDocumentation",
    call: (api) => api.publicRoot.getDocumentation(),
    method: "GET",
    path: "/",
    reply: redirect("https://reference.airbyte.com/reference/getting-started"),
    anonymous: true,
  },
  {
    op: "getHealthCheck",
    call: (api) => api.health.getHealthCheck(),
    method: "GET",
    path: "/health",
    reply: { status: 200, body: "Successful operation", resolves: "Successful operation" },
    anonymous: true,
  },

  // Applications
  {
    op: "listApplications",
    call: (api) => api.applications.listApplications(),
    method: "GET",
    path: "/applications",
    reply: json({ applications: [application] }),
  },
  {
    op: "createApplication",
    call: (api) => api.applications.createApplication({ name: "ci-pipeline" }),
    method: "POST",
    path: "/applications",
    body: { name: "ci-pipeline" },
    reply: json(application),
  },
  {
    op: "getApplication",
    call: (api) => api.applications.getApplication({ applicationId: APPLICATION_ID }),
    method: "GET",
    path: `/applications/${APPLICATION_ID}`,
    reply: json(application),
  },
  {
    op: "deleteApplication",
    call: (api) => api.applications.deleteApplication({ applicationId: APPLICATION_ID }),
    method: "DELETE",
    path: `/applications/${APPLICATION_ID}`,
    reply: json(application),
  },
  {
    op: "createAccessToken",
    call: (api) =>
      api.applications.createAccessToken({
        client_id: application.clientId,
        client_secret: application.clientSecret,
        grant_type: "client_credentials",
      }),
    method: "POST",
    path: "/applications/token",
    body: {
      client_id: application.clientId,
      client_secret: application.clientSecret,
      grant_type: "client_credentials",
    },
    reply: json({ access_token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2ln", token_type: "Bearer", expires_in: 180 }),
    anonymous: true,
  },

  // Jobs
  {
    op: "listJobs",
    variant: REQUIRED_ONLY,
    call: (api) => api.jobs.listJobs(),
    method: "GET",
    path: "/jobs",
    reply: page({ data: [job], next: nextLink("/jobs", "limit=20&offset=20") }),
  },
  {
    op: "listJobs",
    variant: ALL,
    call: (api) =>
      api.jobs.listJobs({
        connectionId: CONNECTION_ID,
        limit: 50,
        offset: 100,
        jobType: "sync",
        workspaceIds: [WORKSPACE_ID, WORKSPACE_2_ID],
        status: "succeeded",
        createdAtStart: new Date("2024-05-01T00:00:00Z"),
        createdAtEnd: new Date("2024-05-31T23:59:59.999Z"),
        updatedAtStart: "2024-05-01T00:00:00Z",
        updatedAtEnd: new Date("2024-06-01T00:00:00Z"),
        orderBy: "updatedAt|DESC",
      }),
    method: "GET",
    path: "/jobs",
    query:
      `connectionId=${CONNECTION_ID}&limit=50&offset=100&jobType=sync` +
      `&workspaceIds=${WORKSPACE_ID}&workspaceIds=${WORKSPACE_2_ID}&status=succeeded` +
      `&createdAtStart=2024-05-01T00%3A00%3A00.000Z&createdAtEnd=2024-05-31T23%3A59%3A59.999Z` +
      `&updatedAtStart=2024-05-01T00%3A00%3A00Z&updatedAtEnd=2024-06-01T00%3A00%3A00.000Z&orderBy=updatedAt%7CDESC`,
    reply: page({ data: [job], previous: nextLink("/jobs", "limit=50&offset=50") }),
  },
  {
    op: "createJob",
    call: (api) => api.jobs.createJob({ connectionId: CONNECTION_ID, jobType: "sync" }),
    method: "POST",
    path: "/jobs",
    body: { connectionId: CONNECTION_ID, jobType: "sync" },
    reply: json({
      jobId: JOB_ID,
      status: "pending",
      jobType: "sync",
      startTime: "2024-05-01T10:00:04Z",
      connectionId: CONNECTION_ID,
    }),
  },
  {
    op: "getJob",
    call: (api) => api.jobs.getJob({ jobId: JOB_ID }),
    method: "GET",
    path: `/jobs/${JOB_ID}`,
    reply: json(job),
  },
  {
    op: "cancelJob",
    call: (api) => api.jobs.cancelJob({ jobId: JOB_ID }),
    method: "DELETE",
    path: `/jobs/${JOB_ID}`,
    reply: json({ ...job, status: "cancelled", bytesSynced: 1_048_576, rowsSynced: 2_310 }),
  },

  // Regions (list, get, delete) and Dataplanes (with region create and update)
  {
    op: "listRegions",
    call: (api) => api.regions.listRegions({ organizationId: ORGANIZATION_ID }),
    method: "GET",
    path: "/regions",
    query: `organizationId=${ORGANIZATION_ID}`,
    reply: json({ data: [region] }),
  },
  {
    op: "createRegion",
    call: (api) => api.dataplanes.createRegion({ name: "eu-west-1", organizationId: ORGANIZATION_ID, enabled: true }),
    method: "POST",
    path: "/regions",
    body: { name: "eu-west-1", organizationId: ORGANIZATION_ID, enabled: true },
    reply: json(region),
  },
  {
    op: "getRegion",
    call: (api) => api.regions.getRegion({ regionId: REGION_ID }),
    method: "GET",
    path: `/regions/${REGION_ID}`,
    reply: json(region),
  },
  {
    op: "updateRegion",
    call: (api) => api.dataplanes.updateRegion({ regionId: REGION_ID }, { name: "eu-central-1", enabled: false }),
    method: "PATCH",
    path: `/regions/${REGION_ID}`,
    body: { name: "eu-central-1", enabled: false },
    reply: json({ ...region, name: "eu-central-1", enabled: false, updatedAt: "2024-05-03T08:00:00Z" }),
  },
  {
    op: "deleteRegion",
    call: (api) => api.regions.deleteRegion({ regionId: REGION_ID }),
    method: "DELETE",
    path: `/regions/${REGION_ID}`,
    reply: json(region),
  },
  {
    op: "listDataplanes",
    variant: REQUIRED_ONLY,
    call: (api) => api.dataplanes.listDataplanes(),
    method: "GET",
    path: "/dataplanes",
    reply: json({ data: [dataplane] }),
  },
  {
    op: "listDataplanes",
    variant: ALL,
    call: (api) => api.dataplanes.listDataplanes({ regionIds: [REGION_ID, REGION_2_ID] }),
    method: "GET",
    path: "/dataplanes",
    query: `regionIds=${REGION_ID}&regionIds=${REGION_2_ID}`,
    reply: json({ data: [dataplane] }),
  },
  {
    op: "createDataplane",
    call: (api) => api.dataplanes.createDataplane({ regionId: REGION_ID, name: "eu-west-1-primary", enabled: true }),
    method: "POST",
    path: "/dataplanes",
    body: { regionId: REGION_ID, name: "eu-west-1-primary", enabled: true },
    reply: json({
      dataplaneId: DATAPLANE_ID,
      regionId: REGION_ID,
      clientId: "dp-3345c043-client",
      clientSecret: "Vb7nQ2xK9mLp4Rt8Wz1c",
    }),
  },
  {
    op: "getDataplane",
    call: (api) => api.dataplanes.getDataplane({ dataplaneId: DATAPLANE_ID }),
    method: "GET",
    path: `/dataplanes/${DATAPLANE_ID}`,
    reply: json(dataplane),
  },
  {
    op: "updateDataplane",
    call: (api) => api.dataplanes.updateDataplane({ dataplaneId: DATAPLANE_ID }, { enabled: false }),
    method: "PATCH",
    path: `/dataplanes/${DATAPLANE_ID}`,
    body: { enabled: false },
    reply: json({ ...dataplane, enabled: false, updatedAt: "2024-05-04T11:20:00Z" }),
  },
  {
    op: "deleteDataplane",
    call: (api) => api.dataplanes.deleteDataplane({ dataplaneId: DATAPLANE_ID }),
    method: "DELETE",
    path: `/dataplanes/${DATAPLANE_ID}`,
    reply: json(dataplane),
  },

  // ConnectorDefinitions
  {
    op: "listConnectorDefinitions",
    variant: REQUIRED_ONLY,
    call: (api) => api.connectorDefinitions.listConnectorDefinitions({ type: "source" }),
    method: "GET",
    path: "/connector_definitions",
    query: "type=source",
    reply: json({
      data: [{ id: POSTGRES_DEFINITION_ID, name: "Postgres", connectorDefinitionType: "source", version: "3.6.28" }],
    }),
  },
  {
    op: "listConnectorDefinitions",
    variant: ALL,
    call: (api) =>
      api.connectorDefinitions.listConnectorDefinitions({ type: "destination", workspaceId: WORKSPACE_ID }),
    method: "GET",
    path: "/connector_definitions",
    query: `type=destination&workspaceId=${WORKSPACE_ID}`,
    reply: json({
      data: [
        { id: BIGQUERY_DEFINITION_ID, name: "BigQuery", connectorDefinitionType: "destination", version: "2.9.3" },
        {
          id: CUSTOM_DESTINATION_DEFINITION_ID,
          name: "Acme Lakehouse",
          connectorDefinitionType: "destination",
          version: "1.2.0",
        },
      ],
    }),
  },

  // DeclarativeSourceDefinitions
  {
    op: "listDeclarativeSourceDefinitions",
    call: (api) => api.declarativeSourceDefinitions.listDeclarativeSourceDefinitions({ workspaceId: WORKSPACE_ID }),
    method: "GET",
    path: `/workspaces/${WORKSPACE_ID}/definitions/declarative_sources`,
    reply: json({ data: [declarativeDefinition] }),
  },
  {
    op: "createDeclarativeSourceDefinition",
    call: (api) =>
      api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
        { workspaceId: WORKSPACE_ID },
        { name: "Internal CRM", manifest: declarativeManifest },
      ),
    method: "POST",
    path: `/workspaces/${WORKSPACE_ID}/definitions/declarative_sources`,
    body: { name: "Internal CRM", manifest: declarativeManifest },
    reply: json({ ...declarativeDefinition, version: 1 }),
  },
  {
    op: "getDeclarativeSourceDefinition",
    call: (api) =>
      api.declarativeSourceDefinitions.getDeclarativeSourceDefinition({
        workspaceId: WORKSPACE_ID,
        definitionId: DECLARATIVE_DEFINITION_ID,
      }),
    method: "GET",
    path: `/workspaces/${WORKSPACE_ID}/definitions/declarative_sources/${DECLARATIVE_DEFINITION_ID}`,
    reply: json(declarativeDefinition),
  },
  {
    op: "updateDeclarativeSourceDefinition",
    call: (api) =>
      api.declarativeSourceDefinitions.updateDeclarativeSourceDefinition(
        { workspaceId: WORKSPACE_ID, definitionId: DECLARATIVE_DEFINITION_ID },
        { manifest: declarativeManifest },
      ),
    method: "PUT",
    path: `/workspaces/${WORKSPACE_ID}/definitions/declarative_sources/${DECLARATIVE_DEFINITION_ID}`,
    body: { manifest: declarativeManifest },
    reply: json({ ...declarativeDefinition, version: 4 }),
  },
  {
    op: "deleteDeclarativeSourceDefinition",
    call: (api) =>
      api.declarativeSourceDefinitions.deleteDeclarativeSourceDefinition({
        workspaceId: WORKSPACE_ID,
        definitionId: DECLARATIVE_DEFINITION_ID,
      }),
    method: "DELETE",
    path: `/workspaces/${WORKSPACE_ID}/definitions/declarative_sources/${DECLARATIVE_DEFINITION_ID}`,
    reply: json(declarativeDefinition),
  },

  // SourceDefinitions
  {
    op: "listSourceDefinitions",
    call: (api) => api.sourceDefinitions.listSourceDefinitions({ workspaceId: WORKSPACE_ID }),
    method: "GET",
    path: `/workspaces/${WORKSPACE_ID}/definitions/sources`,
    reply: json({ data: [customSourceDefinition] }),
  },
  {
    op: "createSourceDefinition",
    call: (api) =>
      api.sourceDefinitions.createSourceDefinition(
        { workspaceId: WORKSPACE_ID },
        {
          name: "Acme Billing",
          dockerRepository: "ghcr.io/acme/source-billing",
          dockerImageTag: "0.4.2",
          documentationUrl: "https://docs.acme.example/connectors/source-billing",
        },
      ),
    method: "POST",
    path: `/workspaces/${WORKSPACE_ID}/definitions/sources`,
    body: {
      name: "Acme Billing",
      dockerRepository: "ghcr.io/acme/source-billing",
      dockerImageTag: "0.4.2",
      documentationUrl: "https://docs.acme.example/connectors/source-billing",
    },
    reply: json(customSourceDefinition),
  },
  {
    op: "getSourceDefinition",
    call: (api) =>
      api.sourceDefinitions.getSourceDefinition({
        workspaceId: WORKSPACE_ID,
        definitionId: CUSTOM_SOURCE_DEFINITION_ID,
      }),
    method: "GET",
    path: `/workspaces/${WORKSPACE_ID}/definitions/sources/${CUSTOM_SOURCE_DEFINITION_ID}`,
    reply: json(customSourceDefinition),
  },
  {
    op: "updateSourceDefinition",
    call: (api) =>
      api.sourceDefinitions.updateSourceDefinition(
        { workspaceId: WORKSPACE_ID, definitionId: CUSTOM_SOURCE_DEFINITION_ID },
        { name: "Acme Billing", dockerImageTag: "0.5.0" },
      ),
    method: "PUT",
    path: `/workspaces/${WORKSPACE_ID}/definitions/sources/${CUSTOM_SOURCE_DEFINITION_ID}`,
    body: { name: "Acme Billing", dockerImageTag: "0.5.0" },
    reply: json({ ...customSourceDefinition, dockerImageTag: "0.5.0" }),
  },
  {
    op: "deleteSourceDefinition",
    call: (api) =>
      api.sourceDefinitions.deleteSourceDefinition({
        workspaceId: WORKSPACE_ID,
        definitionId: CUSTOM_SOURCE_DEFINITION_ID,
      }),
    method: "DELETE",
    path: `/workspaces/${WORKSPACE_ID}/definitions/sources/${CUSTOM_SOURCE_DEFINITION_ID}`,
    reply: json(customSourceDefinition),
  },

  // DestinationDefinitions
  {
    op: "listDestinationDefinitions",
    call: (api) => api.destinationDefinitions.listDestinationDefinitions({ workspaceId: WORKSPACE_ID }),
    method: "GET",
    path: `/workspaces/${WORKSPACE_ID}/definitions/destinations`,
    reply: json({ data: [customDestinationDefinition] }),
  },
  {
    op: "createDestinationDefinition",
    call: (api) =>
      api.destinationDefinitions.createDestinationDefinition(
        { workspaceId: WORKSPACE_ID },
        { name: "Acme Lakehouse", dockerRepository: "ghcr.io/acme/destination-lakehouse", dockerImageTag: "1.2.0" },
      ),
    method: "POST",
    path: `/workspaces/${WORKSPACE_ID}/definitions/destinations`,
    body: { name: "Acme Lakehouse", dockerRepository: "ghcr.io/acme/destination-lakehouse", dockerImageTag: "1.2.0" },
    reply: json(customDestinationDefinition),
  },
  {
    op: "getDestinationDefinition",
    call: (api) =>
      api.destinationDefinitions.getDestinationDefinition({
        workspaceId: WORKSPACE_ID,
        definitionId: CUSTOM_DESTINATION_DEFINITION_ID,
      }),
    method: "GET",
    path: `/workspaces/${WORKSPACE_ID}/definitions/destinations/${CUSTOM_DESTINATION_DEFINITION_ID}`,
    reply: json(customDestinationDefinition),
  },
  {
    op: "updateDestinationDefinition",
    call: (api) =>
      api.destinationDefinitions.updateDestinationDefinition(
        { workspaceId: WORKSPACE_ID, definitionId: CUSTOM_DESTINATION_DEFINITION_ID },
        { name: "Acme Lakehouse", dockerImageTag: "1.3.0" },
      ),
    method: "PUT",
    path: `/workspaces/${WORKSPACE_ID}/definitions/destinations/${CUSTOM_DESTINATION_DEFINITION_ID}`,
    body: { name: "Acme Lakehouse", dockerImageTag: "1.3.0" },
    reply: json({ ...customDestinationDefinition, dockerImageTag: "1.3.0" }),
  },
  {
    op: "deleteDestinationDefinition",
    call: (api) =>
      api.destinationDefinitions.deleteDestinationDefinition({
        workspaceId: WORKSPACE_ID,
        definitionId: CUSTOM_DESTINATION_DEFINITION_ID,
      }),
    method: "DELETE",
    path: `/workspaces/${WORKSPACE_ID}/definitions/destinations/${CUSTOM_DESTINATION_DEFINITION_ID}`,
    reply: json(customDestinationDefinition),
  },

  // Sources
  {
    op: "listSources",
    variant: REQUIRED_ONLY,
    call: (api) => api.sources.listSources(),
    method: "GET",
    path: "/sources",
    reply: page({ data: [source], next: nextLink("/sources", "limit=20&offset=20") }),
  },
  {
    op: "listSources",
    variant: ALL,
    call: (api) =>
      api.sources.listSources({
        workspaceIds: [WORKSPACE_ID, WORKSPACE_2_ID],
        includeDeleted: true,
        limit: 25,
        offset: 50,
      }),
    method: "GET",
    path: "/sources",
    query: `workspaceIds=${WORKSPACE_ID}&workspaceIds=${WORKSPACE_2_ID}&includeDeleted=true&limit=25&offset=50`,
    reply: page({ data: [source], next: "", previous: nextLink("/sources", "limit=25&offset=25") }),
  },
  {
    op: "createSource",
    call: (api) => api.sources.createSource(sourceCreate),
    method: "POST",
    path: "/sources",
    body: sourceCreate,
    reply: json(source),
  },
  {
    op: "getSource",
    variant: REQUIRED_ONLY,
    call: (api) => api.sources.getSource({ sourceId: SOURCE_ID }),
    method: "GET",
    path: `/sources/${SOURCE_ID}`,
    reply: json(source),
  },
  {
    op: "getSource",
    variant: ALL,
    call: (api) => api.sources.getSource({ sourceId: SOURCE_ID, includeSecretCoordinates: true }),
    method: "GET",
    path: `/sources/${SOURCE_ID}`,
    query: "includeSecretCoordinates=true",
    reply: json({
      ...source,
      configuration: { ...postgresConfiguration, password: `airbyte_workspace_${WORKSPACE_ID}_secret_9c8d7e6f_v1` },
    }),
  },
  {
    op: "patchSource",
    call: (api) =>
      api.sources.patchSource(
        { sourceId: SOURCE_ID },
        { name: "Postgres (replica)", configuration: { host: "replica.internal.acme.example" } },
      ),
    method: "PATCH",
    path: `/sources/${SOURCE_ID}`,
    body: { name: "Postgres (replica)", configuration: { host: "replica.internal.acme.example" } },
    reply: json({
      ...source,
      name: "Postgres (replica)",
      configuration: { ...source.configuration, host: "replica.internal.acme.example" },
    }),
  },
  {
    op: "putSource",
    call: (api) =>
      api.sources.putSource(
        { sourceId: SOURCE_ID },
        { name: "Postgres (production)", configuration: postgresConfiguration },
      ),
    method: "PUT",
    path: `/sources/${SOURCE_ID}`,
    body: { name: "Postgres (production)", configuration: postgresConfiguration },
    reply: json(source),
  },
  {
    op: "deleteSource",
    call: (api) => api.sources.deleteSource({ sourceId: SOURCE_ID }),
    method: "DELETE",
    path: `/sources/${SOURCE_ID}`,
    reply: noContent,
  },
  {
    op: "initiateOAuth",
    call: (api) =>
      api.sources.initiateOAuth({
        sourceType: "google-ads",
        redirectUrl: "https://app.acme.example/integrations/oauth/done",
        workspaceId: WORKSPACE_ID,
        requestedScopes: ["https://www.googleapis.com/auth/adwords"],
      }),
    method: "POST",
    path: "/sources/initiateOAuth",
    body: {
      sourceType: "google-ads",
      redirectUrl: "https://app.acme.example/integrations/oauth/done",
      workspaceId: WORKSPACE_ID,
      requestedScopes: ["https://www.googleapis.com/auth/adwords"],
    },
    reply: json({
      redirectUrl:
        "https://accounts.google.com/o/oauth2/v2/auth?client_id=1234.apps.googleusercontent.com" +
        "&redirect_uri=https%3A%2F%2Fapi.airbyte.com%2Fv1%2Foauth%2Fcallback&response_type=code" +
        "&scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fadwords&state=Zx81kQ",
    }),
    // api.yaml's InitiateOauthResponse declares application/json without a schema.
    replySchema: "RedirectUrlResponse",
  },

  // Destinations
  {
    op: "listDestinations",
    variant: REQUIRED_ONLY,
    call: (api) => api.destinations.listDestinations(),
    method: "GET",
    path: "/destinations",
    reply: page({ data: [destination], next: nextLink("/destinations", "limit=20&offset=20") }),
  },
  {
    op: "listDestinations",
    variant: ALL,
    call: (api) =>
      api.destinations.listDestinations({ workspaceIds: [WORKSPACE_ID], includeDeleted: false, limit: 1, offset: 0 }),
    method: "GET",
    path: "/destinations",
    query: `workspaceIds=${WORKSPACE_ID}&includeDeleted=false&limit=1&offset=0`,
    reply: page({
      data: [destination],
      next: nextLink("/destinations", `workspaceIds=${WORKSPACE_ID}&limit=1&offset=1`),
    }),
  },
  {
    op: "createDestination",
    call: (api) => api.destinations.createDestination(destinationCreate),
    method: "POST",
    path: "/destinations",
    body: destinationCreate,
    reply: json(destination),
  },
  {
    op: "getDestination",
    variant: REQUIRED_ONLY,
    call: (api) => api.destinations.getDestination({ destinationId: DESTINATION_ID }),
    method: "GET",
    path: `/destinations/${DESTINATION_ID}`,
    reply: json(destination),
  },
  {
    op: "getDestination",
    variant: ALL,
    call: (api) => api.destinations.getDestination({ destinationId: DESTINATION_ID, includeSecretCoordinates: false }),
    method: "GET",
    path: `/destinations/${DESTINATION_ID}`,
    query: "includeSecretCoordinates=false",
    reply: json(destination),
  },
  {
    op: "deleteDestination",
    call: (api) => api.destinations.deleteDestination({ destinationId: DESTINATION_ID }),
    method: "DELETE",
    path: `/destinations/${DESTINATION_ID}`,
    reply: noContent,
  },
  {
    op: "patchDestination",
    call: (api) =>
      api.destinations.patchDestination(
        { destinationId: DESTINATION_ID },
        { configuration: { dataset_id: "airbyte_staging" }, resourceAllocation: { default: { memory_limit: "3Gi" } } },
      ),
    method: "PATCH",
    path: `/destinations/${DESTINATION_ID}`,
    body: {
      configuration: { dataset_id: "airbyte_staging" },
      resourceAllocation: { default: { memory_limit: "3Gi" } },
    },
    reply: json({
      ...destination,
      configuration: { ...destination.configuration, dataset_id: "airbyte_staging" },
      resourceAllocation: { default: { memory_limit: "3Gi" } },
    }),
  },
  {
    op: "putDestination",
    call: (api) =>
      api.destinations.putDestination(
        { destinationId: DESTINATION_ID },
        { name: "BigQuery (analytics)", configuration: bigqueryConfiguration },
      ),
    method: "PUT",
    path: `/destinations/${DESTINATION_ID}`,
    body: { name: "BigQuery (analytics)", configuration: bigqueryConfiguration },
    reply: json(destination),
  },

  // OAuth
  {
    op: "oauthCallback",
    variant: REQUIRED_ONLY,
    call: (api) => api.oauth.oauthCallback(),
    method: "GET",
    path: "/oauth/callback",
    reply: redirect("https://app.acme.example/integrations/oauth/done?error=missing_state"),
    anonymous: true,
  },
  {
    op: "oauthCallback",
    variant: ALL,
    call: (api) =>
      api.oauth.oauthCallback({
        queryParams: { state: "Zx81kQ", code: "4/0AeaYSHB-x2Q", scope: "https://www.googleapis.com/auth/adwords" },
      }),
    method: "GET",
    path: "/oauth/callback",
    query: "state=Zx81kQ&code=4%2F0AeaYSHB-x2Q&scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fadwords",
    reply: redirect(
      `https://app.acme.example/integrations/oauth/done?secret_id=airbyte_workspace_${WORKSPACE_ID}_secret_3fa2b1_v1`,
    ),
    anonymous: true,
  },

  // Connections
  {
    op: "createConnection",
    call: (api) => api.connections.createConnection(connectionCreate),
    method: "POST",
    path: "/connections",
    body: connectionCreate,
    reply: json(connection),
  },
  {
    op: "listConnections",
    variant: REQUIRED_ONLY,
    call: (api) => api.connections.listConnections(),
    method: "GET",
    path: "/connections",
    reply: page({ data: [connection], next: nextLink("/connections", "limit=20&offset=20") }),
  },
  {
    op: "listConnections",
    variant: ALL,
    call: (api) =>
      api.connections.listConnections({
        workspaceIds: [WORKSPACE_ID, WORKSPACE_2_ID],
        tagIds: [TAG_ID, TAG_2_ID],
        includeDeleted: false,
        limit: 100,
        offset: 200,
      }),
    method: "GET",
    path: "/connections",
    query:
      `workspaceIds=${WORKSPACE_ID}&workspaceIds=${WORKSPACE_2_ID}&tagIds=${TAG_ID}&tagIds=${TAG_2_ID}` +
      `&includeDeleted=false&limit=100&offset=200`,
    reply: page({ data: [connection], next: "", previous: nextLink("/connections", "limit=100&offset=100") }),
  },
  {
    op: "getConnection",
    call: (api) => api.connections.getConnection({ connectionId: CONNECTION_ID }),
    method: "GET",
    path: `/connections/${CONNECTION_ID}`,
    reply: json(connection),
  },
  {
    op: "patchConnection",
    call: (api) => api.connections.patchConnection({ connectionId: CONNECTION_ID }, connectionPatch),
    method: "PATCH",
    path: `/connections/${CONNECTION_ID}`,
    body: connectionPatch,
    reply: json({
      ...connection,
      name: "Postgres → BigQuery (hourly)",
      status: "inactive",
      schedule: { scheduleType: "cron", cronExpression: "0 0 * * * ?" },
    }),
  },
  {
    op: "deleteConnection",
    call: (api) => api.connections.deleteConnection({ connectionId: CONNECTION_ID }),
    method: "DELETE",
    path: `/connections/${CONNECTION_ID}`,
    reply: noContent,
  },

  // Streams
  {
    op: "getStreamProperties",
    variant: REQUIRED_ONLY,
    call: (api) => api.streams.getStreamProperties({ sourceId: SOURCE_ID }),
    method: "GET",
    path: "/streams",
    query: `sourceId=${SOURCE_ID}`,
    reply: json(streamProperties),
  },
  {
    op: "getStreamProperties",
    variant: ALL,
    call: (api) =>
      api.streams.getStreamProperties({ sourceId: SOURCE_ID, destinationId: DESTINATION_ID, ignoreCache: true }),
    method: "GET",
    path: "/streams",
    query: `sourceId=${SOURCE_ID}&destinationId=${DESTINATION_ID}&ignoreCache=true`,
    reply: json(streamProperties),
  },

  // Workspaces
  {
    op: "listWorkspaces",
    variant: REQUIRED_ONLY,
    call: (api) => api.workspaces.listWorkspaces(),
    method: "GET",
    path: "/workspaces",
    reply: page({ data: [workspace], next: "" }),
  },
  {
    op: "listWorkspaces",
    variant: ALL,
    call: (api) =>
      api.workspaces.listWorkspaces({ workspaceIds: [WORKSPACE_ID], includeDeleted: true, limit: 10, offset: 10 }),
    method: "GET",
    path: "/workspaces",
    query: `workspaceIds=${WORKSPACE_ID}&includeDeleted=true&limit=10&offset=10`,
    reply: page({ data: [workspace], previous: nextLink("/workspaces", "limit=10&offset=0") }),
  },
  {
    op: "createWorkspace",
    call: (api) =>
      api.workspaces.createWorkspace({
        name: "Analytics",
        organizationId: ORGANIZATION_ID,
        regionId: REGION_ID,
        notifications: workspace.notifications,
      }),
    method: "POST",
    path: "/workspaces",
    body: {
      name: "Analytics",
      organizationId: ORGANIZATION_ID,
      regionId: REGION_ID,
      notifications: workspace.notifications,
    },
    reply: json(workspace),
  },
  {
    op: "getWorkspace",
    call: (api) => api.workspaces.getWorkspace({ workspaceId: WORKSPACE_ID }),
    method: "GET",
    path: `/workspaces/${WORKSPACE_ID}`,
    reply: json(workspace),
  },
  {
    op: "updateWorkspace",
    call: (api) => api.workspaces.updateWorkspace({ workspaceId: WORKSPACE_ID }, { name: "Analytics (EU)" }),
    method: "PATCH",
    path: `/workspaces/${WORKSPACE_ID}`,
    body: { name: "Analytics (EU)" },
    reply: json({ ...workspace, name: "Analytics (EU)" }),
  },
  {
    op: "deleteWorkspace",
    call: (api) => api.workspaces.deleteWorkspace({ workspaceId: WORKSPACE_ID }),
    method: "DELETE",
    path: `/workspaces/${WORKSPACE_ID}`,
    reply: noContent,
  },
  {
    op: "createOrUpdateWorkspaceOAuthCredentials",
    call: (api) =>
      api.workspaces.createOrUpdateWorkspaceOAuthCredentials(
        { workspaceId: WORKSPACE_ID },
        {
          actorType: "source",
          name: "google-ads",
          configuration: {
            client_id: "1234.apps.googleusercontent.com",
            client_secret: "GOCSPX-abc123",
            developer_token: "dev-tok-42",
          },
        },
      ),
    method: "PUT",
    path: `/workspaces/${WORKSPACE_ID}/oauthCredentials`,
    body: {
      actorType: "source",
      name: "google-ads",
      configuration: {
        client_id: "1234.apps.googleusercontent.com",
        client_secret: "GOCSPX-abc123",
        developer_token: "dev-tok-42",
      },
    },
    reply: emptyOk,
  },
  {
    op: "deleteWorkspaceOAuthCredentials",
    call: (api) =>
      api.workspaces.deleteWorkspaceOAuthCredentials({
        workspaceId: WORKSPACE_ID,
        actorType: "source",
        name: "google-ads",
      }),
    method: "DELETE",
    path: `/workspaces/${WORKSPACE_ID}/oauthCredentials/source/google-ads`,
    reply: noContent,
  },
  {
    op: "deleteWorkspaceOAuthCredentials",
    variant: "a name that must be percent-encoded",
    call: (api) =>
      api.workspaces.deleteWorkspaceOAuthCredentials({
        workspaceId: WORKSPACE_ID,
        actorType: "destination",
        name: "acme lake/v2",
      }),
    method: "DELETE",
    path: `/workspaces/${WORKSPACE_ID}/oauthCredentials/destination/acme%20lake%2Fv2`,
    reply: noContent,
  },

  // Permissions
  {
    op: "getPermission",
    call: (api) => api.permissions.getPermission({ permissionId: PERMISSION_ID }),
    method: "GET",
    path: `/permissions/${PERMISSION_ID}`,
    reply: json(permission),
  },
  {
    op: "updatePermission",
    call: (api) =>
      api.permissions.updatePermission({ permissionId: PERMISSION_ID }, { permissionType: "workspace_editor" }),
    method: "PATCH",
    path: `/permissions/${PERMISSION_ID}`,
    body: { permissionType: "workspace_editor" },
    reply: json({ ...permission, permissionType: "workspace_editor" }),
  },
  {
    op: "deletePermission",
    call: (api) => api.permissions.deletePermission({ permissionId: PERMISSION_ID }),
    method: "DELETE",
    path: `/permissions/${PERMISSION_ID}`,
    reply: noContent,
  },
  {
    op: "listPermissions",
    variant: REQUIRED_ONLY,
    call: (api) => api.permissions.listPermissions(),
    method: "GET",
    path: "/permissions",
    reply: json({
      data: [
        {
          permissionId: PERMISSION_ID,
          permissionType: "workspace_admin",
          userId: USER_ID,
          scopeId: WORKSPACE_ID,
          scope: "workspace",
        },
      ],
    }),
  },
  {
    op: "listPermissions",
    variant: ALL,
    call: (api) => api.permissions.listPermissions({ userId: USER_ID, organizationId: ORGANIZATION_ID }),
    method: "GET",
    path: "/permissions",
    query: `userId=${USER_ID}&organizationId=${ORGANIZATION_ID}`,
    reply: json({
      data: [
        {
          permissionId: PERMISSION_ID,
          permissionType: "workspace_admin",
          userId: USER_ID,
          scopeId: WORKSPACE_ID,
          scope: "workspace",
        },
        {
          permissionId: GROUP_PERMISSION_ID,
          permissionType: "organization_member",
          userId: USER_ID,
          scopeId: ORGANIZATION_ID,
          scope: "organization",
        },
      ],
    }),
  },
  {
    op: "createPermission",
    call: (api) =>
      api.permissions.createPermission({
        permissionType: "workspace_admin",
        userId: USER_ID,
        workspaceId: WORKSPACE_ID,
      }),
    method: "POST",
    path: "/permissions",
    body: { permissionType: "workspace_admin", userId: USER_ID, workspaceId: WORKSPACE_ID },
    reply: json(permission),
  },

  // Organizations
  {
    op: "listOrganizationsForUser",
    call: (api) => api.organizations.listOrganizationsForUser(),
    method: "GET",
    path: "/organizations",
    reply: json({
      data: [{ organizationId: ORGANIZATION_ID, organizationName: "Acme Inc.", email: "data-platform@acme.example" }],
    }),
  },
  {
    op: "createOrUpdateOrganizationOAuthCredentials",
    call: (api) =>
      api.organizations.createOrUpdateOrganizationOAuthCredentials(
        { organizationId: ORGANIZATION_ID },
        {
          actorType: "source",
          name: "salesforce",
          configuration: { client_id: "3MVG9-acme", client_secret: "sf-secret-77" },
        },
      ),
    method: "PUT",
    path: `/organizations/${ORGANIZATION_ID}/oauthCredentials`,
    body: {
      actorType: "source",
      name: "salesforce",
      configuration: { client_id: "3MVG9-acme", client_secret: "sf-secret-77" },
    },
    reply: emptyOk,
  },
  {
    op: "deleteOrganizationOAuthCredentials",
    call: (api) =>
      api.organizations.deleteOrganizationOAuthCredentials({
        organizationId: ORGANIZATION_ID,
        actorType: "source",
        name: "salesforce",
      }),
    method: "DELETE",
    path: `/organizations/${ORGANIZATION_ID}/oauthCredentials/source/salesforce`,
    reply: noContent,
  },

  // Users
  {
    op: "listUsersWithinAnOrganization",
    variant: REQUIRED_ONLY,
    call: (api) => api.users.listUsersWithinAnOrganization({ organizationId: ORGANIZATION_ID }),
    method: "GET",
    path: "/users",
    query: `organizationId=${ORGANIZATION_ID}`,
    reply: json({
      data: [
        { id: USER_ID, name: "Ada Lovelace", email: "ada@acme.example" },
        { id: USER_2_ID, name: "Grace Hopper", email: "grace+ops@acme.example" },
      ],
    }),
  },
  {
    op: "listUsersWithinAnOrganization",
    variant: ALL,
    call: (api) =>
      api.users.listUsersWithinAnOrganization({
        organizationId: ORGANIZATION_ID,
        ids: [USER_ID, USER_2_ID],
        emails: ["ada@acme.example", "grace+ops@acme.example"],
      }),
    method: "GET",
    path: "/users",
    query:
      `organizationId=${ORGANIZATION_ID}&ids=${USER_ID}&ids=${USER_2_ID}` +
      `&emails=ada%40acme.example&emails=grace%2Bops%40acme.example`,
    reply: json({ data: [{ id: USER_2_ID, name: "Grace Hopper", email: "grace+ops@acme.example" }] }),
  },

  // Groups
  {
    op: "listGroups",
    variant: REQUIRED_ONLY,
    call: (api) => api.groups.listGroups({ organizationId: ORGANIZATION_ID }),
    method: "GET",
    path: "/groups",
    query: `organizationId=${ORGANIZATION_ID}`,
    reply: page({ data: [group], next: null, previous: null }),
  },
  {
    op: "listGroups",
    variant: ALL,
    call: (api) => api.groups.listGroups({ organizationId: ORGANIZATION_ID, limit: 5, offset: 5 }),
    method: "GET",
    path: "/groups",
    query: `organizationId=${ORGANIZATION_ID}&limit=5&offset=5`,
    reply: page({ data: [group] }),
  },
  {
    op: "createGroup",
    call: (api) =>
      api.groups.createGroup({
        name: "Data engineers",
        description: "Owns the ingestion pipelines",
        organizationId: ORGANIZATION_ID,
      }),
    method: "POST",
    path: "/groups",
    body: { name: "Data engineers", description: "Owns the ingestion pipelines", organizationId: ORGANIZATION_ID },
    reply: json({ ...group, memberCount: 0 }),
  },
  {
    op: "getGroup",
    call: (api) => api.groups.getGroup({ groupId: GROUP_ID }),
    method: "GET",
    path: `/groups/${GROUP_ID}`,
    reply: json(group),
  },
  {
    op: "updateGroup",
    call: (api) => api.groups.updateGroup({ groupId: GROUP_ID }, { name: "Data platform", description: null }),
    method: "PATCH",
    path: `/groups/${GROUP_ID}`,
    body: { name: "Data platform", description: null },
    reply: json({ ...group, name: "Data platform", description: null }),
  },
  {
    op: "deleteGroup",
    call: (api) => api.groups.deleteGroup({ groupId: GROUP_ID }),
    method: "DELETE",
    path: `/groups/${GROUP_ID}`,
    reply: noContent,
  },
  {
    op: "listGroupMembers",
    variant: REQUIRED_ONLY,
    call: (api) => api.groups.listGroupMembers({ groupId: GROUP_ID }),
    method: "GET",
    path: `/groups/${GROUP_ID}/members`,
    reply: page({ data: [groupMember] }),
  },
  {
    op: "listGroupMembers",
    variant: ALL,
    call: (api) => api.groups.listGroupMembers({ groupId: GROUP_ID, limit: 2, offset: 4 }),
    method: "GET",
    path: `/groups/${GROUP_ID}/members`,
    query: "limit=2&offset=4",
    reply: page({ data: [groupMember] }),
  },
  {
    op: "addGroupMember",
    call: (api) => api.groups.addGroupMember({ groupId: GROUP_ID }, { userId: USER_ID }),
    method: "POST",
    path: `/groups/${GROUP_ID}/members`,
    body: { userId: USER_ID },
    reply: json(groupMember, 201),
  },
  {
    op: "removeGroupMember",
    call: (api) => api.groups.removeGroupMember({ groupId: GROUP_ID, userId: USER_ID }),
    method: "DELETE",
    path: `/groups/${GROUP_ID}/members/${USER_ID}`,
    reply: noContent,
  },
  {
    op: "listGroupPermissions",
    call: (api) => api.groups.listGroupPermissions({ groupId: GROUP_ID }),
    method: "GET",
    path: `/groups/${GROUP_ID}/permissions`,
    reply: json({ data: [groupPermission] }),
  },
  {
    op: "createGroupPermission",
    call: (api) =>
      api.groups.createGroupPermission(
        { groupId: GROUP_ID },
        { permissionType: "workspace_reader", workspaceId: WORKSPACE_ID },
      ),
    method: "POST",
    path: `/groups/${GROUP_ID}/permissions`,
    body: { permissionType: "workspace_reader", workspaceId: WORKSPACE_ID },
    reply: json(groupPermission, 201),
  },
  {
    op: "deleteGroupPermission",
    call: (api) => api.groups.deleteGroupPermission({ groupId: GROUP_ID, permissionId: GROUP_PERMISSION_ID }),
    method: "DELETE",
    path: `/groups/${GROUP_ID}/permissions/${GROUP_PERMISSION_ID}`,
    reply: noContent,
  },

  // Tags
  {
    op: "listTags",
    variant: REQUIRED_ONLY,
    call: (api) => api.tags.listTags(),
    method: "GET",
    path: "/tags",
    reply: json({ data: [tag, { tagId: TAG_2_ID, name: "pii", color: "2E86C1", workspaceId: WORKSPACE_2_ID }] }),
  },
  {
    op: "listTags",
    variant: ALL,
    call: (api) => api.tags.listTags({ workspaceIds: [WORKSPACE_ID] }),
    method: "GET",
    path: "/tags",
    query: `workspaceIds=${WORKSPACE_ID}`,
    reply: json({ data: [tag] }),
  },
  {
    op: "createTag",
    call: (api) => api.tags.createTag({ name: "production", color: "FF5733", workspaceId: WORKSPACE_ID }),
    method: "POST",
    path: "/tags",
    body: { name: "production", color: "FF5733", workspaceId: WORKSPACE_ID },
    reply: json(tag),
  },
  {
    op: "getTag",
    call: (api) => api.tags.getTag({ tagId: TAG_ID }),
    method: "GET",
    path: `/tags/${TAG_ID}`,
    reply: json(tag),
  },
  {
    op: "deleteTag",
    call: (api) => api.tags.deleteTag({ tagId: TAG_ID }),
    method: "DELETE",
    path: `/tags/${TAG_ID}`,
    reply: noContent,
  },
  {
    op: "updateTag",
    call: (api) => api.tags.updateTag({ tagId: TAG_ID }, { name: "prod", color: "C0392B" }),
    method: "PATCH",
    path: `/tags/${TAG_ID}`,
    body: { name: "prod", color: "C0392B" },
    reply: json({ ...tag, name: "prod", color: "C0392B" }),
  },

  // Embedded
  {
    op: "getEmbeddedWidget",
    call: (api) =>
      api.embeddedWidget.getEmbeddedWidget({
        allowedOrigin: "https://app.acme.example",
        externalUserId: "customer-4711",
        organizationId: ORGANIZATION_ID,
      }),
    method: "POST",
    path: "/embedded/widget_token",
    body: {
      allowedOrigin: "https://app.acme.example",
      externalUserId: "customer-4711",
      organizationId: ORGANIZATION_ID,
    },
    reply: json({ token: "eyJ0b2tlbiI6ImV5SmhiR2NpT2lKU1V6STFOaUo5In0=" }),
  },
  {
    op: "listEmbeddedOrganizationsByUser",
    call: (api) => api.embeddedWidget.listEmbeddedOrganizationsByUser(),
    method: "GET",
    path: "/embedded/organizations",
    reply: json({
      organizations: [
        { organizationId: ORGANIZATION_ID, organizationName: "Acme Inc.", permission: "organization_admin" },
      ],
    }),
  },
  {
    op: "generateEmbeddedScopedToken",
    call: (api) => api.embeddedScopedToken.generateEmbeddedScopedToken({ workspaceId: WORKSPACE_ID }),
    method: "POST",
    path: "/embedded/scoped_token",
    body: { workspaceId: WORKSPACE_ID },
    reply: json({ token: "eyJhbGciOiJSUzI1NiJ9.eyJ3b3Jrc3BhY2VJZCI6ImJkYTIifQ.c2ln" }),
  },
];

const caseName = (c: Case) => (c.variant ? `${c.op} (${c.variant})` : c.op);

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

let server: ScriptedServer;
let api: AirbyteApi;

beforeAll(async () => {
  server = await startScriptedServer();
  api = new AirbyteApi({ serverUrl: server.url + ROOT, bearerToken: TOKEN, retries: false });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("every public operation over HTTP", () => {
  for (const c of cases) {
    test(caseName(c), async () => {
      server.on(`${c.method} ${ROOT}${c.path}`, {
        status: c.reply.status,
        ...(c.reply.body !== undefined ? { body: c.reply.body } : {}),
        ...(c.reply.headers ? { headers: c.reply.headers } : {}),
      });

      const outcome = await settle(c.call(api));

      // What was sent (checked first: a wrong path would otherwise show only as a 404).
      // Every operation is one request (createJob included: it looks up no job first).
      expect(server.requests).toHaveLength(1);
      const sent = server.requests[0]!;
      expect(sent.method).toBe(c.method);
      expect(sent.path).toBe(ROOT + c.path);
      expect(sent.search).toBe(c.query ?? "");
      if (c.body === undefined) {
        expect(sent.rawBody).toBe("");
        expect(sent.headers["content-type"]).toBeUndefined();
      } else {
        expect(sent.headers["content-type"]).toBe("application/json");
        expect(sent.body).toStrictEqual(c.body);
      }
      expect(sent.headers.authorization).toBe(c.anonymous ? undefined : `Bearer ${TOKEN}`);
      expect(sent.headers["user-agent"]?.startsWith("airbyte-ts/")).toBe(true);
      expect(sent.headers["user-agent"]).toContain(VERSION);

      // What the call resolved to.
      if (!outcome.ok) throw outcome.error;
      if (c.reply.page) {
        expect(outcome.value).toBeInstanceOf(Page);
        expect((outcome.value as Page<unknown>).data).toStrictEqual(c.reply.resolves);
      } else {
        expect(outcome.value).toStrictEqual(c.reply.resolves);
      }
    });
  }
});

describe("the case table", () => {
  test("covers 92 distinct operations", () => {
    expect(new Set(cases.map((c) => c.op)).size).toBe(92);
  });

  test.skipIf(!SPEC_AVAILABLE)("covers exactly the operations of api.yaml", () => {
    const covered = [...new Set(cases.map((c) => c.op))].sort();
    expect(covered).toEqual(
      publicOperations()
        .map((o) => o.operationId)
        .sort(),
    );
  });

  test.skipIf(!SPEC_AVAILABLE)("calls every operation with optional parameters with none and with all of them", () => {
    const missing: string[] = [];
    for (const op of publicOperations()) {
      const query = op.parameters.filter((p) => p.in === "query");
      if (!query.some((p) => !p.required)) continue;
      const required = query
        .filter((p) => p.required)
        .map((p) => p.name)
        .sort();
      const sentNames = cases
        .filter((c) => c.op === op.operationId)
        .map((c) => [...new Set(new URLSearchParams(c.query ?? "").keys())].sort());
      const objectParam = query.some((p) => p.schema.type === "object"); // oauthCallback's free-form queryParams
      const hasAll = sentNames.some((names) =>
        objectParam ? names.length > required.length : query.every((p) => names.includes(p.name)),
      );
      if (!sentNames.some((names) => names.join() === required.join()))
        missing.push(`${op.operationId}: required only`);
      if (!hasAll) missing.push(`${op.operationId}: all parameters`);
    }
    expect(missing).toEqual([]);
  });
});

describe.skipIf(!SPEC_AVAILABLE)("requests and fixtures conform to api.yaml", () => {
  for (const c of cases) {
    test(caseName(c), () => {
      const op = publicOperation(c.op);
      expect(c.method).toBe(op.method);
      expect(validatePath("api", op, c.path)).toEqual([]);
      expect(validateQuery("api", op, c.query ?? "")).toEqual([]);
      expect(c.anonymous === true).toBe(op.anonymous);

      if (op.requestSchema) expect(validateAgainst("api", op.requestSchema, c.body)).toEqual([]);
      else expect(c.body).toBeUndefined();

      // getDocumentation: api.yaml says 200 text/html, but the server answers with a redirect
      // to the documentation, which is what the SDK returns.
      const status = c.op === "getDocumentation" ? "200" : String(c.reply.status);
      expect(Object.keys(op.responses)).toContain(status);
      const schema = c.replySchema ?? op.responses[status];
      if (schema) expect(validateAgainst("api", schema, c.reply.body)).toEqual([]);
      else expect(typeof c.reply.body === "object" && c.reply.body !== null).toBe(false);
    });
  }
});

describe("invalid arguments fail before any request is sent", () => {
  const invalid: { name: string; call: (api: AirbyteApi) => PromiseLike<unknown>; message: RegExp }[] = [
    {
      name: "a missing path parameter",
      call: (api) => api.connections.getConnection({} as never),
      message: /getConnection: connectionId is required/,
    },
    {
      name: "an empty path parameter",
      call: (api) => api.sources.getSource({ sourceId: " " }),
      message: /sourceId is required/,
    },
    {
      name: "a path parameter of `..`",
      call: (api) => api.workspaces.getWorkspace({ workspaceId: ".." }),
      message: /workspaceId must not be "\.\."/,
    },
    {
      name: "an unknown parameter name, with a suggestion",
      call: (api) => api.connections.listConnections({ workspaceId: WORKSPACE_ID } as never),
      message: /listConnections has no parameter "workspaceId"; did you mean "workspaceIds"\?/,
    },
    {
      name: "limit above 100",
      call: (api) => api.connections.listConnections({ limit: 101 }),
      message: /limit must be a whole number from 1 to 100; got 101/,
    },
    {
      name: "a negative offset",
      call: (api) => api.sources.listSources({ offset: -20 }),
      message: /offset must be a whole number of 0 or more/,
    },
    {
      name: "an invalid orderBy for listJobs",
      call: (api) => api.jobs.listJobs({ orderBy: "createdAt DESC" }),
      message: /orderBy must be "<field>\|ASC" or "<field>\|DESC"/,
    },
    {
      name: "an invalid Date in the query",
      call: (api) => api.jobs.listJobs({ createdAtStart: new Date("not a date") }),
      message: /createdAtStart is an invalid Date/,
    },
  ];

  for (const c of invalid) {
    test(c.name, async () => {
      const outcome = await settle(c.call(api));
      expect(outcome.ok).toBe(false);
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(c.message);
      expect(server.requests).toHaveLength(0);
    });
  }
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
