import type { ApplicationCreate } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body, uuidParam } from "../edge.js";
import type { Env } from "../env.js";

export function applicationsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .get("/applications", (c) => c.json({ applications: services.applications.list(c.get("caller")) }))
    .post("/applications", (c) => {
      const input = body<ApplicationCreate>(c);
      return c.json(services.applications.create(c.get("caller"), input.name));
    })
    .post("/applications/token", async (c) => {
      const input = body<TokenRequest>(c);
      const clientId = input.client_id ?? input.clientId ?? "";
      const clientSecret = input.client_secret ?? input.clientSecret ?? "";
      return c.json(await services.applications.issueToken(clientId, clientSecret));
    })
    .get("/applications/:applicationId", (c) =>
      c.json(services.applications.get(c.get("caller"), uuidParam(c, "applicationId"))),
    )
    .delete("/applications/:applicationId", (c) =>
      c.json(services.applications.delete(c.get("caller"), uuidParam(c, "applicationId"))),
    );
}

/**
 * The token request, as JSON or as a form (OAuth2 clients send forms), its credentials spelled
 * `client_id`/`client_secret` or, as the document's examples spell them, `clientId`/`clientSecret`.
 */
type TokenRequest = Partial<Record<"client_id" | "client_secret" | "clientId" | "clientSecret", string | null>>;
