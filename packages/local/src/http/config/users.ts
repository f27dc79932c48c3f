import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

export function usersRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .post("/users/get", (c) => {
      const input = body<Config.UserIdRequestBody>(c);
      return c.json(services.users.get(c.get("caller"), input.userId));
    })
    .post("/users/update", (c) => {
      const input = body<Config.UserUpdate>(c);
      return c.json(services.users.update(c.get("caller"), input));
    });
}
