/**
 * The stored connections: the SQL that reads and writes their rows. The connections service
 * holds the rules; this only knows the table.
 */
import { placeholders, type Store } from "./db.js";
import type { ConnectionRow } from "./rows.js";

export interface ConnectionListQuery {
  /** Only these workspaces' connections; undefined: every workspace. */
  workspaceIds: readonly string[] | undefined;
  /** Only connections with one of these tags; empty: any. */
  tagIds: readonly string[];
  includeDeleted: boolean;
  limit: number;
  offset: number;
}

export class ConnectionRecords {
  constructor(private readonly store: Store) {}

  /** The stored connection, deleted (deprecated) ones included. */
  find(connectionId: string): ConnectionRow | undefined {
    return this.store.db.prepare("SELECT * FROM connections WHERE id = ?").get(connectionId) as
      ConnectionRow | undefined;
  }

  /** A page of connections, oldest first. */
  list(query: ConnectionListQuery): ConnectionRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.workspaceIds !== undefined) {
      where.push(`workspace_id IN (${placeholders(query.workspaceIds)})`);
      params.push(...query.workspaceIds);
    }
    if (!query.includeDeleted) where.push("status <> 'deprecated'");
    if (query.tagIds.length > 0) {
      where.push(`id IN (SELECT connection_id FROM connection_tags WHERE tag_id IN (${placeholders(query.tagIds)}))`);
      params.push(...query.tagIds);
    }
    // Page over ids first: sorting whole rows would drag every stored catalog through the sort.
    const { db } = this.store;
    const ids = (
      db
        .prepare(
          `SELECT id FROM connections ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
           ORDER BY created_at, id LIMIT ? OFFSET ?`,
        )
        .all(...params, query.limit, query.offset) as { id: string }[]
    ).map((row) => row.id);
    if (ids.length === 0) return [];
    const rows = db
      .prepare(`SELECT * FROM connections WHERE id IN (${placeholders(ids)})`)
      .all(...ids) as ConnectionRow[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) as ConnectionRow);
  }

  /** Active connections with a cron or basic schedule, oldest first. */
  scheduled(): ConnectionRow[] {
    return this.store.db
      .prepare(
        "SELECT * FROM connections WHERE status = 'active' AND schedule_type IN ('cron', 'basic') ORDER BY created_at",
      )
      .all() as ConnectionRow[];
  }

  insert(row: ConnectionRow): void {
    this.store.db
      .prepare(
        `INSERT INTO connections (id, workspace_id, source_id, destination_id, name, status, status_reason, schedule_type,
           cron_expression, basic_schedule, namespace_definition, namespace_format, prefix, non_breaking_changes,
           notify_schema_changes, notify_schema_changes_by_email, backfill_preference, resource_requirements,
           on_demand_enabled, catalog, created_at, updated_at)
         VALUES (@id, @workspace_id, @source_id, @destination_id, @name, @status, @status_reason, @schedule_type,
           @cron_expression, @basic_schedule, @namespace_definition, @namespace_format, @prefix, @non_breaking_changes,
           @notify_schema_changes, @notify_schema_changes_by_email, @backfill_preference, @resource_requirements,
           @on_demand_enabled, @catalog, @created_at, @updated_at)`,
      )
      .run(row);
  }

  /**
   * Marks the live connections whose `column` is `value` deprecated (Airbyte's soft delete);
   * answers their ids.
   */
  deprecate(column: "id" | "source_id" | "destination_id" | "workspace_id", value: string, now: number): string[] {
    const { db } = this.store;
    return this.store.transaction(() => {
      const live = db
        .prepare(`SELECT id FROM connections WHERE ${column} = ? AND status <> 'deprecated'`)
        .all(value) as { id: string }[];
      db.prepare(
        `UPDATE connections SET status = 'deprecated', updated_at = ? WHERE ${column} = ? AND status <> 'deprecated'`,
      ).run(now, value);
      return live.map((row) => row.id);
    });
  }

  /** Writes every changeable column of the row. */
  update(row: ConnectionRow): void {
    this.store.db
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
      .run(row);
  }
}
