/**
 * Errors of the high-level objects, after PyAirbyte's `airbyte.exceptions`: each carries what it
 * is about (ids, names, statuses) as fields, a `context` record, optional `guidance`, and the web
 * page where a person can look (`webUrl`). None ever holds a credential.
 *
 * Mistakes of the caller are `InputError`s (an `InvalidArgumentError`, thrown before any
 * request); what the Airbyte instance reports or refuses is an `AirbyteCloudError`. Errors of
 * the HTTP exchange itself (a 500, a timeout) stay the transport's `AirbyteApiError`s.
 */
import { AirbyteError, InvalidArgumentError, NotFoundError } from "../http/errors.js";

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

/** A mistake in the arguments, found before anything was sent (PyAirbyte's `PyAirbyteInputError`). */
export class InputError extends InvalidArgumentError {
  override name = "InputError";
  readonly guidance: string | undefined;
  readonly context: Record<string, unknown>;
  readonly inputValue: unknown;

  constructor(message: string, init: CloudErrorInit & { inputValue?: unknown } = {}) {
    super(withGuidance(message, init.guidance), errorOptions(init));
    this.guidance = init.guidance;
    this.context = init.context ?? {};
    this.inputValue = init.inputValue;
  }
}

/** Neither a bearer token nor client credentials were found. */
export class NoCloudCredentialsError extends InputError {
  override name = "NoCloudCredentialsError";

  constructor(init: { fromEnv: boolean }) {
    super("No Airbyte credentials were provided.", {
      guidance: init.fromEnv
        ? "Pass bearerToken, or both clientId and clientSecret, or set AIRBYTE_BEARER_TOKEN " +
          "(or AIRBYTE_CLOUD_BEARER_TOKEN), or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET " +
          "(or AIRBYTE_CLOUD_CLIENT_ID and AIRBYTE_CLOUD_CLIENT_SECRET)."
        : "Pass bearerToken, or both clientId and clientSecret (or use fromEnv() to read them from the environment).",
    });
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

/** A problem with a connection or one of its jobs. */
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
    return this.workspaceUrl && `${this.workspaceUrl}/connections/${this.connectionId}`;
  }

  get jobHistoryUrl(): string | undefined {
    return this.connectionUrl && `${this.connectionUrl}/timeline`;
  }

  /** The job's entry in the connection's timeline (its first attempt). */
  get jobUrl(): string | undefined {
    return this.jobId === undefined ? undefined : this.jobHistoryUrl && `${this.jobHistoryUrl}#${this.jobId}::0`;
  }

  override get webUrl(): string | undefined {
    return this.jobUrl ?? this.connectionUrl;
  }
}

/** A sync job ended failed or cancelled. */
export class ConnectionSyncError extends AirbyteConnectionError {
  override name = "ConnectionSyncError";
}

/** A sync job did not finish within the time given to wait for it. */
export class ConnectionSyncTimeoutError extends ConnectionSyncError {
  override name = "ConnectionSyncTimeoutError";
  /** Seconds waited. */
  readonly timeout: number;

  constructor(message: string, init: ConnectionErrorInit & { timeout: number }) {
    super(message, { ...init, context: { timeout: init.timeout, ...init.context } });
    this.timeout = init.timeout;
  }
}

/** The connection has a sync that has not finished: state cannot change, another sync cannot start. */
export class ConnectionSyncActiveError extends AirbyteConnectionError {
  override name = "ConnectionSyncActiveError";
}

/** A resource belongs to another workspace than the object that reached it. */
export class WorkspaceMismatchError extends AirbyteCloudError {
  override name = "WorkspaceMismatchError";
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
  readonly resourceType: string;
  readonly resourceNameOrId: string;

  constructor(init: CloudErrorInit & { resourceType: string; resourceNameOrId: string }) {
    super(`More than one ${init.resourceType} matches '${init.resourceNameOrId}'.`, {
      guidance: "Use the id instead.",
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

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
