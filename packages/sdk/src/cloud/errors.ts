/**
 * Errors of the high-level objects, after PyAirbyte's `airbyte.exceptions`: each carries what it
 * is about (ids, names, statuses) as fields, a `context` record, optional `guidance`, and the web
 * page where a person can look (`webUrl`). None ever holds a credential.
 *
 * Mistakes of the caller are `InvalidArgumentError`s (alias `InputError`), thrown before any
 * request; what the Airbyte instance reports or refuses is an `AirbyteCloudError`. Errors of
 * the HTTP exchange itself (a 500, a timeout) stay the transport's `AirbyteApiError`s.
 *
 * `AirbyteConnectionError` is about an Airbyte *connection* (a source-to-destination pipe),
 * not the network; no answer from the server is the transport's `NetworkError`.
 */
import {
  AirbyteError,
  type AirbyteErrorCode,
  AuthenticationError,
  InvalidArgumentError,
  NotFoundError,
  NotImplementedError,
  PermissionDeniedError,
} from "../http/errors.js";
import { connectionTimelineUrlOf, connectionUrlOf, jobUrlOf } from "./urls.js";

export interface CloudErrorInit {
  /** What to do about it. */
  guidance?: string;
  /** Values that help diagnose it (ids, names, statuses). */
  context?: Record<string, unknown>;
  /** The web page of the workspace concerned. */
  workspaceUrl?: string;
  cause?: unknown;
}

function withGuidance(message: string, guidance: string | undefined): string {
  return guidance ? `${message} ${guidance}` : message;
}

function errorOptions(init: CloudErrorInit): ErrorOptions | undefined {
  return init.cause === undefined ? undefined : { cause: init.cause };
}

/**
 * PyAirbyte's name (`PyAirbyteInputError`) for the one class of argument mistakes: the same
 * class as `InvalidArgumentError`, so either `instanceof` check catches both.
 */
export const InputError = InvalidArgumentError;
export type InputError = InvalidArgumentError;

/** Safe mode refused to delete a resource whose name does not say it may go (`delete-me`). */
export class UnsafeDeleteError extends InvalidArgumentError {
  override name = "UnsafeDeleteError";
  override readonly code: AirbyteErrorCode = "unsafe_delete";
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName: string | undefined;

  constructor(init: CloudErrorInit & { resourceType: string; resourceId: string; resourceName: string | undefined }) {
    const { resourceType, resourceId, resourceName } = init;
    super(
      `Cannot delete ${resourceType} '${resourceName ?? resourceId}' with safeMode enabled because its name does not contain 'delete-me' or 'deleteme'.`,
      {
        guidance: "Rename it, or pass safeMode: false.",
        ...init,
        context: { resourceType, resourceId, resourceName, ...init.context },
      },
    );
    this.resourceType = resourceType;
    this.resourceId = resourceId;
    this.resourceName = resourceName;
  }
}

/** Something the Airbyte instance reported or refused (PyAirbyte's `AirbyteError`). */
export class AirbyteCloudError extends AirbyteError {
  override name = "AirbyteCloudError";
  readonly guidance: string | undefined;
  readonly context: Record<string, unknown>;
  readonly workspaceUrl: string | undefined;

  constructor(message: string, init: CloudErrorInit = {}) {
    super(withGuidance(message, init.guidance), errorOptions(init));
    this.guidance = init.guidance;
    this.context = init.context ?? {};
    this.workspaceUrl = init.workspaceUrl;
  }

  /** The most specific web page about the problem. */
  get webUrl(): string | undefined {
    return this.workspaceUrl;
  }
}

export interface ConnectionErrorInit extends CloudErrorInit {
  connectionId: string;
  jobId?: number;
  jobStatus?: string;
}

/**
 * A problem with an Airbyte connection (the source-to-destination pipe) or one of its jobs;
 * PyAirbyte's name. Not a network failure: that is `NetworkError`.
 */
export class AirbyteConnectionError extends AirbyteCloudError {
  override name = "AirbyteConnectionError";
  readonly connectionId: string;
  readonly jobId: number | undefined;
  readonly jobStatus: string | undefined;

  constructor(message: string, init: ConnectionErrorInit) {
    super(message, {
      ...init,
      context: {
        connectionId: init.connectionId,
        ...(init.jobId === undefined ? {} : { jobId: init.jobId }),
        ...(init.jobStatus === undefined ? {} : { jobStatus: init.jobStatus }),
        ...init.context,
      },
    });
    this.connectionId = init.connectionId;
    this.jobId = init.jobId;
    this.jobStatus = init.jobStatus;
  }

