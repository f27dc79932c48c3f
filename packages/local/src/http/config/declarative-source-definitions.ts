import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";
import { anyObject, boolean, integer, object, string, uuid } from "../schema.js";

/** DeclarativeSourceManifest: a manifest version with its description and connector specification. */
export const declarativeSourceManifest = object(
  { description: string(), manifest: anyObject(), spec: anyObject(), version: integer({ minimum: 0 }) },
  ["description", "manifest", "spec", "version"],
);

const createManifestSchema = object(
  {
    workspaceId: uuid(),
    sourceDefinitionId: uuid(),
    setAsActiveManifest: boolean(),
    declarativeManifest: declarativeSourceManifest,
    componentsFileContent: string(),
  },
  ["workspaceId", "sourceDefinitionId", "setAsActiveManifest", "declarativeManifest"],
);
const updateActiveSchema = object(
  { workspaceId: uuid(), sourceDefinitionId: uuid(), version: integer({ minimum: 0 }) },
  ["workspaceId", "sourceDefinitionId", "version"],
);
const listSchema = object({ workspaceId: uuid(), sourceDefinitionId: uuid() }, ["workspaceId", "sourceDefinitionId"]);

export function declarativeSourceDefinitionsRoutes(services: Services): Hono<Env> {
  const { definitions } = services;
  return new Hono<Env>()
    .post("/declarative_source_definitions/create_manifest", async (c) => {
      const input = await body<Config.DeclarativeSourceDefinitionCreateManifestRequestBody>(c, createManifestSchema);
      definitions.createManifest(c.get("caller"), input);
      return c.body(null, 201);
    })
    .post("/declarative_source_definitions/update_active_manifest", async (c) => {
      const input = await body<Config.UpdateActiveManifestRequestBody>(c, updateActiveSchema);
      definitions.updateActiveManifest(c.get("caller"), input);
      return c.body(null, 204);
    })
    .post("/declarative_source_definitions/list_manifests", async (c) => {
      const input = await body<Config.ListDeclarativeManifestsRequestBody>(c, listSchema);
      return c.json(definitions.listManifests(c.get("caller"), input));
    });
}
