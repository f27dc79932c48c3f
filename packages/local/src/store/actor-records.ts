/**
 * The stored sources and destinations (the actors table) and the catalogs discovered for
 * sources: the SQL of the actors, discovery and retirement services, which hold the rules.
 */
import { placeholders, type Store } from "./db.js";
import type { ActorRow, SourceCatalogRow } from "./rows.js";

export interface ActorListQuery {
  actorType: "source" | "destination";
  /** Only these workspaces' actors; undefined: every workspace. */
  workspaceIds: readonly string[] | undefined;
  includeDeleted: boolean;
  limit: number;
  offset: number;
}

export class ActorRecords {
  constructor(private readonly store: Store) {}

  /** The stored actor of that type, deleted (tombstoned) ones included. */
  find(actorType: "source" | "destination", actorId: string): ActorRow | undefined {
    return this.store.db.prepare("SELECT * FROM actors WHERE id = ? AND actor_type = ?").get(actorId, actorType) as
      ActorRow | undefined;
  }

  /** A page of actors, oldest first. */
  list(query: ActorListQuery): ActorRow[] {
    const where = ["actor_type = ?"];
    if (!query.includeDeleted) where.push("tombstone = 0");
    if (query.workspaceIds !== undefined) where.push(`workspace_id IN (${placeholders(query.workspaceIds)})`);
    return this.store.db
      .prepare(`SELECT * FROM actors WHERE ${where.join(" AND ")} ORDER BY created_at, id LIMIT ? OFFSET ?`)
      .all(query.actorType, ...(query.workspaceIds ?? []), query.limit, query.offset) as ActorRow[];
  }

  /** The live actors made from a definition. */
  liveOfDefinition(definitionId: string): ActorRow[] {
    return this.store.db
      .prepare("SELECT * FROM actors WHERE definition_id = ? AND tombstone = 0")
      .all(definitionId) as ActorRow[];
  }

  /** The definitions the workspace's live actors of that type are made from. */
  definitionIdsInUse(workspaceId: string, actorType: "source" | "destination"): Set<string> {
    const rows = this.store.db
      .prepare("SELECT DISTINCT definition_id FROM actors WHERE workspace_id = ? AND actor_type = ? AND tombstone = 0")
      .all(workspaceId, actorType) as { definition_id: string }[];
    return new Set(rows.map((row) => row.definition_id));
  }

  insert(row: ActorRow): void {
    this.store.db
      .prepare(
        `INSERT INTO actors (id, actor_type, workspace_id, definition_id, name, configuration, resource_allocation, tombstone, created_at)
         VALUES (@id, @actor_type, @workspace_id, @definition_id, @name, @configuration, @resource_allocation, @tombstone, @created_at)`,
      )
      .run(row);
  }

  /** Writes the changeable columns: name, configuration and resource allocation. */
  update(row: ActorRow): void {
    this.store.db
      .prepare(
        "UPDATE actors SET name = @name, configuration = @configuration, resource_allocation = @resource_allocation WHERE id = @id",
      )
      .run(row);
  }

  tombstone(actorId: string): void {
    this.store.db.prepare("UPDATE actors SET tombstone = 1 WHERE id = ?").run(actorId);
  }

  tombstoneWorkspaceActors(workspaceId: string): void {
    this.store.db.prepare("UPDATE actors SET tombstone = 1 WHERE workspace_id = ?").run(workspaceId);
  }

  /** The last catalog discovered for the source, if any. */
  discoveredCatalog(sourceId: string): SourceCatalogRow | undefined {
    return this.store.db.prepare("SELECT * FROM source_catalogs WHERE source_id = ?").get(sourceId) as
      SourceCatalogRow | undefined;
  }

  /** Stores the source's catalog in place of the one it had. */
  saveDiscoveredCatalog(row: SourceCatalogRow): void {
    this.store.db
      .prepare(
        `INSERT INTO source_catalogs (source_id, catalog_id, catalog, configuration_hash, discovered_at)
         VALUES (@source_id, @catalog_id, @catalog, @configuration_hash, @discovered_at)
         ON CONFLICT (source_id) DO UPDATE SET catalog_id = excluded.catalog_id, catalog = excluded.catalog,
           configuration_hash = excluded.configuration_hash, discovered_at = excluded.discovered_at`,
      )
      .run(row);
  }
}
