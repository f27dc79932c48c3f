import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

export function definitionsRoutes(services: Services): Hono<Env> {
  const { definitionLists: lists } = services;
  return new Hono<Env>()
    .post("/source_definitions/list_for_workspace", (c) => {
      const input = body<Config.WorkspaceIdActorDefinitionRequestBody>(c);
      return c.json(lists.sources(c.get("caller"), input));
    })
    .post("/destination_definitions/list_for_workspace", (c) => {
      const input = body<Config.WorkspaceIdActorDefinitionRequestBody>(c);
      return c.json(lists.destinations(c.get("caller"), input));
    });
}
