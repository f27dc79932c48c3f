import type { OrganizationOAuthCredentialsRequest } from "airbyte-ts";
import { Hono } from "hono";
import { badRequest, notImplemented } from "../../services/errors.js";
import type { Services } from "../../services/index.js";
import { body, uuidParam } from "../edge.js";
import type { Env } from "../env.js";
import { anyObject, nonEmpty, object, oneOfValues } from "../schema.js";

const ACTOR_TYPES = ["source", "destination"] as const;
const oauthCredentialsSchema = object(
  { actorType: oneOfValues(ACTOR_TYPES), name: nonEmpty(), configuration: anyObject() },
  ["actorType", "name", "configuration"],
);
const CLOUD_ONLY = "Organization OAuth credential overrides are available on Airbyte Cloud only.";

export function organizationsRoutes(services: Services): Hono<Env> {
  return (
    new Hono<Env>()
      .get("/organizations", (c) => c.json({ data: services.identity.listOrganizationsForCaller(c.get("caller")) }))
      // OAuth credential overrides exist on Airbyte Cloud only; a self-managed Airbyte answers 501.
      .put("/organizations/:organizationId/oauthCredentials", async (c) => {
        uuidParam(c, "organizationId");
        await body<OrganizationOAuthCredentialsRequest>(c, oauthCredentialsSchema);
        throw notImplemented(CLOUD_ONLY);
      })
      .delete("/organizations/:organizationId/oauthCredentials/:actorType/:name", (c) => {
        uuidParam(c, "organizationId");
        const actorType = c.req.param("actorType");
        if (!ACTOR_TYPES.includes(actorType as (typeof ACTOR_TYPES)[number])) {
          throw badRequest(`actorType must be source or destination; got "${actorType}".`);
        }
        throw notImplemented(CLOUD_ONLY);
      })
  );
}
