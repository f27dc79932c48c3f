import { ApiPromise } from "../http/api-promise.js";
import {
  type AuthStrategy,
  basicAuth,
  bearerAuth,
  clientCredentialsAuth,
  type IssuedToken,
  noAuth,
  TokenCache,
  type TokenProvider,
  tokenProviderAuth,
} from "../http/auth.js";
import {
  AirbyteApiError,
  AuthenticationError,
  ConflictingCredentialsError,
  InvalidArgumentError,
  MissingCredentialsError,
} from "../http/errors.js";
import { isLogLevel, leveledLogger, type Logger, type LogLevel } from "../http/logger.js";
import { type ListBehaviour, PagePromise, type PageEnvelope, type PageQuery } from "../http/pagination.js";
import { retriesOf, timeoutOf } from "../http/option-aliases.js";
import { type ResolvedRetryPolicy, resolveRetryPolicy, type RetryOptions } from "../http/retry.js";
import { CLOUD_API_URL, normalizeUrl, resolveConfigApiUrl } from "../http/servers.js";
import type { Hooks, RequestSpec } from "../http/request-options.js";
import { Transport } from "../http/transport.js";
import { VERSION } from "../version.js";
import { ConfigApi } from "./config/index.js";
import type { PublicAccessTokenResponse } from "./models.gen.js";
import type { ApiCore, ListSpec } from "./resource.js";
import { Applications } from "./resources/applications.js";
import { Connections } from "./resources/connections.js";
import { ConnectorDefinitions } from "./resources/connector-definitions.js";
import { Dataplanes } from "./resources/dataplanes.js";
import { DeclarativeSourceDefinitions } from "./resources/declarative-source-definitions.js";
import { DestinationDefinitions } from "./resources/destination-definitions.js";
import { Destinations } from "./resources/destinations.js";
import { EmbeddedScopedToken } from "./resources/embedded-scoped-token.js";
import { EmbeddedWidget } from "./resources/embedded-widget.js";
import { Groups } from "./resources/groups.js";
import { Health } from "./resources/health.js";
import { Jobs } from "./resources/jobs.js";
import { OAuth } from "./resources/oauth.js";
import { Organizations } from "./resources/organizations.js";
import { Permissions } from "./resources/permissions.js";
import { PublicRoot } from "./resources/public-root.js";
import { Regions } from "./resources/regions.js";
import { SourceDefinitions } from "./resources/source-definitions.js";
import { Sources } from "./resources/sources.js";
import { Streams } from "./resources/streams.js";
import { Tags } from "./resources/tags.js";
import { Users } from "./resources/users.js";
import { Workspaces } from "./resources/workspaces.js";

export interface AirbyteApiOptions {
  /** The public API root. Default Airbyte Cloud, `https://api.airbyte.com/v1`. See `selfManaged()`. */
  serverUrl?: string;
  /**
   * The Config API root. Default: `AIRBYTE_CLOUD_CONFIG_API_URL`, else derived from `serverUrl`
   * (Cloud, or `/api/public/v1` -> `/api/v1`).
   */
  configApiUrl?: string;

  /** A bearer token (an Airbyte access token). */
  bearerToken?: string;
  /** OAuth2 client credentials of an Airbyte application; tokens are minted and renewed for you. */
  clientId?: string;
  clientSecret?: string;
  /** Where client credentials are exchanged for a token. Default `<serverUrl>/applications/token`. */
  tokenUrl?: string;
  /** HTTP basic authentication (legacy self-managed deployments). */
  username?: string;
  password?: string;
  /** Supplies bearer tokens from elsewhere (a secret manager, another OAuth flow). */
  tokenProvider?: TokenProvider;

