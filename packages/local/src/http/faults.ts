/**
 * Injected faults, for testing clients against a misbehaving Airbyte: added latency, 5xx
 * answers, 429 with Retry-After, and dropped connections. Decisions come from a seeded
 * generator, one draw per request, so a run with the same seed and the same requests fails
 * the same way. A fault may strike before the request is handled (nothing happened) or after
 * (the work is done but the client never learns it), which is what makes retries dangerous.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { MiddlewareHandler } from "hono";
import type { FaultOptions, FaultSwitch } from "../faults.js";
import type { Env } from "./env.js";

const ERRORS_TYPE = "https://reference.airbyte.com/reference/errors";

type Fault =
  | { kind: "none" }
  | { kind: "error"; status: number; after: boolean }
  | { kind: "rate-limit" }
  | { kind: "drop"; after: boolean };

export function faults(
  faultSwitch: FaultSwitch,
): MiddlewareHandler<Env & { Bindings: { incoming?: IncomingMessage } }> {
  let plan: FaultPlan | undefined;
  return async (c, next) => {
    const options = faultSwitch.current;
    if (!options) return next();
    if (plan?.options !== options) plan = new FaultPlan(options);
    if (!plan.applies(c.req.method, c.req.path)) return next();
    const random = plan.random;
    const latency = pickLatency(options.latencyMs, random);
    const fault = pickFault(options, random);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));

    // Each API's own error shape, so a client (and a test checking answers against Airbyte's
    // documents) sees a fault as it would see the server's own failure.
    const isConfig = c.req.path.startsWith("/api/v1/");
    if (fault.kind === "rate-limit") {
      c.header("retry-after", String(options.retryAfterSeconds ?? 1));
      const message = "You are being rate limited.";
      return c.json(
        isConfig
          ? { message, errorId: randomUUID() }
          : { status: 429, type: ERRORS_TYPE, title: "rate-limited", detail: message, data: { message } },
        429,
      );
    }
    if (fault.kind === "none") return next();
    if (fault.after) await next();
    if (fault.kind === "drop") {
      c.env.incoming?.socket.destroy();
      c.res = new Response(null, { status: 500 }); // never delivered: the socket is gone
      return;
    }
    const message = `Injected ${fault.status}${fault.after ? " after handling the request" : ""}.`;
    const body = isConfig
      ? { message, errorId: randomUUID() }
      : {
          status: fault.status,
          type: ERRORS_TYPE,
          title: "unexpected-problem",
          detail: "Injected fault.",
          data: { message },
        };
    // Replaces whatever the handler answered.
    c.res = new Response(JSON.stringify(body), {
      status: fault.status,
      headers: { "content-type": "application/json" },
    });
  };
}

/** The generator and route matchers of one set of options. */
class FaultPlan {
  readonly random: () => number;
  private readonly include: Matcher[];
  private readonly exclude: Matcher[];

  constructor(readonly options: FaultOptions) {
    this.random = mulberry32(options.seed ?? 1);
    this.include = (options.include ?? []).map(toMatcher);
    this.exclude = (options.exclude ?? ["/api/public/v1/health", "/api/v1/health"]).map(toMatcher);
  }

  applies(method: string, path: string): boolean {
    return (
      (this.include.length === 0 || this.include.some((m) => m(method, path))) &&
      !this.exclude.some((m) => m(method, path))
    );
  }
}

type Matcher = (method: string, path: string) => boolean;

function pickFault(options: FaultOptions, random: () => number): Fault {
  const draw = random();
  const after = options.phase === "after" || (options.phase !== "before" && random() < 0.5);
  const errorRate = options.errorRate ?? 0;
  const rateLimitRate = options.rateLimitRate ?? 0;
  const dropRate = options.dropRate ?? 0;
  if (draw < errorRate) return { kind: "error", status: [500, 502, 503][Math.floor(random() * 3)] as number, after };
  if (draw < errorRate + rateLimitRate) return { kind: "rate-limit" };
  if (draw < errorRate + rateLimitRate + dropRate) return { kind: "drop", after };
  return { kind: "none" };
}

function pickLatency(latency: FaultOptions["latencyMs"], random: () => number): number {
  if (latency === undefined) return 0;
  if (typeof latency === "number") return latency;
  const [min, max] = latency;
  return min + Math.round(random() * (max - min));
}

function toMatcher(pattern: string): Matcher {
  const [method, path] = pattern.includes(" ") ? (pattern.split(" ", 2) as [string, string]) : [undefined, pattern];
  const regex = new RegExp(
    `^${path
      .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\/\*\*$/, "(/.*)?")
      .replace(/\*/g, "[^/]+")}$`,
  );
  return (m, p) => (method === undefined || method.toUpperCase() === m) && regex.test(p);
}

/** A small, fast, seedable generator (Mulberry32). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
