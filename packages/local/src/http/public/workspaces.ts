import type { WorkspaceCreateRequest, WorkspaceOAuthCredentialsRequest, WorkspaceUpdateRequest } from "airbyte-ts";
import { Hono } from "hono";
import { notImplemented } from "../../services/errors.js";
import type { Services } from "../../services/index.js";
import { body, pageEnvelope, pageRequest, query, uuidParam } from "../edge.js";
import type { Env } from "../env.js";
import { anyObject, boolean, nonEmpty, object, oneOfValues, string, uuid } from "../schema.js";

const notificationConfig = object({
  email: object({ enabled: boolean() }),
  webhook: object({ enabled: boolean(), url: string() }),
});
const notifications = object(
  Object.fromEntries(
    [
      "failure",
      "success",
      "connectionUpdate",
      "connectionUpdateActionRequired",
      "syncDisabled",
      "syncDisabledWarning",
    ].map((kind) => [kind, notificationConfig]),
  ),
);
const createSchema = object({ name: nonEmpty(), organizationId: uuid(), notifications, regionId: uuid() }, ["name"]);
const updateSchema = object({ name: nonEmpty(), notifications, regionId: uuid() });
const oauthCredentialsSchema = object(
  { actorType: oneOfValues(["source", "destination"]), name: nonEmpty(), configuration: anyObject() },
  ["actorType", "name", "configuration"],
);

export function workspacesRoutes(services: Services): Hono<Env> {
  return (
    new Hono<Env>()
      .get("/workspaces", (c) => {
        const q = query(c);
        const page = pageRequest(c);
        const workspaceIds = q.uuids("workspaceIds");
        const includeDeleted = q.boolean("includeDeleted", false);
        const data = services.workspaces.list(c.get("caller"), { workspaceIds, includeDeleted, ...page });
        return c.json(
          pageEnvelope(c, data, page, [
            ["includeDeleted", String(includeDeleted)],
            ["workspaceIds", workspaceIds.length ? workspaceIds.join(",") : undefined],
          ]),
        );
      })
      .post("/workspaces", async (c) => {
        const input = await body<WorkspaceCreateRequest>(c, createSchema);
        return c.json(services.workspaces.create(c.get("caller"), input));
      })
      .get("/workspaces/:workspaceId", (c) =>
        c.json(services.workspaces.get(c.get("caller"), uuidParam(c, "workspaceId"))),
      )
      .patch("/workspaces/:workspaceId", async (c) => {
        const workspaceId = uuidParam(c, "workspaceId");
        const input = await body<WorkspaceUpdateRequest>(c, updateSchema);
        return c.json(services.workspaces.update(c.get("caller"), workspaceId, input));
      })
      .delete("/workspaces/:workspaceId", (c) => {
        services.workspaces.delete(c.get("caller"), uuidParam(c, "workspaceId"));
        return c.body(null, 204);
      })
      // OAuth credential overrides exist on Airbyte Cloud only; a self-managed Airbyte answers 501.
      .put("/workspaces/:workspaceId/oauthCredentials", async (c) => {
        uuidParam(c, "workspaceId");
        await body<WorkspaceOAuthCredentialsRequest>(c, oauthCredentialsSchema);
        throw notImplemented("Workspace OAuth credential overrides are available on Airbyte Cloud only.");
      })
      .delete("/workspaces/:workspaceId/oauthCredentials/:actorType/:name", (c) => {
        uuidParam(c, "workspaceId");
        throw notImplemented("Workspace OAuth credential overrides are available on Airbyte Cloud only.");
      })
  );
}
