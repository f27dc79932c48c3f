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
import { catalogDiff, mergeRefreshedCatalog, schemaChangeOf } from "./catalog-diff.js";
import { MANUAL_SCHEDULE, type StoredSchedule, validateConfigSchedule, validatePublicSchedule } from "../schedules.js";
import { configureStreams, selectAllStreams } from "./stream-configuration.js";
import { checkedSyncCatalog, webBackendRead } from "./web-backend-views.js";

export interface ListConnectionsFilter {
  workspaceIds: string[];
  tagIds: string[];
  includeDeleted: boolean;
  limit: number;
  offset: number;
}

/** What an update changes; absent fields keep their value. */
export interface ConnectionChanges {
  name?: string;
  namespaceDefinition?: Config.NamespaceDefinitionType;
  namespaceFormat?: string;
  prefix?: string;
  schedule?: StoredSchedule;
  status?: Config.ConnectionStatus;
  nonBreakingChanges?: Config.NonBreakingChangesPreference;
  catalog?: Config.AirbyteCatalog;
  tags?: TagRow[];
  notifySchemaChanges?: boolean;
  notifySchemaChangesByEmail?: boolean;
  backfillPreference?: Config.SchemaChangeBackfillPreference;
  resourceRequirements?: Config.ResourceRequirements;
  onDemandEnabled?: boolean;
}

