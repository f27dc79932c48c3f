/**
 * Who is calling: a bearer token issued by `POST /applications/token`, HTTP basic with the
 * legacy `airbyte:password` (when enabled), or nobody at all when authentication is off.
 */
import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { ResolvedConfig } from "../config.js";
import type { Caller } from "../services/access.js";
import { ServiceError } from "../services/errors.js";
import { DEFAULT_USER_ID } from "../services/identity.js";
import type { Services } from "../services/index.js";
import type { Env } from "./env.js";

const ADMIN: Caller = { userId: DEFAULT_USER_ID, instanceAdmin: true };

/** Paths (below an API root) anyone may call. */
const OPEN = [/^\/health$/, /^\/applications\/token$/, /^\/oauth\/callback$/, /^\/?$/];

export function authenticate(services: Services, config: ResolvedConfig, root: string): MiddlewareHandler<Env> {
  return async (c, next) => {
    const path = c.req.path.slice(root.length);
    if (config.auth === "none" || OPEN.some((open) => open.test(path))) {
      c.set("caller", ADMIN);
      return next();
    }
    const header = c.req.header("authorization") ?? "";
    const [scheme = "", credentials = ""] = header.split(/\s+/, 2);
    if (/^bearer$/i.test(scheme) && credentials) {
      c.set("caller", await services.applications.verifyToken(credentials));
      return next();
    }
    if (config.auth === "basic" && /^basic$/i.test(scheme) && isBasicAdmin(credentials, config.basicAuth)) {
      c.set("caller", ADMIN);
      return next();
    }
    throw new ServiceError(
      "unauthorized",
      header
        ? "The Authorization header is not a valid credential."
        : "This call needs an Authorization header with a bearer token.",
    );
  };
}

function isBasicAdmin(encoded: string, expected: { username: string; password: string }): boolean {
  const given = Buffer.from(Buffer.from(encoded, "base64").toString("utf8"));
  const wanted = Buffer.from(`${expected.username}:${expected.password}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
