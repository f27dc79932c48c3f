import type { WorkspaceCreateRequest, WorkspaceUpdateRequest } from "airbyte-ts";
import { Hono } from "hono";
import { notImplemented } from "../../services/errors.js";
import type { Services } from "../../services/index.js";
import { body, pageEnvelope, pageRequest, query, uuidParam } from "../edge.js";
import type { Env } from "../env.js";

export function workspacesRoutes(services: Services): Hono<Env> {
  return (
    new Hono<Env>()
      .get("/workspaces", (c) => {
        const q = query(c);
        const page = pageRequest(c);
        const workspaceIds = q.uuids("workspaceIds");
        const includeDeleted = q.boolean("includeDeleted");
        const data = services.workspaces.list(c.get("caller"), { workspaceIds, includeDeleted, ...page });
        return c.json(
          pageEnvelope(c, data, page, [
            ["includeDeleted", String(includeDeleted)],
            ["workspaceIds", workspaceIds.length ? workspaceIds.join(",") : undefined],
          ]),
        );
      })
      .post("/workspaces", (c) => {
        const input = body<WorkspaceCreateRequest>(c);
        return c.json(services.workspaces.create(c.get("caller"), input));
      })
      .get("/workspaces/:workspaceId", (c) =>
        c.json(services.workspaces.get(c.get("caller"), uuidParam(c, "workspaceId"))),
      )
      .patch("/workspaces/:workspaceId", (c) => {
        const workspaceId = uuidParam(c, "workspaceId");
        const input = body<WorkspaceUpdateRequest>(c);
        return c.json(services.workspaces.update(c.get("caller"), workspaceId, input));
      })
      .delete("/workspaces/:workspaceId", (c) => {
        services.workspaces.delete(c.get("caller"), uuidParam(c, "workspaceId"));
        return c.body(null, 204);
      })
      // OAuth credential overrides exist on Airbyte Cloud only; a self-managed Airbyte answers 501.
      .put("/workspaces/:workspaceId/oauthCredentials", () => {
        throw notImplemented("Workspace OAuth credential overrides are available on Airbyte Cloud only.");
      })
      .delete("/workspaces/:workspaceId/oauthCredentials/:actorType/:name", () => {
        throw notImplemented("Workspace OAuth credential overrides are available on Airbyte Cloud only.");
      })
  );
}
