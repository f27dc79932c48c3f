/**
 * The resources the fuzz test aims at: one of each kind, made through the SDK before it starts,
 * so that requests carry ids that exist; known-good bodies of the operations whose valid input
 * a schema alone cannot produce (connector configurations, manifests); and the way to read back
 * what an accepted write stored.
 */
import { selfManaged, AirbyteApi as Api } from "airbyte-ts";
import type { LocalServer } from "@airbyte-ts/local";
import { connectionSpecification, manifest } from "@airbyte-ts/test-support/manifests";
import { waitForJob } from "../sync.js";
import type { Hints } from "./values.js";

const FAKER = "dfd88b22-b603-4c3d-aad7-3701784586b1";
const DEV_NULL = "a7bcc9d8-13b3-4e49-b80d-d020b90045e3";

export interface World {
  workspaceId: string;
  organizationId: string;
  userId: string;
  otherUserId: string;
  sourceId: string;
  destinationId: string;
  connectionId: string;
  jobId: number;
  tagId: string;
  groupId: string;
  regionId: string;
  dataplaneId: string;
  permissionId: string;
  groupPermissionId: string;
  applicationId: string;
  sourceDefinitionId: string;
  destinationDefinitionId: string;
  declarativeDefinitionId: string;
  builderProjectId: string;
  clientId: string;
  clientSecret: string;
  /** The connection's catalog as the web backend reads it, for updates that send it back. */
  syncCatalog: unknown;
}

export async function buildWorld(local: LocalServer): Promise<World> {
  const api = new Api({
    ...selfManaged(local.url),
    clientId: local.clientId,
    clientSecret: local.clientSecret,
    logLevel: "off",
    retries: false,
  });
  const other = local.createUser({ email: "fuzz-other@example.com", organizationId: local.organizationId });
  const { workspaceId, organizationId } = local;
  const source = await api.sources.createSource({
    name: "fuzz source",
    workspaceId,
    definitionId: FAKER,
    configuration: { count: 5, seed: 1 },
  });
  const destination = await api.destinations.createDestination({
    name: "fuzz destination",
    workspaceId,
    definitionId: DEV_NULL,
    configuration: { test_destination: { test_destination_type: "SILENT" } },
  });
  const connection = await api.connections.createConnection({
    name: "fuzz connection",
    sourceId: source.sourceId,
    destinationId: destination.destinationId,
  });
  const { syncCatalog } = await api.config.webBackend.connections.get({ connectionId: connection.connectionId });
  const job = await api.jobs.createJob({ connectionId: connection.connectionId, jobType: "sync" });
  await waitForJob(api, job.jobId);
  const tag = await api.tags.createTag({ name: "fuzz", color: "FF0000", workspaceId });
  const group = await api.groups.createGroup({ name: "fuzz group", organizationId });
  await api.groups.addGroupMember({ groupId: group.groupId }, { userId: other.userId });
  const groupPermission = await api.groups.createGroupPermission(
    { groupId: group.groupId },
    { permissionType: "workspace_reader", workspaceId },
  );
  const region = await api.dataplanes.createRegion({ name: "fuzz region", organizationId });
  const dataplane = await api.dataplanes.createDataplane({ regionId: region.regionId, name: "fuzz dataplane" });
  const permission = await api.permissions.createPermission({
    permissionType: "workspace_reader",
    userId: other.userId,
    workspaceId,
  });
  const application = await api.applications.createApplication({ name: "fuzz application" });
  const docker = { name: "fuzz connector", dockerRepository: "airbyte/fuzz", dockerImageTag: "1.0.0" };
  const sourceDefinition = await api.sourceDefinitions.createSourceDefinition({ workspaceId }, docker);
  const destinationDefinition = await api.destinationDefinitions.createDestinationDefinition({ workspaceId }, docker);
  const declarative = await api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
    { workspaceId },
    { name: "fuzz declarative", manifest: manifest() },
  );
  const project = await api.config.connectorBuilderProjects.create({
    workspaceId,
    builderProject: { name: "fuzz project", draftManifest: manifest() },
  });
  return {
    workspaceId,
    organizationId,
    userId: "00000000-0000-0000-0000-000000000000",
    otherUserId: other.userId,
    sourceId: source.sourceId,
    destinationId: destination.destinationId,
    connectionId: connection.connectionId,
    jobId: job.jobId,
    tagId: tag.tagId,
    groupId: group.groupId,
    regionId: region.regionId,
    dataplaneId: dataplane.dataplaneId,
    permissionId: permission.permissionId,
    groupPermissionId: groupPermission.permissionId,
    applicationId: application.id,
    sourceDefinitionId: sourceDefinition.id,
    destinationDefinitionId: destinationDefinition.id,
    declarativeDefinitionId: declarative.id,
    builderProjectId: project.builderProjectId,
    clientId: local.clientId,
    clientSecret: local.clientSecret,
    syncCatalog,
  };
}

