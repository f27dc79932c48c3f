/**
 * Authentication strategies. Each yields the `Authorization` header of a request and says,
 * after a 401, whether sending the request once more with fresh credentials can help.
 */
import { createHash } from "node:crypto";
import { abortable } from "../internal/sleep.js";

export interface AuthStrategy {
  /** The `Authorization` header value, or undefined to send none. */
  authorization(signal?: AbortSignal): Promise<string | undefined>;
  /**
   * Called after a 401 answered a request sent with `used`. Returns true when a replay with
   * fresh credentials may succeed (the strategy has dropped the rejected credentials).
   */
  unauthorized(used: string | undefined): Promise<boolean>;
  /** Credential strings to scrub from any text the SDK shows. */
  readonly secrets: readonly string[];
}

/**
 * Supplies bearer tokens, e.g. from a secret manager or another OAuth flow. `forceRefresh`
 * is true after the server rejected the previous token.
 */
export type TokenProvider = (context: { forceRefresh: boolean; signal?: AbortSignal }) => string | Promise<string>;

export const noAuth: AuthStrategy = {
  authorization: async () => undefined,
  unauthorized: async () => false,
  secrets: [],
};

export function bearerAuth(token: string): AuthStrategy {
  // Like the Speakeasy SDKs, accept a token that already carries its scheme.
  const header = /^bearer\s/i.test(token) ? token : `Bearer ${token}`;
  return { authorization: async () => header, unauthorized: async () => false, secrets: [token] };
}

export function basicAuth(username: string, password: string): AuthStrategy {
  const encoded = Buffer.from(`${username}:${password}`, "utf8").toString("base64");
  return {
    authorization: async () => `Basic ${encoded}`,
    unauthorized: async () => false,
    secrets: [password, encoded],
  };
}

export function tokenProviderAuth(provider: TokenProvider): AuthStrategy {
  let forceRefresh = false;
  const seen = new Set<string>();
  return {
    async authorization(signal) {
      const force = forceRefresh;
      forceRefresh = false;
      const token = await provider({ forceRefresh: force, ...(signal ? { signal } : {}) });
      seen.add(token);
      if (seen.size > 8) seen.delete(seen.values().next().value as string);
      return /^bearer\s/i.test(token) ? token : `Bearer ${token}`;
    },
    async unauthorized() {
      forceRefresh = true;
      return true;
    },
    get secrets() {
      return [...seen];
    },
  };
}

/** What the token endpoint answered, reduced to what the cache needs. */
export interface IssuedToken {
  accessToken: string;
  /** `expires_in` in seconds, when the server sent it. */
  expiresIn: number | undefined;
}

export interface ClientCredentialsOptions {
  /** Where minted tokens are kept: the client's, shared with its `withOptions()` copies. */
  cache: TokenCache;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Performs the token request (through the transport, without authentication). */
  requestToken: () => Promise<IssuedToken>;
  /** Clock, in epoch milliseconds. */
  now?: () => number;
}

interface CachedToken {
  token: string;
  /** When to stop using the token and mint another. */
  refreshAt: number;
}

export interface CacheSlot {
  current?: CachedToken;
  inFlight?: Promise<CachedToken>;
  minted: number;
}

/**
 * The tokens one client minted, by token URL, client id and secret. A client owns one and hands
 * it to its `withOptions()` copies, so a copy mints no token of its own, while two clients (two
 * identities, or two tests) never see each other's tokens.
 */
export class TokenCache {
  readonly #slots = new Map<string, CacheSlot>();

  slot(key: string): CacheSlot {
    let entry = this.#slots.get(key);
    if (!entry) this.#slots.set(key, (entry = { minted: 0 }));
    return entry;
  }
}

const REFRESH_MARGIN_MS = 60_000;

/** OAuth2 client credentials: one token per lifetime, refreshed 60 s before it expires. */
export function clientCredentialsAuth(options: ClientCredentialsOptions): AuthStrategy {
  // Date.now looked up at each call, not once: a clock replaced later (a test's fake one) is seen.
  const now = options.now ?? (() => Date.now());
  const key = [options.tokenUrl, options.clientId, sha256(options.clientSecret)].join("\u0000");
  const slot = (): CacheSlot => options.cache.slot(key);

  // Concurrent callers share one token request; it runs without any one caller's signal so
  // that a caller giving up does not fail the others.
  const mint = (): Promise<CachedToken> => {
    const entry = slot();
    entry.inFlight ??= (async () => {
      try {
        const issuedAt = now();
        const issued = await options.requestToken();
        entry.minted++;
        entry.current = { token: issued.accessToken, refreshAt: refreshTime(issued, issuedAt) };
        return entry.current;
      } finally {
        entry.inFlight = undefined;
      }
    })();
    return entry.inFlight;
  };

  return {
    async authorization(signal) {
      const entry = slot();
      const cached = entry.current && now() < entry.current.refreshAt ? entry.current : await abortable(mint(), signal);
      return `Bearer ${cached.token}`;
    },
    async unauthorized(used) {
      const entry = slot();
      // Drop the token only if it is the one the server rejected; a newer one may already exist.
      if (entry.current && used === `Bearer ${entry.current.token}`) entry.current = undefined;
      return true;
    },
    get secrets() {
      const token = slot().current?.token;
      return token ? [options.clientSecret, token] : [options.clientSecret];
    },
  };
}

/**
 * The token expires at the earlier of `expires_in` and the JWT's `exp` claim (servers have
 * disagreed with themselves). Refresh 60 s before that; a token that lives a minute or less
 * is used for half its life instead.
 */
function refreshTime(issued: IssuedToken, issuedAt: number): number {
  const candidates: number[] = [];
  if (issued.expiresIn !== undefined) candidates.push(issuedAt + issued.expiresIn * 1000);
  const exp = jwtExpiry(issued.accessToken);
  if (exp !== undefined) candidates.push(exp);
  if (candidates.length === 0) return Number.POSITIVE_INFINITY; // only a 401 retires it
  const expiresAt = Math.min(...candidates);
  const lifetime = expiresAt - issuedAt;
  return expiresAt - (lifetime > REFRESH_MARGIN_MS ? REFRESH_MARGIN_MS : lifetime / 2);
}

/** The `exp` claim of a JWT in epoch milliseconds, or undefined for an opaque token. */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (token.split(".").length !== 3 || !payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const exp = (claims as { exp?: unknown }).exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
