import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

export function connectionsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>().post("/connections/get", (c) => {
    const { connectionId } = body<Config.ConnectionIdRequestBody>(c);
    return c.json(services.connections.configRead(c.get("caller"), connectionId.toLowerCase()));
  });
}
