import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { query } from "../edge.js";
import type { Env } from "../env.js";

export function connectorDefinitionsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>().get("/connector_definitions", (c) => {
    const q = query(c);
    const type = q.oneOf<"source" | "destination">("type") as "source" | "destination";
    const workspaceId = q.uuid("workspaceId");
    return c.json({ data: services.definitions.listConnectorDefinitions(c.get("caller"), type, workspaceId) });
  });
}
