import type { Hono } from "hono";
import type { Caller } from "../services/access.js";
import type { Services } from "../services/index.js";

/** Hono's environment: the authenticated caller of the request. */
export interface Env {
  Variables: { caller: Caller };
}

/** A group of routes, built over the services. */
export type Routes = (services: Services) => Hono<Env>;
