/**
 * The stable `code` of every SDK error: what a caller (or the CLI) branches on instead of the
 * message, which may change wording at any release. A code is added here first, then given to
 * its class; the README's "Error codes" table says when each is thrown and what to do.
 */
export const AIRBYTE_ERROR_CODES = [
  // The server answered with an error status.
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "sync_already_running",
  "unprocessable",
  "locked",
  "state_locked",
  "rate_limited",
  "server_error",
  "not_implemented",
  "api_error",
  // No usable answer arrived.
  "network",
  "timeout",
  "aborted",
  "response_invalid",
  // The caller's arguments or setup, refused before any request.
  "invalid_argument",
  "credentials_missing",
  "credentials_conflict",
  "unsafe_delete",
  "missing_driver",
  "secret_missing",
  "unsupported_destination",
  "config_invalid",
  "env_var_missing",
  "replace_not_allowed",
  "destroy_prevented",
  "plan_stale",
  // What the high-level objects found out.
  "sync_failed",
  "sync_timeout",
  "workspace_mismatch",
  "workspace_not_empty",
  "duplicate_resource",
  "ambiguous_name",
  "connector_check_failed",
  "destination_unreadable",
  "table_not_found",
  // A failure no more specific code describes.
  "airbyte_error",
] as const;

export type AirbyteErrorCode = (typeof AIRBYTE_ERROR_CODES)[number];
