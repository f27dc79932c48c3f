/**
 * Exit codes and errors in the CLI's voice. Every failure ends as one line on stderr (one JSON
 * object with `--json`) and a documented exit code; stacks only with `--debug`.
 *
 * SDK errors are recognised here and restated: what went wrong, then what to do. The SDK is
 * imported only when an error has to be explained, so `--help` never loads it.
 */

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

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI explains itself: a message, an exit code, a stable code for scripts, a hint. */
export class CliError extends Error {
  override name = "CliError";
  readonly exitCode: number;
  /** Stable, for scripts: `usage`, `not_found`, `auth`, ... */
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

/** Any error as a `CliError`: SDK errors restated in the CLI's voice, anything else kept as unexpected. */
export async function toCliError(error: unknown): Promise<CliError> {
  if (error instanceof CliError) return error;
  if (!(error instanceof Error)) return new CliError(String(error), EXIT.api, { code: "internal" });
  const sdk = await import("airbyte-ts");
  const cause = { cause: error };

  if (error instanceof sdk.ConnectionSyncTimeoutError) {
    return new CliError(error.message, EXIT.timeout, {
      ...cause,
      code: "sync_timeout",
      hint:
        error.jobStatus === "cancelled"
          ? undefined
          : `The job goes on; follow it with: airbyte-ts sync status ${error.connectionId} --job ${error.jobId}`,
      details: { connectionId: error.connectionId, jobId: error.jobId, jobStatus: error.jobStatus },
    });
  }
  if (error instanceof sdk.ConnectionSyncError) {
    return new CliError(error.message, EXIT.syncFailed, {
      ...cause,
      code: "sync_failed",
      hint: error.jobId === undefined ? undefined : `See its log: airbyte-ts jobs logs ${error.jobId}`,
      details: { connectionId: error.connectionId, jobId: error.jobId, jobStatus: error.jobStatus },
    });
  }
  if (error instanceof sdk.ConnectionSyncActiveError) {
    return new CliError(stripGuidance(error.message, error.guidance), EXIT.api, {
      ...cause,
      code: "sync_running",
      hint: /state/i.test(error.message)
        ? "Wait for the sync to finish (airbyte-ts sync status), or cancel it (airbyte-ts sync cancel)."
        : "Follow it with --if-running attach, skip it with --if-running skip, or cancel it with airbyte-ts sync cancel.",
      details: { connectionId: error.connectionId },
    });
  }
  if (error instanceof sdk.NoCloudCredentialsError) {
    return new CliError("No Airbyte credentials were found.", EXIT.config, {
      ...cause,
      code: "no_credentials",
      hint:
        "Run `airbyte-ts login`, pass --client-id and --client-secret (or --bearer-token), or set " +
        "AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET (or AIRBYTE_BEARER_TOKEN).",
    });
  }
  if (error instanceof sdk.MissingResourceError) {
    const type = error.resourceType.replaceAll("_", " ");
    return new CliError(`No ${type} '${error.resourceNameOrId}' was found.`, EXIT.api, {
      ...cause,
      code: "not_found",
      hint: listHint(error.resourceType),
      details: { resourceType: error.resourceType, resourceId: error.resourceNameOrId },
    });
  }
  if (error instanceof sdk.MultipleResourcesError) {
    return new CliError(`More than one ${error.resourceType} is named '${error.resourceNameOrId}'.`, EXIT.usage, {
      ...cause,
      code: "ambiguous",
      hint: "Use its id instead (see the list command's output).",
    });
  }
  if (error instanceof sdk.DuplicateResourcesError) {
    return new CliError(
      `A ${error.resourceType.replaceAll("_", " ")} named '${error.resourceName}' already exists.`,
      EXIT.api,
      {
        ...cause,
        code: "duplicate",
        hint: "Choose another name, or pass --allow-duplicate.",
      },
    );
  }
  if (error instanceof sdk.WorkspaceNotEmptyError) {
    return new CliError(`Workspace '${error.workspaceId}' still has connections, so it cannot be deleted.`, EXIT.api, {
      ...cause,
      code: "workspace_not_empty",
      hint: `Delete its connections first: ${error.connectionIds.join(", ")}`,
    });
  }
  if (error instanceof sdk.WorkspaceMismatchError) {
    return new CliError(error.message, EXIT.api, {
      ...cause,
      code: "wrong_workspace",
      hint: `Pass --workspace ${error.actualWorkspaceId} to work in that workspace.`,
    });
  }
  if (error instanceof sdk.InputError) {
    const missing = error.context.missing;
    if (missing === "clientId" || missing === "clientSecret" || /bearer token authentication/.test(error.message)) {
      return new CliError(stripGuidance(error.message, error.guidance), EXIT.config, {
        ...cause,
        code: "config",
        hint:
          missing === undefined
            ? "Give a bearer token or client credentials, not both."
            : `The ${missing === "clientId" ? "client id" : "client secret"} is missing: pass --${missing === "clientId" ? "client-id" : "client-secret"}, set AIRBYTE_${missing === "clientId" ? "CLIENT_ID" : "CLIENT_SECRET"}, or run \`airbyte-ts login\`.`,
      });
    }
    if (error.context.safeMode === true) {
      const { resourceType, resourceName, resourceId } = error.context as Record<string, string | undefined>;
      return new CliError(
        `Refusing to delete ${resourceType} '${resourceName ?? resourceId}': safe mode deletes only names containing 'delete-me' or 'deleteme'.`,
        EXIT.usage,
        { ...cause, code: "unsafe_delete", hint: "Rename it, or pass --unsafe." },
      );
    }
    return new CliError(stripGuidance(error.message, error.guidance), EXIT.usage, {
      ...cause,
      code: "invalid_input",
      ...(error.guidance && !/\bpass\b.*[a-z][A-Z]/.test(error.guidance) ? { hint: error.guidance } : {}),
    });
  }
  if (error instanceof sdk.InvalidArgumentError) {
    return new CliError(error.message, EXIT.usage, { ...cause, code: "invalid_input" });
  }
  if (error instanceof sdk.AuthenticationError) {
    return new CliError(`The credentials were refused (${apiReason(error)}).`, EXIT.auth, {
      ...cause,
      code: "auth",
      hint: "Check the client id and secret (or token), or run `airbyte-ts login` again.",
      details: apiDetails(error),
    });
  }
  if (error instanceof sdk.PermissionDeniedError) {
    return new CliError(`Permission denied: ${apiReason(error)}.`, EXIT.auth, {
      ...cause,
      code: "forbidden",
      hint: "These credentials lack the rights for this; use an application of a user who has them.",
      details: apiDetails(error),
    });
  }
  if (error instanceof sdk.NetworkError || error instanceof sdk.TimeoutError) {
    const what = error instanceof sdk.TimeoutError ? "did not answer in time" : "could not be reached";
    return new CliError(`The Airbyte API at ${origin(error.url)} ${what}.`, EXIT.network, {
      ...cause,
      code: "network",
      hint: "Check the API URL (--api-url, AIRBYTE_API_ROOT or the profile) and that the server is running.",
      details: apiDetails(error),
    });
  }
  if (error instanceof sdk.ResponseValidationError) {
    return new CliError(`The server at ${origin(error.url)} did not answer like an Airbyte API.`, EXIT.config, {
      ...cause,
      code: "bad_response",
      hint: "Is the API URL right? A self-managed Airbyte's public API is at http://HOST:PORT/api/public/v1.",
      details: apiDetails(error),
    });
  }
  if (error instanceof sdk.AirbyteApiError) {
    const code =
      error instanceof sdk.ConflictError
        ? "conflict"
        : error instanceof sdk.RateLimitError
          ? "rate_limited"
          : error instanceof sdk.NotFoundError
            ? "not_found"
            : "api_error";
    return new CliError(`The API refused: ${apiReason(error)}.`, EXIT.api, {
      ...cause,
      code,
      details: apiDetails(error),
    });
  }
  if (error instanceof sdk.AirbyteError) {
    const guidance = (error as { guidance?: string }).guidance;
    return new CliError(stripGuidance(error.message, guidance), EXIT.api, {
      ...cause,
      code: "api_error",
      ...(guidance ? { hint: guidance } : {}),
    });
  }
  return new CliError(error.message, EXIT.api, { ...cause, code: "internal" });
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

function stripGuidance(message: string, guidance: string | undefined): string {
  return guidance && message.endsWith(` ${guidance}`) ? message.slice(0, -guidance.length - 1) : message;
}

interface ApiLike {
  status: number | undefined;
  message: string;
  url: string;
  detail?: string | undefined;
  title?: string | undefined;
  errorId?: string | undefined;
  problem?: { message?: string } | undefined;
}

function apiReason(error: ApiLike): string {
  const text = error.detail ?? error.problem?.message ?? error.title ?? error.message;
  const reason = text.replace(/\.$/, "");
  return error.status === undefined || reason.startsWith(String(error.status)) ? reason : `${error.status} ${reason}`;
}

function apiDetails(error: ApiLike): Record<string, unknown> {
  return {
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.errorId ? { errorId: error.errorId } : {}),
  };
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
