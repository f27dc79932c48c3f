/**
 * Who may do what. Airbyte's roles form a ladder (reader < runner < editor < admin) on a
 * workspace or on an organization; an organization role applies to every workspace in it, a
 * group's permissions to each of its members, and the instance admin may do everything.
 * As on Airbyte, authorization is decided before the resource is looked up, so a caller with
 * no rights on an unknown id gets 403, not 404.
 */
import type { PermissionRecords } from "../store/permission-records.js";
import type { WorkspaceRecords } from "../store/workspace-records.js";
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

export class Access {
  constructor(
    private readonly workspaces: WorkspaceRecords,
    private readonly permissions: PermissionRecords,
  ) {}

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
    const workspace = this.workspaces.find(workspaceId);
    if (!workspace) return false;
    const needed = RANK[level];
    return this.permissions.grantsOf(caller.userId).some((grant) => {
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
    return this.permissions.grantsOf(caller.userId).some((grant) => {
      const granted = GRANTS[grant.permission_type];
      return granted?.scope === "organization" && grant.organization_id === organizationId && granted.rank >= needed;
    });
  }

  /** Workspaces the caller may read; undefined means all of them (instance admin). */
  readableWorkspaceIds(caller: Caller): string[] | undefined {
    if (caller.instanceAdmin) return undefined;
    const ids = new Set<string>();
    const organizations: string[] = [];
    for (const grant of this.permissions.grantsOf(caller.userId)) {
      const granted = GRANTS[grant.permission_type];
      if (!granted || granted.rank < 1) continue;
      if (granted.scope === "workspace" && grant.workspace_id) ids.add(grant.workspace_id);
      if (granted.scope === "organization" && grant.organization_id) organizations.push(grant.organization_id);
    }
    if (organizations.length > 0) {
      for (const id of this.workspaces.idsInOrganizations(organizations)) ids.add(id);
    }
    return [...ids];
  }

  /** Organizations where the caller holds any role (member included), or a role on one of its workspaces. */
  organizationIds(caller: Caller): string[] | undefined {
    if (caller.instanceAdmin) return undefined;
    const ids = new Set<string>();
    const workspaceIds: string[] = [];
    for (const grant of this.permissions.grantsOf(caller.userId)) {
      const scope = GRANTS[grant.permission_type]?.scope;
      if (scope === "organization" && grant.organization_id) ids.add(grant.organization_id);
      if (scope === "workspace" && grant.workspace_id) workspaceIds.push(grant.workspace_id);
    }
    // A role on a workspace makes its organization visible too, as in current Airbyte.
    if (workspaceIds.length > 0) {
      for (const id of this.workspaces.organizationIdsOf(workspaceIds)) ids.add(id);
    }
    return [...ids];
  }
}