export class ConnectionsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly records: ConnectionRecords,
    private readonly connectionAccess: ConnectionAccess,
  ) {}

  async create(caller: Caller, input: ConnectionCreateRequest): Promise<ConnectionResponse> {
    const { source, destination, schedule } = this.checkedCreation(caller, input);
    const workspaceId = destination.workspace_id;
    const tags = this.ctx.services.tags.resolveForWorkspace(workspaceId, input.tags ?? []);
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
      ...(patch.tags ? { tags: this.ctx.services.tags.resolveForWorkspace(row.workspace_id, patch.tags) } : {}),
    };
    const streams = patch.configurations?.streams ?? [];
    if (streams.length > 0) changes.catalog = await this.catalogFor(row.source_id, row.destination_id, streams);
    return this.toResponse(this.applyChanges(this.row(connectionId), changes));
  }

  /** Soft delete: the connection stays readable with status `deprecated`. */
  delete(caller: Caller, connectionId: string): void {
    const row = this.connectionAccess.require(caller, connectionId, "editor");
    this.deprecate("id", row.id);
  }

  /**
   * Deprecates the live connections whose `column` is `value` (one connection, or every
   * connection of an actor or a workspace being deleted) and cancels their unfinished jobs, so
   * that nothing keeps syncing a deleted connection.
   */
  deprecate(column: "id" | "source_id" | "destination_id" | "workspace_id", value: string): void {
    const { db } = this.ctx.store;
    const ids = this.ctx.store.transaction(() => {
      const live = db
        .prepare(`SELECT id FROM connections WHERE ${column} = ? AND status <> 'deprecated'`)
        .all(value) as { id: string }[];
      db.prepare(
        `UPDATE connections SET status = 'deprecated', updated_at = ? WHERE ${column} = ? AND status <> 'deprecated'`,
      ).run(this.ctx.now(), value);
      return live.map((row) => row.id);
    });
    for (const id of ids) this.ctx.services.jobs.cancelJobsOfConnection(id);
  }

  /** Config API `connections/get`. */
  configRead(caller: Caller, connectionId: string): Config.ConnectionRead {
    const row = this.connectionAccess.require(caller, connectionId, "reader");
    return toConnectionRead(row, this.ctx.services.tags.forConnection(row.id));
  }

  /**
   * Web backend `connections/get`: with `withRefreshedCatalog`, the source is discovered again and
   * the answer carries the refreshed catalog (the connection's configuration carried over) and
   * its diff; nothing is stored.
   */
  async webBackendGet(
    caller: Caller,
    connectionId: string,
    withRefreshedCatalog: boolean,
  ): Promise<Config.WebBackendConnectionRead> {
    const row = this.connectionAccess.require(caller, connectionId, "reader");
    if (!withRefreshedCatalog) return webBackendRead(this.ctx, row);
    const refreshed = await this.ctx.services.discovery.catalog(row.source_id, { refresh: true });
    const current = this.row(connectionId);
    const diff = catalogDiff(storedCatalog(current), refreshed);
    return webBackendRead(this.ctx, current, {
      syncCatalog: mergeRefreshedCatalog(storedCatalog(current), refreshed),
      catalogDiff: diff,
      schemaChange: schemaChangeOf(diff),
    });
  }

  /**
   * Web backend `connections/update`, patch-style: given fields change, a `syncCatalog` replaces
   * the whole catalog. Streams are not reset after a catalog change: `skipReset` is accepted and
   * every update behaves as if it were true.
   */
  async webBackendUpdate(
    caller: Caller,
    input: Config.WebBackendConnectionUpdate,
  ): Promise<Config.WebBackendConnectionRead> {
    const row = this.connectionAccess.require(caller, input.connectionId, "editor");
    requireUnlocked(row);
    if (input.operations && input.operations.length > 0) {
      throw badRequest("Operations (custom transformations) are not supported by the local server.");
    }
    const scheduleGiven = input.scheduleType != null || input.schedule != null;
    const changes: ConnectionChanges = {
      ...definedOnly({
        name: input.name,
        namespaceDefinition: input.namespaceDefinition,
        namespaceFormat: input.namespaceFormat,
        prefix: input.prefix,
        status: input.status,
        nonBreakingChanges: input.nonBreakingChangesPreference,
        notifySchemaChanges: input.notifySchemaChanges,
        notifySchemaChangesByEmail: input.notifySchemaChangesByEmail,
        backfillPreference: input.backfillPreference,
        resourceRequirements: input.resourceRequirements,
        onDemandEnabled: input.onDemandEnabled,
      }),
      ...(scheduleGiven ? { schedule: validateConfigSchedule(input) } : {}),
      ...(input.tags ? { tags: this.ctx.services.tags.resolveForWorkspace(row.workspace_id, input.tags) } : {}),
    };
    if (input.syncCatalog) {
      const { discovery } = this.ctx.services;
      const discovered = await discovery.catalog(row.source_id);
      changes.catalog = checkedSyncCatalog(
        discovered,
        input.syncCatalog,
        discovery.destinationSyncModes(row.destination_id),
      );
    }
    return webBackendRead(this.ctx, this.applyChanges(this.row(input.connectionId), changes));
  }

  /**
   * Writes the changes in one transaction and answers the stored row. Refuses changes to a locked
   * connection and bringing a deleted one back.
   */
  private applyChanges(row: ConnectionRow, changes: ConnectionChanges): ConnectionRow {
    requireUnlocked(row);
    if (row.status === "deprecated" && changes.status && changes.status !== "deprecated") {
      throw badRequest(`Connection ${row.id} has been deleted; it cannot be set ${changes.status} again.`);
    }
    const next: ConnectionRow = { ...row, ...storedChanges(changes), updated_at: this.ctx.now() };
    this.ctx.store.transaction(() => {
      this.ctx.store.db
        .prepare(
          `UPDATE connections SET name = @name, status = @status, schedule_type = @schedule_type,
             cron_expression = @cron_expression, basic_schedule = @basic_schedule,
             namespace_definition = @namespace_definition, namespace_format = @namespace_format, prefix = @prefix,
             non_breaking_changes = @non_breaking_changes, notify_schema_changes = @notify_schema_changes,
             notify_schema_changes_by_email = @notify_schema_changes_by_email,
             backfill_preference = @backfill_preference, resource_requirements = @resource_requirements,
             on_demand_enabled = @on_demand_enabled, catalog = @catalog, updated_at = @updated_at
           WHERE id = @id`,
        )
        .run(next);
      if (changes.tags) this.ctx.services.tags.setForConnection(row.id, changes.tags);
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
    const discovered = await this.ctx.services.discovery.catalog(sourceId);
    if (!streams || streams.length === 0) return selectAllStreams(discovered);
    return configureStreams(discovered, streams, this.ctx.services.discovery.destinationSyncModes(destinationId));
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
    this.ctx.services.workspaces.requireActive(destination.workspace_id);
    return { source, destination, schedule };
  }

  private insert(row: ConnectionRow, tags: readonly TagRow[]): void {
    this.ctx.store.transaction(() => {
      this.records.insert(row);
      this.ctx.services.tags.setForConnection(row.id, tags);
    });
  }

  /**
   * The source or destination, or undefined when it never existed: the caller's rights are
   * checked on its workspace before an unknown id is reported, so that only the instance admin
   * learns that it does not exist.
   */
  private findActor(actorType: "source" | "destination", actorId: string): ActorRow | undefined {
    const { actors } = this.ctx.services;
    try {
      return actorType === "source" ? actors.sourceRow(actorId) : actors.destinationRow(actorId);
    } catch (error) {
      if (error instanceof ServiceError && error.kind === "not-found") return undefined;
      throw error;
    }
  }

  private toResponse(row: ConnectionRow): ConnectionResponse {
    return toConnectionResponse(row, this.ctx.services.tags.forConnection(row.id));
  }
}

function requireUsable(actor: ActorRow): void {
  if (actor.tombstone) {
    throw badRequest(`The ${actor.actor_type} ${actor.id} has been deleted; connections cannot use it.`);
  }
}

function requireUnlocked(row: ConnectionRow): void {
  if (row.status !== "locked") return;
  throw new ServiceError("connection-locked", `Connection ${row.id} is locked and cannot be modified.`, {
    connectionId: row.id,
    ...(row.status_reason ? { statusReason: row.status_reason } : {}),
  });
}

/** The row columns that the given changes set. */
function storedChanges(changes: ConnectionChanges): Partial<ConnectionRow> {
  const out: Partial<ConnectionRow> = definedOnly({
    name: changes.name,
    status: changes.status,
    namespace_definition: changes.namespaceDefinition,
    namespace_format: changes.namespaceFormat,
    prefix: changes.prefix,
    non_breaking_changes: changes.nonBreakingChanges,
    backfill_preference: changes.backfillPreference,
  });
  if (changes.schedule) {
    out.schedule_type = changes.schedule.scheduleType;
    out.cron_expression = changes.schedule.cronExpression;
    out.basic_schedule = changes.schedule.basicSchedule ? JSON.stringify(changes.schedule.basicSchedule) : null;
  }
  if (changes.catalog) out.catalog = JSON.stringify(changes.catalog);
  if (changes.resourceRequirements) out.resource_requirements = JSON.stringify(changes.resourceRequirements);
  if (changes.notifySchemaChanges !== undefined) out.notify_schema_changes = changes.notifySchemaChanges ? 1 : 0;
  if (changes.notifySchemaChangesByEmail !== undefined) {
    out.notify_schema_changes_by_email = changes.notifySchemaChangesByEmail ? 1 : 0;
  }
  if (changes.onDemandEnabled !== undefined) out.on_demand_enabled = changes.onDemandEnabled ? 1 : 0;
  return out;
}

/** The entries whose value is neither undefined nor null ("not given", as the edge reads bodies). */
function definedOnly<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}
