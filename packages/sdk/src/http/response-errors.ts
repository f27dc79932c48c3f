/** Turning an unsuccessful response into the error class of its status, with a useful message. */
import {
  type AirbyteApiError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  AirbyteApiError as GenericApiError,
  InternalServerError,
  LockedError,
  NotFoundError,
  NotImplementedError,
  PermissionDeniedError,
  type ProblemDetails,
  RateLimitError,
  SyncAlreadyRunningError,
  UnprocessableEntityError,
} from "./errors.js";
import { redactUrl, scrubSecrets } from "../internal/redact.js";

type ErrorClass = new (message: string, init: ApiErrorInit) => AirbyteApiError;

const CLASS_BY_STATUS: Record<number, ErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  423: LockedError,
  429: RateLimitError,
  501: NotImplementedError,
};

export interface ResponseErrorContext {
  method: string;
  url: URL;
  /** The request body, to recover the connection id of a "sync already running" conflict. */
  body: unknown;
  retryable: boolean;
  secrets: readonly string[];
}

const SYNC_RUNNING = /sync is already running for:?\s*([0-9a-f-]{36})?/i;

export async function errorFromResponse(response: Response, context: ResponseErrorContext): Promise<AirbyteApiError> {
  // A server may echo what it was sent; nothing it echoes of the credentials is kept.
  const text = scrubSecrets(await response.text(), context.secrets);
  const body = parseBody(text);
  const problem = toProblem(body);
  const url = redactUrl(context.url);
  const init: ApiErrorInit = {
    status: response.status,
    method: context.method,
    url,
    body,
    headers: response.headers,
    retryable: context.retryable,
    ...(problem ? { problem } : {}),
  };
  const summary = looksLikeHtml(text, response.headers)
    ? `an HTML page. ${htmlHint(context.url)}`
    : describeProblem(problem, text, response.statusText);
  const message = `${context.method} ${url} failed with ${response.status}: ${summary}`;

  const running = response.status === 409 ? SYNC_RUNNING.exec(problemText(problem)) : null;
  if (running) {
    const connectionId = running[1] ?? (context.body as { connectionId?: string } | undefined)?.connectionId;
    return new SyncAlreadyRunningError(message, { ...init, connectionId });
  }
  const ErrorClass =
    CLASS_BY_STATUS[response.status] ?? (response.status >= 500 ? InternalServerError : GenericApiError);
  return new ErrorClass(message, init);
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Reads Airbyte's problem body, or the `{message, errorId}` of generic handlers, defensively. */
function toProblem(body: unknown): ProblemDetails | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const source = body as Record<string, unknown>;
  const problem: ProblemDetails = {};
  const str = (key: keyof ProblemDetails) => {
    const value = source[key];
    if (typeof value === "string") (problem as Record<string, unknown>)[key] = value;
  };
  (["type", "title", "detail", "documentationUrl", "message", "errorId"] as const).forEach(str);
  if (typeof source.status === "number") problem.status = source.status;
  if (source.data && typeof source.data === "object" && !Array.isArray(source.data)) {
    problem.data = source.data as Record<string, unknown>;
  }
  return Object.keys(problem).length > 0 ? problem : undefined;
}

function problemText(problem: ProblemDetails | undefined): string {
  const dataMessage = typeof problem?.data?.message === "string" ? problem.data.message : "";
  return [problem?.detail, dataMessage, problem?.message].filter(Boolean).join(" ");
}

function describeProblem(problem: ProblemDetails | undefined, text: string, statusText: string): string {
  if (!problem) return text.trim() ? JSON.stringify(text.trim().slice(0, 300)) : statusText || "no details";
  const parts = [problem.title, problem.detail];
  const dataMessage = problem.data?.message;
  if (typeof dataMessage === "string") parts.push(dataMessage);
  if (problem.message) parts.push(problem.message);
  const seen = new Set<string>();
  const words = parts.filter((p): p is string => !!p && !seen.has(p) && !!seen.add(p));
  const resource = problem.data?.resourceType
    ? ` (${String(problem.data.resourceType)} ${String(problem.data.resourceId ?? "")})`.replace(/ \)$/, ")")
    : "";
  const errorId = problem.errorId ? ` [errorId ${problem.errorId}]` : "";
  return `${words.join(": ") || statusText || "no details"}${resource}${errorId}`;
}

export function looksLikeHtml(text: string, headers: Headers): boolean {
  const type = headers.get("content-type") ?? "";
  return type.includes("text/html") || /^\s*<(!doctype|html|head|body)/i.test(text);
}

/** What to do when the server answers with a web page: the URL points at the web app. */
export function htmlHint(url: URL): string {
  const origin = url.origin;
  if (url.pathname.includes("/api/public/v1") || url.pathname.includes("/api/v1")) {
    return `The Airbyte API at ${origin} answered with a web page; check that a proxy or the web app is not in the way.`;
  }
  return (
    `This looks like Airbyte's web app, not its API. For a self-managed Airbyte use serverUrl ` +
    `"${origin}/api/public/v1" (and configApiUrl "${origin}/api/v1"), e.g. selfManaged("${origin}").`
  );
}
