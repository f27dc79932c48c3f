import type { ResolvedConfig } from "../config.js";
import type { EnginePorts } from "../engine/ports.js";
import { ConnectionRecords } from "../store/connection-records.js";
import type { Store } from "../store/db.js";
import { Access } from "./access.js";
import { ActorsService } from "./actors.js";
import { ApplicationsService } from "./applications.js";
import { ConnectionsService } from "./connections/service.js";
import type { ServiceContext } from "./context.js";
import { DefinitionsService } from "./definitions.js";
import { DiscoveryService } from "./discovery.js";
import { GroupsService } from "./groups.js";
import { IdentityService } from "./identity.js";
import { ConnectionAccess } from "./connections/access.js";
import { AttemptInputsService } from "./jobs/attempt-inputs.js";
import { JobLifecycle } from "./jobs/lifecycle.js";
import { JobQueueService } from "./jobs/queue.js";
import { JobRecords } from "./jobs/records.js";
import { JobsService } from "./jobs/service.js";
import { PermissionsService } from "./permissions.js";
import { RegionsService } from "./regions.js";
import { StateService } from "./state.js";
import { TagsService } from "./tags.js";
import { WorkspacesService } from "./workspaces/service.js";

/** Every service of the server; routes call these, and these alone touch the store and engine. */
export interface Services {
  identity: IdentityService;
  applications: ApplicationsService;
  permissions: PermissionsService;
  groups: GroupsService;
  regions: RegionsService;
  workspaces: WorkspacesService;
  definitions: DefinitionsService;
  actors: ActorsService;
  discovery: DiscoveryService;
  connections: ConnectionsService;
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

export function createServices(store: Store, config: ResolvedConfig, now: () => number = Date.now): Services {
  const services = {} as Services;
  const access = new Access(store);
  const context: ServiceContext = { store, config, access, services, now };
  const connectionRecords = new ConnectionRecords(store);
  const connectionAccess = new ConnectionAccess(connectionRecords, access);
  const jobRecords = new JobRecords(store, now);
  const jobLifecycle = new JobLifecycle(store, jobRecords, connectionAccess, {
    maxAttempts: config.maxAttempts,
    retryBackoffMs: config.retryBackoffMs,
    now,
  });
  const actors = new ActorsService(context);
  const state = new StateService(context, connectionAccess);
  Object.assign(services, {
    identity: new IdentityService(context),
    applications: new ApplicationsService(context),
    permissions: new PermissionsService(context),
    groups: new GroupsService(context),
    regions: new RegionsService(context),
    workspaces: new WorkspacesService(context),
    definitions: new DefinitionsService(context),
    actors,
    discovery: new DiscoveryService(context),
    connections: new ConnectionsService(context, connectionRecords, connectionAccess),
    tags: new TagsService(context),
    jobs: new JobsService(store, jobRecords, jobLifecycle, access, connectionAccess, config.logFormat),
    state,
    jobQueue: new JobQueueService(store, jobRecords, jobLifecycle, connectionAccess, connectionRecords, state, now),
    attemptInputs: new AttemptInputsService(connectionAccess, actors, state),
  } satisfies Services);
  return services;
}
