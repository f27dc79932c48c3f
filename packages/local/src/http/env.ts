import type { Hono } from "hono";
import type { Caller } from "../services/access.js";
import type { Services } from "../services/index.js";

/** What a request carries, validated at the edge (validation.ts) against its operation's schemas. */
interface RequestInput {
  path: Record<string, unknown>;
  /** Every query parameter the operation declares, with its default when absent. */
  query: Record<string, unknown>;
  body: unknown;
}

/** Hono's environment: the authenticated caller of the request and its validated input. */
export interface Env {
  Variables: { caller: Caller; input: RequestInput };
}

/** A group of routes, built over the services. */
export type Routes = (services: Services) => Hono<Env>;
