/**
 * Connections: a source, a destination in the same workspace, the streams to sync (a catalog
 * keeping every discovered stream with its configuration, selected or not), a schedule and the
 * settings of namespaces and schema changes. Deleting one only marks it `deprecated`, as Airbyte
 * does; a `locked` connection cannot be changed.
 */
import { randomUUID } from "node:crypto";
import type {
  Config,
  ConnectionCreateRequest,
  ConnectionPatchRequest,
  ConnectionResponse,
  StreamConfiguration,
} from "airbyte-ts";
import type { ConnectionRecords } from "../../store/connection-records.js";
import type { ActorRow, ConnectionRow, TagRow } from "../../store/rows.js";
import type { Caller } from "../access.js";
import type { ActorsService } from "../actors.js";
import type { DiscoveryService } from "../discovery.js";
import type { TagsService } from "../tags.js";
import type { WorkspaceDirectory } from "../workspaces/directory.js";
import { type ConnectionChanges, definedOnly, requireUnlocked, storedChanges } from "./changes.js";
import type { ConnectionRetirement } from "./retirement.js";
import type { ConnectionAccess } from "./access.js";
import {
  storedCatalog,
  toConnectionRead,
  toConnectionResponse,
  toStoredNamespaceDefinition,
  toStoredNonBreakingBehavior,
} from "./views.js";
import type { ServiceContext } from "../context.js";
import { badRequest, notFound, ServiceError } from "../errors.js";
import { MANUAL_SCHEDULE, type StoredSchedule, validatePublicSchedule } from "../schedules.js";
import { configureStreams, selectAllStreams } from "./stream-configuration.js";

export interface ListConnectionsFilter {
  workspaceIds: string[];
  tagIds: string[];
  includeDeleted: boolean;
  limit: number;
  offset: number;
}

