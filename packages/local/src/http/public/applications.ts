import type { ApplicationCreate, ApplicationTokenRequestWithGrant } from "airbyte-ts";
import { Hono } from "hono";
import { badRequest } from "../../services/errors.js";
import type { Services } from "../../services/index.js";
import { body, check, uuidParam } from "../edge.js";
import type { Env } from "../env.js";
import { nonEmpty, object, string } from "../schema.js";

const createSchema = object({ name: nonEmpty() }, ["name"]);
const tokenSchema = object({ client_id: nonEmpty(), client_secret: nonEmpty(), grant_type: string() }, [
  "client_id",
  "client_secret",
]);

export function applicationsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .get("/applications", (c) => c.json({ applications: services.applications.list(c.get("caller")) }))
    .post("/applications", async (c) => {
      const input = await body<ApplicationCreate>(c, createSchema);
      return c.json(services.applications.create(c.get("caller"), input.name));
    })
    .post("/applications/token", async (c) => {
      const input = await tokenRequest(c.req.header("content-type") ?? "", await c.req.text());
      return c.json(await services.applications.issueToken(input.client_id, input.client_secret));
    })
    .get("/applications/:applicationId", (c) =>
      c.json(services.applications.get(c.get("caller"), uuidParam(c, "applicationId"))),
    )
    .delete("/applications/:applicationId", (c) =>
      c.json(services.applications.delete(c.get("caller"), uuidParam(c, "applicationId"))),
    );
}

/**
 * The token request, as JSON or as a form (OAuth2 clients send forms). The documents' examples
 * also spell the fields `clientId`/`clientSecret`, which are accepted too.
 */
async function tokenRequest(contentType: string, text: string): Promise<ApplicationTokenRequestWithGrant> {
  let fields: Record<string, unknown>;
  if (contentType.includes("application/x-www-form-urlencoded")) {
    fields = Object.fromEntries(new URLSearchParams(text));
  } else {
    try {
      fields = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw badRequest("The token request must be JSON or a form with client_id and client_secret.");
    }
  }
  const normalized = {
    client_id: fields.client_id ?? fields.clientId,
    client_secret: fields.client_secret ?? fields.clientSecret,
    grant_type: fields.grant_type ?? fields["grant-type"] ?? "client_credentials",
  };
  return check<ApplicationTokenRequestWithGrant>(normalized, tokenSchema);
}