/** Ids a generated body prefers for properties of these names. */
export function hints(world: World): Hints {
  return {
    workspaceId: [world.workspaceId],
    organizationId: [world.organizationId],
    userId: [world.otherUserId],
    sourceId: [world.sourceId],
    destinationId: [world.destinationId],
    connectionId: [world.connectionId],
    tagId: [world.tagId],
    groupId: [world.groupId],
    regionId: [world.regionId],
    dataplaneId: [world.dataplaneId],
    builderProjectId: [world.builderProjectId],
    sourceDefinitionId: [world.declarativeDefinitionId],
    destinationDefinitionId: [DEV_NULL, world.destinationDefinitionId],
    actorDefinitionId: [world.declarativeDefinitionId],
    definitionId: [FAKER, DEV_NULL],
    id: [world.jobId],
    jobId: [world.jobId],
    attemptNumber: [0],
    // Stream names the source has, so catalogs and stream configurations reach the checks behind them.
    name: ["users", "products"],
    status: ["active", "inactive"],
    client_id: [world.clientId],
    client_secret: [world.clientSecret],
  };
}

/** The id a path parameter of this name takes in `path` (a template of the spec). */
export function pathValue(world: World, path: string, name: string): string {
  if (name === "definitionId") {
    if (path.includes("/declarative_sources")) return world.declarativeDefinitionId;
    return path.includes("/definitions/sources") ? world.sourceDefinitionId : world.destinationDefinitionId;
  }
  if (name === "permissionId" && path.startsWith("/groups")) return world.groupPermissionId;
  if (name === "userId") return world.otherUserId;
  if (name === "actorType") return "source";
  if (name === "name") return "fuzz";
  const value = (world as unknown as Record<string, unknown>)[name];
  if (value === undefined) throw new Error(`the fuzz world has no ${name} for ${path}`);
  return String(value);
}

/**
 * Known-good bodies: every operation whose valid input needs more than its schema says (a
 * connector configuration, a manifest, a real state), by operationId or Config API path.
 */
