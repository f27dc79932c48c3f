/**
 * Deleting connections, as deleting them or what they use (their source, destination or
 * workspace) does: they are marked deprecated, and their unfinished jobs are cancelled (a
 * running sync is stopped). Apart from the connections service, so that the actors and
 * workspaces services can retire connections without depending on it.
 */
import type { ConnectionRecords } from "../../store/connection-records.js";
import type { JobsService } from "../jobs/service.js";

export class ConnectionRetirement {
  constructor(
    private readonly records: ConnectionRecords,
    private readonly jobs: JobsService,
    private readonly now: () => number,
  ) {}

  /**
   * Deprecates the live connections whose `column` is `value` (one connection, or every
   * connection of an actor or a workspace being deleted) and cancels their unfinished jobs, so
   * that nothing keeps syncing a deleted connection.
   */
  deprecate(column: "id" | "source_id" | "destination_id" | "workspace_id", value: string): void {
    const ids = this.records.deprecate(column, value, this.now());
    for (const id of ids) this.jobs.cancelJobsOfConnection(id);
  }
}
