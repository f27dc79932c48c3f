import type { InitiateOauthRequest } from "airbyte-ts";
import { Hono } from "hono";
import { notImplemented } from "../../services/errors.js";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";
import { anyObject, array, nonEmpty, object, string, uuid } from "../schema.js";
import { actorRoutes } from "./actor-routes.js";

const initiateOAuthSchema = object(
  {
    name: string(),
    sourceType: string(),
    redirectUrl: nonEmpty(),
    workspaceId: uuid(),
    oAuthInputConfiguration: anyObject(),
    requestedScopes: array(string()),
    requestedOptionalScopes: array(string()),
  },
  ["redirectUrl", "workspaceId"],
);

export function sourcesRoutes(services: Services): Hono<Env> {
  return (
    new Hono<Env>()
      // OAuth consent flows need Airbyte Cloud's OAuth applications; a self-managed Airbyte answers 501.
      .post("/sources/initiateOAuth", async (c) => {
        await body<InitiateOauthRequest>(c, initiateOAuthSchema);
        throw notImplemented("Initiating OAuth for a source is available on Airbyte Cloud only.");
      })
      .route("/", actorRoutes(services, "source"))
  );
}
