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

interface MemberRow {
  id: string;
  group_id: string;
  user_id: string;
  email: string;
  name: string;
}

const GROUP_WITH_COUNT = `SELECT g.*, (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) AS member_count FROM groups g`;

export class GroupsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly identity: IdentityDirectory,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  list(caller: Caller, organizationId: string, page: PageRequest): Slice<GroupResponse> {
    this.ctx.access.requireOrganization(caller, organizationId, "admin");
    // One row more than asked tells whether a next page exists.
    const rows = this.ctx.store.db
      .prepare(`${GROUP_WITH_COUNT} WHERE g.organization_id = ? ORDER BY g.created_at, g.id LIMIT ? OFFSET ?`)
      .all(organizationId, page.limit + 1, page.offset) as GroupWithCount[];
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
      this.ctx.store.db
        .prepare("INSERT INTO groups (id, organization_id, name, description, created_at) VALUES (?, ?, ?, ?, ?)")
        .run(id, input.organizationId, name, input.description ?? null, this.ctx.now());
      return toGroup(this.withCount(id));
    });
  }

  get(caller: Caller, groupId: string): GroupResponse {
    this.authorizedGroup(caller, groupId);
    return toGroup(this.withCount(groupId));
  }

  update(caller: Caller, groupId: string, input: GroupUpdateRequest): GroupResponse {
    const group = this.authorizedGroup(caller, groupId);
    const name = input.name == null ? group.name : requireName(input.name);
    const description = input.description ?? group.description;
    return this.ctx.store.transaction(() => {
      if (name.toLowerCase() !== group.name.toLowerCase()) this.requireUniqueName(group.organization_id, name, groupId);
      this.ctx.store.db
        .prepare("UPDATE groups SET name = ?, description = ? WHERE id = ?")
        .run(name, description, groupId);
      return toGroup(this.withCount(groupId));
    });
  }

  /** Removes the group with its memberships and permissions (foreign keys cascade). */
  delete(caller: Caller, groupId: string): void {
    this.authorizedGroup(caller, groupId);
    this.ctx.store.db.prepare("DELETE FROM groups WHERE id = ?").run(groupId);
  }

  listMembers(caller: Caller, groupId: string, page: PageRequest): Slice<GroupMemberResponse> {
    this.authorizedGroup(caller, groupId);
    const rows = this.ctx.store.db
      .prepare(
        `SELECT m.id, m.group_id, m.user_id, u.email, u.name FROM group_members m JOIN users u ON u.id = m.user_id
         WHERE m.group_id = ? ORDER BY m.rowid LIMIT ? OFFSET ?`,
      )
      .all(groupId, page.limit, page.offset) as MemberRow[];
    // Airbyte offers a next page whenever this one is full.
    return { data: rows.map(toMember), more: rows.length >= page.limit };
  }

  /** Adds a user who already belongs to the group's organization (holds a role on it). */
  addMember(caller: Caller, groupId: string, userId: string): GroupMemberResponse {
    const group = this.authorizedGroup(caller, groupId);
    if (!this.identity.user(userId)) throw notFound("user", userId);
    const { db } = this.ctx.store;
    return this.ctx.store.transaction(() => {
      const inOrganization = db
        .prepare("SELECT 1 FROM permissions WHERE user_id = ? AND organization_id = ?")
        .get(userId, group.organization_id);
      if (!inOrganization) {
        throw new ServiceError("not-found", `User ${userId} is not a member of organization ${group.organization_id}`, {
          resourceType: "user",
          resourceId: userId,
        });
      }
      if (db.prepare("SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?").get(groupId, userId)) {
        throw new ServiceError("group-member-already-exists", `User ${userId} is already a member of group ${groupId}`);
      }
      const id = randomUUID();
      db.prepare("INSERT INTO group_members (id, group_id, user_id) VALUES (?, ?, ?)").run(id, groupId, userId);
      return toMember(
        db
          .prepare(
            "SELECT m.id, m.group_id, m.user_id, u.email, u.name FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.id = ?",
          )
          .get(id) as MemberRow,
      );
    });
  }

  /** Removing someone who is not a member changes nothing and is not an error, as on Airbyte. */
  removeMember(caller: Caller, groupId: string, userId: string): void {
    this.authorizedGroup(caller, groupId);
    this.ctx.store.db.prepare("DELETE FROM group_members WHERE group_id = ? AND user_id = ?").run(groupId, userId);
  }

  listPermissions(caller: Caller, groupId: string): GroupPermissionResponse[] {
    this.authorizedGroup(caller, groupId);
    const rows = this.ctx.store.db
      .prepare("SELECT * FROM permissions WHERE group_id = ? ORDER BY created_at, id")
      .all(groupId) as PermissionRow[];
    return rows.map(toGroupPermission);
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
    const { db } = this.ctx.store;
    return this.ctx.store.transaction(() => {
      const duplicate = db
        .prepare(
          "SELECT 1 FROM permissions WHERE group_id = ? AND permission_type = ? AND (workspace_id = ? OR organization_id = ?)",
        )
        .get(groupId, input.permissionType, workspaceId ?? null, organizationId ?? null);
      if (duplicate) {
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
      db.prepare(
        `INSERT INTO permissions (id, user_id, group_id, permission_type, workspace_id, organization_id, created_at)
         VALUES (@id, @user_id, @group_id, @permission_type, @workspace_id, @organization_id, @created_at)`,
      ).run(row);
      return toGroupPermission(row);
    });
  }

  deletePermission(caller: Caller, groupId: string, permissionId: string): void {
    this.authorizedGroup(caller, groupId);
    const removed = this.ctx.store.db
      .prepare("DELETE FROM permissions WHERE id = ? AND group_id = ?")
      .run(permissionId, groupId);
    if (removed.changes === 0) throw notFound("permission", permissionId);
  }

  private authorizedGroup(caller: Caller, groupId: string): GroupRow {
    const group = this.ctx.store.db.prepare("SELECT * FROM groups WHERE id = ?").get(groupId) as GroupRow | undefined;
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
    const taken = this.ctx.store.db
      .prepare("SELECT 1 FROM groups WHERE organization_id = ? AND lower(name) = lower(?) AND id <> ?")
      .get(organizationId, name, exceptGroupId);
    if (taken) {
      throw new ServiceError(
        "group-already-exists",
        `Group with name '${name}' already exists in organization ${organizationId}`,
      );
    }
  }

  private withCount(groupId: string): GroupWithCount {
    return this.ctx.store.db.prepare(`${GROUP_WITH_COUNT} WHERE g.id = ?`).get(groupId) as GroupWithCount;
  }
}

interface GroupWithCount extends GroupRow {
  member_count: number;
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
