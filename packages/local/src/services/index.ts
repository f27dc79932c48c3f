import type { ResolvedConfig } from "../config.js";
import type { EnginePorts } from "../engine/ports.js";
import { ActorRecords } from "../store/actor-records.js";
import { ConnectionRecords } from "../store/connection-records.js";
import { DefinitionRecords } from "../store/definition-records.js";
import type { Store } from "../store/db.js";
import { GroupRecords } from "../store/group-records.js";
import { IdentityRecords } from "../store/identity-records.js";
import { PermissionRecords } from "../store/permission-records.js";
import { RegionRecords } from "../store/region-records.js";
import { StateRecords } from "../store/state-records.js";
import { TagRecords } from "../store/tag-records.js";
import { WorkspaceRecords } from "../store/workspace-records.js";
import { Access } from "./access.js";
import { ActorRetirement } from "./actor-retirement.js";
import { ActorsService } from "./actors.js";
import { ApplicationsService } from "./applications.js";
import { ConnectionAccess } from "./connections/access.js";
import { ConnectionRetirement } from "./connections/retirement.js";
import { ConnectionsService } from "./connections/service.js";
import { WebBackendService } from "./connections/web-backend.js";
import type { ServiceContext } from "./context.js";
import { BuilderProjectsService } from "./definitions/builder-projects.js";
import { DefinitionCatalog } from "./definitions/catalog.js";
import { DeclarativeDefinitionsService } from "./definitions/declarative.js";
import { DockerDefinitionsService } from "./definitions/docker.js";
import { DefinitionSpecificationsService } from "./definitions/specifications.js";
import { WorkspaceDefinitionListsService } from "./definitions/workspace-lists.js";
import { DiscoveryService } from "./discovery.js";
import { GroupsService } from "./groups.js";
import { IdentityService } from "./identity.js";
import { IdentityDirectory } from "./identity-directory.js";
import { AttemptInputsService } from "./jobs/attempt-inputs.js";
import { JobLifecycle } from "./jobs/lifecycle.js";
import { JobQueueService } from "./jobs/queue.js";
import { JobRecords } from "../store/job-records.js";
import { JobsService } from "./jobs/service.js";
import { PermissionsService } from "./permissions.js";
import { RegionsService } from "./regions.js";
import { StateService } from "./state.js";
import { TagsService } from "./tags.js";
import { UsersService } from "./users.js";
import { WorkspaceDirectory } from "./workspaces/directory.js";
import { WorkspacesService } from "./workspaces/service.js";

/**
 * The services the edges call: the HTTP routes (src/http) every one of these, the engine
 * (src/engine) only the ports `jobQueue` and `attemptInputs` (see `enginePorts`).
 */
export interface Services {
  identity: IdentityService;
  users: UsersService;
  applications: ApplicationsService;
  permissions: PermissionsService;
  groups: GroupsService;
  regions: RegionsService;
  workspaces: WorkspacesService;
  definitions: DefinitionCatalog;
  dockerDefinitions: DockerDefinitionsService;
  declarativeDefinitions: DeclarativeDefinitionsService;
  definitionSpecifications: DefinitionSpecificationsService;
  definitionLists: WorkspaceDefinitionListsService;
  builderProjects: BuilderProjectsService;
  actors: ActorsService;
  discovery: DiscoveryService;
  connections: ConnectionsService;
  webBackend: WebBackendService;
  tags: TagsService;
  jobs: JobsService;
  state: StateService;
  /** The engine's ports (engine/ports.ts). */
  jobQueue: JobQueueService;
  attemptInputs: AttemptInputsService;
}

/** What the engine is started with: the ports, not the services behind them. */
export function enginePorts(services: Services): EnginePorts {
  return { jobQueue: services.jobQueue, attemptInputs: services.attemptInputs, syncSchedule: services.jobQueue };
}

/**
 * Builds every service with the services it uses, in an order where each comes after what it
 * depends on: the dependency graph is this function. The lookups and retirements (directories,
 * ConnectionAccess, ConnectionRetirement, ActorRetirement, JobLifecycle) are what two services
 * would otherwise need of each other.
 */