  get connectionUrl(): string | undefined {
    return this.workspaceUrl && connectionUrlOf(this.workspaceUrl, this.connectionId);
  }

  get jobHistoryUrl(): string | undefined {
    return this.workspaceUrl && connectionTimelineUrlOf(this.workspaceUrl, this.connectionId);
  }

  /** The job's entry in the connection's timeline (its first attempt). */
  get jobUrl(): string | undefined {
    return this.jobId === undefined || !this.workspaceUrl
      ? undefined
      : jobUrlOf(this.workspaceUrl, this.connectionId, this.jobId);
  }

  override get webUrl(): string | undefined {
    return this.jobUrl ?? this.connectionUrl;
  }
}

/** A sync job ended failed or cancelled. */
export class ConnectionSyncError extends AirbyteConnectionError {
  override name = "ConnectionSyncError";
  override readonly code: AirbyteErrorCode = "sync_failed";
}

/** A sync job did not finish within the time given to wait for it. */
export class ConnectionSyncTimeoutError extends ConnectionSyncError {
  override name = "ConnectionSyncTimeoutError";
  override readonly code: AirbyteErrorCode = "sync_timeout";
  /** Milliseconds waited, as `waitTimeoutMs` gave them. */
  readonly timeoutMs: number;

  constructor(message: string, init: ConnectionErrorInit & { timeoutMs: number }) {
    super(message, { ...init, context: { timeoutMs: init.timeoutMs, ...init.context } });
    this.timeoutMs = init.timeoutMs;
  }
}

/** The connection has a sync that has not finished, so another sync cannot start. */
export class ConnectionSyncActiveError extends AirbyteConnectionError {
  override name = "ConnectionSyncActiveError";
  override readonly code: AirbyteErrorCode = "sync_already_running";
}

/** The connection's state cannot change while a sync of it has not finished (the server's 423). */
export class ConnectionStateLockedError extends ConnectionSyncActiveError {
  override name = "ConnectionStateLockedError";
  override readonly code: AirbyteErrorCode = "state_locked";
}

/** A resource belongs to another workspace than the object that reached it. */
export class WorkspaceMismatchError extends AirbyteCloudError {
  override name = "WorkspaceMismatchError";
  override readonly code: AirbyteErrorCode = "workspace_mismatch";
  readonly resourceType: string;
  readonly resourceId: string;
  readonly expectedWorkspaceId: string;
  readonly actualWorkspaceId: string;

  constructor(
    init: CloudErrorInit & {
      resourceType: string;
      resourceId: string;
      expectedWorkspaceId: string;
      actualWorkspaceId: string;
    },
  ) {
    const { resourceType, resourceId, expectedWorkspaceId, actualWorkspaceId } = init;
    super(
      `${capitalize(resourceType)} '${resourceId}' belongs to workspace '${actualWorkspaceId}', not '${expectedWorkspaceId}'.`,
      { ...init, context: { resourceType, resourceId, expectedWorkspaceId, actualWorkspaceId, ...init.context } },
    );
    this.resourceType = resourceType;
    this.resourceId = resourceId;
    this.expectedWorkspaceId = expectedWorkspaceId;
    this.actualWorkspaceId = actualWorkspaceId;
  }
}

/** A workspace still has connections and cannot be deleted. */
export class WorkspaceNotEmptyError extends AirbyteCloudError {
  override name = "WorkspaceNotEmptyError";
  override readonly code: AirbyteErrorCode = "workspace_not_empty";
  readonly workspaceId: string;
  readonly connectionIds: string[];

  constructor(init: CloudErrorInit & { workspaceId: string; connectionIds: string[] }) {
    super(
      `Workspace '${init.workspaceId}' still has connections (${init.connectionIds.join(", ")}), so it cannot be deleted.`,
      {
        guidance: "Delete its connections first.",
        ...init,
        context: { workspaceId: init.workspaceId, connectionIds: init.connectionIds, ...init.context },
      },
    );
    this.workspaceId = init.workspaceId;
    this.connectionIds = init.connectionIds;
  }
}

