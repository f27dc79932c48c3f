/**
 * The stored organizations, users, their applications (client credentials) and the server's
 * settings (its defaults and token signing key): the SQL of the identity and applications
 * services and of the identity directory, which hold the rules.
 */
import { placeholders, type Store } from "./db.js";

export interface OrganizationRow {
  id: string;
  name: string;
  email: string;
}

export interface UserRow {
  id: string;
  name: string;
  email: string;
}

/** A user with what the Config API's `UserRead` shows of them. */
export interface UserAccountRow extends UserRow {
  default_workspace_id: string | null;
}

export interface ApplicationRow {
  id: string;
  user_id: string;
  name: string;
  client_id: string;
  client_secret: string;
  created_at: number;
}

export class IdentityRecords {
  constructor(private readonly store: Store) {}

  organization(organizationId: string): OrganizationRow | undefined {
    return this.store.db.prepare("SELECT id, name, email FROM organizations WHERE id = ?").get(organizationId) as
      OrganizationRow | undefined;
  }

  /** These organizations (every one when undefined), oldest first. */
  organizations(organizationIds: readonly string[] | undefined): OrganizationRow[] {
    const { db } = this.store;
    return (
      organizationIds === undefined
        ? db.prepare("SELECT id, name, email FROM organizations ORDER BY created_at").all()
        : db
            .prepare(
              `SELECT id, name, email FROM organizations WHERE id IN (${placeholders(organizationIds)}) ORDER BY created_at`,
            )
            .all(...organizationIds)
    ) as OrganizationRow[];
  }

  insertOrganization(organization: OrganizationRow, createdAt: number): void {
    this.store.db
      .prepare("INSERT INTO organizations (id, name, email, created_at) VALUES (?, ?, ?, ?)")
      .run(organization.id, organization.name, organization.email, createdAt);
  }

  user(userId: string): UserRow | undefined {
    return this.store.db.prepare("SELECT id, name, email FROM users WHERE id = ?").get(userId) as UserRow | undefined;
  }

  userAccount(userId: string): UserAccountRow | undefined {
    return this.store.db.prepare("SELECT id, name, email, default_workspace_id FROM users WHERE id = ?").get(userId) as
      UserAccountRow | undefined;
  }

  /** Sets the fields given; the others keep their values. */
  updateUserAccount(userId: string, changes: { name?: string; defaultWorkspaceId?: string }): void {
    this.store.db
      .prepare(
        "UPDATE users SET name = COALESCE(?, name), default_workspace_id = COALESCE(?, default_workspace_id) WHERE id = ?",
      )
      .run(changes.name ?? null, changes.defaultWorkspaceId ?? null, userId);
  }

  /** Whether the user is the instance admin; undefined when there is no such user. */
  isInstanceAdmin(userId: string): boolean | undefined {
    const row = this.store.db.prepare("SELECT instance_admin FROM users WHERE id = ?").get(userId) as
      { instance_admin: number } | undefined;
    return row === undefined ? undefined : row.instance_admin === 1;
  }

  emailTaken(email: string): boolean {
    return this.store.db.prepare("SELECT 1 FROM users WHERE email = ?").get(email) !== undefined;
  }

  insertUser(user: UserRow, instanceAdmin: boolean, createdAt: number): void {
    this.store.db
      .prepare("INSERT INTO users (id, name, email, instance_admin, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(user.id, user.name, user.email, instanceAdmin ? 1 : 0, createdAt);
  }

  /** The users holding a role of their own on the organization, oldest first. */
  usersWithRoleIn(organizationId: string): UserRow[] {
    return this.store.db
      .prepare(
        `SELECT DISTINCT u.id, u.name, u.email, u.created_at FROM users u JOIN permissions p ON p.user_id = u.id
         WHERE p.organization_id = ? ORDER BY u.created_at, u.id`,
      )
      .all(organizationId) as UserRow[];
  }

  insertApplication(row: ApplicationRow): void {
    this.store.db
      .prepare(
        "INSERT INTO applications (id, user_id, name, client_id, client_secret, created_at) VALUES (@id, @user_id, @name, @client_id, @client_secret, @created_at)",
      )
      .run(row);
  }

  /** The user's application. */
  application(applicationId: string, userId: string): ApplicationRow | undefined {
    return this.store.db
      .prepare("SELECT * FROM applications WHERE id = ? AND user_id = ?")
      .get(applicationId, userId) as ApplicationRow | undefined;
  }

  applicationByClientId(clientId: string): ApplicationRow | undefined {
    return this.store.db.prepare("SELECT * FROM applications WHERE client_id = ?").get(clientId) as
      ApplicationRow | undefined;
  }

  /** The user's applications, oldest first. */
  applicationsOf(userId: string): ApplicationRow[] {
    return this.store.db
      .prepare("SELECT * FROM applications WHERE user_id = ? ORDER BY created_at")
      .all(userId) as ApplicationRow[];
  }

  deleteApplication(applicationId: string): void {
    this.store.db.prepare("DELETE FROM applications WHERE id = ?").run(applicationId);
  }

  setting(key: "defaults" | "jwt_key"): string | undefined {
    const row = this.store.db.prepare("SELECT value FROM settings WHERE key = ?").get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  insertSetting(key: "defaults" | "jwt_key", value: string): void {
    this.store.db.prepare("INSERT INTO settings (key, value) VALUES (?, ?)").run(key, value);
  }
}
