/**
 * Users' permissions (`/permissions`), with Airbyte's rules: a workspace permission is granted
 * by an admin of that workspace (an organization admin qualifies), an organization permission
 * by an organization admin; granting the same permission twice answers the existing one; a
 * workspace permission that the user's organization role already covers is refused, and an
 * organization permission removes the workspace permissions it makes redundant; an
 * organization keeps at least one admin; removing someone's organization permission removes
 * their workspace permissions in it. Permissions of groups are managed by GroupsService.
 */
import { createHash, randomUUID } from "node:crypto";
import type { PermissionCreateRequest, PermissionResponse, PermissionResponseRead, PermissionType } from "airbyte-ts";
import type { PermissionRecords } from "../store/permission-records.js";
import type { PermissionRow } from "../store/rows.js";
import { type Caller, GRANTS } from "./access.js";
import type { ServiceContext } from "./context.js";
import type { IdentityDirectory } from "./identity-directory.js";
import type { WorkspaceDirectory } from "./workspaces/directory.js";
import { badRequest, forbidden, notFound, ServiceError, stateConflict, unprocessable } from "./errors.js";

export type PermissionScopeKind = "workspace" | "organization";

/** Airbyte's `scopeId` of a permission without scope (the instance admin's). */
const NO_SCOPE_ID = "00000000-0000-0000-0000-000000000000";

export interface PermissionFilter {
  userId?: string | undefined;
  organizationId?: string | undefined;
}

export class PermissionsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly records: PermissionRecords,
    private readonly identity: IdentityDirectory,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  /**
   * `GET /permissions`: the caller's own permissions; another user's only with an
   * organization the caller administers, and then only that user's permissions on it.
   */
  list(caller: Caller, filter: PermissionFilter): PermissionResponseRead[] {
    const userId = filter.userId ?? caller.userId;
    if (userId === caller.userId) return this.ownPermissions(caller);
    if (!filter.organizationId) {
      throw badRequest("Organization ID is required when getting someone else's permissions.");
    }
    this.ctx.access.requireOrganization(caller, filter.organizationId, "admin");
    return this.records.ofUserOnOrganization(userId, filter.organizationId).map(toPermissionRead);
  }

  create(caller: Caller, input: PermissionCreateRequest): PermissionResponse {
    const workspaceId = input.workspaceId ?? undefined;
    const organizationId = input.organizationId ?? undefined;
    if (workspaceId) this.ctx.access.requireWorkspace(caller, workspaceId, "admin");
    else if (organizationId) this.ctx.access.requireOrganization(caller, organizationId, "admin");
    else throw badRequest("Workspace ID or Organization ID must be provided in order to create a permission.");
    if (workspaceId && organizationId) {
      throw unprocessable("Permission cannot target both a workspace and an organization.");
    }
    requireScope(input.permissionType, workspaceId ? "workspace" : "organization");
    if (workspaceId) this.workspaces.row(workspaceId);
    else if (organizationId && !this.identity.organization(organizationId)) {
      throw notFound("organization", organizationId);
    }
    if (!this.identity.user(input.userId)) throw notFound("user", input.userId);
    return this.ctx.store.transaction(() =>
      toPermission(this.grant(input.userId, input.permissionType, workspaceId ?? null, organizationId ?? null)),
    );
  }

  get(caller: Caller, permissionId: string): PermissionResponse {
    return toPermission(this.authorized(caller, permissionId, "reader", "read"));
  }

  /** Changes the type within the same scope (workspace roles among themselves, organization roles likewise). */
  update(caller: Caller, permissionId: string, permissionType: PermissionType): PermissionResponse {
    const row = this.authorized(caller, permissionId, "admin", "updated");
    if (permissionType === "instance_admin") throw unprocessable("Cannot update permission record to INSTANCE_ADMIN.");
    const scope: PermissionScopeKind = row.workspace_id ? "workspace" : "organization";
    if (GRANTS[permissionType]?.scope !== scope) {
      throw badRequest(
        `A ${scope} permission can only become another ${scope} permission; ${permissionType} is not one. Create a new permission instead.`,
      );
    }
    return this.ctx.store.transaction(() => {
      if (row.permission_type === "organization_admin" && permissionType !== "organization_admin") {
        this.keepAnotherAdmin(row, "demote");
      }
      const userId = row.user_id as string;
      const others = this.records.ofUser(userId).filter((p) => p.id !== row.id);
      if (row.workspace_id && this.coveredByOrganizationRole(permissionType, row.workspace_id, others)) {
        throw redundant(permissionType, userId, "update");
      }
      if (row.organization_id) this.removeCoveredWorkspacePermissions(userId, row.organization_id, permissionType);
      this.records.changeType(row.id, permissionType);
      return toPermission({ ...row, permission_type: permissionType });
    });
  }

  delete(caller: Caller, permissionId: string): void {
    const row = this.authorized(caller, permissionId, "admin", "deleted");
    this.ctx.store.transaction(() => {
      if (row.permission_type === "organization_admin") this.keepAnotherAdmin(row, "delete");
      this.records.delete(row.id);
      // Leaving an organization also means leaving its workspaces.
      if (row.organization_id) {
        this.records.deleteUserWorkspacePermissionsIn(row.user_id as string, row.organization_id);
      }
    });
  }

  /** Stores a user permission (the caller is already authorized), or answers the equal one that exists. */
  private grant(
    userId: string,
    permissionType: string,
    workspaceId: string | null,
    organizationId: string | null,
  ): PermissionRow {
    const own = this.records.ofUser(userId);
    const onSameTarget = own.find((p) =>
      workspaceId ? p.workspace_id === workspaceId : p.organization_id === organizationId,
    );
    if (onSameTarget?.permission_type === permissionType) return onSameTarget;
    if (onSameTarget) {
      throw stateConflict(
        `User ${userId} already has the permission ${onSameTarget.permission_type} there (permission ${onSameTarget.id}); change it with PATCH /permissions/${onSameTarget.id}.`,
      );
    }
    if (workspaceId && this.coveredByOrganizationRole(permissionType, workspaceId, own)) {
      throw redundant(permissionType, userId, "creation");
    }
    if (organizationId) this.removeCoveredWorkspacePermissions(userId, organizationId, permissionType);
    const row: PermissionRow = {
      id: randomUUID(),
      user_id: userId,
      group_id: null,
      permission_type: permissionType,
      workspace_id: workspaceId,
      organization_id: organizationId,
      created_at: this.ctx.now(),
    };
    this.records.insert(row);
    return row;
  }

  /**
   * Authorization comes from the permission's own scope, so the row is read first; a caller
   * without rights learns nothing about unknown ids (403), the instance admin gets 404.
   */
  private authorized(
    caller: Caller,
    permissionId: string,
    level: "reader" | "admin",
    verb: "read" | "updated" | "deleted",
  ): PermissionRow {
    const row = this.records.find(permissionId);
    if (!row) {
      if (caller.instanceAdmin) throw notFound("permission", permissionId);
      throw forbidden(`workspace_${level}`);
    }
    if (row.workspace_id) this.ctx.access.requireWorkspace(caller, row.workspace_id, level);
    else if (row.organization_id) this.ctx.access.requireOrganization(caller, row.organization_id, level);
    else this.ctx.access.requireInstanceAdmin(caller);
    if (row.group_id) {
      throw new ServiceError(
        "forbidden",
        `Permission is inherited from a group and cannot be ${verb} as a user permission.`,
      );
    }
    return row;
  }

  private ownPermissions(caller: Caller): PermissionResponseRead[] {
    const list = this.records.liveOfUser(caller.userId).map(toPermissionRead);
    // Airbyte stores the instance admin's role as a permission without scope; here it is a flag of the user.
    if (caller.instanceAdmin) list.unshift(instanceAdminPermission(caller.userId));
    return list;
  }

  /** Whether the user's role on the workspace's organization already grants `permissionType` there. */
  private coveredByOrganizationRole(permissionType: string, workspaceId: string, own: PermissionRow[]): boolean {
    const organizationId = this.workspaces.row(workspaceId).organization_id;
    const organizationRole = own.find((p) => p.organization_id === organizationId);
    if (!organizationRole) return false;
    return rank(permissionType) <= rank(organizationRole.permission_type);
  }

  private removeCoveredWorkspacePermissions(userId: string, organizationId: string, permissionType: string): void {
    const covered = this.records
      .ofUser(userId)
      .filter(
        (p) =>
          p.workspace_id !== null &&
          rank(p.permission_type) <= rank(permissionType) &&
          this.workspaces.row(p.workspace_id).organization_id === organizationId,
      );
    for (const permission of covered) this.records.delete(permission.id);
  }

  private keepAnotherAdmin(row: PermissionRow, action: "delete" | "demote"): void {
    if (this.records.otherOrganizationAdmins(row.organization_id as string, row.id) === 0)
      throw stateConflict(`Cannot ${action} the last admin in Organization ${row.organization_id}.`);
  }
}

