import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";
import { anyObject, array, nonEmpty, object, oneOfValues, string, uuid } from "../schema.js";

const streamState = object(
  { streamDescriptor: object({ name: nonEmpty(), namespace: string() }, ["name"]), streamState: anyObject() },
  ["streamDescriptor"],
);
const connectionState = object(
  {
    stateType: oneOfValues(["global", "stream", "legacy", "not_set"]),
    connectionId: uuid(),
    state: anyObject(),
    streamState: array(streamState),
    globalState: object({ shared_state: anyObject(), streamStates: array(streamState) }, ["streamStates"]),
  },
  ["stateType", "connectionId"],
);
const getSchema = object({ connectionId: uuid() }, ["connectionId"]);
const updateSchema = object({ connectionId: uuid(), connectionState }, ["connectionId", "connectionState"]);

export function stateRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .post("/state/get", async (c) => {
      const input = await body<Config.ConnectionIdRequestBody>(c, getSchema);
      return c.json(services.state.get(c.get("caller"), input.connectionId.toLowerCase()));
    })
    .post("/state/create_or_update_safe", async (c) => {
      const input = await body<Config.ConnectionStateCreateOrUpdate>(c, updateSchema);
      return c.json(
        services.state.createOrUpdateSafe(c.get("caller"), input.connectionId.toLowerCase(), input.connectionState),
      );
    });
}
