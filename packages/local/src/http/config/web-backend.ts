import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";
import {
  anyObject,
  array,
  boolean,
  integer,
  object,
  oneOfValues,
  resourceRequirements,
  string,
  uuid,
} from "../schema.js";

const SYNC_MODES = ["full_refresh", "incremental"];
const DESTINATION_SYNC_MODES = ["append", "overwrite", "append_dedup", "overwrite_dedup", "update", "soft_delete"];
const TIME_UNITS = ["minutes", "hours", "days", "weeks", "months"];
const MAPPER_TYPES = ["hashing", "field-renaming", "row-filtering", "encryption", "field-filtering"];
const fieldPaths = array(object({ fieldPath: array(string()) }));

const stream = object(
  {
    name: string(),
    jsonSchema: anyObject(),
    supportedSyncModes: array(oneOfValues(SYNC_MODES)),
    sourceDefinedCursor: boolean(),
    defaultCursorField: array(string()),
    sourceDefinedPrimaryKey: array(array(string())),
    namespace: string(),
    isResumable: boolean(),
    isFileBased: boolean(),
  },
  ["name"],
);
const streamConfig = object(
  {
    syncMode: oneOfValues(SYNC_MODES),
    cursorField: array(string()),
    destinationSyncMode: oneOfValues(DESTINATION_SYNC_MODES),
    namespace: string(),
    primaryKey: array(array(string())),
    aliasName: string(),
    selected: boolean(),
    suggested: boolean(),
    destinationObjectName: string(),
    includeFiles: boolean(),
    fieldSelectionEnabled: boolean(),
    selectedFields: fieldPaths,
    hashedFields: fieldPaths,
    mappers: array(
      object({ id: uuid(), type: oneOfValues(MAPPER_TYPES), mapperConfiguration: anyObject() }, [
        "type",
        "mapperConfiguration",
      ]),
    ),
    minimumGenerationId: integer(),
    generationId: integer(),
    syncId: integer(),
  },
  ["syncMode", "destinationSyncMode"],
);
const catalog = object({ streams: array(object({ stream, config: streamConfig }, ["stream", "config"])) }, ["streams"]);
const basicSchedule = object({ timeUnit: oneOfValues(TIME_UNITS), units: integer() }, ["timeUnit", "units"]);
const tag = object({ tagId: uuid(), workspaceId: uuid(), name: string(), color: string() }, [
  "tagId",
  "workspaceId",
  "name",
  "color",
]);

const getSchema = object({ connectionId: uuid(), withRefreshedCatalog: boolean() }, ["connectionId"]);
const updateSchema = object(
  {
    connectionId: uuid(),
    name: string(),
    namespaceDefinition: oneOfValues(["source", "destination", "customformat"]),
    namespaceFormat: string(),
    prefix: string(),
    syncCatalog: catalog,
    schedule: basicSchedule,
    scheduleType: oneOfValues(["manual", "basic", "cron"]),
    scheduleData: object({
      basicSchedule,
      cron: object({ cronExpression: string(), cronTimeZone: string() }, ["cronExpression", "cronTimeZone"]),
    }),
    status: oneOfValues(["active", "inactive", "deprecated", "locked"]),
    resourceRequirements,
    skipReset: boolean(),
    operations: array(anyObject()),
    sourceCatalogId: uuid(),
    destinationCatalogId: uuid(),
    dataplaneGroupId: uuid(),
    notifySchemaChanges: boolean(),
    notifySchemaChangesByEmail: boolean(),
    nonBreakingChangesPreference: oneOfValues(["ignore", "disable", "propagate_columns", "propagate_fully"]),
    backfillPreference: oneOfValues(["enabled", "disabled"]),
    tags: array(tag),
    onDemandEnabled: boolean(),
  },
  ["connectionId"],
);

export function webBackendRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .post("/web_backend/connections/get", async (c) => {
      const input = await body<Config.WebBackendConnectionRequestBody>(c, getSchema);
      const read = await services.connections.webBackendGet(
        c.get("caller"),
        input.connectionId.toLowerCase(),
        input.withRefreshedCatalog ?? false,
      );
      return c.json(read);
    })
    .post("/web_backend/connections/update", async (c) => {
      const input = await body<Config.WebBackendConnectionUpdate>(c, updateSchema);
      return c.json(
        await services.connections.webBackendUpdate(c.get("caller"), {
          ...input,
          connectionId: input.connectionId.toLowerCase(),
        }),
      );
    });
}
