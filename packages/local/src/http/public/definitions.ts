import type {
  CreateDeclarativeSourceDefinitionRequest,
  CreateDefinitionRequest,
  UpdateDeclarativeSourceDefinitionRequest,
  UpdateDefinitionRequest,
} from "airbyte-ts";
import { Hono } from "hono";
import type { ActorType } from "../../services/definitions/catalog.js";
import type { Services } from "../../services/index.js";
import { body, uuidParam } from "../edge.js";
import type { Env } from "../env.js";

const DEFINITIONS = "/workspaces/:workspaceId/definitions";

export function definitionsRoutes(services: Services): Hono<Env> {
  const app = new Hono<Env>();
  for (const actorType of ["source", "destination"] as ActorType[]) dockerRoutes(app, services, actorType);
  return declarativeRoutes(app, services);
}

/** Docker-image definitions: `/definitions/sources` and `/definitions/destinations`. */
function dockerRoutes(app: Hono<Env>, services: Services, actorType: ActorType): void {
  const collection = `${DEFINITIONS}/${actorType}s`;
  const item = `${collection}/:definitionId`;
  app
    .get(collection, (c) => {
      const data = services.dockerDefinitions.list(c.get("caller"), uuidParam(c, "workspaceId"), actorType);
      return c.json({ data });
    })
    .post(collection, (c) => {
      const workspaceId = uuidParam(c, "workspaceId");
      const input = body<CreateDefinitionRequest>(c);
      return c.json(services.dockerDefinitions.create(c.get("caller"), workspaceId, actorType, input));
    })
    .get(item, (c) => {
      const [workspaceId, definitionId] = [uuidParam(c, "workspaceId"), uuidParam(c, "definitionId")];
      return c.json(services.dockerDefinitions.get(c.get("caller"), workspaceId, actorType, definitionId));
    })
    .put(item, (c) => {
      const [workspaceId, definitionId] = [uuidParam(c, "workspaceId"), uuidParam(c, "definitionId")];
      const input = body<UpdateDefinitionRequest>(c);
      return c.json(services.dockerDefinitions.update(c.get("caller"), workspaceId, actorType, definitionId, input));
    })
    .delete(item, (c) => {
      const [workspaceId, definitionId] = [uuidParam(c, "workspaceId"), uuidParam(c, "definitionId")];
      return c.json(services.dockerDefinitions.delete(c.get("caller"), workspaceId, actorType, definitionId));
    });
}

/** Declarative (low-code manifest) source definitions. */
function declarativeRoutes(app: Hono<Env>, services: Services): Hono<Env> {
  const collection = `${DEFINITIONS}/declarative_sources`;
  const item = `${collection}/:definitionId`;
  return app
    .get(collection, (c) =>
      c.json({ data: services.declarativeDefinitions.list(c.get("caller"), uuidParam(c, "workspaceId")) }),
    )
    .post(collection, (c) => {
      const workspaceId = uuidParam(c, "workspaceId");
      const input = body<CreateDeclarativeSourceDefinitionRequest>(c);
      return c.json(services.declarativeDefinitions.create(c.get("caller"), workspaceId, input));
    })
    .get(item, (c) => {
      const [workspaceId, definitionId] = [uuidParam(c, "workspaceId"), uuidParam(c, "definitionId")];
      return c.json(services.declarativeDefinitions.get(c.get("caller"), workspaceId, definitionId));
    })
    .put(item, (c) => {
      const [workspaceId, definitionId] = [uuidParam(c, "workspaceId"), uuidParam(c, "definitionId")];
      const input = body<UpdateDeclarativeSourceDefinitionRequest>(c);
      return c.json(services.declarativeDefinitions.update(c.get("caller"), workspaceId, definitionId, input));
    })
    .delete(item, (c) => {
      const [workspaceId, definitionId] = [uuidParam(c, "workspaceId"), uuidParam(c, "definitionId")];
      return c.json(services.declarativeDefinitions.delete(c.get("caller"), workspaceId, definitionId));
    });
}
