/**
 * The Config API's `source_definition_specifications/get` and
 * `destination_definition_specifications/get`: what a workspace's configurations of a definition
 * must look like. The answer is the definition's `connectionSpecification` as the rest of the
 * server holds it, so a client that validates against it agrees with what creating or updating
 * a source or destination accepts: a built-in's own specification, a declarative definition's
 * active manifest's `spec.connection_specification`, and for a custom Docker image (whose `spec`
 * command the local server cannot run) the open object schema its configurations are held to.
 */
import { randomUUID } from "node:crypto";
import type { Config } from "airbyte-ts";
import type { Caller } from "../access.js";
import type { ServiceContext } from "../context.js";
import type { WorkspaceDirectory } from "../workspaces/directory.js";
import type { ActorDefinition, ActorType, DefinitionCatalog } from "./catalog.js";

export class DefinitionSpecificationsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly catalog: DefinitionCatalog,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  source(caller: Caller, input: Config.SourceDefinitionIdWithWorkspaceId): Config.SourceDefinitionSpecificationRead {
    const definition = this.usable(caller, "source", input.workspaceId, input.sourceDefinitionId);
    return { sourceDefinitionId: definition.id, ...this.specificationOf(definition) };
  }

  destination(
    caller: Caller,
    input: Config.DestinationDefinitionIdWithWorkspaceId,
  ): Config.DestinationDefinitionSpecificationRead {
    const definition = this.usable(caller, "destination", input.workspaceId, input.destinationDefinitionId);
    return {
      destinationDefinitionId: definition.id,
      ...this.specificationOf(definition),
      // The modes connections to this destination are checked against.
      supportedDestinationSyncModes: [...definition.supportedDestinationSyncModes],
    };
  }

  /**
   * A definition the workspace may create actors with. As on the Config API's other workspace
   * calls, access is decided first (403 for a workspace the caller cannot read, known or not);
   * then a built-in, or a live custom definition of this very workspace, else 404.
   */
  private usable(caller: Caller, actorType: ActorType, workspaceId: string, definitionId: string): ActorDefinition {
    this.ctx.access.requireWorkspace(caller, workspaceId, "reader");
    this.workspaces.row(workspaceId);
    return this.catalog.usableDefinition(actorType, workspaceId, definitionId);
  }

  private specificationOf(definition: ActorDefinition) {
    return {
      ...(definition.documentationUrl !== undefined ? { documentationUrl: definition.documentationUrl } : {}),
      connectionSpecification: definition.connectionSpecification,
      jobInfo: this.specJob(),
    };
  }

  /**
   * `jobInfo` is required, but no job runs: Airbyte reads the specification it stored and
   * answers a made-up, succeeded `get_spec` job with a new id, created and ended now in epoch
   * milliseconds, without logs or a config id. The same here.
   */
  private specJob(): Config.SynchronousJobRead {
    const now = this.ctx.now();
    return {
      id: randomUUID(),
      configType: "get_spec",
      createdAt: now,
      endedAt: now,
      succeeded: true,
      connectorConfigurationUpdated: false,
      logType: "formatted",
      logs: { logLines: [] },
    };
  }
}