export function createServices(store: Store, config: ResolvedConfig, now: () => number = Date.now): Services {
  const workspaceRecords = new WorkspaceRecords(store);
  const permissionRecords = new PermissionRecords(store);
  const identityRecords = new IdentityRecords(store);
  const regionRecords = new RegionRecords(store);
  const access = new Access(workspaceRecords, permissionRecords);
  const context: ServiceContext = { store, config, access, now };

  const identityDirectory = new IdentityDirectory(identityRecords);
  const workspaceDirectory = new WorkspaceDirectory(workspaceRecords);
  const connectionRecords = new ConnectionRecords(store);
  const connectionAccess = new ConnectionAccess(connectionRecords, access);

  const jobRecords = new JobRecords(store, now);
  const jobLifecycle = new JobLifecycle(store, jobRecords, connectionAccess, {
    maxAttempts: config.maxAttempts,
    retryBackoffMs: config.retryBackoffMs,
    now,
  });
  const jobs = new JobsService(store, jobRecords, jobLifecycle, access, connectionAccess, config.logFormat);
  const connectionRetirement = new ConnectionRetirement(connectionRecords, jobs, now);
  const actorRecords = new ActorRecords(store);
  const actorRetirement = new ActorRetirement(store, actorRecords, connectionRetirement);

  const applications = new ApplicationsService(context, identityRecords, identityDirectory);
  const identity = new IdentityService(
    context,
    identityRecords,
    workspaceRecords,
    permissionRecords,
    identityDirectory,
    applications,
    workspaceDirectory,
  );
  const workspaces = new WorkspacesService(
    context,
    workspaceRecords,
    actorRecords,
    regionRecords,
    workspaceDirectory,
    identityDirectory,
    connectionRetirement,
  );
  const definitionRecords = new DefinitionRecords(store, now);
  const definitions = new DefinitionCatalog(store, definitionRecords, access, actorRetirement);
  const declarativeDefinitions = new DeclarativeDefinitionsService(
    store,
    definitionRecords,
    definitions,
    access,
    workspaceDirectory,
  );
  const actors = new ActorsService(context, actorRecords, definitions, workspaceDirectory, actorRetirement);
  const discovery = new DiscoveryService(context, actorRecords, actors);
  const tags = new TagsService(context, new TagRecords(store), workspaceDirectory);
  const connections = new ConnectionsService(
    context,
    connectionRecords,
    connectionAccess,
    connectionRetirement,
    workspaceDirectory,
    actors,
    discovery,
    tags,
  );
  const state = new StateService(context, new StateRecords(store, now), connectionAccess, jobs);

  return {
    identity,
    users: new UsersService(identityRecords, access, workspaceDirectory),
    applications,
    permissions: new PermissionsService(context, permissionRecords, identityDirectory, workspaceDirectory),
    groups: new GroupsService(
      context,
      new GroupRecords(store, now),
      permissionRecords,
      identityDirectory,
      workspaceDirectory,
    ),
    regions: new RegionsService(context, regionRecords, identityDirectory),
    workspaces,
    definitions,
    dockerDefinitions: new DockerDefinitionsService(definitionRecords, definitions, access, workspaceDirectory),
    declarativeDefinitions,
    definitionSpecifications: new DefinitionSpecificationsService(context, definitions, workspaceDirectory),
    definitionLists: new WorkspaceDefinitionListsService(context, definitions, actorRecords, workspaceDirectory),
    builderProjects: new BuilderProjectsService(
      store,
      definitionRecords,
      declarativeDefinitions,
      access,
      workspaceDirectory,
    ),
    actors,
    discovery,
    connections,
    webBackend: new WebBackendService(connectionAccess, connections, actors, discovery, tags, jobs),
    tags,
    jobs,
    state,
    jobQueue: new JobQueueService(store, jobRecords, jobLifecycle, connectionAccess, connectionRecords, state, now),
    attemptInputs: new AttemptInputsService(connectionAccess, actors, state),
  };
}
