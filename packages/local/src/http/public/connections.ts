import type { ConnectionCreateRequest, ConnectionPatchRequest } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body, pageEnvelope, pageRequest, query, uuidParam } from "../edge.js";
import type { Env } from "../env.js";

export function connectionsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .get("/connections", (c) => {
      const q = query(c);
      const page = pageRequest(c);
      const workspaceIds = q.uuids("workspaceIds");
      const tagIds = q.uuids("tagIds");
      const includeDeleted = q.boolean("includeDeleted");
      const data = services.connections.list(c.get("caller"), { workspaceIds, tagIds, includeDeleted, ...page });
      // As on Airbyte, the tag filter is not carried in the next and previous links.
      return c.json(
        pageEnvelope(c, data, page, [
          ["includeDeleted", String(includeDeleted)],
          ["workspaceIds", workspaceIds.length ? workspaceIds.join(",") : undefined],
        ]),
      );
    })
    .post("/connections", async (c) => {
      const input = body<ConnectionCreateRequest>(c);
      const ids = { sourceId: input.sourceId.toLowerCase(), destinationId: input.destinationId.toLowerCase() };
      return c.json(await services.connections.create(c.get("caller"), { ...input, ...ids }));
    })
    .get("/connections/:connectionId", (c) =>
      c.json(services.connections.get(c.get("caller"), uuidParam(c, "connectionId"))),
    )
    .patch("/connections/:connectionId", async (c) => {
      const connectionId = uuidParam(c, "connectionId");
      const input = body<ConnectionPatchRequest>(c);
      return c.json(await services.connections.update(c.get("caller"), connectionId, input));
    })
    .delete("/connections/:connectionId", (c) => {
      services.connections.delete(c.get("caller"), uuidParam(c, "connectionId"));
      return c.body(null, 204);
    });
}
