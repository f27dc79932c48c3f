/**
 * Looking up workspaces by id: what the other services check before they put something in
 * one. Apart from the workspaces service, which depends on services that use it.
 */
import type { WorkspaceRow } from "../../store/rows.js";
import type { WorkspaceRecords } from "../../store/workspace-records.js";
import { badRequest, notFound } from "../errors.js";

export class WorkspaceDirectory {
  constructor(private readonly records: WorkspaceRecords) {}

  /** The stored workspace, deleted or not; `not-found` when it never existed. */
  row(workspaceId: string): WorkspaceRow {
    const row = this.records.find(workspaceId);
    if (!row) throw notFound("workspace", workspaceId);
    return row;
  }

  /** Fails unless the workspace exists and is not deleted: new things cannot go into a deleted one. */
  requireActive(workspaceId: string): WorkspaceRow {
    const row = this.row(workspaceId);
    if (row.tombstone) throw badRequest(`Workspace ${workspaceId} has been deleted.`);
    return row;
  }
}
