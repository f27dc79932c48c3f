/**
 * Looking up organizations and users by id: what the other services check before they refer
 * to one. Apart from the identity service, so that services it depends on may use it too.
 */
import type { OrganizationResponse, UserResponse } from "airbyte-ts";
import type { IdentityRecords, OrganizationRow } from "../store/identity-records.js";

export class IdentityDirectory {
  constructor(private readonly records: IdentityRecords) {}

  organization(organizationId: string): OrganizationResponse | undefined {
    const row = this.records.organization(organizationId);
    return row && toOrganization(row);
  }

  user(userId: string): UserResponse | undefined {
    const row = this.records.user(userId);
    return row && { id: row.id, name: row.name, email: row.email };
  }

  /** Whether the user is the instance admin, for building the caller of a token. */
  isInstanceAdmin(userId: string): boolean | undefined {
    return this.records.isInstanceAdmin(userId);
  }
}

export function toOrganization(row: OrganizationRow): OrganizationResponse {
  return { organizationId: row.id, organizationName: row.name, email: row.email };
}
