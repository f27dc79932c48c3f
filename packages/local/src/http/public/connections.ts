import type { ConnectionCreateRequest, ConnectionPatchRequest } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body, pageEnvelope, pageRequest, query, uuidParam } from "../edge.js";
import type { Env } from "../env.js";
import { anyObject, array, boolean, object, oneOfValues, string, uuid } from "../schema.js";

const SYNC_MODES = [
  "full_refresh_overwrite",
  "full_refresh_overwrite_deduped",
  "full_refresh_append",
  "full_refresh_update",
  "full_refresh_soft_delete",
  "incremental_append",
  "incremental_deduped_history",
  "incremental_update",
  "incremental_soft_delete",
];
const MAPPER_TYPES = ["hashing", "field-renaming", "row-filtering", "encryption", "field-filtering"];
const STATUSES = ["active", "inactive", "deprecated", "locked"];
const NAMESPACE_DEFINITIONS = ["source", "destination", "custom_format"];
const NON_BREAKING_BEHAVIORS = ["ignore", "disable_connection", "propagate_columns", "propagate_fully"];

const streamConfiguration = object(
  {
    name: string(),
    namespace: string(),
    syncMode: oneOfValues(SYNC_MODES),
    cursorField: array(string()),
    primaryKey: array(array(string())),
    includeFiles: boolean(),
    destinationObjectName: string(),
    selectedFields: array(object({ fieldPath: array(string()) })),
    mappers: array(
      object({ id: uuid(), type: oneOfValues(MAPPER_TYPES), mapperConfiguration: anyObject() }, [
        "type",
        "mapperConfiguration",
      ]),
    ),
  },
  ["name"],
);
const configurations = object({ streams: array(streamConfiguration) });
const schedule = object({ scheduleType: oneOfValues(["manual", "cron"]), cronExpression: string() }, ["scheduleType"]);
const tag = object({ tagId: uuid(), workspaceId: uuid(), name: string(), color: string() }, [
  "tagId",
  "workspaceId",
  "name",
  "color",
]);
const sharedFields = {
  name: string(),
  configurations,
  schedule,
  // Deprecated and without effect on a self-managed Airbyte, which has one data residency.
  dataResidency: string(),
  namespaceFormat: string(),
  prefix: string(),
  status: oneOfValues(STATUSES),
  tags: array(tag),
  namespaceDefinition: oneOfValues(NAMESPACE_DEFINITIONS),
  nonBreakingSchemaUpdatesBehavior: oneOfValues(NON_BREAKING_BEHAVIORS),
};
const createSchema = object({ ...sharedFields, sourceId: uuid(), destinationId: uuid() }, [
  "sourceId",
  "destinationId",
]);
const patchSchema = object(sharedFields);

export function connectionsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .get("/connections", (c) => {
      const q = query(c);
      const page = pageRequest(c);
      const workspaceIds = q.uuids("workspaceIds");
      const tagIds = q.uuids("tagIds");
      const includeDeleted = q.boolean("includeDeleted", false);
      const data = services.connections.list(c.get("caller"), { workspaceIds, tagIds, includeDeleted, ...page });
      // As on Airbyte, the tag filter is not carried in the next and previous links.
      return c.json(
        pageEnvelope(c, data, page, [
          ["includeDeleted", String(includeDeleted)],
          ["workspaceIds", workspaceIds.length ? workspaceIds.join(",") : undefined],
        ]),
      );
    })
    .post("/connections", async (c) => {
      const input = await body<ConnectionCreateRequest>(c, createSchema);
      const ids = { sourceId: input.sourceId.toLowerCase(), destinationId: input.destinationId.toLowerCase() };
      return c.json(await services.connections.create(c.get("caller"), { ...input, ...ids }));
    })
    .get("/connections/:connectionId", (c) =>
      c.json(services.connections.get(c.get("caller"), uuidParam(c, "connectionId"))),
    )
    .patch("/connections/:connectionId", async (c) => {
      const connectionId = uuidParam(c, "connectionId");
      const input = await body<ConnectionPatchRequest>(c, patchSchema);
      return c.json(await services.connections.update(c.get("caller"), connectionId, input));
    })
    .delete("/connections/:connectionId", (c) => {
      services.connections.delete(c.get("caller"), uuidParam(c, "connectionId"));
      return c.body(null, 204);
    });
}
