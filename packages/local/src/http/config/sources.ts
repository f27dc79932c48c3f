import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";
import { boolean, object, oneOfValues, uuid } from "../schema.js";

const sourceIdSchema = object({ sourceId: uuid() }, ["sourceId"]);
const discoverSchema = object(
  { sourceId: uuid(), connectionId: uuid(), disable_cache: boolean(), priority: oneOfValues(["high", "default"]) },
  ["sourceId"],
);

export function sourcesRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .post("/sources/check_connection", async (c) => {
      const input = await body<Config.SourceIdRequestBody>(c, sourceIdSchema);
      return c.json(await services.discovery.checkSource(c.get("caller"), input.sourceId));
    })
    .post("/sources/discover_schema", async (c) => {
      const input = await body<Config.SourceDiscoverSchemaRequestBody>(c, discoverSchema);
      return c.json(
        await services.discovery.discoverSchema(c.get("caller"), {
          sourceId: input.sourceId,
          disableCache: input.disable_cache ?? false,
        }),
      );
    });
}
