/**
 * The stored workspaces: the SQL of the workspaces service, the workspace directory and the
 * access checks, which hold the rules.
 */
import { placeholders, type Store } from "./db.js";
import type { WorkspaceRow } from "./rows.js";

export interface WorkspaceListQuery {
  /** Only these workspaces; undefined: every one. */
  workspaceIds: readonly string[] | undefined;
  includeDeleted: boolean;
  limit: number;
  offset: number;
}

export interface OrganizationWorkspaceQuery {
  organizationId: string;
  /** Only these workspaces; undefined: every one of the organization. */
  workspaceIds: readonly string[] | undefined;
  /** Only workspaces whose name contains this, in any case. */
  nameContains: string | undefined;
  /** Without it, every workspace. */
  page: { limit: number; offset: number } | undefined;
}

export class WorkspaceRecords {
  constructor(private readonly store: Store) {}

  /** The stored workspace, deleted (tombstoned) or not. */
  find(workspaceId: string): WorkspaceRow | undefined {
    return this.store.db.prepare("SELECT * FROM workspaces WHERE id = ?").get(workspaceId) as WorkspaceRow | undefined;
  }

  /** A page of workspaces, oldest first. */
  list(query: WorkspaceListQuery): WorkspaceRow[] {
    const where = [query.includeDeleted ? "1 = 1" : "tombstone = 0"];
    if (query.workspaceIds !== undefined) where.push(`id IN (${placeholders(query.workspaceIds)})`);
    return this.store.db
      .prepare(`SELECT * FROM workspaces WHERE ${where.join(" AND ")} ORDER BY created_at, id LIMIT ? OFFSET ?`)
      .all(...(query.workspaceIds ?? []), query.limit, query.offset) as WorkspaceRow[];
  }

  /** The organization's live workspaces, by name. */
  ofOrganization(query: OrganizationWorkspaceQuery): WorkspaceRow[] {
    const where = ["organization_id = ?", "tombstone = 0"];
    const params: (string | number)[] = [query.organizationId];
    if (query.workspaceIds !== undefined) {
      where.push(`id IN (${placeholders(query.workspaceIds)})`);
      params.push(...query.workspaceIds);
    }
    if (query.nameContains) {
      where.push("instr(lower(name), lower(?)) > 0");
      params.push(query.nameContains);
    }
    const page = query.page ? "LIMIT ? OFFSET ?" : "";
    if (query.page) params.push(query.page.limit, query.page.offset);
    return this.store.db
      .prepare(`SELECT * FROM workspaces WHERE ${where.join(" AND ")} ORDER BY lower(name), id ${page}`)
      .all(...params) as WorkspaceRow[];
  }

  /** The ids of the organizations' workspaces, deleted ones included. */
  idsInOrganizations(organizationIds: readonly string[]): string[] {
    const rows = this.store.db
      .prepare(`SELECT id FROM workspaces WHERE organization_id IN (${placeholders(organizationIds)})`)
      .all(...organizationIds) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** The organizations the workspaces belong to, each once. */
  organizationIdsOf(workspaceIds: readonly string[]): string[] {
    const rows = this.store.db
      .prepare(`SELECT DISTINCT organization_id FROM workspaces WHERE id IN (${placeholders(workspaceIds)})`)
      .all(...workspaceIds) as { organization_id: string }[];
    return rows.map((row) => row.organization_id);
  }

  insert(row: WorkspaceRow): void {
    this.store.db
      .prepare(
        `INSERT INTO workspaces (id, organization_id, name, region_id, data_residency, notifications, tombstone, created_at)
         VALUES (@id, @organization_id, @name, @region_id, @data_residency, @notifications, @tombstone, @created_at)`,
      )
      .run(row);
  }

  /** Writes the changeable columns: name, notifications and region. */
  update(row: WorkspaceRow): void {
    this.store.db
      .prepare(
        "UPDATE workspaces SET name = @name, notifications = @notifications, region_id = @region_id, data_residency = @data_residency WHERE id = @id",
      )
      .run(row);
  }

  tombstone(workspaceId: string): void {
    this.store.db.prepare("UPDATE workspaces SET tombstone = 1 WHERE id = ?").run(workspaceId);
  }
}
