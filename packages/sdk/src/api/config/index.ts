import type { ApiCore } from "../resource.js";
import { ConfigAttempt } from "./attempt.js";
import { ConfigConnectorBuilderProjects } from "./connector-builder-projects.js";
import { ConfigConnections } from "./connections.js";
import { ConfigDeclarativeSourceDefinitions } from "./declarative-source-definitions.js";
import { ConfigDestinationDefinitionSpecifications } from "./destination-definition-specifications.js";
import { ConfigDestinationDefinitions } from "./destination-definitions.js";
import { ConfigDestinations } from "./destinations.js";
import { ConfigJobs } from "./jobs.js";
import { ConfigOrganizations } from "./organizations.js";
import { ConfigSourceDefinitionSpecifications } from "./source-definition-specifications.js";
import { ConfigSourceDefinitions } from "./source-definitions.js";
import { ConfigSources } from "./sources.js";
import { ConfigState } from "./state.js";
import { ConfigUsers } from "./users.js";
import { ConfigWebBackend } from "./web-backend.js";
import { ConfigWorkspaces } from "./workspaces.js";

/**
 * The Config API calls behind state, catalogs, logs, checks, connector definitions and their
 * specifications, custom connectors, and users (their default workspace), which the public API
 * does not offer. Its root is `configApiUrl` (see `resolveConfigApiUrl`).
 */
export class ConfigApi {
  readonly state: ConfigState;
  readonly webBackend: ConfigWebBackend;
  readonly connections: ConfigConnections;
  readonly jobs: ConfigJobs;
  readonly attempt: ConfigAttempt;
  readonly sources: ConfigSources;
  readonly destinations: ConfigDestinations;
  readonly sourceDefinitions: ConfigSourceDefinitions;
  readonly destinationDefinitions: ConfigDestinationDefinitions;
  readonly sourceDefinitionSpecifications: ConfigSourceDefinitionSpecifications;
  readonly destinationDefinitionSpecifications: ConfigDestinationDefinitionSpecifications;
  readonly workspaces: ConfigWorkspaces;
  readonly organizations: ConfigOrganizations;
  readonly connectorBuilderProjects: ConfigConnectorBuilderProjects;
  readonly declarativeSourceDefinitions: ConfigDeclarativeSourceDefinitions;
  readonly users: ConfigUsers;

  constructor(client: ApiCore) {
    this.state = new ConfigState(client);
    this.webBackend = new ConfigWebBackend(client);
    this.connections = new ConfigConnections(client);
    this.jobs = new ConfigJobs(client);
    this.attempt = new ConfigAttempt(client);
    this.sources = new ConfigSources(client);
    this.destinations = new ConfigDestinations(client);
    this.sourceDefinitions = new ConfigSourceDefinitions(client);
    this.destinationDefinitions = new ConfigDestinationDefinitions(client);
    this.sourceDefinitionSpecifications = new ConfigSourceDefinitionSpecifications(client);
    this.destinationDefinitionSpecifications = new ConfigDestinationDefinitionSpecifications(client);
    this.workspaces = new ConfigWorkspaces(client);
    this.organizations = new ConfigOrganizations(client);
    this.connectorBuilderProjects = new ConfigConnectorBuilderProjects(client);
    this.declarativeSourceDefinitions = new ConfigDeclarativeSourceDefinitions(client);
    this.users = new ConfigUsers(client);
  }
}
