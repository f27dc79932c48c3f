/**
 * Sources and destinations ("actors"): a definition and a configuration in a workspace. The
 * configuration is validated against the definition's specification and stored with its
 * secrets in clear; every answer masks them, and a mask sent back keeps the stored secret.
 * Deleting tombstones the actor and deprecates its connections, as Airbyte does.
 */
import { randomUUID } from "node:crypto";
import type {
  Config,
  DestinationCreateRequest,
  DestinationPatchRequest,
  DestinationPutRequest,
  DestinationResponse,
  ScopedResourceRequirements,
  SourceCreateRequest,
  SourcePatchRequest,
  SourcePutRequest,
  SourceResponse,
} from "airbyte-ts";
import { connectorByShortName } from "../connectors/registry.js";
import { configurationErrors, isObject, keepMaskedSecrets, maskSecrets } from "../connectors/spec.js";
import type { ActorRecords } from "../store/actor-records.js";
import type { ActorRow } from "../store/rows.js";
import type { Caller, Level } from "./access.js";
import { seconds, type ServiceContext } from "./context.js";
import type { ActorRetirement } from "./actor-retirement.js";
import type { DefinitionCatalog } from "./definitions/catalog.js";
import type { WorkspaceDirectory } from "./workspaces/directory.js";
import type { ActorDefinition, ActorType } from "./definitions/catalog.js";
import { badRequest, forbidden, notFound, unknownValue, unprocessable } from "./errors.js";

/** The public API's shapes for each kind of actor. */
interface ActorApi {
  source: { create: SourceCreateRequest; patch: SourcePatchRequest; put: SourcePutRequest; response: SourceResponse };
  destination: {
    create: DestinationCreateRequest;
    patch: DestinationPatchRequest;
    put: DestinationPutRequest;
    response: DestinationResponse;
  };
}

export interface ListActorsFilter {
  workspaceIds: string[];
  includeDeleted: boolean;
  limit: number;
  offset: number;
}

type Configuration = Record<string, unknown>;

/** The configuration key naming the connector in the public API (removed before storing). */
const TYPE_KEY: Record<ActorType, "sourceType" | "destinationType"> = {
  source: "sourceType",
  destination: "destinationType",
};

/** The Config API's read of each actor type. */
interface ConfigActorRead {
  source: Config.SourceRead;
  destination: Config.DestinationRead;
}

