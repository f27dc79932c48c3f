/**
 * The stored groups of an organization's users and their memberships: the SQL of the groups
 * service, which holds the rules. (A group's permissions are in permission-records.ts.)
 */
import type { Store } from "./db.js";
import type { GroupRow } from "./rows.js";

export interface GroupWithCount extends GroupRow {
  member_count: number;
}

/** A membership with the member's email and name. */
export interface MemberRow {
  id: string;
  group_id: string;
  user_id: string;
  email: string;
  name: string;
}

const GROUP_WITH_COUNT = `SELECT g.*, (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) AS member_count FROM groups g`;
const MEMBER =
  "SELECT m.id, m.group_id, m.user_id, u.email, u.name FROM group_members m JOIN users u ON u.id = m.user_id";

export class GroupRecords {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  find(groupId: string): GroupRow | undefined {
    return this.store.db.prepare("SELECT * FROM groups WHERE id = ?").get(groupId) as GroupRow | undefined;
  }

  /** The group with its number of members. */
  withCount(groupId: string): GroupWithCount {
    return this.store.db.prepare(`${GROUP_WITH_COUNT} WHERE g.id = ?`).get(groupId) as GroupWithCount;
  }

  /** A page of the organization's groups, oldest first, each with its number of members. */
  ofOrganization(organizationId: string, limit: number, offset: number): GroupWithCount[] {
    return this.store.db
      .prepare(`${GROUP_WITH_COUNT} WHERE g.organization_id = ? ORDER BY g.created_at, g.id LIMIT ? OFFSET ?`)
      .all(organizationId, limit, offset) as GroupWithCount[];
  }

  /** Whether another group of the organization has the name, in any case. */
  nameTaken(organizationId: string, name: string, exceptGroupId: string): boolean {
    return (
      this.store.db
        .prepare("SELECT 1 FROM groups WHERE organization_id = ? AND lower(name) = lower(?) AND id <> ?")
        .get(organizationId, name, exceptGroupId) !== undefined
    );
  }

  insert(id: string, organizationId: string, name: string, description: string | null): void {
    this.store.db
      .prepare("INSERT INTO groups (id, organization_id, name, description, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(id, organizationId, name, description, this.now());
  }

  update(groupId: string, name: string, description: string | null): void {
    this.store.db.prepare("UPDATE groups SET name = ?, description = ? WHERE id = ?").run(name, description, groupId);
  }

  /** Deletes the group; its memberships and permissions go with it (foreign keys cascade). */
  delete(groupId: string): void {
    this.store.db.prepare("DELETE FROM groups WHERE id = ?").run(groupId);
  }

  /** A page of the group's members, in the order they were added. */
  members(groupId: string, limit: number, offset: number): MemberRow[] {
    return this.store.db
      .prepare(`${MEMBER} WHERE m.group_id = ? ORDER BY m.rowid LIMIT ? OFFSET ?`)
      .all(groupId, limit, offset) as MemberRow[];
  }

  member(memberId: string): MemberRow {
    return this.store.db.prepare(`${MEMBER} WHERE m.id = ?`).get(memberId) as MemberRow;
  }

  isMember(groupId: string, userId: string): boolean {
    return (
      this.store.db.prepare("SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?").get(groupId, userId) !==
      undefined
    );
  }

  insertMember(id: string, groupId: string, userId: string): void {
    this.store.db
      .prepare("INSERT INTO group_members (id, group_id, user_id) VALUES (?, ?, ?)")
      .run(id, groupId, userId);
  }

  removeMember(groupId: string, userId: string): void {
    this.store.db.prepare("DELETE FROM group_members WHERE group_id = ? AND user_id = ?").run(groupId, userId);
  }
}
