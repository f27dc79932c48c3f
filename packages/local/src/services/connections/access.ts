import type { ConnectionRecords } from "../../store/connection-records.js";
import type { ConnectionRow } from "../../store/rows.js";
import type { Access, Caller, Level } from "../access.js";
import { forbidden, notFound, ServiceError } from "../errors.js";

/**
 * Finding a connection and who may reach it. As on Airbyte, where rights are resolved from the
 * id before anything is read, an unknown id is 404 only for the instance admin and 403 for
 * everyone else.
 */
export class ConnectionAccess {
  constructor(
    private readonly records: ConnectionRecords,
    private readonly access: Access,
  ) {}

  /** The stored connection, deleted (deprecated) ones included; `not-found` when it never existed. */
  row(connectionId: string): ConnectionRow {
    const row = this.records.find(connectionId);
    if (!row) throw notFound("connection", connectionId);
    return row;
  }

  /** The connection, once the caller is known to hold `level` on its workspace. */
  require(caller: Caller, connectionId: string, level: Level): ConnectionRow {
    let row: ConnectionRow;
    try {
      row = this.row(connectionId);
    } catch (error) {
      if (error instanceof ServiceError && error.kind === "not-found" && !caller.instanceAdmin) {
        throw forbidden(`workspace_${level}`);
      }
      throw error;
    }
    this.access.requireWorkspace(caller, row.workspace_id, level);
    return row;
  }
}
