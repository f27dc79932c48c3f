/**
 * Groups of an organization's users, and the permissions a group gives its members (Access
 * reads them alongside the users' own). Everything here needs organization admin. As Airbyte's
 * controllers do for groups, an unknown group id is reported (404) before the caller's rights
 * on its organization are checked: group ids are unguessable and say nothing of its content.
 */
import { randomUUID } from "node:crypto";
import type {
  GroupCreateRequest,
  GroupMemberResponse,
  GroupPermissionCreateRequest,
  GroupPermissionResponse,
  GroupResponse,
  GroupUpdateRequest,
  PermissionType,
} from "airbyte-ts";
import type { GroupRecords, GroupWithCount, MemberRow } from "../store/group-records.js";
import type { PermissionRecords } from "../store/permission-records.js";
import type { GroupRow, PermissionRow } from "../store/rows.js";
import type { Caller } from "./access.js";
import type { ServiceContext } from "./context.js";
import type { IdentityDirectory } from "./identity-directory.js";
import type { WorkspaceDirectory } from "./workspaces/directory.js";
import { badRequest, notFound, ServiceError, unprocessable } from "./errors.js";
import { requireScope } from "./permissions.js";

export interface PageRequest {
  limit: number;
  offset: number;
}

/** A page of a list and whether the next page has anything. */
export interface Slice<T> {
  data: T[];
  more: boolean;
}

