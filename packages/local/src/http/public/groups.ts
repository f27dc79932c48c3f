import type {
  GroupCreateRequest,
  GroupMemberAddRequest,
  GroupPermissionCreateRequest,
  GroupUpdateRequest,
} from "airbyte-ts";
import { type Context, Hono } from "hono";
import type { Slice } from "../../services/groups.js";
import type { Services } from "../../services/index.js";
import { body, type PageRequest, pageRequest, query, uuidParam } from "../edge.js";
import type { Env } from "../env.js";

export function groupsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .get("/groups", (c) => {
      const q = query(c);
      const organizationId = q.uuid("organizationId") as string;
      const page = pageRequest(c);
      const slice = services.groups.list(c.get("caller"), organizationId, page);
      return c.json(pageLinks(c, slice, page, [["organizationId", organizationId]]));
    })
    .post("/groups", (c) => {
      const input = body<GroupCreateRequest>(c);
      return c.json(services.groups.create(c.get("caller"), input));
    })
    .get("/groups/:groupId", (c) => c.json(services.groups.get(c.get("caller"), uuidParam(c, "groupId"))))
    .patch("/groups/:groupId", (c) => {
      const groupId = uuidParam(c, "groupId");
      const input = body<GroupUpdateRequest>(c);
      return c.json(services.groups.update(c.get("caller"), groupId, input));
    })
    .delete("/groups/:groupId", (c) => {
      services.groups.delete(c.get("caller"), uuidParam(c, "groupId"));
      return c.body(null, 204);
    })
    .get("/groups/:groupId/members", (c) => {
      const groupId = uuidParam(c, "groupId");
      const page = pageRequest(c);
      return c.json(pageLinks(c, services.groups.listMembers(c.get("caller"), groupId, page), page));
    })
    .post("/groups/:groupId/members", (c) => {
      const groupId = uuidParam(c, "groupId");
      const input = body<GroupMemberAddRequest>(c);
      return c.json(services.groups.addMember(c.get("caller"), groupId, input.userId), 201);
    })
    .delete("/groups/:groupId/members/:userId", (c) => {
      services.groups.removeMember(c.get("caller"), uuidParam(c, "groupId"), uuidParam(c, "userId"));
      return c.body(null, 204);
    })
    .get("/groups/:groupId/permissions", (c) =>
      c.json({ data: services.groups.listPermissions(c.get("caller"), uuidParam(c, "groupId")) }),
    )
    .post("/groups/:groupId/permissions", (c) => {
      const groupId = uuidParam(c, "groupId");
      const input = body<GroupPermissionCreateRequest>(c);
      return c.json(services.groups.createPermission(c.get("caller"), groupId, input), 201);
    })
    .delete("/groups/:groupId/permissions/:permissionId", (c) => {
      const groupId = uuidParam(c, "groupId");
      services.groups.deletePermission(c.get("caller"), groupId, uuidParam(c, "permissionId"));
      return c.body(null, 204);
    });
}

/**
 * The group lists' envelope, as Airbyte's group controllers build it (unlike the other lists):
 * `next` only when another page has items, `previous` only after the first page.
 */
function pageLinks<T>(c: Context, slice: Slice<T>, page: PageRequest, filters: [string, string][] = []) {
  const url = new URL(c.req.url);
  const link = (offset: number) => {
    const params = filters.map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    params.push(`limit=${page.limit}`, `offset=${offset}`);
    return `${url.origin}${url.pathname}?${params.join("&")}`;
  };
  return {
    data: slice.data,
    ...(slice.more ? { next: link(page.offset + page.limit) } : {}),
    ...(page.offset > 0 ? { previous: link(Math.max(page.offset - page.limit, 0)) } : {}),
  };
}
