/**
 * The faults a server may be told to inject, part of its configuration (config.ts); the HTTP
 * edge (http/faults.ts) is what strikes them.
 */
export interface FaultOptions {
  /** Seed of the generator. Default 1. */
  seed?: number;
  /** Added latency per request: a fixed number of ms, or a [min, max] range. */
  latencyMs?: number | [number, number];
  /** Fraction (0..1) of requests answered 500, 502 or 503. */
  errorRate?: number;
  /** Fraction (0..1) of requests answered 429 with `Retry-After`. */
  rateLimitRate?: number;
  /** `Retry-After` of those 429 answers, in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** Fraction (0..1) of requests whose connection is dropped without an answer. */
  dropRate?: number;
  /**
   * When 5xx answers and dropped connections strike: `before` the request is handled, `after`
   * it was (its effect stays), or `both` (each half the time). Default `both`. A 429 always
   * strikes before.
   */
  phase?: "before" | "after" | "both";
  /**
   * Which requests may fail: patterns `"METHOD /path"` or `"/path"`, `*` matching one path
   * segment and a trailing `**` anything. Default: every request but the health checks.
   */
  include?: string[];
  exclude?: string[];
}

/** Where the current fault options live; the server can change them while it runs. */
export interface FaultSwitch {
  current: FaultOptions | undefined;
}