export class GroupsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly records: GroupRecords,
    private readonly permissions: PermissionRecords,
    private readonly identity: IdentityDirectory,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  list(caller: Caller, organizationId: string, page: PageRequest): Slice<GroupResponse> {
    this.ctx.access.requireOrganization(caller, organizationId, "admin");
    // One row more than asked tells whether a next page exists.
    const rows = this.records.ofOrganization(organizationId, page.limit + 1, page.offset);
    return { data: rows.slice(0, page.limit).map(toGroup), more: rows.length > page.limit };
  }

  create(caller: Caller, input: GroupCreateRequest): GroupResponse {
    this.ctx.access.requireOrganization(caller, input.organizationId, "admin");
    if (!this.identity.organization(input.organizationId)) {
      throw notFound("organization", input.organizationId);
    }
    const name = requireName(input.name);
    return this.ctx.store.transaction(() => {
      this.requireUniqueName(input.organizationId, name);
      const id = randomUUID();
      this.records.insert(id, input.organizationId, name, input.description ?? null);
      return toGroup(this.records.withCount(id));
    });
  }

  get(caller: Caller, groupId: string): GroupResponse {
    this.authorizedGroup(caller, groupId);
    return toGroup(this.records.withCount(groupId));
  }

  update(caller: Caller, groupId: string, input: GroupUpdateRequest): GroupResponse {
    const group = this.authorizedGroup(caller, groupId);
    const name = input.name == null ? group.name : requireName(input.name);
    const description = input.description ?? group.description;
    return this.ctx.store.transaction(() => {
      if (name.toLowerCase() !== group.name.toLowerCase()) this.requireUniqueName(group.organization_id, name, groupId);
      this.records.update(groupId, name, description);
      return toGroup(this.records.withCount(groupId));
    });
  }

  /** Removes the group with its memberships and permissions (foreign keys cascade). */
  delete(caller: Caller, groupId: string): void {
    this.authorizedGroup(caller, groupId);
    this.records.delete(groupId);
  }

  listMembers(caller: Caller, groupId: string, page: PageRequest): Slice<GroupMemberResponse> {
    this.authorizedGroup(caller, groupId);
    const rows = this.records.members(groupId, page.limit, page.offset);
    // Airbyte offers a next page whenever this one is full.
    return { data: rows.map(toMember), more: rows.length >= page.limit };
  }

  /** Adds a user who already belongs to the group's organization (holds a role on it). */
  addMember(caller: Caller, groupId: string, userId: string): GroupMemberResponse {
    const group = this.authorizedGroup(caller, groupId);
    if (!this.identity.user(userId)) throw notFound("user", userId);
    return this.ctx.store.transaction(() => {
      if (!this.permissions.hasOrganizationRole(userId, group.organization_id)) {
        throw new ServiceError("not-found", `User ${userId} is not a member of organization ${group.organization_id}`, {
          resourceType: "user",
          resourceId: userId,
        });
      }
      if (this.records.isMember(groupId, userId)) {
        throw new ServiceError("group-member-already-exists", `User ${userId} is already a member of group ${groupId}`);
      }
      const id = randomUUID();
      this.records.insertMember(id, groupId, userId);
      return toMember(this.records.member(id));
    });
  }

  /** Removing someone who is not a member changes nothing and is not an error, as on Airbyte. */
  removeMember(caller: Caller, groupId: string, userId: string): void {
    this.authorizedGroup(caller, groupId);
    this.records.removeMember(groupId, userId);
  }

  listPermissions(caller: Caller, groupId: string): GroupPermissionResponse[] {
    this.authorizedGroup(caller, groupId);
    return this.permissions.ofGroup(groupId).map(toGroupPermission);
  }

  /** A permission on the group's organization or on one of its workspaces, never beyond it. */
  createPermission(caller: Caller, groupId: string, input: GroupPermissionCreateRequest): GroupPermissionResponse {
    const group = this.authorizedGroup(caller, groupId);
    const workspaceId = input.workspaceId ?? undefined;
    const organizationId = input.organizationId ?? undefined;
    if (workspaceId && organizationId) {
      throw unprocessable("Permission cannot target both a workspace and an organization.");
    }
    if (workspaceId) this.requireWorkspaceOfGroup(caller, group, workspaceId);
    else if (organizationId) this.requireOrganizationOfGroup(caller, group, organizationId);
    else throw badRequest("Workspace ID or Organization ID must be provided in order to create a group permission.");
    requireScope(input.permissionType, workspaceId ? "workspace" : "organization");
    return this.ctx.store.transaction(() => {
      if (this.permissions.groupHolds(groupId, input.permissionType, workspaceId ?? null, organizationId ?? null)) {
        const target = workspaceId ? `workspace ${workspaceId}` : `organization ${organizationId}`;
        throw new ServiceError(
          "group-permission-already-exists",
          `Group already has ${input.permissionType} permission for ${target}`,
        );
      }
      const row: PermissionRow = {
        id: randomUUID(),
        user_id: null,
        group_id: groupId,
        permission_type: input.permissionType,
        workspace_id: workspaceId ?? null,
        organization_id: organizationId ?? null,
        created_at: this.ctx.now(),
      };
      this.permissions.insert(row);
      return toGroupPermission(row);
    });
  }

  deletePermission(caller: Caller, groupId: string, permissionId: string): void {
    this.authorizedGroup(caller, groupId);
    if (!this.permissions.deleteOfGroup(permissionId, groupId)) throw notFound("permission", permissionId);
  }

  private authorizedGroup(caller: Caller, groupId: string): GroupRow {
    const group = this.records.find(groupId);
    if (!group) throw notFound("group", groupId);
    this.ctx.access.requireOrganization(caller, group.organization_id, "admin");
    return group;
  }

  private requireWorkspaceOfGroup(caller: Caller, group: GroupRow, workspaceId: string): void {
    const workspace = this.workspaces.row(workspaceId);
    if (workspace.organization_id !== group.organization_id) {
      throw badRequest(
        `Cannot grant group permissions to workspace in different organization. Group belongs to organization ${group.organization_id}, but workspace belongs to organization ${workspace.organization_id}`,
      );
    }
    this.ctx.access.requireWorkspace(caller, workspaceId, "admin");
  }

  private requireOrganizationOfGroup(caller: Caller, group: GroupRow, organizationId: string): void {
    if (!this.identity.organization(organizationId)) throw notFound("organization", organizationId);
    if (organizationId !== group.organization_id) {
      throw badRequest(
        `Cannot grant group permissions to different organization. Group belongs to organization ${group.organization_id}, but permission targets organization ${organizationId}`,
      );
    }
    this.ctx.access.requireOrganization(caller, organizationId, "admin");
  }

  /** Names are unique in an organization regardless of case. */
  private requireUniqueName(organizationId: string, name: string, exceptGroupId = ""): void {
    if (this.records.nameTaken(organizationId, name, exceptGroupId)) {
      throw new ServiceError(
        "group-already-exists",
        `Group with name '${name}' already exists in organization ${organizationId}`,
      );
    }
  }
}

function requireName(name: string): string {
  if (name.trim() === "") throw badRequest("name must not be blank.");
  return name;
}

function toGroup(row: GroupWithCount): GroupResponse {
  return {
    groupId: row.id,
    name: row.name,
    ...(row.description !== null ? { description: row.description } : {}),
    organizationId: row.organization_id,
    memberCount: row.member_count,
  };
}

function toMember(row: MemberRow): GroupMemberResponse {
  return { memberId: row.id, groupId: row.group_id, userId: row.user_id, userEmail: row.email, userName: row.name };
}

function toGroupPermission(row: PermissionRow): GroupPermissionResponse {
  return {
    permissionId: row.id,
    groupId: row.group_id as string,
    permissionType: row.permission_type as PermissionType,
    ...(row.workspace_id ? { workspaceId: row.workspace_id } : {}),
    ...(row.organization_id ? { organizationId: row.organization_id } : {}),
  };
}