/** Fails unless `permissionType` is a role on a `scope` (instance_admin is on none). */
export function requireScope(permissionType: string, scope: PermissionScopeKind): void {
  const granted = GRANTS[permissionType];
  if (!granted) throw badRequest(`${permissionType} cannot be granted through the API.`);
  if (granted.scope !== scope) {
    const needed = granted.scope === "workspace" ? "workspaceId" : "organizationId";
    throw badRequest(`${permissionType} is a ${granted.scope} permission: it needs a ${needed}, not a ${scope}.`);
  }
}

function rank(permissionType: string): number {
  return GRANTS[permissionType]?.rank ?? -1;
}

function redundant(permissionType: string, userId: string, action: "creation" | "update"): ServiceError {
  return stateConflict(
    `Permission type ${permissionType} would be redundant for user ${userId}. Preventing ${action}.`,
  );
}

function toPermission(row: PermissionRow): PermissionResponse {
  return {
    permissionId: row.id,
    permissionType: row.permission_type as PermissionType,
    userId: row.user_id as string,
    ...(row.workspace_id ? { workspaceId: row.workspace_id } : {}),
    ...(row.organization_id ? { organizationId: row.organization_id } : {}),
  };
}

function toPermissionRead(row: PermissionRow): PermissionResponseRead {
  return {
    permissionId: row.id,
    permissionType: row.permission_type as PermissionType,
    userId: row.user_id as string,
    scope: row.workspace_id ? "workspace" : row.organization_id ? "organization" : "none",
    scopeId: row.workspace_id ?? row.organization_id ?? NO_SCOPE_ID,
  };
}

/** A stable id for the instance admin's scopeless permission, which has no row of its own. */
function instanceAdminPermission(userId: string): PermissionResponseRead {
  const hex = createHash("sha1").update(`instance_admin:${userId}`).digest("hex");
  const permissionId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return { permissionId, permissionType: "instance_admin", userId, scope: "none", scopeId: NO_SCOPE_ID };
}
