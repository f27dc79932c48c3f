/**
 * The one request pipeline every call goes through: URL, headers and authentication, hooks,
 * a timeout per attempt, the retry decision, then parsing. Nothing above this layer sleeps,
 * retries or calls `fetch`.
 */
import type { AuthStrategy } from "./auth.js";
import { AirbyteApiError, InvalidArgumentError, ResponseValidationError } from "./errors.js";
import { abortedError, AttemptTimeout, fetchFailure } from "./failures.js";
import { errorFromResponse, htmlHint, looksLikeHtml } from "./response-errors.js";
import type { Logger } from "./logger.js";
import { redactHeaders, redactUrl, scrubSecrets } from "../internal/redact.js";
import { appendQuery, expandTemplate } from "./request.js";
import {
  backoffDelay,
  isRetryableStatus,
  resolveRetryPolicy,
  retryAfterMs,
  type ResolvedRetryPolicy,
} from "./retry.js";
import { sleep } from "../internal/sleep.js";
import { retriesOf, timeoutOf } from "./option-aliases.js";
import { requestIdOf } from "./request-id.js";
import type { ApiResult, Hooks, RequestContext, RequestOptions, RequestSpec } from "./request-options.js";

export interface TransportConfig {
  serverUrl: string;
  /** Resolves the Config API root; throws when it cannot be known. */
  configApiUrl: () => string;
  auth: AuthStrategy;
  timeoutMs: number;
  retry: ResolvedRetryPolicy;
  fetch: typeof fetch;
  headers: Record<string, string>;
  hooks: readonly Hooks[];
  logger: Logger;
  userAgent: string;
  random?: () => number;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

interface Attempt {
  number: number;
  authorization: string | undefined;
}

export class Transport {
  constructor(readonly config: TransportConfig) {}

  async request<T>(spec: RequestSpec): Promise<ApiResult<T>> {
    const options = spec.options ?? {};
    validateOptions(options, spec.operation);
    spec.check?.();
    const url = this.buildUrl(spec);
    const policy = resolveRetryPolicy(retriesOf(options, `${spec.operation}: `), this.config.retry);
    const idempotent = isIdempotent(spec);
    const startedAt = Date.now();
    let retries = 0;
    let replayedAfter401 = false;

    for (let number = 1; ; number++) {
      if (options.signal?.aborted) throw abortedError(spec.method, url, options.signal.reason);
      const attempt: Attempt = { number, authorization: undefined };
      const context = this.context(spec, url, number);
      try {
        const response = await this.send(spec, context, attempt, options);
        if (response.status === 401 && spec.authenticate !== false && !replayedAfter401) {
          if (await this.config.auth.unauthorized(attempt.authorization)) {
            replayedAfter401 = true;
            await response.body?.cancel();
            this.config.logger.info(
              `${spec.method} ${redactUrl(url)} answered 401; renewing credentials and replaying once`,
            );
            continue;
          }
        }
        const data = await this.parse<T>(spec, context, response.clone(), policy, idempotent);
        return { data, response, requestId: requestIdOf(response.headers) };
      } catch (caught) {
        if (caught instanceof CredentialsFailure) throw caught.error;
        if (!(caught instanceof AirbyteApiError)) throw caught;
        const error = caught;
        // A non-idempotent request that may have taken effect is not retryable: only the caller
        // can look for its effect (createJobOnce does, for POST /jobs).
        const delay =
          error.retryable && retries < policy.maxRetries ? this.delayFor(error, policy, retries) : undefined;
        const withinBudget = delay !== undefined && Date.now() - startedAt + delay <= policy.maxElapsedMs;
        const willRetry = withinBudget;
        for (const hook of this.config.hooks) await hook.onError?.(context, error, willRetry);
        if (!willRetry || delay === undefined) throw error;

        retries++;
        this.config.logger.info(
          `${spec.method} ${redactUrl(context.url)} failed (${error.status ?? error.name}); retry ${retries} of ${policy.maxRetries} in ${delay} ms`,
        );
        try {
          await sleep(delay, options.signal);
        } catch (reason) {
          throw abortedError(spec.method, context.url, reason);
        }
      }
    }
  }

  private buildUrl(spec: RequestSpec): URL {
    const root = spec.baseUrl ?? (spec.api === "config" ? this.config.configApiUrl() : this.config.serverUrl);
    const { path, query } = expandTemplate(spec.path, spec.params, spec.operation);
    const url = new URL(root + path);
    appendQuery(url, { ...query, ...spec.query }, spec.operation);
    return url;
  }

  private context(spec: RequestSpec, url: URL, attempt: number): RequestContext {
    return {
      operation: spec.operation,
      method: spec.method,
      url: new URL(url),
      headers: new Headers(),
      body: spec.body,
      attempt,
    };
  }

