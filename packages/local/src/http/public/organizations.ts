import { Hono } from "hono";
import { notImplemented } from "../../services/errors.js";
import type { Services } from "../../services/index.js";
import type { Env } from "../env.js";

const CLOUD_ONLY = "Organization OAuth credential overrides are available on Airbyte Cloud only.";

export function organizationsRoutes(services: Services): Hono<Env> {
  return (
    new Hono<Env>()
      .get("/organizations", (c) => c.json({ data: services.identity.listOrganizationsForCaller(c.get("caller")) }))
      // OAuth credential overrides exist on Airbyte Cloud only; a self-managed Airbyte answers 501
      // (once the edge has found the request valid).
      .put("/organizations/:organizationId/oauthCredentials", () => {
        throw notImplemented(CLOUD_ONLY);
      })
      .delete("/organizations/:organizationId/oauthCredentials/:actorType/:name", () => {
        throw notImplemented(CLOUD_ONLY);
      })
  );
}
