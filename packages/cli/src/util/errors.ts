/**
 * Exit codes and errors in the CLI's voice. Every failure ends as one line on stderr (one JSON
 * object with `--json`) and a documented exit code; stacks only with `--debug`.
 *
 * SDK errors are recognised here and restated: what went wrong, then what to do. The SDK is
 * imported only when an error has to be explained, so `--help` never loads it.
 */
import type {
  AirbyteApiError,
  AirbyteConnectionError,
  AirbyteError,
  AirbyteErrorCode,
  InvalidArgumentError,
} from "airbyte-ts";

/** Documented, stable exit codes (packages/cli/README.md "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** The API refused or failed (not found, conflict, 5xx...), or an unexpected error. */
  api: 1,
  /** Bad input: unknown command or option, missing or invalid argument, malformed file, a refused confirmation. */
  usage: 2,
  /** Bad or missing configuration: no credentials, no workspace, unreadable config file, a port in use. */
  config: 3,
  /** The credentials were refused (401) or lack the rights (403). */
  auth: 4,
  /** No answer from the server: connection refused, DNS, reset, request timeout. */
  network: 5,
  /** A sync (or the job waited for) ended failed or cancelled. */
  syncFailed: 6,
  /** A wait ran out of time (`sync run --wait --timeout`). */
  timeout: 7,
  /** Interrupted with Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI explains itself: a message, an exit code, a stable code for scripts, a hint. */
