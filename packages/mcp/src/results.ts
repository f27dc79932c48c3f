/**
 * How tool results and failures look to the agent. A result is `structuredContent` plus the
 * same JSON as text (clients without structured output read the text). A failure is an
 * `isError` result, never a thrown error: the agent reads the SDK's stable `code` and a hint
 * and decides, and the server keeps serving. Known secrets are masked in both, whatever the
 * text came from (a message quoting a request, a connector's answer).
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AirbyteError, type AirbyteErrorCode } from "airbyte-ts";

/** What to do next, per SDK code, in the agent's terms (tools and variables, not CLI flags). */
const HINTS: Partial<Record<AirbyteErrorCode, string>> = {
  not_found: "Check the id: list_cloud_connections and list_cloud_connectors show what this workspace has.",
  invalid_argument: "Fix the argument the message names.",
  unauthorized: "The credentials were refused: check AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET (or the token).",
  forbidden: "These credentials lack the rights for this workspace or resource.",
  credentials_missing:
    "Set AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET (or AIRBYTE_BEARER_TOKEN; the AIRBYTE_CLOUD_* names work too) in the server's environment.",
  credentials_conflict: "Give the server either a bearer token or client credentials, not both.",
  workspace_mismatch: "The resource belongs to another workspace: pass that workspace_id.",
  sync_already_running: "A sync of this connection is running: follow it with get_cloud_sync_status.",
  sync_failed: "Read the job's attempts with get_cloud_sync_status (include_attempts: true).",
  sync_timeout: "The job goes on: poll get_cloud_sync_status with its job_id.",
  conflict: "The resource is not in a state that allows this (a job that has already ended cannot be cancelled).",
  network: "The Airbyte API did not answer: check AIRBYTE_API_ROOT and that the server is up.",
  timeout: "The Airbyte API did not answer in time; try again.",
  rate_limited: "Airbyte is rate limiting these credentials; wait, then try again.",
  server_error: "Airbyte failed on its side; try again later.",
  response_invalid: "The answer was not Airbyte's API: check AIRBYTE_API_ROOT.",
};

export interface ToolFailure {
  code: string;
  message: string;
  hint: string;
  /** Ids that help the next call (job, connection); never credentials. */
  details?: Record<string, unknown>;
}

/** A refusal of the server's own (safe mode, a name that does not match), with its stable code. */
export class ToolError extends Error {
  override name = "ToolError";
  readonly failure: ToolFailure;

  constructor(failure: ToolFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

export class Redactor {
  readonly #secrets: string[];

  /** `secrets`: values that must never leave the server (empty ones are ignored). */
  constructor(secrets: Iterable<string | undefined>) {
    // Longest first, so a secret that contains another is masked whole.
    this.#secrets = [...new Set([...secrets].filter((s): s is string => typeof s === "string" && s.length >= 4))].sort(
      (a, b) => b.length - a.length,
    );
  }

  /** The value with every secret (as it appears in JSON text) replaced by `****`. */
  redact<T>(value: T): T {
    if (this.#secrets.length === 0) return value;
    let text = JSON.stringify(value);
    for (const secret of this.#secrets) text = text.split(JSON.stringify(secret).slice(1, -1)).join("****");
    return JSON.parse(text) as T;
  }
}

export function success(value: Record<string, unknown>, redactor: Redactor): CallToolResult {
  const safe = redactor.redact(value);
  return { structuredContent: safe, content: [{ type: "text", text: JSON.stringify(safe, null, 2) }] };
}

/**
 * A failure as an `isError` result. No `structuredContent`: clients check it against the
 * tool's output schema, which describes success.
 */
export function failure(error: unknown, redactor: Redactor): CallToolResult {
  const safe = redactor.redact(describeFailure(error));
  return { isError: true, content: [{ type: "text", text: JSON.stringify({ error: safe }, null, 2) }] };
}

function describeFailure(error: unknown): ToolFailure {
  if (error instanceof ToolError) return error.failure;
  if (error instanceof AirbyteError) {
    const guidance = (error as { guidance?: unknown }).guidance;
    const details = pickDetails(error);
    return {
      code: error.code,
      message: error.message,
      hint: typeof guidance === "string" && guidance ? guidance : (HINTS[error.code] ?? "Read the message."),
      ...(details ? { details } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "internal", message, hint: "An unexpected error in the MCP server; its stderr has more." };
}

/** The ids an SDK error carries that tell the agent what to look at next. */
function pickDetails(error: AirbyteError): Record<string, unknown> | undefined {
  const source = error as unknown as Record<string, unknown>;
  const details: Record<string, unknown> = {};
  for (const [key, name] of [
    ["connectionId", "connection_id"],
    ["jobId", "job_id"],
    ["jobUrl", "job_url"],
    ["requestId", "request_id"],
    ["status", "http_status"],
  ] as const) {
    const value = source[key];
    if (typeof value === "string" || typeof value === "number") details[name] = value;
  }
  return Object.keys(details).length > 0 ? details : undefined;
}
