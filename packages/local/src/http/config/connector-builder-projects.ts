import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

export function connectorBuilderProjectsRoutes(services: Services): Hono<Env> {
  const { builderProjects } = services;
  return new Hono<Env>()
    .post("/connector_builder_projects/create", (c) => {
      const input = body<Config.ConnectorBuilderProjectWithWorkspaceId>(c);
      return c.json(builderProjects.create(c.get("caller"), input), 201);
    })
    .post("/connector_builder_projects/publish", (c) => {
      const input = body<Config.ConnectorBuilderPublishRequestBody>(c);
      return c.json(builderProjects.publish(c.get("caller"), input));
    })
    .post("/connector_builder_projects/get_for_definition_id", (c) => {
      const input = body<Config.BuilderProjectForDefinitionRequestBody>(c);
      return c.json(builderProjects.forDefinition(c.get("caller"), input));
    })
    .post("/connector_builder_projects/get_with_manifest", (c) => {
      const input = body<Config.ConnectorBuilderProjectIdWithWorkspaceId>(c);
      return c.json(builderProjects.withManifest(c.get("caller"), input));
    })
    .post("/connector_builder_projects/update_testing_values", (c) => {
      const input = body<Config.ConnectorBuilderProjectTestingValuesUpdate>(c);
      return c.json(builderProjects.updateTestingValues(c.get("caller"), input));
    });
}