export class CliError extends Error {
  override name = "CliError";
  readonly exitCode: number;
  /** Stable, for scripts: the SDK error's `code` (`not_found`, `unauthorized`, ...), or the CLI's own (`usage`, `config`, ...). */
  readonly code: string;
  /** What to do about it. */
  readonly hint: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(
    message: string,
    exitCode: number = EXIT.api,
    init: { code?: string; hint?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.exitCode = exitCode;
    this.code = init.code ?? defaultCode(exitCode);
    this.hint = init.hint;
    this.details = init.details ?? {};
  }
}

/** A usage mistake: exit 2. */
export function usageError(message: string, hint?: string): CliError {
  return new CliError(message, EXIT.usage, { code: "usage", ...(hint ? { hint } : {}) });
}

/** A configuration problem: exit 3. */
export function configError(message: string, hint?: string): CliError {
  return new CliError(message, EXIT.config, { code: "config", ...(hint ? { hint } : {}) });
}

function defaultCode(exitCode: number): string {
  switch (exitCode) {
    case EXIT.usage:
      return "usage";
    case EXIT.config:
      return "config";
    case EXIT.auth:
      return "auth";
    case EXIT.network:
      return "network";
    case EXIT.syncFailed:
      return "sync_failed";
    case EXIT.timeout:
      return "timeout";
    case EXIT.interrupted:
      return "interrupted";
    default:
      return "api_error";
  }
}

/**
 * The exit code of each SDK error code (packages/cli/README.md "Exit codes"). A `Record` over
 * the SDK's union, so a code added to the SDK does not compile here until it has an exit code.
 */
const EXIT_BY_CODE: Record<AirbyteErrorCode, ExitCode> = {
  bad_request: EXIT.api,
  unauthorized: EXIT.auth,
  forbidden: EXIT.auth,
  not_found: EXIT.api,
  conflict: EXIT.api,
  sync_already_running: EXIT.api,
  unprocessable: EXIT.api,
  locked: EXIT.api,
  state_locked: EXIT.api,
  rate_limited: EXIT.api,
  server_error: EXIT.api,
  not_implemented: EXIT.api,
  api_error: EXIT.api,
  network: EXIT.network,
  timeout: EXIT.network,
  // The CLI aborts a request only when it is interrupted.
  aborted: EXIT.interrupted,
  response_invalid: EXIT.config,
  invalid_argument: EXIT.usage,
  credentials_missing: EXIT.config,
  credentials_conflict: EXIT.config,
  unsafe_delete: EXIT.usage,
  missing_driver: EXIT.api,
  secret_missing: EXIT.usage,
  unsupported_destination: EXIT.usage,
  config_invalid: EXIT.usage,
  env_var_missing: EXIT.config,
  replace_not_allowed: EXIT.usage,
  destroy_prevented: EXIT.usage,
  plan_stale: EXIT.usage,
  sync_failed: EXIT.syncFailed,
  sync_timeout: EXIT.timeout,
  workspace_mismatch: EXIT.api,
  workspace_not_empty: EXIT.api,
  duplicate_resource: EXIT.api,
  ambiguous_name: EXIT.usage,
  connector_check_failed: EXIT.api,
  destination_unreadable: EXIT.api,
  table_not_found: EXIT.api,
  airbyte_error: EXIT.api,
};

type Sdk = typeof import("airbyte-ts");

/**
 * Any error as a `CliError`: SDK errors restated in the CLI's voice, with the SDK's `code`, and
 * anything else kept as unexpected. SDK errors are told apart by class and code only, never by
 * their wording.
 */
export async function toCliError(error: unknown): Promise<CliError> {
  if (error instanceof CliError) return error;
  if (!(error instanceof Error)) return new CliError(String(error), EXIT.api, { code: "internal" });
  const sdk = await import("airbyte-ts");
  if (!(error instanceof sdk.AirbyteError))
    return new CliError(error.message, EXIT.api, { cause: error, code: "internal" });
  const { message, ...init } = restate(error, sdk);
  return new CliError(message, EXIT_BY_CODE[error.code], { cause: error, code: error.code, ...init });
}

interface Restated {
  message: string;
  hint?: string | undefined;
  details?: Record<string, unknown>;
}

/** What the CLI says about an SDK error, and what to do about it. */
function restate(error: AirbyteError, sdk: Sdk): Restated {
  if (error instanceof sdk.AirbyteApiError) return restateApiError(error, sdk);
  if (error instanceof sdk.InvalidArgumentError) return restateArgumentError(error, sdk);
  if (error instanceof sdk.AirbyteConnectionError) return restateConnectionError(error, sdk);
  if (error instanceof sdk.MissingResourceError) {
    return {
      message: `No ${words(error.resourceType)} '${error.resourceNameOrId}' was found.`,
      hint: listHint(error.resourceType),
      details: { resourceType: error.resourceType, resourceId: error.resourceNameOrId },
    };
  }
  if (error instanceof sdk.MultipleResourcesError) {
    return {
      message: `More than one ${error.resourceType} is named '${error.resourceNameOrId}'.`,
      // The SDK's guidance fits where it was raised (a lock file to fix, an id to write).
      hint: error.guidance ?? "Use its id instead.",
    };
  }
  if (error instanceof sdk.DuplicateResourcesError) {
    return {
      message: `A ${words(error.resourceType)} named '${error.resourceName}' already exists.`,
      hint: "Choose another name, or pass --allow-duplicate.",
    };
  }
  if (error instanceof sdk.WorkspaceNotEmptyError) {
    return {
      message: `Workspace '${error.workspaceId}' still has connections, so it cannot be deleted.`,
      hint: `Delete its connections first: ${error.connectionIds.join(", ")}`,
    };
  }
  if (error instanceof sdk.WorkspaceMismatchError) {
    return {
      message: stripGuidance(error.message, error.guidance),
      hint: `Pass --workspace ${error.actualWorkspaceId} to work in that workspace.`,
    };
  }
  if (error instanceof sdk.AirbyteCloudError) {
    return { message: stripGuidance(error.message, error.guidance), hint: error.guidance };
  }
  return { message: error.message };
}

function restateApiError(error: AirbyteApiError, sdk: Sdk): Restated {
  const details = apiDetails(error);
  if (error instanceof sdk.AuthenticationError) {
    return {
      message: `The credentials were refused (${apiReason(error)}).`,
      hint: "Check the client id and secret (or token), or run `airbyte-ts login` again.",
      details,
    };
  }
  if (error instanceof sdk.PermissionDeniedError) {
    return {
      message: `Permission denied: ${apiReason(error)}.`,
      hint: "These credentials lack the rights for this; use an application of a user who has them.",
      details,
    };
  }
  if (error instanceof sdk.NetworkError) {
    const what = error instanceof sdk.TimeoutError ? "did not answer in time" : "could not be reached";
    return {
      message: `The Airbyte API at ${origin(error.url)} ${what}.`,
      hint: "Check the API URL (--api-url, AIRBYTE_API_ROOT or the profile) and that the server is running.",
      details,
    };
  }
  if (error instanceof sdk.RequestAbortedError) {
    return { message: `The request to ${origin(error.url)} was interrupted.`, details };
  }
  if (error instanceof sdk.ResponseValidationError) {
    return {
      message: `The server at ${origin(error.url)} did not answer like an Airbyte API.`,
      hint: "Is the API URL right? A self-managed Airbyte's public API is at http://HOST:PORT/api/public/v1.",
      details,
    };
  }
  if (error instanceof sdk.SyncAlreadyRunningError) {
    return { message: `The API refused: ${apiReason(error)}.`, hint: SYNC_RUNNING_HINT, details };
  }
  if (error instanceof sdk.LockedError) {
    return { message: `The API refused: ${apiReason(error)}.`, hint: STATE_LOCKED_HINT, details };
  }
  return { message: `The API refused: ${apiReason(error)}.`, details };
}

const SYNC_RUNNING_HINT =
  "Follow it with --if-running attach, skip it with --if-running skip, or cancel it with airbyte-ts sync cancel.";
const STATE_LOCKED_HINT =
  "Wait for the sync to finish (airbyte-ts sync status), or cancel it (airbyte-ts sync cancel).";

/** Codes of config as code, whose guidance speaks of the files and the flags both SDK and CLI users have. */
const PROJECT_CODES: ReadonlySet<AirbyteErrorCode> = new Set([
  "config_invalid",
  "env_var_missing",
  "replace_not_allowed",
  "destroy_prevented",
  "plan_stale",
]);

function restateArgumentError(error: InvalidArgumentError, sdk: Sdk): Restated {
  if (error instanceof sdk.MissingCredentialsError) {
    if (error.missing === "clientId" || error.missing === "clientSecret") {
      const [flag, variable] =
        error.missing === "clientId" ? ["client-id", "AIRBYTE_CLIENT_ID"] : ["client-secret", "AIRBYTE_CLIENT_SECRET"];
      return {
        message: stripGuidance(error.message, error.guidance),
        hint: `The ${words(flag)} is missing: pass --${flag}, set ${variable}, or run \`airbyte-ts login\`.`,
      };
    }
    return {
      message: "No Airbyte credentials were found.",
      hint:
        "Run `airbyte-ts login`, pass --client-id and --client-secret (or --bearer-token), or set " +
        "AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET (or AIRBYTE_BEARER_TOKEN).",
    };
  }
  if (error instanceof sdk.ConflictingCredentialsError) {
    return {
      message: stripGuidance(error.message, error.guidance),
      hint: "Give a bearer token or client credentials, not both.",
    };
  }
  if (error instanceof sdk.UnsafeDeleteError) {
    return {
      message: `Refusing to delete ${error.resourceType} '${error.resourceName ?? error.resourceId}': safe mode deletes only names containing 'delete-me' or 'deleteme'.`,
      hint: "Rename it, or pass --unsafe.",
    };
  }
  // A project file's problem: the guidance is about the file, which the CLI user edits too.
  if (PROJECT_CODES.has(error.code)) {
    return { message: stripGuidance(error.message, error.guidance), hint: error.guidance };
  }
  // The SDK's guidance names SDK options (`safeMode: false`), which are no flags of the CLI.
  return { message: stripGuidance(error.message, error.guidance) };
}

function restateConnectionError(error: AirbyteConnectionError, sdk: Sdk): Restated {
  const details = { connectionId: error.connectionId, jobId: error.jobId, jobStatus: error.jobStatus };
  if (error instanceof sdk.ConnectionSyncTimeoutError) {
    return {
      message: error.message,
      hint:
        error.jobStatus === "cancelled"
          ? undefined
          : `The job goes on; follow it with: airbyte-ts sync status ${error.connectionId} --job ${error.jobId}`,
      details,
    };
  }
  if (error instanceof sdk.ConnectionSyncError) {
    return {
      message: error.message,
      hint: error.jobId === undefined ? undefined : `See its log: airbyte-ts jobs logs ${error.jobId}`,
      details,
    };
  }
  if (error instanceof sdk.ConnectionSyncActiveError) {
    return {
      message: stripGuidance(error.message, error.guidance),
      hint: error instanceof sdk.ConnectionStateLockedError ? STATE_LOCKED_HINT : SYNC_RUNNING_HINT,
      details: { connectionId: error.connectionId },
    };
  }
  return { message: stripGuidance(error.message, error.guidance), hint: error.guidance, details };
}

function listHint(resourceType: string): string | undefined {
  const noun: Record<string, string> = {
    connection: "connections",
    source: "sources",
    destination: "destinations",
    workspace: "workspaces",
    organization: "orgs",
    job: "jobs",
    custom_source_definition: "definitions",
    custom_destination_definition: "definitions --destination",
  };
  const command = noun[resourceType];
  return command ? `List them with: airbyte-ts ${command} list` : undefined;
}

function words(identifier: string): string {
  return identifier.replaceAll("_", " ").replaceAll("-", " ");
}

/** The message without the guidance the SDK appended to it (the CLI gives its own hint). */
function stripGuidance(message: string, guidance: string | undefined): string {
  return guidance && message.endsWith(` ${guidance}`) ? message.slice(0, -guidance.length - 1) : message;
}

function apiReason(error: AirbyteApiError): string {
  const text = error.detail ?? error.problem?.message ?? error.title ?? error.message;
  const reason = text.endsWith(".") ? text.slice(0, -1) : text;
  return error.status === undefined || reason.startsWith(String(error.status)) ? reason : `${error.status} ${reason}`;
}

function apiDetails(error: AirbyteApiError): Record<string, unknown> {
  return {
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.errorId ? { errorId: error.errorId } : {}),
    ...(error.requestId ? { requestId: error.requestId } : {}),
  };
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
