import type { PermissionCreateRequest, PermissionUpdateRequest } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body, query, uuidParam } from "../edge.js";
import type { Env } from "../env.js";
import { object, oneOfValues, uuid } from "../schema.js";

/** The roles the API may grant (PublicPermissionType). */
const PUBLIC_PERMISSION_TYPES = [
  "organization_admin",
  "organization_editor",
  "organization_runner",
  "organization_reader",
  "organization_member",
  "workspace_admin",
  "workspace_editor",
  "workspace_runner",
  "workspace_reader",
];
/** Every role (PermissionType), as an update names it; the service refuses instance_admin. */
const PERMISSION_TYPES = [...PUBLIC_PERMISSION_TYPES, "instance_admin", "workspace_owner"];

const createSchema = object(
  {
    permissionType: oneOfValues(PUBLIC_PERMISSION_TYPES),
    userId: uuid(),
    workspaceId: uuid(),
    organizationId: uuid(),
  },
  ["permissionType", "userId"],
);
const updateSchema = object({ permissionType: oneOfValues(PERMISSION_TYPES) }, ["permissionType"]);

export function permissionsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .get("/permissions", (c) => {
      const q = query(c);
      const filter = { userId: q.uuid("userId"), organizationId: q.uuid("organizationId") };
      return c.json({ data: services.permissions.list(c.get("caller"), filter) });
    })
    .post("/permissions", async (c) => {
      const input = await body<PermissionCreateRequest>(c, createSchema);
      return c.json(services.permissions.create(c.get("caller"), input));
    })
    .get("/permissions/:permissionId", (c) =>
      c.json(services.permissions.get(c.get("caller"), uuidParam(c, "permissionId"))),
    )
    .patch("/permissions/:permissionId", async (c) => {
      const permissionId = uuidParam(c, "permissionId");
      const input = await body<PermissionUpdateRequest>(c, updateSchema);
      return c.json(services.permissions.update(c.get("caller"), permissionId, input.permissionType));
    })
    .delete("/permissions/:permissionId", (c) => {
      services.permissions.delete(c.get("caller"), uuidParam(c, "permissionId"));
      return c.body(null, 204);
    });
}
