import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

export function sourcesRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .post("/sources/check_connection", async (c) => {
      const input = body<Config.SourceIdRequestBody>(c);
      return c.json(await services.discovery.checkSource(c.get("caller"), input.sourceId));
    })
    .post("/sources/discover_schema", async (c) => {
      const input = body<Config.SourceDiscoverSchemaRequestBody>(c);
      return c.json(
        await services.discovery.discoverSchema(c.get("caller"), {
          sourceId: input.sourceId,
          disableCache: input.disable_cache ?? false,
        }),
      );
    });
}
