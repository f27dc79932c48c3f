import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";
import { object, uuid } from "../schema.js";

const connectionIdSchema = object({ connectionId: uuid() }, ["connectionId"]);

export function connectionsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>().post("/connections/get", async (c) => {
    const { connectionId } = await body<Config.ConnectionIdRequestBody>(c, connectionIdSchema);
    return c.json(services.connections.configRead(c.get("caller"), connectionId.toLowerCase()));
  });
}
