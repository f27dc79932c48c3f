import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

export function declarativeSourceDefinitionsRoutes(services: Services): Hono<Env> {
  const { declarativeDefinitions: definitions } = services;
  return new Hono<Env>()
    .post("/declarative_source_definitions/create_manifest", (c) => {
      const input = body<Config.DeclarativeSourceDefinitionCreateManifestRequestBody>(c);
      definitions.createManifest(c.get("caller"), input);
      return c.body(null, 201);
    })
    .post("/declarative_source_definitions/update_active_manifest", (c) => {
      const input = body<Config.UpdateActiveManifestRequestBody>(c);
      definitions.updateActiveManifest(c.get("caller"), input);
      return c.body(null, 204);
    })
    .post("/declarative_source_definitions/list_manifests", (c) => {
      const input = body<Config.ListDeclarativeManifestsRequestBody>(c);
      return c.json(definitions.listManifests(c.get("caller"), input));
    });
}
