/**
 * The public types of a request: the per-call options every API method takes, the spec an API
 * method hands the transport, what hooks see of an attempt, and what a call gives back.
 */
import type { AirbyteApiError } from "./errors.js";
import type { Query } from "./request.js";
import type { RetryOptions } from "./retry.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Per-call options, accepted as the last argument of every API method. */
export interface RequestOptions {
  /** Time allowed for each attempt, in milliseconds. */
  timeoutMs?: number;
  /** The same as `timeoutMs`, in milliseconds (openai-node's name). */
  timeout?: number;
  /** Retry policy for this call (merged over the client's), or `false` for none. */
  retries?: RetryOptions | false;
  /** Retries after the first attempt, for this call: `retries: { maxRetries }` (openai-node's name). */
  maxRetries?: number;
  /** Aborts the call, including any wait between retries. */
  signal?: AbortSignal;
  /** Extra headers; `null` removes a default header. */
  headers?: Record<string, string | null | undefined>;
}

/** What a hook sees of a request attempt. `url` and `headers` may be changed by `beforeRequest`. */
export interface RequestContext {
  readonly operation: string;
  readonly method: HttpMethod;
  url: URL;
  readonly headers: Headers;
  readonly body: unknown;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

export interface Hooks {
  beforeRequest?: (context: RequestContext) => void | Promise<void>;
  /** Runs for every response, successful or not; read the body of a `clone()` only. */
  afterResponse?: (context: RequestContext, response: Response) => void | Promise<void>;
  /** Runs for every failed attempt, with whether the transport will try again. */
  onError?: (context: RequestContext, error: AirbyteApiError, willRetry: boolean) => void | Promise<void>;
}

export interface RequestSpec {
  /** The operation's name, used in messages, logs and hooks. */
  operation: string;
  method: HttpMethod;
  /**
   * URI template relative to the API root: path parameters in braces, query parameters in a
   * trailing `{?a,b}`, e.g. `/sources/{sourceId}{?includeSecretCoordinates}`.
   */
  path: string;
  /** Which root the path is relative to. Default `public`. */
  api?: "public" | "config";
  /** An absolute root that replaces `api`'s, e.g. a custom token URL. */
  baseUrl?: string;
  /** Values of the template's parameters; any other key is an InvalidArgumentError. */
  params?: unknown;
  /** Free-form query parameters, beside the template's. */
  query?: Query;
  /** Validates the parameters before any I/O; throws InvalidArgumentError. */
  check?: () => void;
  /** The response carries credentials: errors must not quote its body. */
  sensitive?: boolean;
  /** Checks a parsed JSON body; returns what was expected when it does not match. */
  validate?: (body: unknown) => string | undefined;
  body?: unknown;
  /** How to read a successful response. Default `json`. */
  response?: "json" | "text" | "empty" | "redirect";
  /** Whether sending the request twice is harmless. Default: true for every method but POST. */
  idempotent?: boolean;
  /** Default true. */
  authenticate?: boolean;
  options?: RequestOptions | undefined;
}

export interface ApiResult<T> {
  data: T;
  /** The HTTP response, its body unread (the data was parsed from a copy). */
  response: Response;
  /** The id the server gave the request (its `x-request-id` header), when it sent one. */
  requestId: string | undefined;
}
