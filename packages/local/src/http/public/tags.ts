import type { TagCreateRequest, TagPatchRequest } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body, query, uuidParam } from "../edge.js";
import type { Env } from "../env.js";

export function tagsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .get("/tags", (c) => {
      const workspaceIds = query(c).uuids("workspaceIds");
      return c.json({ data: services.tags.list(c.get("caller"), workspaceIds) });
    })
    .post("/tags", (c) => {
      const input = body<TagCreateRequest>(c);
      return c.json(services.tags.create(c.get("caller"), { ...input, workspaceId: input.workspaceId.toLowerCase() }));
    })
    .get("/tags/:tagId", (c) => c.json(services.tags.get(c.get("caller"), uuidParam(c, "tagId"))))
    .patch("/tags/:tagId", (c) => {
      const tagId = uuidParam(c, "tagId");
      const input = body<TagPatchRequest>(c);
      return c.json(services.tags.update(c.get("caller"), tagId, input));
    })
    .delete("/tags/:tagId", (c) => {
      services.tags.delete(c.get("caller"), uuidParam(c, "tagId"));
      return c.body(null, 204);
    });
}
