/**
 * The web backend's view of a connection (what Airbyte's UI reads): the Config API connection
 * with its source and destination embedded (secrets masked), the state of its syncs, the
 * connectors' versions and, after a fresh discovery, the diff against the source's schema; and
 * its update, which may replace the connection's whole catalog.
 */
import type { Config } from "airbyte-ts";
import type { ConnectionRow } from "../../store/rows.js";
import type { ActorsService } from "../actors.js";
import type { Caller } from "../access.js";
import { seconds } from "../context.js";
import type { ActorDefinition } from "../definitions/catalog.js";
import type { DiscoveryService } from "../discovery.js";
import { badRequest } from "../errors.js";
import type { JobsService } from "../jobs/service.js";
import { validateConfigSchedule } from "../schedules.js";
import type { TagsService } from "../tags.js";
import type { ConnectionAccess } from "./access.js";
import { catalogDiff, mergeRefreshedCatalog, schemaChangeOf } from "./catalog-diff.js";
import { type ConnectionChanges, definedOnly, requireUnlocked } from "./changes.js";
import type { ConnectionsService } from "./service.js";
import { storedCatalog, toConnectionRead } from "./views.js";
import { checkedSyncCatalog } from "./web-backend-catalog.js";

/** What a refreshed read adds to the stored connection. */
export interface RefreshedView {
  syncCatalog: Config.AirbyteCatalog;
  catalogDiff: Config.CatalogDiff;
  schemaChange: Config.SchemaChange;
}

export class WebBackendService {
  constructor(
    private readonly connectionAccess: ConnectionAccess,
    private readonly connections: ConnectionsService,
    private readonly actors: ActorsService,
    private readonly discovery: DiscoveryService,
    private readonly tags: TagsService,
    private readonly jobs: JobsService,
  ) {}

  /**
   * Web backend `connections/get`: with `withRefreshedCatalog`, the source is discovered again and
   * the answer carries the refreshed catalog (the connection's configuration carried over) and
   * its diff; nothing is stored.
   */
  async get(
    caller: Caller,
    connectionId: string,
    withRefreshedCatalog: boolean,
  ): Promise<Config.WebBackendConnectionRead> {
    const row = this.connectionAccess.require(caller, connectionId, "reader");
    if (!withRefreshedCatalog) return this.read(row);
    const refreshed = await this.discovery.catalog(row.source_id, { refresh: true });
    const current = this.connectionAccess.row(connectionId);
    const diff = catalogDiff(storedCatalog(current), refreshed);
    return this.read(current, {
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
  async update(caller: Caller, input: Config.WebBackendConnectionUpdate): Promise<Config.WebBackendConnectionRead> {
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
      ...(input.tags ? { tags: this.tags.resolveForWorkspace(row.workspace_id, input.tags) } : {}),
    };
    if (input.syncCatalog) {
      const { discovery } = this;
      const discovered = await discovery.catalog(row.source_id);
      changes.catalog = checkedSyncCatalog(
        discovered,
        input.syncCatalog,
        discovery.destinationSyncModes(row.destination_id),
      );
    }
    return this.read(this.connections.applyChanges(this.connectionAccess.row(input.connectionId), changes));
  }

  private read(row: ConnectionRow, refreshed?: RefreshedView): Config.WebBackendConnectionRead {
    const { actors, jobs, tags } = this;
    const source = actors.sourceRow(row.source_id);
    const destination = actors.destinationRow(row.destination_id);
    const connectionTags = tags.forConnection(row.id);
    const {
      breakingChange: _breakingChange,
      created_at: createdAt,
      workspaceId: _workspaceId,
      ...connection
    } = toConnectionRead(row, connectionTags);
    const latest = jobs.latestSyncJob(row.id);
    return {
      ...connection,
      ...(refreshed ? { syncCatalog: refreshed.syncCatalog, catalogDiff: refreshed.catalogDiff } : {}),
      source: actors.configRead("source", source),
      destination: actors.configRead("destination", destination),
      operations: [],
      isSyncing: jobs.unfinishedSyncJob(row.id) !== undefined,
      ...(latest
        ? { latestSyncJobCreatedAt: seconds(latest.created_at), latestSyncJobStatus: latest.status as Config.JobStatus }
        : {}),
      schemaChange: refreshed?.schemaChange ?? "no_change",
      notifySchemaChanges: row.notify_schema_changes === 1,
      notifySchemaChangesByEmail: row.notify_schema_changes_by_email === 1,
      nonBreakingChangesPreference: row.non_breaking_changes as Config.NonBreakingChangesPreference,
      ...(createdAt !== undefined ? { createdAt } : {}),
      sourceActorDefinitionVersion: definitionVersion(actors.definitionOf(source)),
      destinationActorDefinitionVersion: definitionVersion(actors.definitionOf(destination)),
      tags: connectionTags,
      onDemandEnabled: row.on_demand_enabled === 1,
    };
  }
}

/** What the web backend says of a connector's version: the local server runs what it has. */
function definitionVersion(definition: ActorDefinition): Config.ActorDefinitionVersionRead {
  return {
    dockerRepository: definition.dockerRepository,
    dockerImageTag: definition.dockerImageTag,
    supportsRefreshes: false,
    isVersionOverrideApplied: false,
    supportState: "supported",
    supportsFileTransfer: false,
    supportsDataActivation: false,
  };
}