/** A resource does not exist (a 404, or no match for a name). */
export class MissingResourceError extends AirbyteCloudError {
  override name = "MissingResourceError";
  override readonly code: AirbyteErrorCode = "not_found";
  readonly resourceType: string;
  readonly resourceNameOrId: string;

  constructor(init: CloudErrorInit & { resourceType: string; resourceNameOrId: string; message?: string }) {
    super(init.message ?? `No ${init.resourceType} '${init.resourceNameOrId}' was found.`, {
      ...init,
      context: { resourceType: init.resourceType, resourceNameOrId: init.resourceNameOrId, ...init.context },
    });
    this.resourceType = init.resourceType;
    this.resourceNameOrId = init.resourceNameOrId;
  }
}

/** A resource with that name exists already, and the name was required to be unique. */
export class DuplicateResourcesError extends AirbyteCloudError {
  override name = "DuplicateResourcesError";
  override readonly code: AirbyteErrorCode = "duplicate_resource";
  readonly resourceType: string;
  readonly resourceName: string;

  constructor(init: CloudErrorInit & { resourceType: string; resourceName: string }) {
    super(`A ${init.resourceType} named '${init.resourceName}' already exists.`, {
      guidance: "Choose another name, pass unique: false, or pass randomNameSuffix: true.",
      ...init,
      context: { resourceType: init.resourceType, resourceName: init.resourceName, ...init.context },
    });
    this.resourceType = init.resourceType;
    this.resourceName = init.resourceName;
  }
}

/** A name matches more than one resource where exactly one was expected. */
export class MultipleResourcesError extends AirbyteCloudError {
  override name = "MultipleResourcesError";
  override readonly code: AirbyteErrorCode = "ambiguous_name";
  readonly resourceType: string;
  readonly resourceNameOrId: string;

  constructor(init: CloudErrorInit & { resourceType: string; resourceNameOrId: string }) {
    super(`More than one ${init.resourceType} matches '${init.resourceNameOrId}'.`, {
      guidance: "Use its id instead.",
      ...init,
      context: { resourceType: init.resourceType, resourceNameOrId: init.resourceNameOrId, ...init.context },
    });
    this.resourceType = init.resourceType;
    this.resourceNameOrId = init.resourceNameOrId;
  }
}

/** A connector's check failed and the caller asked for an error (`check({ raiseOnError: true })`). */
export class ConnectorCheckError extends AirbyteCloudError {
  override name = "ConnectorCheckError";
  override readonly code: AirbyteErrorCode = "connector_check_failed";
  readonly connectorType: "source" | "destination";
  readonly connectorId: string;
  readonly connectorUrl: string;
  readonly errorMessage: string | undefined;

  constructor(
    message: string,
    init: CloudErrorInit & {
      connectorType: "source" | "destination";
      connectorId: string;
      connectorUrl: string;
      errorMessage: string | undefined;
    },
  ) {
    super(message, {
      ...init,
      context: { connectorType: init.connectorType, connectorId: init.connectorId, ...init.context },
    });
    this.connectorType = init.connectorType;
    this.connectorId = init.connectorId;
    this.connectorUrl = init.connectorUrl;
    this.errorMessage = init.errorMessage;
  }

  override get webUrl(): string {
    return this.connectorUrl;
  }
}

/**
 * Runs a request and turns a 404 into a `MissingResourceError` naming the resource (the one the
 * server names in its problem, else the one the caller was after). Other errors pass unchanged.
 */
export async function orMissing<T>(
  request: PromiseLike<T>,
  resource: { resourceType: string; resourceId: string; workspaceUrl?: string | undefined },
): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const named = error.data;
    const resourceType = typeof named?.resourceType === "string" ? named.resourceType : resource.resourceType;
    const resourceNameOrId = typeof named?.resourceId === "string" ? named.resourceId : resource.resourceId;
    throw new MissingResourceError({
      resourceType,
      resourceNameOrId,
      cause: error,
      context: { status: 404, url: error.url },
      ...(resource.workspaceUrl ? { workspaceUrl: resource.workspaceUrl } : {}),
    });
  }
}

/**
 * Answers that say this Airbyte will not serve a Config API call to this caller (its public
 * API took the same credentials): reason to go on without what it would have said (a
 * connector's specification), not to stop.
 */
export const refusedToCaller = (error: unknown) =>
  error instanceof NotFoundError ||
  error instanceof PermissionDeniedError ||
  error instanceof AuthenticationError ||
  error instanceof NotImplementedError;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