  /** Time allowed for each attempt of a request. Default 120 000 ms. */
  timeoutMs?: number;
  /** The same as `timeoutMs`, in milliseconds (openai-node's name). */
  timeout?: number;
  /** Retry policy, or `false` for none. Retries are on by default. */
  retries?: RetryOptions | false;
  /** Retries after the first attempt (default 4): `retries: { maxRetries }` (openai-node's name). */
  maxRetries?: number;
  /** The `fetch` to use. Default the global `fetch`. */
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Request hooks, run in order. */
  hooks?: Hooks | readonly Hooks[];
  /** Where to log; default `console`. Only redacted URLs, statuses and timings are logged. */
  logger?: Logger;
  /** Default `warn`, or the `AIRBYTE_TS_LOG` environment variable. */
  logLevel?: LogLevel;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * The token cache a `withOptions()` copy inherits, keyed by the options object it is built from:
 * not an option a caller could pass, so a client's tokens reach only its own copies.
 */
const inheritedTokenCaches = new WeakMap<AirbyteApiOptions, TokenCache>();

/**
 * A typed client for every operation of the public Airbyte API, with the Config API calls
 * under `config`.
 *
 * ```ts
 * const api = new AirbyteApi({ clientId, clientSecret });
 * for await (const connection of api.connections.listConnections({ workspaceIds: [workspaceId] })) {
 *   console.log(connection.name);
 * }
 * ```
 */
export class AirbyteApi implements ApiCore {
  readonly serverUrl: string;

  readonly publicRoot: PublicRoot;
  readonly health: Health;
  readonly applications: Applications;
  readonly jobs: Jobs;
  readonly regions: Regions;
  readonly dataplanes: Dataplanes;
  readonly connectorDefinitions: ConnectorDefinitions;
  readonly declarativeSourceDefinitions: DeclarativeSourceDefinitions;
  readonly sourceDefinitions: SourceDefinitions;
  readonly destinationDefinitions: DestinationDefinitions;
  readonly sources: Sources;
  readonly destinations: Destinations;
  readonly oauth: OAuth;
  readonly connections: Connections;
  readonly streams: Streams;
  readonly workspaces: Workspaces;
  readonly permissions: Permissions;
  readonly organizations: Organizations;
  readonly users: Users;
  readonly groups: Groups;
  readonly tags: Tags;
  readonly embeddedWidget: EmbeddedWidget;
  readonly embeddedScopedToken: EmbeddedScopedToken;
  /** Config API calls: state, catalogs, jobs with logs, checks, discovery, custom connectors. */
  readonly config: ConfigApi;

  readonly #options: AirbyteApiOptions;
  readonly #transport: Transport;
  readonly #authKind: string;
  readonly #tokenCache: TokenCache;

  constructor(options: AirbyteApiOptions = {}) {
    this.#tokenCache = inheritedTokenCaches.get(options) ?? new TokenCache();
    this.#options = { ...options };
    this.serverUrl = normalizeUrl(options.serverUrl ?? CLOUD_API_URL, "serverUrl");
    const configApiUrl = options.configApiUrl;
    if (configApiUrl !== undefined) normalizeUrl(configApiUrl, "configApiUrl");
    validateOptions(options);

    const { auth, kind } = this.#authenticate(options);
    this.#authKind = kind;
    this.#transport = new Transport({
      serverUrl: this.serverUrl,
      configApiUrl: () => resolveConfigApiUrl(this.serverUrl, configApiUrl),
      auth,
      timeoutMs: timeoutOf(options, "") ?? DEFAULT_TIMEOUT_MS,
      retry: resolveRetryPolicy(retriesOf(options, "")),
      fetch: options.fetch ?? globalThis.fetch,
      headers: { ...options.headers },
      hooks:
        options.hooks === undefined
          ? []
          : Array.isArray(options.hooks)
            ? [...(options.hooks as readonly Hooks[])]
            : [options.hooks as Hooks],
      logger: leveledLogger(options.logger, options.logLevel),
      userAgent: `airbyte-ts/${VERSION}`,
    });

