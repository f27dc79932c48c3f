import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

export function organizationsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>().post("/organizations/get_organization_info", (c) => {
    const input = body<Config.OrganizationIdRequestBody>(c);
    return c.json(services.identity.organizationInfo(c.get("caller"), input.organizationId));
  });
}
