/**
 * Every error the SDK throws descends from {@link AirbyteError} and carries a stable `code`
 * (see `error-codes.ts`). Errors of the HTTP exchange descend from {@link AirbyteApiError}, so
 * one `instanceof` check covers the whole transport; failures where no response arrived
 * descend from {@link NetworkError}. Messages and fields never hold credentials: URLs are
 * redacted when the error is built.
 */
import type { AirbyteErrorCode } from "./error-codes.js";
import { requestIdOf } from "./request-id.js";

export { AIRBYTE_ERROR_CODES, type AirbyteErrorCode } from "./error-codes.js";

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
  /** Stable across releases, unlike the message: branch on this (or on the class). */
  readonly code: AirbyteErrorCode = "airbyte_error";
}

export interface InvalidArgumentInit {
  /** What to do about it; appended to the message. */
  guidance?: string | undefined;
  /** Values that help diagnose it (ids, names, option names). */
  context?: Record<string, unknown> | undefined;
  /** The value that was refused. */
  inputValue?: unknown;
  cause?: unknown;
}

/**
 * A mistake in the caller's arguments or options, found before any request is sent. The
 * high-level objects export it as `InputError` too, PyAirbyte's `PyAirbyteInputError`.
 */
export class InvalidArgumentError extends AirbyteError {
  override name = "InvalidArgumentError";
  override readonly code: AirbyteErrorCode = "invalid_argument";
  readonly guidance: string | undefined;
  readonly context: Record<string, unknown>;
  readonly inputValue: unknown;

  constructor(message: string, init: InvalidArgumentInit = {}) {
    super(
      init.guidance ? `${message} ${init.guidance}` : message,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.guidance = init.guidance;
    this.context = init.context ?? {};
    this.inputValue = init.inputValue;
  }
}

/** The credential that is missing: none at all, or one half of a pair. */
export type MissingCredential = "credentials" | "clientId" | "clientSecret" | "username" | "password";

/** No credentials were given where they are required, or only one half of a pair. */
export class MissingCredentialsError extends InvalidArgumentError {
  override name = "MissingCredentialsError";
  override readonly code: AirbyteErrorCode = "credentials_missing";
  readonly missing: MissingCredential;
  /** Whether the environment was searched too (`fromEnv()`), not only the arguments. */
  readonly fromEnv: boolean;

  constructor(message: string, init: InvalidArgumentInit & { missing: MissingCredential; fromEnv?: boolean }) {
    super(message, { ...init, context: { missing: init.missing, ...init.context } });
    this.missing = init.missing;
    this.fromEnv = init.fromEnv ?? false;
  }
}

/** More than one way to authenticate was given (e.g. a bearer token and client credentials). */
export class ConflictingCredentialsError extends InvalidArgumentError {
  override name = "ConflictingCredentialsError";
  override readonly code: AirbyteErrorCode = "credentials_conflict";
  /** The ways given, e.g. `["bearerToken", "clientId/clientSecret"]`. */
  readonly given: readonly string[];

  constructor(message: string, init: InvalidArgumentInit & { given: readonly string[] }) {
    super(message, { ...init, context: { given: init.given, ...init.context } });
    this.given = init.given;
  }
}

export interface ApiErrorInit {
  status?: number;
  method: string;
  url: string;
  problem?: ProblemDetails;
  body?: unknown;
  headers?: Headers;
  /** Default: the response's `x-request-id` header. */
  requestId?: string;
  retryable?: boolean;
  cause?: unknown;
}

export class AirbyteApiError extends AirbyteError {
  override name = "AirbyteApiError";
  /** `api_error` for a status without a class of its own (e.g. 405, 410, 413). */
  override readonly code: AirbyteErrorCode = "api_error";
  /** HTTP status; undefined when no response arrived (network error, timeout, abort). */
  readonly status: number | undefined;
  readonly method: string;
  /** Request URL with any credentials removed. */
  readonly url: string;
  readonly problem: ProblemDetails | undefined;
  /** The raw parsed body (JSON value or text). */
  readonly body: unknown;
  readonly headers: Headers | undefined;
  /**
   * The id the server (or its gateway) gave the request in its `x-request-id` header, to quote
   * in a support request or look up in the server's log; undefined when none was sent.
   */
  readonly requestId: string | undefined;
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
    this.requestId = init.requestId ?? requestIdOf(init.headers);
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
  override readonly code: AirbyteErrorCode = "bad_request";
}
export class AuthenticationError extends AirbyteApiError {
  override name = "AuthenticationError";
  override readonly code: AirbyteErrorCode = "unauthorized";
}
export class PermissionDeniedError extends AirbyteApiError {
  override name = "PermissionDeniedError";
  override readonly code: AirbyteErrorCode = "forbidden";
}
export class NotFoundError extends AirbyteApiError {
  override name = "NotFoundError";
  override readonly code: AirbyteErrorCode = "not_found";
}
export class ConflictError extends AirbyteApiError {
  override name = "ConflictError";
  override readonly code: AirbyteErrorCode = "conflict";
}
export class UnprocessableEntityError extends AirbyteApiError {
  override name = "UnprocessableEntityError";
  override readonly code: AirbyteErrorCode = "unprocessable";
}
/** 423: the resource is locked, e.g. state edits while a sync of the connection is running. */
export class LockedError extends AirbyteApiError {
  override name = "LockedError";
  override readonly code: AirbyteErrorCode = "locked";
}
export class RateLimitError extends AirbyteApiError {
  override name = "RateLimitError";
  override readonly code: AirbyteErrorCode = "rate_limited";
}
export class InternalServerError extends AirbyteApiError {
  override name = "InternalServerError";
  override readonly code: AirbyteErrorCode = "server_error";
}
/** 501: the operation exists only on Airbyte Cloud (or is not implemented by this server). */
export class NotImplementedError extends AirbyteApiError {
  override name = "NotImplementedError";
  override readonly code: AirbyteErrorCode = "not_implemented";
}

/** 409 "A sync is already running for: <connectionId>". */
export class SyncAlreadyRunningError extends ConflictError {
  override name = "SyncAlreadyRunningError";
  override readonly code: AirbyteErrorCode = "sync_already_running";
  readonly connectionId: string | undefined;
  constructor(message: string, init: ApiErrorInit & { connectionId: string | undefined }) {
    super(message, init);
    this.connectionId = init.connectionId;
  }
}

/** No response arrived: connection refused, DNS failure, reset connection. */
export class NetworkError extends AirbyteApiError {
  override name = "NetworkError";
  override readonly code: AirbyteErrorCode = "network";
}
/**
 * The request did not complete within its timeout. A kind of `NetworkError` (as openai-node's
 * `APIConnectionTimeoutError` is an `APIConnectionError`): no answer arrived in either case.
 */
export class TimeoutError extends NetworkError {
  override name = "TimeoutError";
  override readonly code: AirbyteErrorCode = "timeout";
}
/** The caller's AbortSignal fired. */
export class RequestAbortedError extends AirbyteApiError {
  override name = "RequestAbortedError";
  override readonly code: AirbyteErrorCode = "aborted";
}
/** A response arrived but is not what the operation returns (not JSON, wrong shape, HTML). */
export class ResponseValidationError extends AirbyteApiError {
  override name = "ResponseValidationError";
  override readonly code: AirbyteErrorCode = "response_invalid";
}
