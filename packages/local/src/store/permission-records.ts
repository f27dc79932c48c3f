/**
 * The stored permissions of users and of groups: the SQL of the access checks and of the
 * permissions, groups and identity services, which hold the rules.
 */
import type { Store } from "./db.js";
import type { PermissionRow } from "./rows.js";

/** What a permission grants, and where. */
export type Grant = Pick<PermissionRow, "permission_type" | "workspace_id" | "organization_id">;

/** A user's own role on an organization, with the organization's name. */
export interface OrganizationRoleRow {
  id: string;
  name: string;
  permission_type: string;
}

export class PermissionRecords {
  constructor(private readonly store: Store) {}

  find(permissionId: string): PermissionRow | undefined {
    return this.store.db.prepare("SELECT * FROM permissions WHERE id = ?").get(permissionId) as
      PermissionRow | undefined;
  }

  /** The user's own permissions and those of the groups they belong to. */
  grantsOf(userId: string): Grant[] {
    return this.store.db
      .prepare(
        `SELECT permission_type, workspace_id, organization_id FROM permissions WHERE user_id = ?
         UNION ALL
         SELECT p.permission_type, p.workspace_id, p.organization_id
           FROM permissions p JOIN group_members m ON m.group_id = p.group_id WHERE m.user_id = ?`,
      )
      .all(userId, userId) as Grant[];
  }

  /** The user's own permissions (not those of their groups). */
  ofUser(userId: string): PermissionRow[] {
    return this.store.db.prepare("SELECT * FROM permissions WHERE user_id = ?").all(userId) as PermissionRow[];
  }

  /** The user's own permissions, those on deleted workspaces left out, oldest first. */
  liveOfUser(userId: string): PermissionRow[] {
    return this.store.db
      .prepare(
        `SELECT p.* FROM permissions p LEFT JOIN workspaces w ON w.id = p.workspace_id
         WHERE p.user_id = ? AND (p.workspace_id IS NULL OR w.tombstone = 0) ORDER BY p.created_at, p.id`,
      )
      .all(userId) as PermissionRow[];
  }

  /** The user's own permissions on the organization itself, oldest first. */
  ofUserOnOrganization(userId: string, organizationId: string): PermissionRow[] {
    return this.store.db
      .prepare("SELECT * FROM permissions WHERE user_id = ? AND organization_id = ? ORDER BY created_at, id")
      .all(userId, organizationId) as PermissionRow[];
  }

  /** Whether the user holds a role of their own on the organization. */
  hasOrganizationRole(userId: string, organizationId: string): boolean {
    return (
      this.store.db
        .prepare("SELECT 1 FROM permissions WHERE user_id = ? AND organization_id = ?")
        .get(userId, organizationId) !== undefined
    );
  }

  /** The organizations where the user holds roles of their own, one row per role, oldest organization first. */
  organizationRolesOf(userId: string): OrganizationRoleRow[] {
    return this.store.db
      .prepare(
        `SELECT o.id, o.name, p.permission_type FROM permissions p JOIN organizations o ON o.id = p.organization_id
         WHERE p.user_id = ? ORDER BY o.created_at, o.id`,
      )
      .all(userId) as OrganizationRoleRow[];
  }

  /** How many admins the organization has besides the holder of this permission. */
  otherOrganizationAdmins(organizationId: string, exceptPermissionId: string): number {
    const row = this.store.db
      .prepare(
        "SELECT COUNT(*) AS n FROM permissions WHERE organization_id = ? AND permission_type = 'organization_admin' AND id <> ?",
      )
      .get(organizationId, exceptPermissionId) as { n: number };
    return row.n;
  }

  /** The group's permissions, oldest first. */
  ofGroup(groupId: string): PermissionRow[] {
    return this.store.db
      .prepare("SELECT * FROM permissions WHERE group_id = ? ORDER BY created_at, id")
      .all(groupId) as PermissionRow[];
  }

  /** Whether the group already holds this permission on the workspace or on the organization. */
  groupHolds(
    groupId: string,
    permissionType: string,
    workspaceId: string | null,
    organizationId: string | null,
  ): boolean {
    return (
      this.store.db
        .prepare(
          "SELECT 1 FROM permissions WHERE group_id = ? AND permission_type = ? AND (workspace_id = ? OR organization_id = ?)",
        )
        .get(groupId, permissionType, workspaceId, organizationId) !== undefined
    );
  }

  insert(row: PermissionRow): void {
    this.store.db
      .prepare(
        `INSERT INTO permissions (id, user_id, group_id, permission_type, workspace_id, organization_id, created_at)
         VALUES (@id, @user_id, @group_id, @permission_type, @workspace_id, @organization_id, @created_at)`,
      )
      .run(row);
  }

  changeType(permissionId: string, permissionType: string): void {
    this.store.db.prepare("UPDATE permissions SET permission_type = ? WHERE id = ?").run(permissionType, permissionId);
  }

  delete(permissionId: string): void {
    this.store.db.prepare("DELETE FROM permissions WHERE id = ?").run(permissionId);
  }

  /** Deletes the group's permission; answers whether there was one. */
  deleteOfGroup(permissionId: string, groupId: string): boolean {
    return (
      this.store.db.prepare("DELETE FROM permissions WHERE id = ? AND group_id = ?").run(permissionId, groupId)
        .changes > 0
    );
  }

  /** Deletes the user's own permissions on the organization's workspaces. */
  deleteUserWorkspacePermissionsIn(userId: string, organizationId: string): void {
    this.store.db
      .prepare(
        `DELETE FROM permissions WHERE user_id = ? AND workspace_id IN (SELECT id FROM workspaces WHERE organization_id = ?)`,
      )
      .run(userId, organizationId);
  }
}
