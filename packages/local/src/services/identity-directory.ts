/**
 * Looking up organizations and users by id: what the other services check before they refer
 * to one. Apart from the identity service, so that services it depends on may use it too.
 */
import type { OrganizationResponse, UserResponse } from "airbyte-ts";
import type { Store } from "../store/db.js";

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

export class IdentityDirectory {
  constructor(private readonly store: Store) {}

  organization(organizationId: string): OrganizationResponse | undefined {
    const row = this.store.db.prepare("SELECT id, name, email FROM organizations WHERE id = ?").get(organizationId) as
      OrganizationRow | undefined;
    return row && toOrganization(row);
  }

  user(userId: string): UserResponse | undefined {
    const row = this.store.db.prepare("SELECT id, name, email FROM users WHERE id = ?").get(userId) as
      UserRow | undefined;
    return row && { id: row.id, name: row.name, email: row.email };
  }

  /** Whether the user is the instance admin, for building the caller of a token. */
  isInstanceAdmin(userId: string): boolean | undefined {
    const row = this.store.db.prepare("SELECT instance_admin FROM users WHERE id = ?").get(userId) as
      { instance_admin: number } | undefined;
    return row === undefined ? undefined : row.instance_admin === 1;
  }
}

export function toOrganization(row: OrganizationRow): OrganizationResponse {
  return { organizationId: row.id, organizationName: row.name, email: row.email };
}
