/**
 * The Config API's `source_definitions/list_for_workspace` and
 * `destination_definitions/list_for_workspace`: every definition a workspace can create actors
 * with, each marked `custom` or not. As on Airbyte these are the built-ins and the workspace's
 * live custom definitions, declarative ones included (they are custom source definitions run by
 * the source-declarative-manifest image): the union of what the public API lists under
 * `/workspaces/{id}/definitions/sources` (which leaves declarative ones out, as Airbyte's does)
 * and `/definitions/declarative_sources`.
 */
import type { Config } from "airbyte-ts";
import type { ActorRecords } from "../../store/actor-records.js";
import type { Caller } from "../access.js";
import type { ServiceContext } from "../context.js";
import type { WorkspaceDirectory } from "../workspaces/directory.js";
import type { ActorDefinition, ActorType, DefinitionCatalog } from "./catalog.js";

/**
 * What a destination without a documentation link answers. DestinationDefinitionRead requires a
 * `documentationUrl` (format uri) that a custom definition created through the public API need
 * not have; Airbyte then answers "", which its own schema refuses. `about:blank` is a URI that
 * names no document, so the answer stays valid without pointing anywhere made up.
 */
export const NO_DOCUMENTATION = "about:blank";

/**
 * Airbyte classifies every custom definition it creates, Docker image or manifest, as release
 * stage `custom` with support level `none`. Built-ins carry neither here: the local server does
 * not hold the registry's stages and levels, and both fields are optional.
 */
const CUSTOM_CLASSIFICATION = { releaseStage: "custom", supportLevel: "none" } as const;

export class WorkspaceDefinitionListsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly catalog: DefinitionCatalog,
    private readonly actors: ActorRecords,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  sources(caller: Caller, input: Config.WorkspaceIdActorDefinitionRequestBody): Config.SourceDefinitionReadList {
    return {
      sourceDefinitions: this.listed(caller, "source", input).map((definition) => {
        const documentationUrl = followable(definition.documentationUrl);
        return {
          sourceDefinitionId: definition.id,
          ...common(definition),
          ...(documentationUrl !== undefined ? { documentationUrl } : {}),
          // Airbyte types the definitions it makes from manifests as `custom` sources; it gives
          // custom Docker images no type, and the local server holds none for its built-ins.
          ...(definition.declarative ? { sourceType: "custom" as const } : {}),
        };
      }),
    };
  }

  destinations(
    caller: Caller,
    input: Config.WorkspaceIdActorDefinitionRequestBody,
  ): Config.DestinationDefinitionReadList {
    return {
      destinationDefinitions: this.listed(caller, "destination", input).map((definition) => ({
        destinationDefinitionId: definition.id,
        ...common(definition),
        documentationUrl: followable(definition.documentationUrl) ?? NO_DOCUMENTATION,
      })),
    };
  }

  /**
   * Access first, as on the Config API's other workspace calls (403 for a workspace the caller
   * cannot read, known or not), then 404 for an unknown workspace. `filterByUsed` keeps the
   * definitions the workspace's live sources or destinations are made from. `includeTombstone`
   * is ignored, as Airbyte ignores it here: deleted definitions are never listed.
   */
  private listed(
    caller: Caller,
    actorType: ActorType,
    input: Config.WorkspaceIdActorDefinitionRequestBody,
  ): ActorDefinition[] {
    this.ctx.access.requireWorkspace(caller, input.workspaceId, "reader");
    this.workspaces.row(input.workspaceId);
    const usable = this.catalog.usableDefinitions(actorType, input.workspaceId);
    if (input.filterByUsed !== true) return usable;
    const used = this.actors.definitionIdsInUse(input.workspaceId, actorType);
    return usable.filter((definition) => used.has(definition.id));
  }
}

function common(definition: ActorDefinition) {
  return {
    name: definition.name,
    dockerRepository: definition.dockerRepository,
    dockerImageTag: definition.dockerImageTag,
    custom: definition.custom,
    ...(definition.custom ? CUSTOM_CLASSIFICATION : {}),
  };
}

/**
 * The documentation link if it is an absolute URI. Docker definitions' links were checked when
 * they were created, but a manifest's `spec.documentation_url` is whatever it says; Airbyte
 * fails the whole list (500) on one it cannot parse, the local server leaves that one link out.
 */
function followable(url: string | undefined): string | undefined {
  return url !== undefined && !/\s/.test(url) && URL.canParse(url) ? url : undefined;
}
