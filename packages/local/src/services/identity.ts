/**
 * Organizations and users, and what the server creates on its first start: as a self-managed
 * Airbyte does, a default organization, an instance-admin user with one application (whose
 * client id and secret `abctl local credentials` would print), and a default workspace.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { OrganizationResponse, UserResponse } from "airbyte-ts";
import type { Caller } from "./access.js";
import type { ServiceContext } from "./context.js";
import { badRequest, ServiceError } from "./errors.js";

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

interface OrganizationRow {
  id: string;
  name: string;
  email: string;
}

interface UserRow {
  id: string;
  name: string;
  email: string;
}

export class IdentityService {
  constructor(private readonly ctx: ServiceContext) {}

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
      const app = this.ctx.services.applications.insert(DEFAULT_USER_ID, "Default Application");
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
      } else if (!this.organization(organizationId)) {
        throw badRequest(`Organization ${organizationId} does not exist.`);
      }
      this.grant(userId, role, organizationId);
      const app = this.ctx.services.applications.insert(userId, `${input.email} application`);
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
            .prepare(
              `SELECT id, name, email FROM organizations WHERE id IN (${ids.map(() => "?").join(",") || "NULL"}) ORDER BY created_at`,
            )
            .all(...ids)
    ) as OrganizationRow[];
    return rows.map(toOrganization);
  }

  organization(organizationId: string): OrganizationResponse | undefined {
    const row = this.ctx.store.db
      .prepare("SELECT id, name, email FROM organizations WHERE id = ?")
      .get(organizationId) as OrganizationRow | undefined;
    return row && toOrganization(row);
  }

  user(userId: string): UserResponse | undefined {
    const row = this.ctx.store.db.prepare("SELECT id, name, email FROM users WHERE id = ?").get(userId) as
      UserRow | undefined;
    return row && { id: row.id, name: row.name, email: row.email };
  }

  /** Whether the user is the instance admin, for building the caller of a token. */
  isInstanceAdmin(userId: string): boolean | undefined {
    const row = this.ctx.store.db.prepare("SELECT instance_admin FROM users WHERE id = ?").get(userId) as
      { instance_admin: number } | undefined;
    return row === undefined ? undefined : row.instance_admin === 1;
  }

  private grant(userId: string, permissionType: string, organizationId: string): void {
    this.ctx.store.db
      .prepare(
        "INSERT INTO permissions (id, user_id, permission_type, organization_id, created_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(randomUUID(), userId, permissionType, organizationId, this.ctx.now());
  }
}

function toOrganization(row: OrganizationRow): OrganizationResponse {
  return { organizationId: row.id, organizationName: row.name, email: row.email };
}

/** A random secret in the shape of Airbyte's application secrets. */
export function newSecret(): string {
  return randomBytes(24).toString("base64url");
}
