import { Hono } from "hono";
import { notImplemented } from "../../services/errors.js";
import type { Services } from "../../services/index.js";
import type { Env } from "../env.js";
import { actorRoutes } from "./actor-routes.js";

export function sourcesRoutes(services: Services): Hono<Env> {
  return (
    new Hono<Env>()
      // OAuth consent flows need Airbyte Cloud's OAuth applications; a self-managed Airbyte answers 501.
      .post("/sources/initiateOAuth", () => {
        throw notImplemented("Initiating OAuth for a source is available on Airbyte Cloud only.");
      })
      .route("/", actorRoutes(services, "source"))
  );
}
