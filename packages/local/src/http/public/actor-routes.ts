/**
 * The routes sources and destinations share: list, create, get, patch, put and delete under
 * `/sources` or `/destinations`.
 */
import type {
  DestinationCreateRequest,
  DestinationPatchRequest,
  DestinationPutRequest,
  SourceCreateRequest,
  SourcePatchRequest,
  SourcePutRequest,
} from "airbyte-ts";
import { Hono } from "hono";
import type { ActorType } from "../../services/definitions/catalog.js";
import type { Services } from "../../services/index.js";
import { body, pageEnvelope, pageRequest, query, uuidParam } from "../edge.js";
import type { Env } from "../env.js";

export function actorRoutes(services: Services, actorType: ActorType): Hono<Env> {
  const collection = `/${actorType}s`;
  const idName = `${actorType}Id`;
  const item = `${collection}/:${idName}`;
  return new Hono<Env>()
    .get(collection, (c) => {
      const q = query(c);
      const page = pageRequest(c);
      const workspaceIds = q.uuids("workspaceIds");
      const includeDeleted = q.boolean("includeDeleted");
      const data = services.actors.list(c.get("caller"), actorType, { workspaceIds, includeDeleted, ...page });
      return c.json(
        pageEnvelope(c, data, page, [
          ["includeDeleted", String(includeDeleted)],
          ["workspaceIds", workspaceIds.length ? workspaceIds.join(",") : undefined],
        ]),
      );
    })
    .post(collection, (c) => {
      const input = body<SourceCreateRequest | DestinationCreateRequest>(c);
      return c.json(services.actors.create(c.get("caller"), actorType, input));
    })
    .get(item, (c) => {
      const id = uuidParam(c, idName);
      // includeSecretCoordinates is accepted as on Airbyte; secrets stay masked either way.
      return c.json(services.actors.get(c.get("caller"), actorType, id));
    })
    .patch(item, (c) => {
      const id = uuidParam(c, idName);
      const input = body<SourcePatchRequest | DestinationPatchRequest>(c);
      return c.json(services.actors.patch(c.get("caller"), actorType, id, input));
    })
    .put(item, (c) => {
      const id = uuidParam(c, idName);
      const input = body<SourcePutRequest | DestinationPutRequest>(c);
      return c.json(services.actors.put(c.get("caller"), actorType, id, input));
    })
    .delete(item, (c) => {
      services.actors.delete(c.get("caller"), actorType, uuidParam(c, idName));
      return c.body(null, 204);
    });
}