export class ActorsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly records: ActorRecords,
    private readonly definitions: DefinitionCatalog,
    private readonly workspaces: WorkspaceDirectory,
    private readonly retirement: ActorRetirement,
  ) {}

  // -------------------------------------------------------------------------------------------
  // For the other services

  /** The stored source, deleted or not; `not-found` when it never existed. */
  sourceRow(sourceId: string): ActorRow {
    const row = this.find("source", sourceId);
    if (!row) throw notFound("source", sourceId);
    return row;
  }

  /** The stored destination, deleted or not; `not-found` when it never existed. */
  destinationRow(destinationId: string): ActorRow {
    const row = this.find("destination", destinationId);
    if (!row) throw notFound("destination", destinationId);
    return row;
  }

  /** The configuration with its secrets in clear, for running the connector. */
  configuration(row: ActorRow): Configuration {
    return JSON.parse(row.configuration) as Configuration;
  }

  /** The actor's definition, built-in or custom. */
  definitionOf(row: ActorRow): ActorDefinition {
    return this.definitions.definition(row.actor_type, row.definition_id);
  }

  /**
   * The actor after checking the caller's role on its workspace. As on Airbyte, authorization
   * comes first: an unknown id is forbidden to everyone but the instance admin, who gets 404.
   */
  authorized(caller: Caller, actorType: ActorType, actorId: string, level: Level): ActorRow {
    const row = this.find(actorType, actorId);
    if (!row) {
      if (!caller.instanceAdmin) throw forbidden(`workspace_${level}`);
      throw notFound(actorType, actorId);
    }
    this.ctx.access.requireWorkspace(caller, row.workspace_id, level);
    return row;
  }

  /** Config API SourceRead or DestinationRead (secrets masked), e.g. for the web backend's connection reads. */
  configRead<T extends ActorType>(actorType: T, row: ActorRow): ConfigActorRead[T] {
    const definition = this.definitionOf(row);
    const read = {
      workspaceId: row.workspace_id,
      connectionConfiguration: this.maskedConfiguration(row, definition),
      name: row.name,
      createdAt: seconds(row.created_at),
      ...this.resourceAllocation(row),
    };
    const named: Config.SourceRead | Config.DestinationRead =
      actorType === "source"
        ? { ...read, sourceDefinitionId: row.definition_id, sourceId: row.id, sourceName: definition.name }
        : {
            ...read,
            destinationDefinitionId: row.definition_id,
            destinationId: row.id,
            destinationName: definition.name,
          };
    return named as ConfigActorRead[T];
  }

  // -------------------------------------------------------------------------------------------
  // The public API

  list<T extends ActorType>(caller: Caller, actorType: T, filter: ListActorsFilter): ActorApi[T]["response"][] {
    const readable = this.ctx.access.readableWorkspaceIds(caller);
    if (readable) {
      for (const id of filter.workspaceIds)
        if (!readable.includes(id)) this.ctx.access.requireWorkspace(caller, id, "reader");
    }
    const rows = this.records.list({
      actorType,
      workspaceIds: filter.workspaceIds.length > 0 ? filter.workspaceIds : readable,
      includeDeleted: filter.includeDeleted,
      limit: filter.limit,
      offset: filter.offset,
    });
    return rows.map((row) => this.toResponse(row) as ActorApi[T]["response"]);
  }

  create<T extends ActorType>(caller: Caller, actorType: T, input: ActorApi[T]["create"]): ActorApi[T]["response"] {
    this.ctx.access.requireWorkspace(caller, input.workspaceId, "editor");
    this.workspaces.requireActive(input.workspaceId);
    if (input.name.trim() === "") throw badRequest("name must not be blank.");
    const definition = this.definitionFor(actorType, input.workspaceId, input.definitionId, input.configuration);
    const configuration = withoutTypeKey(actorType, input.configuration);
    requireValid(actorType, definition, configuration);
    const row: ActorRow = {
      id: randomUUID(),
      actor_type: actorType,
      workspace_id: input.workspaceId,
      definition_id: definition.id,
      name: input.name,
      configuration: JSON.stringify(configuration),
      resource_allocation: input.resourceAllocation ? JSON.stringify(input.resourceAllocation) : null,
      tombstone: 0,
      created_at: this.ctx.now(),
    };
    this.records.insert(row);
    return this.toResponse(row);
  }

  get<T extends ActorType>(caller: Caller, actorType: T, actorId: string): ActorApi[T]["response"] {
    return this.toResponse(this.authorized(caller, actorType, actorId, "reader"));
  }

  /** PATCH: the name and/or configuration keys given replace the stored ones; the rest stays. */
  patch<T extends ActorType>(
    caller: Caller,
    actorType: T,
    actorId: string,
    input: ActorApi[T]["patch"],
  ): ActorApi[T]["response"] {
    const row = this.changeable(caller, actorType, actorId);
    const stored = this.configuration(row);
    const given = input.configuration ? withoutTypeKey(actorType, input.configuration) : undefined;
    return this.update(row, {
      name: input.name ?? row.name,
      configuration: given ? { ...stored, ...given } : stored,
      resourceAllocation: input.resourceAllocation ?? undefined,
    });
  }

  /** PUT: name and the whole configuration replace the stored ones (a masked secret keeps its value). */
  put<T extends ActorType>(
    caller: Caller,
    actorType: T,
    actorId: string,
    input: ActorApi[T]["put"],
  ): ActorApi[T]["response"] {
    const row = this.changeable(caller, actorType, actorId);
    return this.update(row, {
      name: input.name,
      configuration: withoutTypeKey(actorType, input.configuration),
      resourceAllocation: input.resourceAllocation ?? undefined,
    });
  }

  delete(caller: Caller, actorType: ActorType, actorId: string): void {
    const row = this.authorized(caller, actorType, actorId, "editor");
    this.retirement.retire(row);
  }

  // -------------------------------------------------------------------------------------------

  private find(actorType: ActorType, actorId: string): ActorRow | undefined {
    return this.records.find(actorType, actorId);
  }

  private changeable(caller: Caller, actorType: ActorType, actorId: string): ActorRow {
    const row = this.authorized(caller, actorType, actorId, "editor");
    if (row.tombstone) throw badRequest(`The ${actorType} ${actorId} has been deleted.`);
    return row;
  }

  private update(
    row: ActorRow,
    change: { name: string; configuration: Configuration; resourceAllocation: ScopedResourceRequirements | undefined },
  ): SourceResponse | DestinationResponse {
    if (change.name.trim() === "") throw badRequest("name must not be blank.");
    const definition = this.definitionOf(row);
    const configuration = keepMaskedSecrets(
      definition.connectionSpecification,
      change.configuration,
      this.configuration(row),
    );
    requireValid(row.actor_type, definition, configuration);
    const updated: ActorRow = {
      ...row,
      name: change.name,
      configuration: JSON.stringify(configuration),
      resource_allocation: change.resourceAllocation
        ? JSON.stringify(change.resourceAllocation)
        : row.resource_allocation,
    };
    this.records.update(updated);
    return this.toResponse(updated);
  }

  /** The definition named by id, or else by the configuration's short name, as Airbyte resolves it. */
  private definitionFor(
    actorType: ActorType,
    workspaceId: string,
    definitionId: string | undefined,
    configuration: Configuration,
  ): ActorDefinition {
    if (definitionId) return this.definitions.usableDefinition(actorType, workspaceId, definitionId);
    const key = TYPE_KEY[actorType];
    const shortName = configuration[key];
    if (shortName === undefined || shortName === null) {
      throw unprocessable(`Either definitionId or configuration.${key} must be given to create a ${actorType}.`);
    }
    const connector = typeof shortName === "string" ? connectorByShortName(actorType, shortName) : undefined;
    if (!connector) {
      throw unknownValue(
        String(shortName),
        `configuration.${key} "${String(shortName)}" is not a known ${actorType} type.`,
      );
    }
    return this.definitions.definition(actorType, connector.definition.definitionId);
  }

  private toResponse(row: ActorRow): SourceResponse | DestinationResponse {
    const definition = this.definitionOf(row);
    const rest = {
      definitionId: row.definition_id,
      workspaceId: row.workspace_id,
      configuration: this.maskedConfiguration(row, definition),
      createdAt: seconds(row.created_at),
      ...this.resourceAllocation(row),
    };
    return row.actor_type === "source"
      ? { sourceId: row.id, name: row.name, sourceType: definition.shortName, ...rest }
      : { destinationId: row.id, name: row.name, destinationType: definition.shortName, ...rest };
  }

  private maskedConfiguration(row: ActorRow, definition: ActorDefinition): Configuration {
    return maskSecrets(definition.connectionSpecification, this.configuration(row));
  }

  private resourceAllocation(row: ActorRow): { resourceAllocation?: ScopedResourceRequirements } {
    return row.resource_allocation
      ? { resourceAllocation: JSON.parse(row.resource_allocation) as ScopedResourceRequirements }
      : {};
  }
}

function withoutTypeKey(actorType: ActorType, configuration: Configuration): Configuration {
  const { [TYPE_KEY[actorType]]: _type, ...rest } = configuration;
  return rest;
}

/** 422 with the JSON Schema errors, as Airbyte answers a configuration its connector's spec rejects. */
function requireValid(actorType: ActorType, definition: ActorDefinition, configuration: Configuration): void {
  if (!isObject(configuration)) throw unprocessable(`The ${actorType} configuration must be a JSON object.`);
  const errors = configurationErrors(definition.connectionSpecification, configuration);
  if (errors.length > 0) {
    throw unprocessable(
      `The provided configuration does not fulfill the specification of ${definition.name}. Errors: ${errors.join("; ")}`,
    );
  }
}
