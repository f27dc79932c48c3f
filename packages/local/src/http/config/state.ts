import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

export function stateRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .post("/state/get", (c) => {
      const input = body<Config.ConnectionIdRequestBody>(c);
      return c.json(services.state.get(c.get("caller"), input.connectionId.toLowerCase()));
    })
    .post("/state/create_or_update_safe", (c) => {
      const input = body<Config.ConnectionStateCreateOrUpdate>(c);
      return c.json(
        services.state.createOrUpdateSafe(c.get("caller"), input.connectionId.toLowerCase(), input.connectionState),
      );
    });
}
