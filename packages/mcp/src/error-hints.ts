/**
 * The SDK's errors with the hint of the tool at hand: the server's hints per code name the
 * connection tools, and the SDK's guidance names its own options (`randomNameSuffix`), neither
 * of which helps an agent that is looking for an organization or a custom definition.
 */
import { AirbyteError } from "airbyte-ts";
import { ToolError } from "./results.js";

/** Runs `action`; an SDK error with one of `hints`' codes comes back as a `ToolError` with that hint. */
export async function withHints<T>(
  hints: Record<string, string>,
  action: () => Promise<T>,
  details?: Record<string, unknown>,
): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof AirbyteError)) throw error;
    const hint = hints[error.code];
    if (hint === undefined) throw error;
    throw new ToolError({ code: error.code, message: error.message, hint, ...(details ? { details } : {}) });
  }
}