    this.publicRoot = new PublicRoot(this);
    this.health = new Health(this);
    this.applications = new Applications(this);
    this.jobs = new Jobs(this);
    this.regions = new Regions(this);
    this.dataplanes = new Dataplanes(this);
    this.connectorDefinitions = new ConnectorDefinitions(this);
    this.declarativeSourceDefinitions = new DeclarativeSourceDefinitions(this);
    this.sourceDefinitions = new SourceDefinitions(this);
    this.destinationDefinitions = new DestinationDefinitions(this);
    this.sources = new Sources(this);
    this.destinations = new Destinations(this);
    this.oauth = new OAuth(this);
    this.connections = new Connections(this);
    this.streams = new Streams(this);
    this.workspaces = new Workspaces(this);
    this.permissions = new Permissions(this);
    this.organizations = new Organizations(this);
    this.users = new Users(this);
    this.groups = new Groups(this);
    this.tags = new Tags(this);
    this.embeddedWidget = new EmbeddedWidget(this);
    this.embeddedScopedToken = new EmbeddedScopedToken(this);
    this.config = new ConfigApi(this);
  }

  /** The Config API root; throws InvalidArgumentError when it cannot be derived. */
  get configApiUrl(): string {
    return resolveConfigApiUrl(this.serverUrl, this.#options.configApiUrl);
  }

  /** The retry policy of calls whose options name none (the `retries` option over the defaults). */
  get retryPolicy(): Readonly<ResolvedRetryPolicy> {
    return this.#transport.config.retry;
  }

  /** A new client with some options replaced. It shares this client's tokens. */
  withOptions(overrides: AirbyteApiOptions): AirbyteApi {
    const options = { ...this.#options, ...overrides };
    inheritedTokenCaches.set(options, this.#tokenCache);
    return new AirbyteApi(options);
  }

  /** Sends any request through the pipeline (auth, retries, timeouts, hooks, errors). */
  request<T>(spec: RequestSpec): ApiPromise<T> {
    return new ApiPromise(this.#transport.request<T>(spec));
  }

  /** Lists pages of a paginated operation. */
  list<Item>(spec: ListSpec, behaviour: ListBehaviour = { shortPageEnds: true }): PagePromise<Item> {
    const { options } = spec;
    const fetchPage = async (params: PageQuery, signal?: AbortSignal) => {
      const merged =
        signal && options?.signal ? AbortSignal.any([signal, options.signal]) : (signal ?? options?.signal);
      return this.#transport.request<PageEnvelope<Item>>({
        ...spec,
        params,
        validate: (body) =>
          Array.isArray((body as PageEnvelope<Item> | null)?.data) ? undefined : 'a page with a "data" array',
        options: { ...options, ...(merged ? { signal: merged } : {}) },
      });
    };
    return new PagePromise<Item>(spec.params, fetchPage, behaviour);
  }

  #authenticate(options: AirbyteApiOptions): { auth: AuthStrategy; kind: string } {
    if (options.bearerToken !== undefined) return { auth: bearerAuth(options.bearerToken), kind: "bearer token" };
    if (options.username !== undefined)
      return { auth: basicAuth(options.username, options.password ?? ""), kind: "basic" };
    if (options.tokenProvider) return { auth: tokenProviderAuth(options.tokenProvider), kind: "token provider" };
    if (options.clientId === undefined) return { auth: noAuth, kind: "none" };
    const tokenUrl =
      options.tokenUrl !== undefined
        ? normalizeUrl(options.tokenUrl, "tokenUrl")
        : `${this.serverUrl}/applications/token`;
    const auth = clientCredentialsAuth({
      cache: this.#tokenCache,
      tokenUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret ?? "",
      requestToken: () => this.#requestToken(tokenUrl, options.clientId ?? "", options.clientSecret ?? ""),
    });
    return { auth, kind: `client credentials (client id ${options.clientId})` };
  }

  async #requestToken(tokenUrl: string, clientId: string, clientSecret: string): Promise<IssuedToken> {
    let data: PublicAccessTokenResponse;
    try {
      ({ data } = await this.#transport.request<PublicAccessTokenResponse>({
        operation: "createAccessToken",
        method: "POST",
        baseUrl: tokenUrl,
        path: "",
        body: { client_id: clientId, client_secret: clientSecret, grant_type: "client_credentials" },
        idempotent: true,
        authenticate: false,
        sensitive: true,
        validate: (body) => {
          const token = (body as Partial<PublicAccessTokenResponse> | null)?.access_token;
          return typeof token === "string" && token !== "" ? undefined : "a token response with an access_token";
        },
      }));
    } catch (error) {
      if (
        error instanceof AirbyteApiError &&
        error.status !== undefined &&
        error.status < 500 &&
        error.status !== 429
      ) {
        throw new AuthenticationError(
          `Airbyte refused the client credentials of client id ${clientId}: ${error.message} ` +
            `Check clientId and clientSecret (for a self-managed Airbyte, \`abctl local credentials\` prints them).`,
          {
            status: error.status,
            method: error.method,
            url: error.url,
            body: error.body,
            headers: error.headers,
            cause: error,
            ...(error.problem ? { problem: error.problem } : {}),
          },
        );
      }
      throw error;
    }
    const expiresIn = typeof data.expires_in === "number" && data.expires_in > 0 ? data.expires_in : undefined;
    return { accessToken: data.access_token, expiresIn };
  }

  /** What `console.log(api)` shows: never a credential. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `AirbyteApi { serverUrl: '${this.serverUrl}', auth: ${this.#authKind} }`;
  }

  toJSON(): Record<string, string> {
    return { serverUrl: this.serverUrl, auth: this.#authKind };
  }
}

/** Checks the options before anything is sent, with a message that says what to change. */
function validateOptions(options: AirbyteApiOptions): void {
  const ways = [
    options.bearerToken !== undefined && "bearerToken",
    (options.clientId !== undefined || options.clientSecret !== undefined) && "clientId/clientSecret",
    (options.username !== undefined || options.password !== undefined) && "username/password",
    options.tokenProvider !== undefined && "tokenProvider",
  ].filter((w): w is string => typeof w === "string");
  if (ways.length > 1) {
    throw new ConflictingCredentialsError(
      `Use one way to authenticate; got ${ways.join(" and ")}. Pass bearerToken, or clientId with clientSecret, ` +
        `or username with password, or tokenProvider.`,
      { given: ways },
    );
  }
  const nonEmpty = (name: keyof AirbyteApiOptions, hint: string) => {
    const value = options[name];
    if (value !== undefined && (typeof value !== "string" || value.trim() === "")) {
      throw new InvalidArgumentError(`${name} must be a non-empty string${hint}.`);
    }
  };
  nonEmpty("bearerToken", "");
  if (options.clientId !== undefined || options.clientSecret !== undefined) {
    if (options.clientId === undefined)
      throw new MissingCredentialsError("clientSecret was given without clientId; pass both.", { missing: "clientId" });
    if (options.clientSecret === undefined)
      throw new MissingCredentialsError("clientId was given without clientSecret; pass both.", {
        missing: "clientSecret",
      });
    nonEmpty("clientId", "");
    nonEmpty("clientSecret", "");
  }
  if (options.username !== undefined || options.password !== undefined) {
    if (options.username === undefined)
      throw new MissingCredentialsError("password was given without username; pass both.", { missing: "username" });
    nonEmpty("username", "");
    if (typeof options.password !== "string")
      throw new MissingCredentialsError("username was given without password; pass both.", { missing: "password" });
  }
  if (options.tokenProvider !== undefined && typeof options.tokenProvider !== "function") {
    throw new InvalidArgumentError("tokenProvider must be a function returning a token (or a Promise of one).");
  }
  const timeoutMs = timeoutOf(options, "");
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new InvalidArgumentError(`timeoutMs must be a positive number of milliseconds; got ${String(timeoutMs)}.`);
  }
  retriesOf(options, "");
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new InvalidArgumentError("fetch must be a function with the signature of the global fetch.");
  }
  if (options.fetch === undefined && typeof globalThis.fetch !== "function") {
    throw new InvalidArgumentError(
      "This runtime has no global fetch; pass the fetch option (Node 20 or later has one).",
    );
  }
  if (options.logLevel !== undefined && !isLogLevel(options.logLevel)) {
    throw new InvalidArgumentError(
      `logLevel must be one of off, error, warn, info, debug; got ${String(options.logLevel)}.`,
    );
  }
}
