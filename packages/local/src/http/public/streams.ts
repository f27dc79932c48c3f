import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { query } from "../edge.js";
import type { Env } from "../env.js";

export function streamsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>().get("/streams", async (c) => {
    const q = query(c);
    const input = {
      sourceId: q.uuid("sourceId") as string,
      destinationId: q.uuid("destinationId"),
      ignoreCache: q.boolean("ignoreCache"),
    };
    return c.json(await services.discovery.streamProperties(c.get("caller"), input));
  });
}
