import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import type { Env } from "../env.js";

const DOCUMENTATION = "https://reference.airbyte.com/reference/getting-started";

export function rootRoutes(_services: Services): Hono<Env> {
  return new Hono<Env>()
    .get("/", (c) => c.redirect(DOCUMENTATION, 302))
    .get("/health", (c) => c.text("Successful operation"));
}
