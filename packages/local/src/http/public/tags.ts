import type { TagCreateRequest, TagPatchRequest } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body, query, uuidParam } from "../edge.js";
import type { Env } from "../env.js";
import { object, string, uuid } from "../schema.js";

const createSchema = object({ name: string(), color: string(), workspaceId: uuid() }, ["name", "color", "workspaceId"]);
const patchSchema = object({ name: string(), color: string() }, ["name", "color"]);

export function tagsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .get("/tags", (c) => {
      const workspaceIds = query(c).uuids("workspaceIds");
      return c.json({ data: services.tags.list(c.get("caller"), workspaceIds) });
    })
    .post("/tags", async (c) => {
      const input = await body<TagCreateRequest>(c, createSchema);
      return c.json(services.tags.create(c.get("caller"), { ...input, workspaceId: input.workspaceId.toLowerCase() }));
    })
    .get("/tags/:tagId", (c) => c.json(services.tags.get(c.get("caller"), uuidParam(c, "tagId"))))
    .patch("/tags/:tagId", async (c) => {
      const tagId = uuidParam(c, "tagId");
      const input = await body<TagPatchRequest>(c, patchSchema);
      return c.json(services.tags.update(c.get("caller"), tagId, input));
    })
    .delete("/tags/:tagId", (c) => {
      services.tags.delete(c.get("caller"), uuidParam(c, "tagId"));
      return c.body(null, 204);
    });
}
