import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

export function destinationsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>().post("/destinations/check_connection", async (c) => {
    const input = body<Config.DestinationIdRequestBody>(c);
    return c.json(await services.discovery.checkDestination(c.get("caller"), input.destinationId));
  });
}