  private async send(
    spec: RequestSpec,
    context: RequestContext,
    attempt: Attempt,
    options: RequestOptions,
  ): Promise<Response> {
    const headers = context.headers;
    headers.set("accept", "application/json");
    headers.set("user-agent", this.config.userAgent);
    if (spec.body !== undefined) headers.set("content-type", "application/json");
    if (spec.authenticate !== false) {
      try {
        attempt.authorization = await this.config.auth.authorization(options.signal);
      } catch (error) {
        // Getting credentials has its own retries; the request must not repeat them.
        throw new CredentialsFailure(error);
      }
      if (attempt.authorization) headers.set("authorization", attempt.authorization);
    }
    mergeHeaders(headers, this.config.headers);
    mergeHeaders(headers, options.headers);
    for (const hook of this.config.hooks) await hook.beforeRequest?.(context);

    const timeoutMs = timeoutOf(options, `${spec.operation}: `) ?? this.config.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeout(timeoutMs)), timeoutMs);
    const onCallerAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", onCallerAbort, { once: true });

    const started = Date.now();
    this.config.logger.debug(`-> ${spec.method} ${redactUrl(context.url)} (attempt ${attempt.number})`, {
      headers: redactHeaders(headers),
    });
    let buffered: Response;
    try {
      const response = await this.config.fetch(context.url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? null : JSON.stringify(spec.body),
        signal: controller.signal,
        redirect: spec.response === "redirect" ? "manual" : "follow",
      });
      // Read the body inside the timeout, so a server that stalls mid-body is timed out too.
      const text = await response.text();
      buffered = new Response(NULL_BODY_STATUSES.has(response.status) ? null : text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (caught) {
      throw fetchFailure(caught, {
        method: spec.method,
        url: context.url,
        idempotent: isIdempotent(spec),
        signal: options.signal,
        abortReason: controller.signal.reason,
      });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onCallerAbort);
    }
    this.config.logger.debug(
      `<- ${buffered.status} ${spec.method} ${redactUrl(context.url)} in ${Date.now() - started} ms`,
    );
    for (const hook of this.config.hooks) await hook.afterResponse?.(context, buffered.clone());
    return buffered;
  }

  private async parse<T>(
    spec: RequestSpec,
    context: RequestContext,
    response: Response,
    policy: ResolvedRetryPolicy,
    idempotent: boolean,
  ): Promise<T> {
    const redirect = spec.response === "redirect" && response.status >= 300 && response.status < 400;
    if (!response.ok && !redirect) {
      const retryable = isRetryableStatus(policy, response.status, idempotent);
      throw await errorFromResponse(response, {
        method: spec.method,
        url: context.url,
        body: spec.body,
        retryable,
        secrets: this.config.auth.secrets,
      });
    }
    switch (spec.response ?? "json") {
      case "empty":
        return undefined as T;
      case "redirect":
        return (response.headers.get("location") ?? "") as T;
      case "text":
        return (await response.text()) as T;
      case "json":
        return this.parseJson<T>(spec, context.url, response);
    }
  }

  private async parseJson<T>(spec: RequestSpec, url: URL, response: Response): Promise<T> {
    const text = await response.text();
    const invalid = (message: string) =>
      new ResponseValidationError(`${spec.method} ${redactUrl(url)} answered ${response.status} ${message}`, {
        status: response.status,
        method: spec.method,
        url: redactUrl(url),
        body: spec.sensitive ? undefined : text.slice(0, 2000),
        headers: response.headers,
      });
    if (looksLikeHtml(text, response.headers)) throw invalid(`with an HTML page instead of JSON. ${htmlHint(url)}`);
    if (text.trim() === "") throw invalid("with an empty body; JSON was expected.");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const excerpt = spec.sensitive
        ? ""
        : `: ${JSON.stringify(scrubSecrets(text.slice(0, 120), this.config.auth.secrets))}`;
      throw invalid(`with a body that is not JSON${excerpt}`);
    }
    const expected = spec.validate?.(body);
    if (expected !== undefined) throw invalid(`with JSON that is not ${expected}.`);
    return body as T;
  }

  private delayFor(error: AirbyteApiError, policy: ResolvedRetryPolicy, retries: number): number {
    const asked = error.headers ? retryAfterMs(error.headers) : undefined;
    const delay = asked ?? backoffDelay(policy, retries, this.config.random);
    return Math.min(delay, policy.maxDelayMs);
  }
}

// Every PATCH of the Airbyte API sets the fields it is given, so repeating one is harmless;
// POST creates or starts things and is not repeated unless the operation says so.
function isIdempotent(spec: RequestSpec): boolean {
  return spec.idempotent ?? spec.method !== "POST";
}

/** Wraps a failure to obtain credentials, which the request loop must not retry. */
/** Wraps a failure to get credentials on its way out of the request, so no retry repeats it. */
class CredentialsFailure extends Error {
  constructor(readonly error: unknown) {
    super("getting credentials failed", { cause: error });
  }
}

function mergeHeaders(target: Headers, extra: Record<string, string | null | undefined> | undefined): void {
  for (const [name, value] of Object.entries(extra ?? {})) {
    if (value === null) target.delete(name);
    else if (value !== undefined) target.set(name, value);
  }
}

function validateOptions(options: RequestOptions, operation: string): void {
  const timeoutMs = timeoutOf(options, `${operation}: `);
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new InvalidArgumentError(
      `${operation}: timeoutMs must be a positive number of milliseconds; got ${timeoutMs}.`,
    );
  }
  retriesOf(options, `${operation}: `);
}
