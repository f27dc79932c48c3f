/**
 * Organizations and users, and what the server creates on its first start: as a self-managed
 * Airbyte does, a default organization, an instance-admin user with one application (whose
 * client id and secret `abctl local credentials` would print), and a default workspace.
 */
import { randomUUID } from "node:crypto";
import type {
  Config,
  EmbeddedOrganizationListItem,
  OrganizationResponse,
  PermissionType,
  UserResponse,
} from "airbyte-ts";
import { type Caller, GRANTS } from "./access.js";
import type { ApplicationsService } from "./applications.js";
import type { ServiceContext } from "./context.js";
import { type IdentityDirectory, toOrganization } from "./identity-directory.js";
import type { WorkspaceDirectory } from "./workspaces/directory.js";
import { badRequest, forbidden, notFound, ServiceError } from "./errors.js";
import { toWorkspaceRead } from "./workspaces/views.js";
import type { IdentityRecords } from "../store/identity-records.js";
import type { PermissionRecords } from "../store/permission-records.js";
import type { WorkspaceRecords } from "../store/workspace-records.js";

/** The ids a self-managed Airbyte gives its default organization and user. */
export const DEFAULT_ORGANIZATION_ID = "00000000-0000-0000-0000-000000000000";
export const DEFAULT_USER_ID = "00000000-0000-0000-0000-000000000000";

export interface Defaults {
  organizationId: string;
  userId: string;
  workspaceId: string;
  clientId: string;
  clientSecret: string;
}

export interface NewUser {
  email: string;
  name?: string;
  /** Join this organization; without it the user gets an organization of their own. */
  organizationId?: string;
  /** The user's role in the organization. Default `organization_admin` of a new organization, else `organization_member`. */
  organizationRole?: string;
}

export interface CreatedUser {
  userId: string;
  organizationId: string;
  clientId: string;
  clientSecret: string;
}

