/**
 * Every error the SDK throws descends from {@link AirbyteError}. Errors of the HTTP exchange
 * descend from {@link AirbyteApiError}, so one `instanceof` check covers the whole transport.
 * Messages and fields never hold credentials: URLs are redacted when the error is built.
 */

/** Airbyte's problem body (`application/json`), parsed defensively: every field may be absent. */
export interface ProblemDetails {
  status?: number;
  type?: string;
  title?: string;
  detail?: string;
  documentationUrl?: string;
  data?: Record<string, unknown>;
  /** Config API and generic handlers answer `{ message, errorId }` instead of a problem. */
  message?: string;
  errorId?: string;
}

export class AirbyteError extends Error {
  override name = "AirbyteError";
}

/** A client-side mistake detected before any request is sent (bad option or argument). */
export class InvalidArgumentError extends AirbyteError {
  override name = "InvalidArgumentError";
}

export interface ApiErrorInit {
  status?: number;
  method: string;
  url: string;
  problem?: ProblemDetails;
  body?: unknown;
  headers?: Headers;
  retryable?: boolean;
  cause?: unknown;
}

export class AirbyteApiError extends AirbyteError {
  override name = "AirbyteApiError";
  /** HTTP status; undefined when no response arrived (network error, timeout, abort). */
  readonly status: number | undefined;
  readonly method: string;
  /** Request URL with any credentials removed. */
  readonly url: string;
  readonly problem: ProblemDetails | undefined;
  /** The raw parsed body (JSON value or text). */
  readonly body: unknown;
  readonly headers: Headers | undefined;
  /** Whether the transport's retry policy treats this failure as transient. */
  readonly retryable: boolean;

  constructor(message: string, init: ApiErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.problem = init.problem;
    this.body = init.body;
    this.headers = init.headers;
    this.retryable = init.retryable ?? false;
  }

  /** The problem `type`, e.g. `https://reference.airbyte.com/reference/errors#resource-not-found`. */
  get type(): string | undefined {
    return this.problem?.type;
  }
  get title(): string | undefined {
    return this.problem?.title;
  }
  get detail(): string | undefined {
    return this.problem?.detail;
  }
  get data(): Record<string, unknown> | undefined {
    return this.problem?.data;
  }
  /** Server error id (`errorId`) to quote to Airbyte support, when the server sent one. */
  get errorId(): string | undefined {
    return this.problem?.errorId;
  }
}

export class BadRequestError extends AirbyteApiError {
  override name = "BadRequestError";
}
export class AuthenticationError extends AirbyteApiError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends AirbyteApiError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends AirbyteApiError {
  override name = "NotFoundError";
}
export class ConflictError extends AirbyteApiError {
  override name = "ConflictError";
}
export class UnprocessableEntityError extends AirbyteApiError {
  override name = "UnprocessableEntityError";
}
/** 423: the resource is locked, e.g. state edits while a sync of the connection is running. */
export class LockedError extends AirbyteApiError {
  override name = "LockedError";
}
export class RateLimitError extends AirbyteApiError {
  override name = "RateLimitError";
}
export class InternalServerError extends AirbyteApiError {
  override name = "InternalServerError";
}
/** 501: the operation exists only on Airbyte Cloud (or is not implemented by this server). */
export class NotImplementedError extends AirbyteApiError {
  override name = "NotImplementedError";
}

/** 409 "A sync is already running for: <connectionId>". */
export class SyncAlreadyRunningError extends ConflictError {
  override name = "SyncAlreadyRunningError";
  readonly connectionId: string | undefined;
  constructor(message: string, init: ApiErrorInit & { connectionId: string | undefined }) {
    super(message, init);
    this.connectionId = init.connectionId;
  }
}

/** No response arrived: connection refused, DNS failure, reset connection. */
export class NetworkError extends AirbyteApiError {
  override name = "NetworkError";
}
/** The request did not complete within its timeout. */
export class TimeoutError extends AirbyteApiError {
  override name = "TimeoutError";
}
/** The caller's AbortSignal fired. */
export class RequestAbortedError extends AirbyteApiError {
  override name = "RequestAbortedError";
}
/** A response arrived but is not what the operation returns (not JSON, wrong shape, HTML). */
export class ResponseValidationError extends AirbyteApiError {
  override name = "ResponseValidationError";
}
