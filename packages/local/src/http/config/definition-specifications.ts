import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

export function definitionSpecificationsRoutes(services: Services): Hono<Env> {
  const { definitionSpecifications: specifications } = services;
  return new Hono<Env>()
    .post("/source_definition_specifications/get", (c) => {
      const input = body<Config.SourceDefinitionIdWithWorkspaceId>(c);
      return c.json(specifications.source(c.get("caller"), input));
    })
    .post("/destination_definition_specifications/get", (c) => {
      const input = body<Config.DestinationDefinitionIdWithWorkspaceId>(c);
      return c.json(specifications.destination(c.get("caller"), input));
    });
}
