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
import { type IdentityDirectory, type OrganizationRow, toOrganization, type UserRow } from "./identity-directory.js";
import type { WorkspaceDirectory } from "./workspaces/directory.js";
import { badRequest, forbidden, notFound, ServiceError } from "./errors.js";
import { toWorkspaceRead } from "./workspaces/views.js";
import { placeholders } from "../store/db.js";
import type { WorkspaceRow } from "../store/rows.js";

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
    private readonly directory: IdentityDirectory,
    private readonly applications: ApplicationsService,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  /** Creates the defaults on first start; afterwards returns them. */
  ensureDefaults(): Defaults {
    const { db } = this.ctx.store;
    return this.ctx.store.transaction(() => {
      const stored = db.prepare("SELECT value FROM settings WHERE key = 'defaults'").get() as
        { value: string } | undefined;
      if (stored) return JSON.parse(stored.value) as Defaults;
      const now = this.ctx.now();
      const email = "admin@airbyte.local";
      db.prepare("INSERT INTO organizations (id, name, email, created_at) VALUES (?, ?, ?, ?)").run(
        DEFAULT_ORGANIZATION_ID,
        "Default Organization",
        email,
        now,
      );
      db.prepare("INSERT INTO users (id, name, email, instance_admin, created_at) VALUES (?, ?, ?, 1, ?)").run(
        DEFAULT_USER_ID,
        "Default User",
        email,
        now,
      );
      this.grant(DEFAULT_USER_ID, "organization_admin", DEFAULT_ORGANIZATION_ID);
      const workspaceId = randomUUID();
      db.prepare(
        "INSERT INTO workspaces (id, organization_id, name, data_residency, notifications, created_at) VALUES (?, ?, ?, 'auto', '{}', ?)",
      ).run(workspaceId, DEFAULT_ORGANIZATION_ID, "Default Workspace", now);
      const app = this.applications.insert(DEFAULT_USER_ID, "Default Application");
      const defaults: Defaults = {
        organizationId: DEFAULT_ORGANIZATION_ID,
        userId: DEFAULT_USER_ID,
        workspaceId,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
      };
      db.prepare("INSERT INTO settings (key, value) VALUES ('defaults', ?)").run(JSON.stringify(defaults));
      return defaults;
    });
  }

  /**
   * A user with an application, for tests of permissions (the public API has no call that
   * creates users: Airbyte gets them from its identity provider).
   */
  createUser(input: NewUser): CreatedUser {
    const { db } = this.ctx.store;
    return this.ctx.store.transaction(() => {
      if (db.prepare("SELECT 1 FROM users WHERE email = ?").get(input.email)) {
        throw new ServiceError("bad-request", `A user with email ${input.email} already exists.`);
      }
      const now = this.ctx.now();
      const userId = randomUUID();
      db.prepare("INSERT INTO users (id, name, email, created_at) VALUES (?, ?, ?, ?)").run(
        userId,
        input.name ?? input.email.split("@")[0],
        input.email,
        now,
      );
      let organizationId = input.organizationId;
      let role = input.organizationRole ?? "organization_member";
      if (!organizationId) {
        organizationId = randomUUID();
        db.prepare("INSERT INTO organizations (id, name, email, created_at) VALUES (?, ?, ?, ?)").run(
          organizationId,
          `${input.name ?? input.email}'s Organization`,
          input.email,
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
    const ids = this.ctx.access.organizationIds(caller);
    const rows = (
      ids === undefined
        ? this.ctx.store.db.prepare("SELECT id, name, email FROM organizations ORDER BY created_at").all()
        : this.ctx.store.db
            .prepare(`SELECT id, name, email FROM organizations WHERE id IN (${placeholders(ids)}) ORDER BY created_at`)
            .all(...ids)
    ) as OrganizationRow[];
    return rows.map(toOrganization);
  }

  /**
   * `GET /users`: the users holding a role on the organization, narrowed to those matching any
   * of the given ids or emails. Any member of the organization may list them.
   */
  listUsersInOrganization(caller: Caller, organizationId: string, filter: UserFilter): UserResponse[] {
    this.requireKnownOrganization(caller, organizationId, "member");
    const rows = this.ctx.store.db
      .prepare(
        `SELECT DISTINCT u.id, u.name, u.email, u.created_at FROM users u JOIN permissions p ON p.user_id = u.id
         WHERE p.organization_id = ? ORDER BY u.created_at, u.id`,
      )
      .all(organizationId) as (UserRow & { created_at: number })[];
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
    const where = ["organization_id = ?", "tombstone = 0"];
    const params: (string | number)[] = [organizationId];
    if (readable !== undefined) {
      where.push(`id IN (${placeholders(readable)})`);
      params.push(...readable);
    }
    if (query.nameContains) {
      where.push("instr(lower(name), lower(?)) > 0");
      params.push(query.nameContains);
    }
    const page = query.page ? "LIMIT ? OFFSET ?" : "";
    if (query.page) params.push(query.page.pageSize, query.page.rowOffset);
    const rows = this.ctx.store.db
      .prepare(`SELECT * FROM workspaces WHERE ${where.join(" AND ")} ORDER BY lower(name), id ${page}`)
      .all(...params) as WorkspaceRow[];
    return rows.map(toWorkspaceRead);
  }

  /**
   * `GET /embedded/organizations`: the organizations where the caller holds a role of their own
   * (not through a group), each with that role, the highest when there are several.
   */
  embeddedOrganizations(caller: Caller): EmbeddedOrganizationListItem[] {
    const rows = this.ctx.store.db
      .prepare(
        `SELECT o.id, o.name, p.permission_type FROM permissions p JOIN organizations o ON o.id = p.organization_id
         WHERE p.user_id = ? ORDER BY o.created_at, o.id`,
      )
      .all(caller.userId) as { id: string; name: string; permission_type: string }[];
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
    this.ctx.store.db
      .prepare(
        "INSERT INTO permissions (id, user_id, permission_type, organization_id, created_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(randomUUID(), userId, permissionType, organizationId, this.ctx.now());
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
