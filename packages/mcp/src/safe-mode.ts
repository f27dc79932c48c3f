/**
 * Safe mode, as PyAirbyte's: on unless `AIRBYTE_CLOUD_MCP_SAFE_MODE` is `0`. The server keeps
 * the ids of what its own tools created in this process (the session); with safe mode on, a
 * destructive tool acts only on those, so an agent can undo its own work but not change or
 * delete what was there before it. Deletes have a second rule that holds whatever the mode:
 * the exact current name must be passed, and the SDK's safe-mode check (`delete-me`) applies.
 */
import type { Env } from "./context.js";
import { ToolError } from "./results.js";

/** On by default; only `0` turns it off, as PyAirbyte. */
export function safeModeEnabled(env: Env): boolean {
  return (env.AIRBYTE_CLOUD_MCP_SAFE_MODE ?? "1").trim() !== "0";
}

export class Session {
  readonly safeMode: boolean;
  readonly #created = new Set<string>();

  constructor(safeMode: boolean) {
    this.safeMode = safeMode;
  }

  /** Records an id created by one of this server's tools. */
  register(id: string): void {
    this.#created.add(id);
  }

  /** Forgets an id that no longer exists (deleted). */
  forget(id: string): void {
    this.#created.delete(id);
  }

  createdInSession(id: string): boolean {
    return this.#created.has(id);
  }

  /**
   * PyAirbyte's `check_guid_created_in_session`: in safe mode, refuses (before any request) to
   * act on an object this session did not create.
   */
  requireCreatedInSession(resourceType: string, id: string, tool: string): void {
    if (!this.safeMode || this.#created.has(id)) return;
    throw new ToolError({
      code: "safe_mode_refused",
      message: `Safe mode: ${tool} may only change a ${resourceType} created by this MCP session, and ${resourceType} '${id}' was not.`,
      hint: `Nothing was changed. Only a person can allow this: they restart the server with AIRBYTE_CLOUD_MCP_SAFE_MODE=0, or make the change in Airbyte themselves.`,
      details: { [`${resourceType}_id`]: id },
    });
  }
}
