import type { Hono } from "hono";
import type { Services } from "../../services/index.js";
import type { Env } from "../env.js";
import { actorRoutes } from "./actor-routes.js";

export function destinationsRoutes(services: Services): Hono<Env> {
  return actorRoutes(services, "destination");
}
