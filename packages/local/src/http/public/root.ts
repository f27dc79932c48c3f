import { type Handler, Hono } from "hono";
import type { Services } from "../../services/index.js";
import type { Env } from "../env.js";

const DOCUMENTATION = "https://reference.airbyte.com/reference/getting-started";

/** `GET /` (getDocumentation): a redirect to the API's documentation. */
export const documentation: Handler<Env> = (c) => c.redirect(DOCUMENTATION, 302);

export function rootRoutes(_services: Services): Hono<Env> {
  return new Hono<Env>().get("/", documentation).get("/health", (c) => c.text("Successful operation"));
}
