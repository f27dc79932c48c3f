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
import type { ActorType } from "../../services/definitions.js";
import type { Services } from "../../services/index.js";
import { body, pageEnvelope, pageRequest, query, uuidParam } from "../edge.js";
import type { Env } from "../env.js";
import { anyObject, array, nonEmpty, object, oneOfValues, resourceRequirements, string, uuid } from "../schema.js";

const JOB_TYPES = [
  "get_spec",
  "check_connection",
  "discover_schema",
  "sync",
  "reset_connection",
  "connection_updater",
  "replicate",
] as const;

const resourceAllocation = object({
  default: resourceRequirements,
  jobSpecific: array(
    object({ jobType: oneOfValues(JOB_TYPES), resourceRequirements }, ["jobType", "resourceRequirements"]),
  ),
});

const createSchema = object(
  {
    name: nonEmpty(),
    definitionId: uuid(),
    workspaceId: uuid(),
    configuration: anyObject(),
    secretId: string(),
    resourceAllocation,
  },
  ["name", "workspaceId", "configuration"],
);
const patchSchema = object({
  name: nonEmpty(),
  workspaceId: uuid(),
  configuration: anyObject(),
  secretId: string(),
  resourceAllocation,
});
const putSchema = object({ name: nonEmpty(), configuration: anyObject(), resourceAllocation }, [
  "name",
  "configuration",
]);

export function actorRoutes(services: Services, actorType: ActorType): Hono<Env> {
  const collection = `/${actorType}s`;
  const idName = `${actorType}Id`;
  const item = `${collection}/:${idName}`;
  return new Hono<Env>()
    .get(collection, (c) => {
      const q = query(c);
      const page = pageRequest(c);
      const workspaceIds = q.uuids("workspaceIds");
      const includeDeleted = q.boolean("includeDeleted", false);
      const data = services.actors.list(c.get("caller"), actorType, { workspaceIds, includeDeleted, ...page });
      return c.json(
        pageEnvelope(c, data, page, [
          ["includeDeleted", String(includeDeleted)],
          ["workspaceIds", workspaceIds.length ? workspaceIds.join(",") : undefined],
        ]),
      );
    })
    .post(collection, async (c) => {
      const input = await body<SourceCreateRequest | DestinationCreateRequest>(c, createSchema);
      return c.json(services.actors.create(c.get("caller"), actorType, input));
    })
    .get(item, (c) => {
      const id = uuidParam(c, idName);
      // Accepted as on Airbyte; secrets stay masked either way.
      query(c).boolean("includeSecretCoordinates", false);
      return c.json(services.actors.get(c.get("caller"), actorType, id));
    })
    .patch(item, async (c) => {
      const id = uuidParam(c, idName);
      const input = await body<SourcePatchRequest | DestinationPatchRequest>(c, patchSchema);
      return c.json(services.actors.patch(c.get("caller"), actorType, id, input));
    })
    .put(item, async (c) => {
      const id = uuidParam(c, idName);
      const input = await body<SourcePutRequest | DestinationPutRequest>(c, putSchema);
      return c.json(services.actors.put(c.get("caller"), actorType, id, input));
    })
    .delete(item, (c) => {
      services.actors.delete(c.get("caller"), actorType, uuidParam(c, idName));
      return c.body(null, 204);
    });
}
