import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";
import { anyObject, integer, nonEmpty, object, string, uuid } from "../schema.js";
import { declarativeSourceManifest } from "./declarative-source-definitions.js";

const createSchema = object(
  {
    workspaceId: uuid(),
    builderProject: object(
      {
        name: nonEmpty(),
        draftManifest: anyObject(),
        yamlManifest: string(),
        componentsFileContent: string(),
        baseActorDefinitionVersionId: uuid(),
        contributionPullRequestUrl: string(),
        contributionActorDefinitionId: uuid(),
      },
      ["name"],
    ),
  },
  ["workspaceId", "builderProject"],
);
const publishSchema = object(
  {
    workspaceId: uuid(),
    builderProjectId: uuid(),
    name: nonEmpty(),
    initialDeclarativeManifest: declarativeSourceManifest,
    componentsFileContent: string(),
  },
  ["workspaceId", "builderProjectId", "name", "initialDeclarativeManifest"],
);
const forDefinitionSchema = object({ actorDefinitionId: uuid(), workspaceId: uuid() }, [
  "actorDefinitionId",
  "workspaceId",
]);
const projectIdSchema = object({ workspaceId: uuid(), builderProjectId: uuid(), version: integer({ minimum: 0 }) }, [
  "workspaceId",
  "builderProjectId",
]);
const testingValuesSchema = object(
  { workspaceId: uuid(), builderProjectId: uuid(), spec: anyObject(), testingValues: anyObject() },
  ["workspaceId", "builderProjectId", "spec", "testingValues"],
);

export function connectorBuilderProjectsRoutes(services: Services): Hono<Env> {
  const { definitions } = services;
  return new Hono<Env>()
    .post("/connector_builder_projects/create", async (c) => {
      const input = await body<Config.ConnectorBuilderProjectWithWorkspaceId>(c, createSchema);
      return c.json(definitions.createBuilderProject(c.get("caller"), input), 201);
    })
    .post("/connector_builder_projects/publish", async (c) => {
      const input = await body<Config.ConnectorBuilderPublishRequestBody>(c, publishSchema);
      return c.json(definitions.publishBuilderProject(c.get("caller"), input));
    })
    .post("/connector_builder_projects/get_for_definition_id", async (c) => {
      const input = await body<Config.BuilderProjectForDefinitionRequestBody>(c, forDefinitionSchema);
      return c.json(definitions.builderProjectForDefinition(c.get("caller"), input));
    })
    .post("/connector_builder_projects/get_with_manifest", async (c) => {
      const input = await body<Config.ConnectorBuilderProjectIdWithWorkspaceId>(c, projectIdSchema);
      return c.json(definitions.builderProjectWithManifest(c.get("caller"), input));
    })
    .post("/connector_builder_projects/update_testing_values", async (c) => {
      const input = await body<Config.ConnectorBuilderProjectTestingValuesUpdate>(c, testingValuesSchema);
      return c.json(definitions.updateTestingValues(c.get("caller"), input));
    });
}
