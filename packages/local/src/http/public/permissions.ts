import type { PermissionCreateRequest, PermissionUpdateRequest } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body, query, uuidParam } from "../edge.js";
import type { Env } from "../env.js";

export function permissionsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .get("/permissions", (c) => {
      const q = query(c);
      const filter = { userId: q.uuid("userId"), organizationId: q.uuid("organizationId") };
      return c.json({ data: services.permissions.list(c.get("caller"), filter) });
    })
    .post("/permissions", (c) => {
      const input = body<PermissionCreateRequest>(c);
      return c.json(services.permissions.create(c.get("caller"), input));
    })
    .get("/permissions/:permissionId", (c) =>
      c.json(services.permissions.get(c.get("caller"), uuidParam(c, "permissionId"))),
    )
    .patch("/permissions/:permissionId", (c) => {
      const permissionId = uuidParam(c, "permissionId");
      const input = body<PermissionUpdateRequest>(c);
      return c.json(services.permissions.update(c.get("caller"), permissionId, input.permissionType));
    })
    .delete("/permissions/:permissionId", (c) => {
      services.permissions.delete(c.get("caller"), uuidParam(c, "permissionId"));
      return c.body(null, 204);
    });
}
