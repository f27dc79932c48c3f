import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

export function webBackendRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .post("/web_backend/connections/get", async (c) => {
      const input = body<Config.WebBackendConnectionRequestBody>(c);
      const read = await services.webBackend.get(
        c.get("caller"),
        input.connectionId.toLowerCase(),
        input.withRefreshedCatalog ?? false,
      );
      return c.json(read);
    })
    .post("/web_backend/connections/update", async (c) => {
      const input = body<Config.WebBackendConnectionUpdate>(c);
      return c.json(
        await services.webBackend.update(c.get("caller"), {
          ...input,
          connectionId: input.connectionId.toLowerCase(),
        }),
      );
    });
}
