/**
 * How a stored connection reads through each API: the public `ConnectionResponse` and the Config
 * API's `ConnectionRead`, plus the spellings that differ between the two (the store keeps the
 * Config API's: `customformat`, `disable`).
 */
import type {
  Config,
  ConnectionResponse,
  NamespaceDefinitionEnum,
  NonBreakingSchemaUpdatesBehaviorEnum,
  Tag,
} from "airbyte-ts";
import { parseJsonColumn } from "../../store/db.js";
import type { ConnectionRow } from "../../store/rows.js";
import { seconds } from "../context.js";
import { type BasicSchedule, configScheduleFields, publicScheduleResponse, type StoredSchedule } from "../schedules.js";
import { publicStreamConfigurations } from "./stream-configuration.js";

function toPublicNamespaceDefinition(value: string): NamespaceDefinitionEnum {
  return value === "customformat" ? "custom_format" : (value as NamespaceDefinitionEnum);
}

export function toStoredNamespaceDefinition(value: NamespaceDefinitionEnum): Config.NamespaceDefinitionType {
  return value === "custom_format" ? "customformat" : value;
}

function toPublicNonBreakingBehavior(value: string): NonBreakingSchemaUpdatesBehaviorEnum {
  return value === "disable" ? "disable_connection" : (value as NonBreakingSchemaUpdatesBehaviorEnum);
}

export function toStoredNonBreakingBehavior(
  value: NonBreakingSchemaUpdatesBehaviorEnum,
): Config.NonBreakingChangesPreference {
  return value === "disable_connection" ? "disable" : value;
}

function storedSchedule(row: ConnectionRow): StoredSchedule {
  return {
    scheduleType: row.schedule_type as StoredSchedule["scheduleType"],
    cronExpression: row.cron_expression,
    basicSchedule: parseJsonColumn<BasicSchedule>(row.basic_schedule) ?? null,
  };
}

export function storedCatalog(row: ConnectionRow): Config.AirbyteCatalog {
  return JSON.parse(row.catalog) as Config.AirbyteCatalog;
}

const PUBLIC_STREAMS_CACHE_LIMIT = 2000;
const publicStreamsByCatalog = new Map<string, ConnectionResponse["configurations"]["streams"]>();

/**
 * The public stream configurations of a stored catalog. Parsing the catalog (every stream's JSON
 * schema) is most of the cost of reading a connection, so the result is kept per catalog text;
 * it is only ever serialized, never changed.
 */
function publicStreams(row: ConnectionRow): ConnectionResponse["configurations"]["streams"] {
  let streams = publicStreamsByCatalog.get(row.catalog);
  if (!streams) {
    if (publicStreamsByCatalog.size >= PUBLIC_STREAMS_CACHE_LIMIT) publicStreamsByCatalog.clear();
    streams = publicStreamConfigurations(storedCatalog(row));
    publicStreamsByCatalog.set(row.catalog, streams);
  }
  return streams;
}

/** The public API's view: the selected streams only, the schedule with its time zone. */
export function toConnectionResponse(row: ConnectionRow, tags: Tag[]): ConnectionResponse {
  return {
    connectionId: row.id,
    name: row.name,
    sourceId: row.source_id,
    destinationId: row.destination_id,
    workspaceId: row.workspace_id,
    status: row.status as ConnectionResponse["status"],
    schedule: publicScheduleResponse(storedSchedule(row)),
    nonBreakingSchemaUpdatesBehavior: toPublicNonBreakingBehavior(row.non_breaking_changes),
    namespaceDefinition: toPublicNamespaceDefinition(row.namespace_definition),
    ...(row.namespace_format !== null ? { namespaceFormat: row.namespace_format } : {}),
    prefix: row.prefix,
    configurations: { streams: publicStreams(row) },
    createdAt: seconds(row.created_at),
    tags,
    ...(row.status_reason ? { statusReason: row.status_reason } : {}),
  };
}

/** The Config API's view: the whole stored catalog, internal spellings, `created_at` in seconds. */
export function toConnectionRead(row: ConnectionRow, tags: Tag[]): Config.ConnectionRead {
  return {
    connectionId: row.id,
    name: row.name,
    namespaceDefinition: row.namespace_definition as Config.NamespaceDefinitionType,
    ...(row.namespace_format !== null ? { namespaceFormat: row.namespace_format } : {}),
    prefix: row.prefix,
    sourceId: row.source_id,
    destinationId: row.destination_id,
    operationIds: [],
    syncCatalog: storedCatalog(row),
    ...configScheduleFields(storedSchedule(row)),
    status: row.status as Config.ConnectionStatus,
    ...(row.status_reason ? { statusReason: row.status_reason } : {}),
    ...(row.resource_requirements
      ? { resourceRequirements: JSON.parse(row.resource_requirements) as Config.ResourceRequirements }
      : {}),
    breakingChange: false,
    notifySchemaChanges: row.notify_schema_changes === 1,
    notifySchemaChangesByEmail: row.notify_schema_changes_by_email === 1,
    nonBreakingChangesPreference: row.non_breaking_changes as Config.NonBreakingChangesPreference,
    created_at: seconds(row.created_at),
    backfillPreference: row.backfill_preference as Config.SchemaChangeBackfillPreference,
    workspaceId: row.workspace_id,
    tags,
    onDemandEnabled: row.on_demand_enabled === 1,
  };
}
