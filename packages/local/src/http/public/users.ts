import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { query } from "../edge.js";
import type { Env } from "../env.js";

export function usersRoutes(services: Services): Hono<Env> {
  return new Hono<Env>().get("/users", (c) => {
    const q = query(c);
    const organizationId = q.uuid("organizationId") as string;
    const filter = { ids: q.uuids("ids"), emails: q.strings("emails") };
    return c.json({ data: services.identity.listUsersInOrganization(c.get("caller"), organizationId, filter) });
  });
}
