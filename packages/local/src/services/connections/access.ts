import type { ConnectionRow } from "../../store/rows.js";
import type { Caller, Level } from "../access.js";
import type { ServiceContext } from "../context.js";
import { forbidden, ServiceError } from "../errors.js";

/**
 * The connection, once the caller is known to hold `level` on its workspace. As on Airbyte,
 * where rights are resolved from the id before anything is read, an unknown id is 404 only for
 * the instance admin and 403 for everyone else.
 */
export function requireConnection(
  ctx: ServiceContext,
  caller: Caller,
  connectionId: string,
  level: Level,
): ConnectionRow {
  let row: ConnectionRow;
  try {
    row = ctx.services.connections.row(connectionId);
  } catch (error) {
    if (error instanceof ServiceError && error.kind === "not-found" && !caller.instanceAdmin) {
      throw forbidden(`workspace_${level}`);
    }
    throw error;
  }
  ctx.access.requireWorkspace(caller, row.workspace_id, level);
  return row;
}
