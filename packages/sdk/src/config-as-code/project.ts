/**
 * A project: the resources its YAML files declare for one workspace, checked and keyed, before
 * anything is compared with the workspace. Values the user did not write are absent (not
 * defaults), so a plan compares only what the files say; `null` means "clear it".
 */
import type { FileLocation } from "./errors.js";
import type { ValueOrigin } from "./yaml-document.js";

/** The kinds of resource a project holds, in the order they are created (deleted in reverse). */
export const RESOURCE_KINDS = [
  "tag",
  "source_definition",
  "destination_definition",
  "source",
  "destination",
  "connection",
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** `source.pg_prod`: a resource's kind and its key in the files (the key is the identity, not the name). */
export type Address = `${ResourceKind}.${string}`;

export const addressOf = (kind: ResourceKind, key: string): Address => `${kind}.${key}`;

/** Another resource: one of the project's keys, or one the project does not manage, by id or by name. */
export type Reference = { key: string } | { id: string } | { name: string };

/** Which connector a source or destination runs. */
export type ConnectorChoice =
  /** A catalogue connector by its Docker repository's short name: `source-postgres`. */
  | { connector: string }
  | { definitionId: string }
  /** A custom definition of this project, by key. */
  | { custom: string };

interface ResourceBase {
  key: string;
  /** The display name; defaults to the key. */
  name: string;
  /** Earlier keys of this resource: the lock file's entry moves instead of a delete and a create. */
  renamedFrom: string[];
  /** Where the resource was declared. */
  location: FileLocation;
}

export interface TagResource extends ResourceBase {
  kind: "tag";
  color?: string | undefined;
}

export interface DefinitionResource extends ResourceBase {
  kind: "source_definition" | "destination_definition";
  /** A declarative (YAML) source: the manifest, read from its file. */
  manifest?: { file: string; value: Record<string, unknown> } | undefined;
  /** A Docker image. */
  docker?: { repository: string; tag: string; documentationUrl?: string | undefined } | undefined;
}

/** A connector's configuration as written, with what is needed to read it per the connector's spec. */
export interface ConfigurationValue {
  value: Record<string, unknown>;
  /** Where each value sat, keyed by its path inside the configuration (`pathKey`). */
  origins: Map<string, ValueOrigin>;
  /** Paths (`pathKey`) of values that read an environment variable. */
  fromEnvironment: Set<string>;
}

export interface ConnectorResource extends ResourceBase {
  kind: "source" | "destination";
  connector: ConnectorChoice;
  configuration: ConfigurationValue;
}

export type SyncMode =
  | "full_refresh_overwrite"
  | "full_refresh_overwrite_deduped"
  | "full_refresh_append"
  | "incremental_append"
  | "incremental_deduped_history";

export const SYNC_MODES: readonly SyncMode[] = [
  "full_refresh_overwrite",
  "full_refresh_overwrite_deduped",
  "full_refresh_append",
  "incremental_append",
  "incremental_deduped_history",
];

/** One stream of a connection. Absent fields are the server's (or the source's) to choose. */
export interface StreamSetting {
  name: string;
  namespace?: string | undefined;
  syncMode?: SyncMode | undefined;
  cursorField?: string[] | null | undefined;
  primaryKey?: string[][] | null | undefined;
  /** Field paths; a set (order does not matter). Absent: every field. */
  selectedFields?: string[][] | null | undefined;
  /** Applied in order, so order matters. */
  mappers?: Record<string, unknown>[] | null | undefined;
  destinationObjectName?: string | null | undefined;
  location: FileLocation;
}

export type Schedule = { type: "manual" } | { type: "cron"; cron: string } | { type: "basic"; timing: string };

export type NamespaceSetting =
  { definition: "source" | "destination" } | { definition: "custom_format"; format: string };

export const NON_BREAKING_SCHEMA_UPDATES = [
  "ignore",
  "disable_connection",
  "propagate_columns",
  "propagate_fully",
] as const;

export interface ConnectionResource extends ResourceBase {
  kind: "connection";
  source: Reference;
  destination: Reference;
  status?: "active" | "inactive" | undefined;
  schedule?: Schedule | undefined;
  namespace?: NamespaceSetting | undefined;
  prefix?: string | null | undefined;
  nonBreakingSchemaUpdates?: (typeof NON_BREAKING_SCHEMA_UPDATES)[number] | undefined;
  /** A set: order does not matter. */
  tags?: Reference[] | undefined;
  /** `exact`: streams the files do not list are deselected. `merge`: they are left as they are. */
  streamPolicy: "exact" | "merge";
  /** Keyed by `streamKey`; absent: the connection's streams are not managed by the files. */
  streams?: Map<string, StreamSetting> | undefined;
}

export type Resource = TagResource | DefinitionResource | ConnectorResource | ConnectionResource;

/** A stream's identity in a connection: its namespace and name, never its position. */
export const streamKey = (name: string, namespace: string | undefined | null): string =>
  JSON.stringify([namespace ?? null, name]);

export interface Lifecycle {
  /** What `apply --prune` may delete by default: resources the lock file knows, or everything. */
  prune: "managed" | "all";
  /** Addresses never deleted or replaced. */
  preventDestroy: Address[];
}

export type WorkspaceChoice = { id: string } | { name: string };

export interface Project {
  /** The files read, in order. */
  files: string[];
  /** The workspace the files are for; a plan against another one is refused. */
  workspace?: WorkspaceChoice | undefined;
  /** Where `workspace` was written. */
  workspaceLocation?: FileLocation | undefined;
  resources: Map<Address, Resource>;
  lifecycle: Lifecycle;
}
