import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

/** Page size of `list_by_organization_id` when `pagination` names none. */
const DEFAULT_PAGE_SIZE = 20;

export function workspacesRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .post("/workspaces/get_organization_info", (c) => {
      const input = body<Config.WorkspaceIdRequestBody>(c);
      return c.json(services.identity.workspaceOrganizationInfo(c.get("caller"), input.workspaceId));
    })
    .post("/workspaces/list_by_organization_id", (c) => {
      const input = body<Config.ListWorkspacesInOrganizationRequestBody>(c);
      const pagination = input.pagination ?? undefined;
      const workspaces = services.identity.listOrganizationWorkspaces(c.get("caller"), {
        organizationId: input.organizationId,
        nameContains: input.nameContains ?? undefined,
        page: pagination && {
          pageSize: pagination.pageSize ?? DEFAULT_PAGE_SIZE,
          rowOffset: pagination.rowOffset ?? 0,
        },
      });
      return c.json({ workspaces });
    });
}
