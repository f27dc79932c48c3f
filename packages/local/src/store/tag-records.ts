/**
 * The stored tags of workspaces and the tags of each connection: the SQL of the tags service,
 * which holds the rules.
 */
import { placeholders, type Store } from "./db.js";
import type { TagRow } from "./rows.js";

export class TagRecords {
  constructor(private readonly store: Store) {}

  find(tagId: string): TagRow | undefined {
    return this.store.db.prepare("SELECT * FROM tags WHERE id = ?").get(tagId) as TagRow | undefined;
  }

  /** The tag when it belongs to the workspace. */
  findInWorkspace(tagId: string, workspaceId: string): TagRow | undefined {
    return this.store.db.prepare("SELECT * FROM tags WHERE id = ? AND workspace_id = ?").get(tagId, workspaceId) as
      TagRow | undefined;
  }

  /** The tags of these workspaces (of every workspace when undefined), by workspace and name. */
  ofWorkspaces(workspaceIds: readonly string[] | undefined): TagRow[] {
    const where = workspaceIds === undefined ? "" : `WHERE workspace_id IN (${placeholders(workspaceIds)})`;
    return this.store.db
      .prepare(`SELECT * FROM tags ${where} ORDER BY workspace_id, name`)
      .all(...(workspaceIds ?? [])) as TagRow[];
  }

  countInWorkspace(workspaceId: string): number {
    const row = this.store.db.prepare("SELECT COUNT(*) AS count FROM tags WHERE workspace_id = ?").get(workspaceId) as {
      count: number;
    };
    return row.count;
  }

  /** Whether another tag of the workspace has the name. */
  nameTaken(workspaceId: string, name: string, exceptTagId: string): boolean {
    return (
      this.store.db
        .prepare("SELECT 1 FROM tags WHERE workspace_id = ? AND name = ? AND id <> ?")
        .get(workspaceId, name, exceptTagId) !== undefined
    );
  }

  insert(row: TagRow): void {
    this.store.db
      .prepare("INSERT INTO tags (id, workspace_id, name, color) VALUES (@id, @workspace_id, @name, @color)")
      .run(row);
  }

  update(row: TagRow): void {
    this.store.db.prepare("UPDATE tags SET name = @name, color = @color WHERE id = @id").run(row);
  }

  /** Deletes the tag; connections lose it (connection_tags cascades). */
  delete(tagId: string): void {
    this.store.db.prepare("DELETE FROM tags WHERE id = ?").run(tagId);
  }

  /** The connection's tags, by name. */
  ofConnection(connectionId: string): TagRow[] {
    return this.store.db
      .prepare(
        "SELECT t.* FROM tags t JOIN connection_tags ct ON ct.tag_id = t.id WHERE ct.connection_id = ? ORDER BY t.name",
      )
      .all(connectionId) as TagRow[];
  }

  /** Replaces the connection's tags (inside the caller's transaction). */
  setForConnection(connectionId: string, tagIds: readonly string[]): void {
    const { db } = this.store;
    db.prepare("DELETE FROM connection_tags WHERE connection_id = ?").run(connectionId);
    const insert = db.prepare("INSERT INTO connection_tags (connection_id, tag_id) VALUES (?, ?)");
    for (const tagId of tagIds) insert.run(connectionId, tagId);
  }
}
