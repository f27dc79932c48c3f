/**
 * Who may do what. Airbyte's roles form a ladder (reader < runner < editor < admin) on a
 * workspace or on an organization; an organization role applies to every workspace in it, a
 * group's permissions to each of its members, and the instance admin may do everything.
 * As on Airbyte, authorization is decided before the resource is looked up, so a caller with
 * no rights on an unknown id gets 403, not 404.
 */
import { placeholders, type Store } from "../store/db.js";
import { forbidden } from "./errors.js";

/** The authenticated user behind a request. */
export interface Caller {
  userId: string;
  instanceAdmin: boolean;
}

export type Level = "reader" | "runner" | "editor" | "admin";

const RANK: Record<Level, number> = { reader: 1, runner: 2, editor: 3, admin: 4 };

/** The level each stored permission type grants, and where. */
export const GRANTS: Record<string, { scope: "workspace" | "organization"; rank: number }> = {
  workspace_reader: { scope: "workspace", rank: 1 },
  workspace_runner: { scope: "workspace", rank: 2 },
  workspace_editor: { scope: "workspace", rank: 3 },
  workspace_admin: { scope: "workspace", rank: 4 },
  workspace_owner: { scope: "workspace", rank: 4 },
  organization_member: { scope: "organization", rank: 0 },
  organization_reader: { scope: "organization", rank: 1 },
  organization_runner: { scope: "organization", rank: 2 },
  organization_editor: { scope: "organization", rank: 3 },
  organization_admin: { scope: "organization", rank: 4 },
};

interface Grant {
  permission_type: string;
  workspace_id: string | null;
  organization_id: string | null;
}

export class Access {
  constructor(private readonly store: Store) {}

  /** Throws `forbidden` unless the caller holds `level` on the workspace. */
  requireWorkspace(caller: Caller, workspaceId: string, level: Level): void {
    if (!this.canOnWorkspace(caller, workspaceId, level)) throw forbidden(`workspace_${level}`);
  }

  /** Throws `forbidden` unless the caller holds `level` on the organization. */
  requireOrganization(caller: Caller, organizationId: string, level: Level | "member"): void {
    if (!this.canOnOrganization(caller, organizationId, level)) throw forbidden(`organization_${level}`);
  }

  requireInstanceAdmin(caller: Caller): void {
    if (!caller.instanceAdmin) throw forbidden("instance_admin");
  }

  canOnWorkspace(caller: Caller, workspaceId: string, level: Level): boolean {
    if (caller.instanceAdmin) return true;
    const workspace = this.store.db.prepare("SELECT organization_id FROM workspaces WHERE id = ?").get(workspaceId) as
      { organization_id: string } | undefined;
    if (!workspace) return false;
    const needed = RANK[level];
    return this.grants(caller.userId).some((grant) => {
      const granted = GRANTS[grant.permission_type];
      if (!granted || granted.rank < needed) return false;
      return granted.scope === "workspace"
        ? grant.workspace_id === workspaceId
        : grant.organization_id === workspace.organization_id;
    });
  }

  canOnOrganization(caller: Caller, organizationId: string, level: Level | "member"): boolean {
    if (caller.instanceAdmin) return true;
    const needed = level === "member" ? 0 : RANK[level];
    return this.grants(caller.userId).some((grant) => {
      const granted = GRANTS[grant.permission_type];
      return granted?.scope === "organization" && grant.organization_id === organizationId && granted.rank >= needed;
    });
  }

  /** Workspaces the caller may read; undefined means all of them (instance admin). */
  readableWorkspaceIds(caller: Caller): string[] | undefined {
    if (caller.instanceAdmin) return undefined;
    const ids = new Set<string>();
    const organizations: string[] = [];
    for (const grant of this.grants(caller.userId)) {
      const granted = GRANTS[grant.permission_type];
      if (!granted || granted.rank < 1) continue;
      if (granted.scope === "workspace" && grant.workspace_id) ids.add(grant.workspace_id);
      if (granted.scope === "organization" && grant.organization_id) organizations.push(grant.organization_id);
    }
    if (organizations.length > 0) {
      const rows = this.store.db
        .prepare(`SELECT id FROM workspaces WHERE organization_id IN (${placeholders(organizations)})`)
        .all(...organizations) as { id: string }[];
      for (const row of rows) ids.add(row.id);
    }
    return [...ids];
  }

  /** Organizations where the caller holds any role (member included), or a role on one of its workspaces. */
  organizationIds(caller: Caller): string[] | undefined {
    if (caller.instanceAdmin) return undefined;
    const ids = new Set<string>();
    const workspaceIds: string[] = [];
    for (const grant of this.grants(caller.userId)) {
      const scope = GRANTS[grant.permission_type]?.scope;
      if (scope === "organization" && grant.organization_id) ids.add(grant.organization_id);
      if (scope === "workspace" && grant.workspace_id) workspaceIds.push(grant.workspace_id);
    }
    // A role on a workspace makes its organization visible too, as in current Airbyte.
    if (workspaceIds.length > 0) {
      const rows = this.store.db
        .prepare(`SELECT DISTINCT organization_id FROM workspaces WHERE id IN (${placeholders(workspaceIds)})`)
        .all(...workspaceIds) as { organization_id: string }[];
      for (const row of rows) ids.add(row.organization_id);
    }
    return [...ids];
  }

  /** The user's own permissions and those of the groups they belong to. */
  private grants(userId: string): Grant[] {
    return this.store.db
      .prepare(
        `SELECT permission_type, workspace_id, organization_id FROM permissions WHERE user_id = ?
         UNION ALL
         SELECT p.permission_type, p.workspace_id, p.organization_id
           FROM permissions p JOIN group_members m ON m.group_id = p.group_id WHERE m.user_id = ?`,
      )
      .all(userId, userId) as Grant[];
  }
}
