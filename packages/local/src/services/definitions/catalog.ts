/**
 * The connector definitions the other services look up: the built-in catalog (src/connectors)
 * and each workspace's custom ones, as one `ActorDefinition` shape; and the public API's
 * `GET /connector_definitions`. Built-ins are public: every workspace sees them and none may
 * change them.
 */
import type { Config, ConnectorDefinitionResponse } from "airbyte-ts";
import { DECLARATIVE_NOT_RUNNABLE, DECLARATIVE_REPOSITORY } from "../../connectors/declarative.js";
import { builtInConnectors, findConnector } from "../../connectors/registry.js";
import type { Connector, JsonSchema } from "../../connectors/types.js";
import type { DefinitionRecords } from "../../store/definition-records.js";
import type { Store } from "../../store/db.js";
import type { DefinitionRow } from "../../store/rows.js";
import type { Access, Caller } from "../access.js";
import type { ActorRetirement } from "../actor-retirement.js";
import { notFound } from "../errors.js";

export type ActorType = "source" | "destination";

/** A definition as the rest of the server uses it, built-in or custom alike. */
export interface ActorDefinition {
  id: string;
  actorType: ActorType;
  name: string;
  dockerRepository: string;
  dockerImageTag: string;
  documentationUrl: string | undefined;
  /** The public API's `sourceType`/`destinationType`: "" for custom definitions, as on Airbyte. */
  shortName: string;
  connectionSpecification: JsonSchema;
  /** The implementation of a built-in; custom definitions have none. */
  connector: Connector | undefined;
  /** Why the local server cannot run it; undefined when it can. */
  notRunnableReason: string | undefined;
  supportedDestinationSyncModes: Config.DestinationSyncMode[];
  custom: boolean;
  declarative: boolean;
  /** The workspace of a custom definition. */
  workspaceId: string | undefined;
  tombstone: boolean;
}

/**
 * Without the image's specification the server cannot know a custom destination's sync modes;
 * it assumes the two every destination implements.
 */
const CUSTOM_DESTINATION_SYNC_MODES: Config.DestinationSyncMode[] = ["overwrite", "append"];

export class DefinitionCatalog {
  constructor(
    private readonly store: Store,
    private readonly records: DefinitionRecords,
    private readonly access: Access,
    private readonly actorRetirement: ActorRetirement,
  ) {}

  /** A definition by id, built-in or custom, deleted or not. */
  definition(actorType: ActorType, definitionId: string): ActorDefinition {
    const builtIn = findConnector(definitionId);
    if (builtIn) {
      if (builtIn.definition.actorType !== actorType) throw notFound(`${actorType}_definition`, definitionId);
      return fromConnector(builtIn);
    }
    const row = this.records.definition(definitionId);
    if (!row || row.actor_type !== actorType) throw notFound(`${actorType}_definition`, definitionId);
    return fromRow(row);
  }

  /** A definition a workspace may create actors with: a built-in, or one of its own not deleted. */
  usableDefinition(actorType: ActorType, workspaceId: string, definitionId: string): ActorDefinition {
    const definition = this.definition(actorType, definitionId);
    if (definition.custom && (definition.workspaceId !== workspaceId || definition.tombstone)) {
      throw notFound(`${actorType}_definition`, definitionId);
    }
    return definition;
  }

  /**
   * Every definition of that type a workspace can use, as Airbyte lists them: the built-ins
   * first, then the workspace's live custom ones (Docker images and declarative manifests)
   * oldest first. Without a workspace, the built-ins alone.
   */
  usableDefinitions(actorType: ActorType, workspaceId: string | undefined): ActorDefinition[] {
    const builtIns = builtInConnectors()
      .filter((connector) => connector.definition.actorType === actorType)
      .map(fromConnector);
    const custom = workspaceId ? this.records.workspaceDefinitions(workspaceId, actorType).map(fromRow) : [];
    return [...builtIns, ...custom];
  }

  listConnectorDefinitions(caller: Caller, type: ActorType, workspaceId?: string): ConnectorDefinitionResponse[] {
    if (workspaceId) this.access.requireWorkspace(caller, workspaceId, "reader");
    return this.usableDefinitions(type, workspaceId).map((definition) => ({
      id: definition.id,
      name: definition.name,
      connectorDefinitionType: definition.actorType,
      version: definition.dockerImageTag,
    }));
  }

  /** Deletes a custom definition and, as Airbyte does, the sources or destinations made from it. */
  retire(definitionId: string): void {
    this.store.transaction(() => {
      this.records.tombstone(definitionId);
      this.actorRetirement.retireActorsOfDefinition(definitionId);
    });
  }
}

export function fromConnector(connector: Connector): ActorDefinition {
  const d = connector.definition;
  return {
    id: d.definitionId,
    actorType: d.actorType,
    name: d.name,
    dockerRepository: d.dockerRepository,
    dockerImageTag: d.dockerImageTag,
    documentationUrl: d.documentationUrl,
    shortName: d.shortName,
    connectionSpecification: d.connectionSpecification,
    connector,
    notRunnableReason: d.notRunnableReason,
    supportedDestinationSyncModes: d.supportedDestinationSyncModes ?? [],
    custom: false,
    declarative: false,
    workspaceId: undefined,
    tombstone: false,
  };
}

export function fromRow(row: DefinitionRow): ActorDefinition {
  const declarative = row.docker_repository === DECLARATIVE_REPOSITORY;
  return {
    id: row.id,
    actorType: row.actor_type,
    name: row.name,
    dockerRepository: row.docker_repository,
    dockerImageTag: row.docker_image_tag,
    documentationUrl: row.documentation_url ?? undefined,
    shortName: "",
    connectionSpecification: JSON.parse(row.spec) as JsonSchema,
    connector: undefined,
    notRunnableReason: declarative
      ? DECLARATIVE_NOT_RUNNABLE
      : `The local server cannot run custom Docker images (${row.docker_repository}:${row.docker_image_tag}); create this ${row.actor_type} against a self-managed Airbyte to use it.`,
    supportedDestinationSyncModes: row.actor_type === "destination" ? CUSTOM_DESTINATION_SYNC_MODES : [],
    custom: true,
    declarative,
    workspaceId: row.workspace_id,
    tombstone: row.tombstone === 1,
  };
}