export function seeds(world: World): Record<string, unknown> {
  const { workspaceId, organizationId, connectionId, builderProjectId } = world;
  const spec = { connectionSpecification: connectionSpecification() };
  const faker = { name: "fuzz faker", workspaceId, definitionId: FAKER, configuration: { count: 5, seed: 2 } };
  const devNull = {
    name: "fuzz dev-null",
    workspaceId,
    definitionId: DEV_NULL,
    configuration: { test_destination: { test_destination_type: "SILENT" } },
  };
  const streamState = {
    stateType: "stream",
    connectionId,
    streamState: [{ streamDescriptor: { name: "users" }, streamState: { updated_at: "2024-01-01T00:00:00Z" } }],
  };
  return {
    createSource: faker,
    putSource: { name: faker.name, configuration: faker.configuration },
    patchSource: { name: "fuzz faker patched", configuration: { count: 7 } },
    createDestination: devNull,
    putDestination: { name: devNull.name, configuration: devNull.configuration },
    patchDestination: { name: "fuzz dev-null patched" },
    createConnection: {
      sourceId: world.sourceId,
      destinationId: world.destinationId,
      name: "fuzz made",
      configurations: { streams: [{ name: "users", syncMode: "incremental_append", cursorField: ["updated_at"] }] },
    },
    patchConnection: {
      name: "fuzz patched",
      schedule: { scheduleType: "cron", cronExpression: "0 0 12 * * ?" },
      configurations: { streams: [{ name: "products", syncMode: "full_refresh_overwrite" }] },
    },
    createJob: { connectionId, jobType: "sync" },
    createWorkspace: { name: "fuzz workspace", organizationId },
    updateWorkspace: { name: "fuzz workspace renamed" },
    createTag: { name: "fuzz tag", color: "00FF00", workspaceId },
    updateTag: { name: "fuzz tag renamed", color: "0000FF" },
    createGroup: { name: "fuzz group made", organizationId },
    updateGroup: { name: "fuzz group renamed", description: "fuzz" },
    addGroupMember: { userId: world.otherUserId },
    createGroupPermission: { permissionType: "workspace_editor", workspaceId },
    createPermission: { permissionType: "workspace_editor", userId: world.otherUserId, workspaceId },
    updatePermission: { permissionType: "workspace_reader" },
    createRegion: { name: "fuzz region made", organizationId },
    updateRegion: { name: "fuzz region renamed" },
    createDataplane: { regionId: world.regionId, name: "fuzz dataplane made" },
    updateDataplane: { name: "fuzz dataplane renamed" },
    createApplication: { name: "fuzz application made" },
    createAccessToken: { client_id: world.clientId, client_secret: world.clientSecret },
    createSourceDefinition: { name: "fuzz def", dockerRepository: "airbyte/fuzz-made", dockerImageTag: "1.0.1" },
    updateSourceDefinition: { name: "fuzz def renamed", dockerImageTag: "1.0.2" },
    createDestinationDefinition: { name: "fuzz def", dockerRepository: "airbyte/fuzz-made", dockerImageTag: "1.0.1" },
    updateDestinationDefinition: { name: "fuzz def renamed", dockerImageTag: "1.0.2" },
    createDeclarativeSourceDefinition: { name: "fuzz declarative made", manifest: manifest("Made") },
    updateDeclarativeSourceDefinition: { manifest: manifest("Updated") },
    "/state/get": { connectionId },
    "/state/create_or_update_safe": { connectionId, connectionState: streamState },
    "/web_backend/connections/get": { connectionId },
    "/web_backend/connections/update": { connectionId, name: "fuzz web backend", syncCatalog: world.syncCatalog },
    "/connections/get": { connectionId },
    "/jobs/get": { id: world.jobId },
    "/jobs/list": { configTypes: ["sync"], configId: connectionId },
    "/attempt/get_for_job": { jobId: world.jobId, attemptNumber: 0 },
    "/sources/check_connection": { sourceId: world.sourceId },
    "/destinations/check_connection": { destinationId: world.destinationId },
    "/sources/discover_schema": { sourceId: world.sourceId },
    "/workspaces/get_organization_info": { workspaceId },
    "/organizations/get_organization_info": { organizationId },
    "/workspaces/list_by_organization_id": { organizationId, pagination: { pageSize: 5, rowOffset: 0 } },
    "/connector_builder_projects/create": { workspaceId, builderProject: { name: "fuzz", draftManifest: manifest() } },
    "/connector_builder_projects/get_with_manifest": { workspaceId, builderProjectId },
    "/connector_builder_projects/get_for_definition_id": {
      workspaceId,
      actorDefinitionId: world.declarativeDefinitionId,
    },
    "/connector_builder_projects/update_testing_values": {
      workspaceId,
      builderProjectId,
      spec: connectionSpecification(),
      testingValues: { api_key: "k", region: "eu" },
    },
    "/connector_builder_projects/publish": {
      workspaceId,
      builderProjectId,
      name: "fuzz published",
      initialDeclarativeManifest: { description: "first", manifest: manifest(), spec, version: 1 },
    },
    "/declarative_source_definitions/create_manifest": {
      workspaceId,
      sourceDefinitionId: world.declarativeDefinitionId,
      setAsActiveManifest: false,
      declarativeManifest: { description: "fuzz", manifest: manifest("Next"), spec, version: 2 },
    },
    "/declarative_source_definitions/update_active_manifest": {
      workspaceId,
      sourceDefinitionId: world.declarativeDefinitionId,
      version: 1,
    },
    "/declarative_source_definitions/list_manifests": {
      workspaceId,
      sourceDefinitionId: world.declarativeDefinitionId,
    },
  };
}

/** How an accepted Config API write is read back: the call and its body, from the body written. */
export const CONFIG_READ_BACK: Record<string, (sent: Record<string, unknown>) => [string, unknown] | undefined> = {
  "/state/create_or_update_safe": (sent) => ["/state/get", { connectionId: sent.connectionId }],
  "/web_backend/connections/update": (sent) => ["/web_backend/connections/get", { connectionId: sent.connectionId }],
  "/connector_builder_projects/update_testing_values": (sent) => [
    "/connector_builder_projects/get_with_manifest",
    { workspaceId: sent.workspaceId, builderProjectId: sent.builderProjectId },
  ],
  "/declarative_source_definitions/create_manifest": (sent) => [
    "/declarative_source_definitions/list_manifests",
    { workspaceId: sent.workspaceId, sourceDefinitionId: sent.sourceDefinitionId },
  ],
  "/declarative_source_definitions/update_active_manifest": (sent) => [
    "/declarative_source_definitions/list_manifests",
    { workspaceId: sent.workspaceId, sourceDefinitionId: sent.sourceDefinitionId },
  ],
};