export class IdentityService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly records: IdentityRecords,
    private readonly workspaceRecords: WorkspaceRecords,
    private readonly permissions: PermissionRecords,
    private readonly directory: IdentityDirectory,
    private readonly applications: ApplicationsService,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  /** Creates the defaults on first start; afterwards returns them. */
  ensureDefaults(): Defaults {
    return this.ctx.store.transaction(() => {
      const stored = this.records.setting("defaults");
      if (stored !== undefined) return JSON.parse(stored) as Defaults;
      const now = this.ctx.now();
      const email = "admin@airbyte.local";
      this.records.insertOrganization({ id: DEFAULT_ORGANIZATION_ID, name: "Default Organization", email }, now);
      this.records.insertUser({ id: DEFAULT_USER_ID, name: "Default User", email }, true, now);
      this.grant(DEFAULT_USER_ID, "organization_admin", DEFAULT_ORGANIZATION_ID);
      const workspaceId = randomUUID();
      this.workspaceRecords.insert({
        id: workspaceId,
        organization_id: DEFAULT_ORGANIZATION_ID,
        name: "Default Workspace",
        region_id: null,
        data_residency: "auto",
        notifications: "{}",
        tombstone: 0,
        created_at: now,
      });
      const app = this.applications.insert(DEFAULT_USER_ID, "Default Application");
      const defaults: Defaults = {
        organizationId: DEFAULT_ORGANIZATION_ID,
        userId: DEFAULT_USER_ID,
        workspaceId,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
      };
      this.records.insertSetting("defaults", JSON.stringify(defaults));
      return defaults;
    });
  }

  /**
   * A user with an application, for tests of permissions (the public API has no call that
   * creates users: Airbyte gets them from its identity provider).
   */
  createUser(input: NewUser): CreatedUser {
    return this.ctx.store.transaction(() => {
      if (this.records.emailTaken(input.email)) {
        throw new ServiceError("bad-request", `A user with email ${input.email} already exists.`);
      }
      const userId = randomUUID();
      const now = this.ctx.now();
      this.records.insertUser(
        { id: userId, name: input.name ?? (input.email.split("@")[0] as string), email: input.email },
        false,
        now,
      );
      let organizationId = input.organizationId;
      let role = input.organizationRole ?? "organization_member";
      if (!organizationId) {
        organizationId = randomUUID();
        this.records.insertOrganization(
          { id: organizationId, name: `${input.name ?? input.email}'s Organization`, email: input.email },
          now,
        );
        role = input.organizationRole ?? "organization_admin";
      } else if (!this.directory.organization(organizationId)) {
        throw badRequest(`Organization ${organizationId} does not exist.`);
      }
      this.grant(userId, role, organizationId);
      const app = this.applications.insert(userId, `${input.email} application`);
      return { userId, organizationId, clientId: app.clientId, clientSecret: app.clientSecret };
    });
  }

  /** `GET /organizations`: the organizations where the caller holds a role. */
  listOrganizationsForCaller(caller: Caller): OrganizationResponse[] {
    return this.records.organizations(this.ctx.access.organizationIds(caller)).map(toOrganization);
  }

  /**
   * `GET /users`: the users holding a role on the organization, narrowed to those matching any
   * of the given ids or emails. Any member of the organization may list them.
   */
  listUsersInOrganization(caller: Caller, organizationId: string, filter: UserFilter): UserResponse[] {
    this.requireKnownOrganization(caller, organizationId, "member");
    const rows = this.records.usersWithRoleIn(organizationId);
    const filtered = filter.ids.length === 0 && filter.emails.length === 0;
    return rows
      .filter((row) => filtered || filter.ids.includes(row.id) || filter.emails.includes(row.email))
      .map((row) => ({ id: row.id, name: row.name, email: row.email }));
  }

  /** Config API `organizations/get_organization_info`, for the organization's members. */
  organizationInfo(caller: Caller, organizationId: string): Config.OrganizationInfoRead {
    return toOrganizationInfo(this.requireKnownOrganization(caller, organizationId, "member"));
  }

  /**
   * Config API `workspaces/get_organization_info`: whoever may read the workspace may see its
   * organization's name, whether or not they belong to the organization.
   */
  workspaceOrganizationInfo(caller: Caller, workspaceId: string): Config.OrganizationInfoRead {
    this.ctx.access.requireWorkspace(caller, workspaceId, "reader");
    const workspace = this.workspaces.row(workspaceId);
    const organization = this.directory.organization(workspace.organization_id);
    if (!organization) throw notFound("organization", workspace.organization_id);
    return toOrganizationInfo(organization);
  }

  /**
   * Config API `workspaces/list_by_organization_id`: the organization's live workspaces that the
   * caller may read, by name, optionally those whose name contains `nameContains` (any case).
   */
  listOrganizationWorkspaces(caller: Caller, query: OrganizationWorkspacesQuery): Config.WorkspaceRead[] {
    const { organizationId } = query;
    const readable = this.ctx.access.readableWorkspaceIds(caller);
    const readsSome = () => (readable ?? []).some((id) => this.workspaces.row(id).organization_id === organizationId);
    if (!this.ctx.access.canOnOrganization(caller, organizationId, "member") && !readsSome()) {
      throw forbidden("organization_member");
    }
    if (!this.directory.organization(organizationId)) throw notFound("organization", organizationId);
    const rows = this.workspaceRecords.ofOrganization({
      organizationId,
      workspaceIds: readable,
      nameContains: query.nameContains,
      page: query.page && { limit: query.page.pageSize, offset: query.page.rowOffset },
    });
    return rows.map(toWorkspaceRead);
  }

  /**
   * `GET /embedded/organizations`: the organizations where the caller holds a role of their own
   * (not through a group), each with that role, the highest when there are several.
   */
  embeddedOrganizations(caller: Caller): EmbeddedOrganizationListItem[] {
    const rows = this.permissions.organizationRolesOf(caller.userId);
    const byOrganization = new Map<string, EmbeddedOrganizationListItem>();
    for (const row of rows) {
      const known = byOrganization.get(row.id);
      if (known && rankOf(known.permission) >= rankOf(row.permission_type)) continue;
      byOrganization.set(row.id, {
        organizationId: row.id,
        organizationName: row.name,
        permission: row.permission_type as PermissionType,
      });
    }
    return [...byOrganization.values()];
  }

  /** Authorization first (403 for anyone without the role), then existence (404 for the admin). */
  private requireKnownOrganization(
    caller: Caller,
    organizationId: string,
    level: "member" | "reader" | "admin",
  ): OrganizationResponse {
    this.ctx.access.requireOrganization(caller, organizationId, level);
    const organization = this.directory.organization(organizationId);
    if (!organization) throw notFound("organization", organizationId);
    return organization;
  }

  private grant(userId: string, permissionType: string, organizationId: string): void {
    this.permissions.insert({
      id: randomUUID(),
      user_id: userId,
      group_id: null,
      permission_type: permissionType,
      workspace_id: null,
      organization_id: organizationId,
      created_at: this.ctx.now(),
    });
  }
}

export interface UserFilter {
  ids: string[];
  emails: string[];
}

export interface OrganizationWorkspacesQuery {
  organizationId: string;
  nameContains?: string | undefined;
  /** Without it, every workspace. */
  page?: { pageSize: number; rowOffset: number } | undefined;
}

/** A self-managed Airbyte has neither SSO nor SCIM. */
function toOrganizationInfo(organization: OrganizationResponse): Config.OrganizationInfoRead {
  return {
    organizationId: organization.organizationId,
    organizationName: organization.organizationName,
    sso: false,
    scim: false,
  };
}

function rankOf(permissionType: string): number {
  return GRANTS[permissionType]?.rank ?? -1;
}
