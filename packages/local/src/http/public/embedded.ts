import { Hono } from "hono";
import { notImplemented } from "../../services/errors.js";
import type { Services } from "../../services/index.js";
import type { Env } from "../env.js";

const CLOUD_ONLY = "Airbyte Embedded tokens are available on Airbyte Cloud only.";

/**
 * Airbyte Embedded: its tokens are a Cloud feature (501, once the edge has found the request
 * valid); the organizations list works locally.
 */
export function embeddedRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .post("/embedded/widget_token", () => {
      throw notImplemented(CLOUD_ONLY);
    })
    .post("/embedded/scoped_token", () => {
      throw notImplemented(CLOUD_ONLY);
    })
    .get("/embedded/organizations", (c) =>
      c.json({ organizations: services.identity.embeddedOrganizations(c.get("caller")) }),
    );
}
