/**
 * The shape of each table's rows, as better-sqlite3 returns them. JSON columns hold text;
 * times are epoch milliseconds; booleans are 0/1. Services convert rows to API shapes.
 */

export interface ActorRow {
  id: string;
  actor_type: "source" | "destination";
  workspace_id: string;
  definition_id: string;
  name: string;
  /** JSON: the connector configuration, secrets in clear (never sent back unmasked). */
  configuration: string;
  /** JSON ScopedResourceRequirements, or null. */
  resource_allocation: string | null;
  tombstone: number;
  created_at: number;
}

/** The last catalog discovered for a source, valid while its configuration is unchanged. */
export interface SourceCatalogRow {
  source_id: string;
  /** Identifies this discovery (Config API `catalogId`); a new discovery gets a new id. */
  catalog_id: string;
  /** JSON Config API AirbyteCatalog with each stream's default configuration. */
  catalog: string;
  /** SHA-256 of the definition id and configuration the catalog was discovered with. */
  configuration_hash: string;
  discovered_at: number;
}

export interface DefinitionRow {
  id: string;
  actor_type: "source" | "destination";
  workspace_id: string;
  name: string;
  docker_repository: string;
  docker_image_tag: string;
  documentation_url: string | null;
  /** JSON: the connection specification (a JSON Schema). */
  spec: string;
  /** Declarative definitions: the active manifest version. */
  active_manifest_version: number | null;
  tombstone: number;
  created_at: number;
}

export interface DeclarativeManifestRow {
  definition_id: string;
  version: number;
  manifest: string;
  spec: string;
  description: string;
  components_file: string | null;
  created_at: number;
}

export interface BuilderProjectRow {
  id: string;
  workspace_id: string;
  name: string;
  draft_manifest: string | null;
  yaml_manifest: string | null;
  components_file: string | null;
  definition_id: string | null;
  testing_values: string | null;
  tombstone: number;
  updated_at: number;
}

export interface ConnectionRow {
  id: string;
  workspace_id: string;
  source_id: string;
  destination_id: string;
  name: string;
  /** active | inactive | deprecated | locked */
  status: string;
  status_reason: string | null;
  /** manual | cron | basic */
  schedule_type: string;
  /** Quartz expression without the time zone (always UTC). */
  cron_expression: string | null;
  /** JSON { units, timeUnit } of a legacy basic schedule. */
  basic_schedule: string | null;
  /** Config API spelling: source | destination | customformat */
  namespace_definition: string;
  namespace_format: string | null;
  prefix: string;
  /** Config API spelling: ignore | disable | propagate_columns | propagate_fully */
  non_breaking_changes: string;
  /** Config API settings of schema-change notifications (0/1). */
  notify_schema_changes: number;
  notify_schema_changes_by_email: number;
  /** enabled | disabled */
  backfill_preference: string;
  /** JSON Config API ResourceRequirements, or null. */
  resource_requirements: string | null;
  /** 0/1; a Cloud feature, kept as set. */
  on_demand_enabled: number;
  /** JSON Config API AirbyteCatalog: every stream with its configuration (selected or not). */
  catalog: string;
  created_at: number;
  updated_at: number;
}

export interface TagRow {
  id: string;
  workspace_id: string;
  name: string;
  color: string;
}

export interface JobRow {
  id: number;
  connection_id: string;
  /** Config API JobConfigType: sync | reset_connection | refresh | clear */
  config_type: string;
  /** pending | queued | running | incomplete | failed | succeeded | cancelled */
  status: string;
  /** JSON StreamDescriptor[] for resets, clears and refreshes of chosen streams, or null. */
  streams: string | null;
  /** JSON Config API AirbyteCatalog: the selected streams of the connection when the job was created. */
  catalog: string;
  /** When an incomplete job may start its next attempt (epoch ms); null otherwise. */
  next_attempt_at: number | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
}

export interface AttemptRow {
  job_id: number;
  number: number;
  /** running | failed | succeeded */
  status: string;
  created_at: number;
  updated_at: number;
  ended_at: number | null;
  /** JSON AttemptStats. */
  stats: string | null;
  /** JSON AttemptStreamStats[]. */
  stream_stats: string | null;
  /** JSON AttemptFailureSummary. */
  failure_summary: string | null;
}

export interface AttemptLogRow {
  job_id: number;
  attempt: number;
  seq: number;
  timestamp: number;
  /** debug | info | warn | error | trace */
  level: string;
  /** platform | source | destination | replication-orchestrator */
  source: string;
  message: string;
}

export interface ConnectionStateRow {
  connection_id: string;
  /** global | stream | legacy */
  state_type: string;
  /** JSON: the Config API ConnectionState without connectionId. */
  state: string;
  updated_at: number;
}

/** A permission of a user or (user_id null) of a group, on a workspace or an organization. */
export interface PermissionRow {
  id: string;
  user_id: string | null;
  group_id: string | null;
  /** Config API PermissionType spelling, e.g. workspace_reader, organization_admin. */
  permission_type: string;
  workspace_id: string | null;
  organization_id: string | null;
  created_at: number;
}

export interface GroupRow {
  id: string;
  organization_id: string;
  name: string;
  description: string | null;
  created_at: number;
}

/** A region (Airbyte's dataplane group). */
export interface RegionRow {
  id: string;
  organization_id: string;
  name: string;
  enabled: number;
  tombstone: number;
  created_at: number;
  updated_at: number;
}

export interface DataplaneRow {
  id: string;
  region_id: string;
  name: string;
  enabled: number;
  client_id: string;
  client_secret: string;
  tombstone: number;
  created_at: number;
  updated_at: number;
}

export interface WorkspaceRow {
  id: string;
  organization_id: string;
  name: string;
  region_id: string | null;
  data_residency: string;
  notifications: string;
  tombstone: number;
  created_at: number;
}
