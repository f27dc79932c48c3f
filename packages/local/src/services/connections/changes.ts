/**
 * What a change of a connection carries, as the public API's patch, the Config API's update and
 * the web backend's update ask for it, and how it lands in the stored row.
 */
import type { Config } from "airbyte-ts";
import type { ConnectionRow, TagRow } from "../../store/rows.js";
import { ServiceError } from "../errors.js";
import type { StoredSchedule } from "../schedules.js";

/** What an update changes; absent fields keep their value. */
export interface ConnectionChanges {
  name?: string;
  namespaceDefinition?: Config.NamespaceDefinitionType;
  namespaceFormat?: string;
  prefix?: string;
  schedule?: StoredSchedule;
  status?: Config.ConnectionStatus;
  nonBreakingChanges?: Config.NonBreakingChangesPreference;
  catalog?: Config.AirbyteCatalog;
  tags?: TagRow[];
  notifySchemaChanges?: boolean;
  notifySchemaChangesByEmail?: boolean;
  backfillPreference?: Config.SchemaChangeBackfillPreference;
  resourceRequirements?: Config.ResourceRequirements;
  onDemandEnabled?: boolean;
}

/** Changes to a locked connection are refused. */
export function requireUnlocked(row: ConnectionRow): void {
  if (row.status !== "locked") return;
  throw new ServiceError("connection-locked", `Connection ${row.id} is locked and cannot be modified.`, {
    connectionId: row.id,
    ...(row.status_reason ? { statusReason: row.status_reason } : {}),
  });
}

/** The row columns that the given changes set. */
export function storedChanges(changes: ConnectionChanges): Partial<ConnectionRow> {
  const out: Partial<ConnectionRow> = definedOnly({
    name: changes.name,
    status: changes.status,
    namespace_definition: changes.namespaceDefinition,
    namespace_format: changes.namespaceFormat,
    prefix: changes.prefix,
    non_breaking_changes: changes.nonBreakingChanges,
    backfill_preference: changes.backfillPreference,
  });
  if (changes.schedule) {
    out.schedule_type = changes.schedule.scheduleType;
    out.cron_expression = changes.schedule.cronExpression;
    out.basic_schedule = changes.schedule.basicSchedule ? JSON.stringify(changes.schedule.basicSchedule) : null;
  }
  if (changes.catalog) out.catalog = JSON.stringify(changes.catalog);
  if (changes.resourceRequirements) out.resource_requirements = JSON.stringify(changes.resourceRequirements);
  if (changes.notifySchemaChanges !== undefined) out.notify_schema_changes = changes.notifySchemaChanges ? 1 : 0;
  if (changes.notifySchemaChangesByEmail !== undefined) {
    out.notify_schema_changes_by_email = changes.notifySchemaChangesByEmail ? 1 : 0;
  }
  if (changes.onDemandEnabled !== undefined) out.on_demand_enabled = changes.onDemandEnabled ? 1 : 0;
  return out;
}

/** The entries whose value is neither undefined nor null ("not given", as the edge reads bodies). */
export function definedOnly<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}
