import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";
import { object, uuid } from "../schema.js";

const organizationIdSchema = object({ organizationId: uuid() }, ["organizationId"]);

export function organizationsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>().post("/organizations/get_organization_info", async (c) => {
    const input = await body<Config.OrganizationIdRequestBody>(c, organizationIdSchema);
    return c.json(services.identity.organizationInfo(c.get("caller"), input.organizationId));
  });
}