export class ConnectionsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly records: ConnectionRecords,
    private readonly connectionAccess: ConnectionAccess,
    private readonly retirement: ConnectionRetirement,
    private readonly workspaces: WorkspaceDirectory,
    private readonly actors: ActorsService,
    private readonly discovery: DiscoveryService,
    private readonly tags: TagsService,
  ) {}

  async create(caller: Caller, input: ConnectionCreateRequest): Promise<ConnectionResponse> {
    const { source, destination, schedule } = this.checkedCreation(caller, input);
    const workspaceId = destination.workspace_id;
    const tags = this.tags.resolveForWorkspace(workspaceId, input.tags ?? []);
    const catalog = await this.catalogFor(source.id, destination.id, input.configurations?.streams ?? undefined);
    const now = this.ctx.now();
    const row: ConnectionRow = {
      id: randomUUID(),
      workspace_id: workspaceId,
      source_id: source.id,
      destination_id: destination.id,
      name: input.name ?? `${source.name} <> ${destination.name}`,
      status: input.status ?? "active",
      status_reason: null,
      schedule_type: schedule.scheduleType,
      cron_expression: schedule.cronExpression,
      basic_schedule: schedule.basicSchedule ? JSON.stringify(schedule.basicSchedule) : null,
      namespace_definition: toStoredNamespaceDefinition(input.namespaceDefinition ?? "destination"),
      namespace_format: input.namespaceFormat ?? null,
      prefix: input.prefix ?? "",
      non_breaking_changes: toStoredNonBreakingBehavior(input.nonBreakingSchemaUpdatesBehavior ?? "ignore"),
      notify_schema_changes: 1,
      notify_schema_changes_by_email: 0,
      backfill_preference: "disabled",
      resource_requirements: null,
      on_demand_enabled: 0,
      catalog: JSON.stringify(catalog),
      created_at: now,
      updated_at: now,
    };
    this.insert(row, tags);
    return this.toResponse(row);
  }

  get(caller: Caller, connectionId: string): ConnectionResponse {
    return this.toResponse(this.connectionAccess.require(caller, connectionId, "reader"));
  }

  /** Connections of the given (or every readable) workspace, oldest first; `tagIds` keeps those with any of the tags. */
  list(caller: Caller, filter: ListConnectionsFilter): ConnectionResponse[] {
    for (const id of filter.workspaceIds) this.ctx.access.requireWorkspace(caller, id, "reader");
    const workspaceIds =
      filter.workspaceIds.length > 0 ? filter.workspaceIds : this.ctx.access.readableWorkspaceIds(caller);
    return this.records
      .list({
        workspaceIds,
        tagIds: filter.tagIds,
        includeDeleted: filter.includeDeleted,
        limit: filter.limit,
        offset: filter.offset,
      })
      .map((row) => this.toResponse(row));
  }

  async update(caller: Caller, connectionId: string, patch: ConnectionPatchRequest): Promise<ConnectionResponse> {
    const row = this.connectionAccess.require(caller, connectionId, "editor");
    const schedule = patch.schedule ? validatePublicSchedule(patch.schedule) : undefined;
    requireUnlocked(row);
    const changes: ConnectionChanges = {
      ...definedOnly({
        name: patch.name,
        prefix: patch.prefix,
        namespaceFormat: patch.namespaceFormat,
        status: patch.status,
        schedule,
      }),
      ...(patch.namespaceDefinition
        ? { namespaceDefinition: toStoredNamespaceDefinition(patch.namespaceDefinition) }
        : {}),
      ...(patch.nonBreakingSchemaUpdatesBehavior
        ? { nonBreakingChanges: toStoredNonBreakingBehavior(patch.nonBreakingSchemaUpdatesBehavior) }
        : {}),
      ...(patch.tags ? { tags: this.tags.resolveForWorkspace(row.workspace_id, patch.tags) } : {}),
    };
    const streams = patch.configurations?.streams ?? [];
    if (streams.length > 0) changes.catalog = await this.catalogFor(row.source_id, row.destination_id, streams);
    return this.toResponse(this.applyChanges(this.row(connectionId), changes));
  }

  /** Soft delete: the connection stays readable with status `deprecated`. */
  delete(caller: Caller, connectionId: string): void {
    const row = this.connectionAccess.require(caller, connectionId, "editor");
    this.retirement.deprecate("id", row.id);
  }

  /** Config API `connections/get`. */
  configRead(caller: Caller, connectionId: string): Config.ConnectionRead {
    const row = this.connectionAccess.require(caller, connectionId, "reader");
    return toConnectionRead(row, this.tags.forConnection(row.id));
  }

  /**
   * Writes the changes in one transaction and answers the stored row. Refuses changes to a locked
   * connection and bringing a deleted one back.
   */
  applyChanges(row: ConnectionRow, changes: ConnectionChanges): ConnectionRow {
    requireUnlocked(row);
    if (row.status === "deprecated" && changes.status && changes.status !== "deprecated") {
      throw badRequest(`Connection ${row.id} has been deleted; it cannot be set ${changes.status} again.`);
    }
    const next: ConnectionRow = { ...row, ...storedChanges(changes), updated_at: this.ctx.now() };
    this.ctx.store.transaction(() => {
      this.records.update(next);
      if (changes.tags) this.tags.setForConnection(row.id, changes.tags);
    });
    return next;
  }

  /** The stored connection, deleted (deprecated) ones included; `not-found` when it never existed. */
  row(connectionId: string): ConnectionRow {
    return this.connectionAccess.row(connectionId);
  }

  /** The stored catalog: every discovered stream with its configuration, selected or not. */
  catalogOf(row: ConnectionRow): Config.AirbyteCatalog {
    return storedCatalog(row);
  }

  workspaceOf(connectionId: string): string {
    return this.row(connectionId).workspace_id;
  }

  /**
   * The catalog for a source and destination: everything discovered selected in full refresh
   * overwrite when no stream is listed, else the listed streams configured and checked.
   */
  private async catalogFor(
    sourceId: string,
    destinationId: string,
    streams: readonly StreamConfiguration[] | undefined,
  ): Promise<Config.AirbyteCatalog> {
    const discovered = await this.discovery.catalog(sourceId);
    if (!streams || streams.length === 0) return selectAllStreams(discovered);
    return configureStreams(discovered, streams, this.discovery.destinationSyncModes(destinationId));
  }

  /**
   * The source, destination and schedule of a new connection. Rights on both workspaces come
   * first, then the schedule, then the existence and state of the source and destination.
   */
  private checkedCreation(
    caller: Caller,
    input: ConnectionCreateRequest,
  ): { source: ActorRow; destination: ActorRow; schedule: StoredSchedule } {
    const destination = this.findActor("destination", input.destinationId);
    const source = this.findActor("source", input.sourceId);
    this.ctx.access.requireWorkspace(caller, destination?.workspace_id ?? "", "editor");
    this.ctx.access.requireWorkspace(caller, source?.workspace_id ?? "", "editor");
    const schedule = input.schedule ? validatePublicSchedule(input.schedule) : MANUAL_SCHEDULE;
    if (!destination) throw notFound("destination", input.destinationId);
    if (!source) throw notFound("source", input.sourceId);
    requireUsable(destination);
    requireUsable(source);
    if (source.workspace_id !== destination.workspace_id) {
      throw badRequest(
        `Source ${source.id} and destination ${destination.id} belong to different workspaces; a connection needs both in one.`,
      );
    }
    this.workspaces.requireActive(destination.workspace_id);
    return { source, destination, schedule };
  }

  private insert(row: ConnectionRow, tags: readonly TagRow[]): void {
    this.ctx.store.transaction(() => {
      this.records.insert(row);
      this.tags.setForConnection(row.id, tags);
    });
  }

  /**
   * The source or destination, or undefined when it never existed: the caller's rights are
   * checked on its workspace before an unknown id is reported, so that only the instance admin
   * learns that it does not exist.
   */
  private findActor(actorType: "source" | "destination", actorId: string): ActorRow | undefined {
    const { actors } = this;
    try {
      return actorType === "source" ? actors.sourceRow(actorId) : actors.destinationRow(actorId);
    } catch (error) {
      if (error instanceof ServiceError && error.kind === "not-found") return undefined;
      throw error;
    }
  }

  private toResponse(row: ConnectionRow): ConnectionResponse {
    return toConnectionResponse(row, this.tags.forConnection(row.id));
  }
}

function requireUsable(actor: ActorRow): void {
  if (actor.tombstone) {
    throw badRequest(`The ${actor.actor_type} ${actor.id} has been deleted; connections cannot use it.`);
  }
}
