/**
 * Custom Docker-image definitions of a workspace (`/workspaces/{workspaceId}/definitions/sources`
 * and `/destinations`), listed with the built-ins.
 */
import type { CreateDefinitionRequest, DefinitionResponse, UpdateDefinitionRequest } from "airbyte-ts";
import { DECLARATIVE_REPOSITORY } from "../../connectors/declarative.js";
import { builtInConnectors } from "../../connectors/registry.js";
import type { DefinitionRecords } from "../../store/definition-records.js";
import type { Access, Caller } from "../access.js";
import { badRequest, notFound } from "../errors.js";
import type { WorkspaceDirectory } from "../workspaces/directory.js";
import { type ActorDefinition, type ActorType, type DefinitionCatalog, fromConnector, fromRow } from "./catalog.js";
import { OPEN_SPECIFICATION, PUBLIC_DEFINITION, requireText } from "./rules.js";

export class DockerDefinitionsService {
  constructor(
    private readonly records: DefinitionRecords,
    private readonly catalog: DefinitionCatalog,
    private readonly access: Access,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  list(caller: Caller, workspaceId: string, actorType: ActorType): DefinitionResponse[] {
    this.access.requireWorkspace(caller, workspaceId, "reader");
    this.workspaces.row(workspaceId);
    const builtIns = builtInConnectors()
      .filter((connector) => connector.definition.actorType === actorType)
      .map(fromConnector);
    const custom = this.records
      .workspaceDefinitions(workspaceId, actorType)
      .filter((row) => row.docker_repository !== DECLARATIVE_REPOSITORY)
      .map(fromRow);
    return [...builtIns, ...custom].map(toDefinitionResponse);
  }

  create(
    caller: Caller,
    workspaceId: string,
    actorType: ActorType,
    input: CreateDefinitionRequest,
  ): DefinitionResponse {
    this.access.requireWorkspace(caller, workspaceId, "editor");
    this.workspaces.requireActive(workspaceId);
    requireText("name", input.name);
    requireText("dockerRepository", input.dockerRepository);
    requireText("dockerImageTag", input.dockerImageTag);
    if (input.dockerRepository === DECLARATIVE_REPOSITORY) {
      throw badRequest("Declarative sources are created with their manifest under definitions/declarative_sources.");
    }
    const row = this.records.insertDefinition({
      actor_type: actorType,
      workspace_id: workspaceId,
      name: input.name,
      docker_repository: input.dockerRepository,
      docker_image_tag: input.dockerImageTag,
      documentation_url: input.documentationUrl ?? null,
      spec: JSON.stringify(OPEN_SPECIFICATION),
      active_manifest_version: null,
    });
    return toDefinitionResponse(fromRow(row));
  }

  get(caller: Caller, workspaceId: string, actorType: ActorType, definitionId: string): DefinitionResponse {
    this.access.requireWorkspace(caller, workspaceId, "reader");
    return toDefinitionResponse(this.visibleDocker(workspaceId, actorType, definitionId));
  }

  update(
    caller: Caller,
    workspaceId: string,
    actorType: ActorType,
    definitionId: string,
    input: UpdateDefinitionRequest,
  ): DefinitionResponse {
    this.access.requireWorkspace(caller, workspaceId, "editor");
    const current = this.visibleDocker(workspaceId, actorType, definitionId);
    if (!current.custom) throw badRequest(PUBLIC_DEFINITION);
    requireText("name", input.name);
    requireText("dockerImageTag", input.dockerImageTag);
    this.records.renameDocker(definitionId, input.name, input.dockerImageTag);
    return toDefinitionResponse({ ...current, name: input.name, dockerImageTag: input.dockerImageTag });
  }

  delete(caller: Caller, workspaceId: string, actorType: ActorType, definitionId: string): DefinitionResponse {
    this.access.requireWorkspace(caller, workspaceId, "editor");
    const current = this.visibleDocker(workspaceId, actorType, definitionId);
    if (!current.custom) throw badRequest(PUBLIC_DEFINITION);
    this.catalog.retire(definitionId);
    return toDefinitionResponse(current);
  }

  /** A non-declarative definition the workspace sees: a built-in, or one of its own not deleted. */
  private visibleDocker(workspaceId: string, actorType: ActorType, definitionId: string): ActorDefinition {
    this.workspaces.row(workspaceId);
    const definition = this.catalog.usableDefinition(actorType, workspaceId, definitionId);
    if (definition.declarative) throw notFound(`${actorType}_definition`, definitionId);
    return definition;
  }
}

function toDefinitionResponse(definition: ActorDefinition): DefinitionResponse {
  return {
    id: definition.id,
    name: definition.name,
    dockerRepository: definition.dockerRepository,
    dockerImageTag: definition.dockerImageTag,
    ...(definition.documentationUrl ? { documentationUrl: definition.documentationUrl } : {}),
  };
}
