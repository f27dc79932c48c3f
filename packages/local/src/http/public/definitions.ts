import type {
  CreateDeclarativeSourceDefinitionRequest,
  CreateDefinitionRequest,
  UpdateDeclarativeSourceDefinitionRequest,
  UpdateDefinitionRequest,
} from "airbyte-ts";
import { Hono } from "hono";
import type { ActorType } from "../../services/definitions.js";
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
  const { definitions } = services;
  app
    .get(collection, (c) => {
      const data = definitions.listDocker(c.get("caller"), uuidParam(c, "workspaceId"), actorType);
      return c.json({ data });
    })
    .post(collection, (c) => {
      const workspaceId = uuidParam(c, "workspaceId");
      const input = body<CreateDefinitionRequest>(c);
      return c.json(definitions.createDocker(c.get("caller"), workspaceId, actorType, input));
    })
    .get(item, (c) => {
      const [workspaceId, definitionId] = [uuidParam(c, "workspaceId"), uuidParam(c, "definitionId")];
      return c.json(definitions.getDocker(c.get("caller"), workspaceId, actorType, definitionId));
    })
    .put(item, (c) => {
      const [workspaceId, definitionId] = [uuidParam(c, "workspaceId"), uuidParam(c, "definitionId")];
      const input = body<UpdateDefinitionRequest>(c);
      return c.json(definitions.updateDocker(c.get("caller"), workspaceId, actorType, definitionId, input));
    })
    .delete(item, (c) => {
      const [workspaceId, definitionId] = [uuidParam(c, "workspaceId"), uuidParam(c, "definitionId")];
      return c.json(definitions.deleteDocker(c.get("caller"), workspaceId, actorType, definitionId));
    });
}

/** Declarative (low-code manifest) source definitions. */
function declarativeRoutes(app: Hono<Env>, services: Services): Hono<Env> {
  const collection = `${DEFINITIONS}/declarative_sources`;
  const item = `${collection}/:definitionId`;
  const { definitions } = services;
  return app
    .get(collection, (c) => c.json({ data: definitions.listDeclarative(c.get("caller"), uuidParam(c, "workspaceId")) }))
    .post(collection, (c) => {
      const workspaceId = uuidParam(c, "workspaceId");
      const input = body<CreateDeclarativeSourceDefinitionRequest>(c);
      return c.json(definitions.createDeclarative(c.get("caller"), workspaceId, input));
    })
    .get(item, (c) => {
      const [workspaceId, definitionId] = [uuidParam(c, "workspaceId"), uuidParam(c, "definitionId")];
      return c.json(definitions.getDeclarative(c.get("caller"), workspaceId, definitionId));
    })
    .put(item, (c) => {
      const [workspaceId, definitionId] = [uuidParam(c, "workspaceId"), uuidParam(c, "definitionId")];
      const input = body<UpdateDeclarativeSourceDefinitionRequest>(c);
      return c.json(definitions.updateDeclarative(c.get("caller"), workspaceId, definitionId, input));
    })
    .delete(item, (c) => {
      const [workspaceId, definitionId] = [uuidParam(c, "workspaceId"), uuidParam(c, "definitionId")];
      return c.json(definitions.deleteDeclarative(c.get("caller"), workspaceId, definitionId));
    });
}
