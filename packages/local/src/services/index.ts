import type { ResolvedConfig } from "../config.js";
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
}

export function createServices(store: Store, config: ResolvedConfig, now: () => number = Date.now): Services {
  const services = {} as Services;
  const context: ServiceContext = { store, config, access: new Access(store), services, now };
  Object.assign(services, {
    identity: new IdentityService(context),
    applications: new ApplicationsService(context),
    permissions: new PermissionsService(context),
    groups: new GroupsService(context),
    regions: new RegionsService(context),
    workspaces: new WorkspacesService(context),
    definitions: new DefinitionsService(context),
    actors: new ActorsService(context),
    discovery: new DiscoveryService(context),
    connections: new ConnectionsService(context),
    tags: new TagsService(context),
    jobs: new JobsService(context),
    state: new StateService(context),
  } satisfies Services);
  return services;
}
