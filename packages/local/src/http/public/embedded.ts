import type { EmbeddedScopedTokenRequest, EmbeddedWidgetRequest } from "airbyte-ts";
import { Hono } from "hono";
import { notImplemented } from "../../services/errors.js";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";
import { nonEmpty, object, uuid } from "../schema.js";

const widgetSchema = object({ allowedOrigin: nonEmpty(), externalUserId: nonEmpty(), organizationId: uuid() }, [
  "allowedOrigin",
  "externalUserId",
  "organizationId",
]);
const scopedTokenSchema = object({ workspaceId: uuid() }, ["workspaceId"]);
const CLOUD_ONLY = "Airbyte Embedded tokens are available on Airbyte Cloud only.";

/** Airbyte Embedded: its tokens are a Cloud feature; the organizations list works locally. */
export function embeddedRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .post("/embedded/widget_token", async (c) => {
      await body<EmbeddedWidgetRequest>(c, widgetSchema);
      throw notImplemented(CLOUD_ONLY);
    })
    .post("/embedded/scoped_token", async (c) => {
      await body<EmbeddedScopedTokenRequest>(c, scopedTokenSchema);
      throw notImplemented(CLOUD_ONLY);
    })
    .get("/embedded/organizations", (c) =>
      c.json({ organizations: services.identity.embeddedOrganizations(c.get("caller")) }),
    );
}
