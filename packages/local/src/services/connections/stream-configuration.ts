/**
 * Stream configuration: the public API's `configurations.streams` checked against a source's
 * discovered catalog and a destination's sync modes, and turned into the stored (Config API)
 * catalog, which keeps every discovered stream, selected or not.
 *
 * The rules and messages are Airbyte's (its public API catalog helper): streams are found by name
 * then namespace, field selection is checked first, `full_refresh_overwrite` (or no sync mode) is
 * always accepted, other modes must be offered by both the source and the destination, incremental
 * modes need a cursor and deduplicating or updating modes a primary key. Lists in messages are
 * printed as Kotlin prints them: `[a, b]`.
 */
import type { Config, ConnectionSyncModeEnum, StreamConfiguration } from "airbyte-ts";
import { badRequest } from "../errors.js";

type Catalog = Config.AirbyteCatalog;
type CatalogStream = Config.AirbyteStreamAndConfiguration;
type Stream = Config.AirbyteStream;
type StreamConfig = Config.AirbyteStreamConfiguration;

interface ModePair {
  syncMode: Config.SyncMode;
  destinationSyncMode: Config.DestinationSyncMode;
}

/** Every public sync mode and the internal pair it stands for, in the public enum's order. */
const SYNC_MODES: Record<ConnectionSyncModeEnum, ModePair> = {
  full_refresh_overwrite: { syncMode: "full_refresh", destinationSyncMode: "overwrite" },
  full_refresh_overwrite_deduped: { syncMode: "full_refresh", destinationSyncMode: "overwrite_dedup" },
  full_refresh_append: { syncMode: "full_refresh", destinationSyncMode: "append" },
  full_refresh_update: { syncMode: "full_refresh", destinationSyncMode: "update" },
  full_refresh_soft_delete: { syncMode: "full_refresh", destinationSyncMode: "soft_delete" },
  incremental_append: { syncMode: "incremental", destinationSyncMode: "append" },
  incremental_deduped_history: { syncMode: "incremental", destinationSyncMode: "append_dedup" },
  incremental_update: { syncMode: "incremental", destinationSyncMode: "update" },
  incremental_soft_delete: { syncMode: "incremental", destinationSyncMode: "soft_delete" },
};

const PUBLIC_MODES = Object.keys(SYNC_MODES) as ConnectionSyncModeEnum[];

const INCREMENTAL_MODES: readonly ConnectionSyncModeEnum[] = [
  "incremental_append",
  "incremental_deduped_history",
  "incremental_update",
  "incremental_soft_delete",
];

/** Modes whose selected fields must include the primary key. */
const PRIMARY_KEY_FIELD_MODES: readonly ConnectionSyncModeEnum[] = [
  "incremental_deduped_history",
  "full_refresh_overwrite_deduped",
  "incremental_update",
  "full_refresh_update",
];

const STREAM_PROPERTIES_DOCS = "https://reference.airbyte.com/reference/getstreamproperties";

/** The public sync mode of an internal pair; `full_refresh_overwrite` when either is missing. */
export function publicSyncMode(
  syncMode: Config.SyncMode | undefined,
  destinationSyncMode: Config.DestinationSyncMode | undefined,
): ConnectionSyncModeEnum | undefined {
  if (!syncMode || !destinationSyncMode) return "full_refresh_overwrite";
  return PUBLIC_MODES.find(
    (mode) => SYNC_MODES[mode].syncMode === syncMode && SYNC_MODES[mode].destinationSyncMode === destinationSyncMode,
  );
}

/** The public modes a source's stream and a destination can run together, in the enum's order. */
export function validSyncModes(
  sourceModes: readonly Config.SyncMode[] | undefined,
  destinationModes: readonly Config.DestinationSyncMode[],
): ConnectionSyncModeEnum[] {
  return PUBLIC_MODES.filter(
    (mode) =>
      (sourceModes ?? []).includes(SYNC_MODES[mode].syncMode) &&
      destinationModes.includes(SYNC_MODES[mode].destinationSyncMode),
  );
}

/** No stream configurations given: every discovered stream, selected, in full refresh overwrite. */
export function selectAllStreams(discovered: Catalog): Catalog {
  return {
    streams: discovered.streams.map((entry) => ({
      ...(entry.stream ? { stream: entry.stream } : {}),
      config: fullRefreshOverwrite(entry.config),
    })),
  };
}

/**
 * The catalog for the given stream configurations: the listed streams selected and configured,
 * every other discovered stream kept unselected with its default configuration.
 */
export function configureStreams(
  discovered: Catalog,
  requested: readonly StreamConfiguration[],
  destinationModes: readonly Config.DestinationSyncMode[],
): Catalog {
  const configured = new Map<CatalogStream, StreamConfig>();
  const seen = new Set<string>();
  for (const request of requested) {
    const entry = findStream(discovered, request.name, request.namespace ?? undefined);
    const stream = entry.stream as Stream;
    validateStreamConfiguration(request, destinationModes, stream);
    configured.set(entry, toStreamConfig(entry, request));
    const key = JSON.stringify([request.name, request.namespace ?? null]);
    if (seen.has(key)) {
      throw badRequest(
        `Duplicate stream found in configuration for stream name [${request.name}] in namespace [${request.namespace ?? "null"}].`,
      );
    }
    seen.add(key);
  }
  return {
    streams: discovered.streams.map((entry) => ({
      ...(entry.stream ? { stream: entry.stream } : {}),
      config: configured.get(entry) ?? { ...defaultConfig(entry), selected: false },
    })),
  };
}

/** The selected streams of a stored catalog, as the public API's `configurations.streams`. */
export function publicStreamConfigurations(catalog: Catalog): StreamConfiguration[] {
  return catalog.streams
    .filter((entry) => entry.stream && entry.config?.selected !== false)
    .map((entry) => toPublicStream(entry.stream as Stream, entry.config));
}

/** Every field path of a JSON schema, nested ones included (`[["address"], ["address", "city"]]`). */
export function streamFieldPaths(schema: Record<string, unknown> | undefined): string[][] {
  const properties = propertiesOf(schema);
  const paths: string[][] = [];
  for (const [name, child] of Object.entries(properties)) {
    paths.push([name]);
    for (const nested of streamFieldPaths(child as Record<string, unknown>)) paths.push([name, ...nested]);
  }
  return paths;
}

/** Top-level field names of a JSON schema. */
export function topLevelFields(schema: Record<string, unknown> | undefined): string[] {
  return Object.keys(propertiesOf(schema));
}

/** A list as Kotlin's `toString` prints it, nested lists included. */
export function kotlinList(value: unknown): string {
  return Array.isArray(value) ? `[${value.map(kotlinList).join(", ")}]` : String(value);
}

function propertiesOf(schema: Record<string, unknown> | undefined): Record<string, unknown> {
  const properties = schema?.properties;
  return properties !== null && typeof properties === "object" && !Array.isArray(properties)
    ? (properties as Record<string, unknown>)
    : {};
}

function findStream(catalog: Catalog, name: string, namespace: string | undefined): CatalogStream {
  const byName = catalog.streams.filter((entry) => entry.stream?.name === name);
  if (byName.length === 1) return byName[0] as CatalogStream;
  const byNamespace = byName.filter((entry) => (entry.stream?.namespace ?? undefined) === namespace);
  if (byNamespace.length === 1) return byNamespace[0] as CatalogStream;
  const which = byNamespace.length > 1 ? "Multiple streams" : "No streams";
  throw badRequest(
    `${which} found with name [${name}] and namespace [${namespace ?? "null"}]. Please call the ${STREAM_PROPERTIES_DOCS} endpoint to see the valid stream name and namespace combinations.`,
  );
}

function validateStreamConfiguration(
  request: StreamConfiguration,
  destinationModes: readonly Config.DestinationSyncMode[],
  stream: Stream,
): void {
  validateFieldSelection(request, stream);
  const mode = request.syncMode ?? undefined;
  if (mode === undefined || mode === "full_refresh_overwrite") return;
  const valid = validSyncModes(stream.supportedSyncModes, destinationModes);
  if (!valid.includes(mode)) {
    throw badRequest(
      `Cannot set sync mode to ${mode} for stream ${request.name}. Valid sync modes are: ${kotlinList(valid)}`,
    );
  }
  if (mode === "incremental_append" || mode === "incremental_deduped_history") {
    validateCursorField(request.cursorField ?? undefined, stream);
  }
  if (PRIMARY_KEY_FIELD_MODES.includes(mode)) validatePrimaryKey(request.primaryKey ?? undefined, stream);
}

function validateFieldSelection(request: StreamConfiguration, stream: Stream): void {
  const selected = request.selectedFields ?? undefined;
  if (selected === undefined) return;
  const topLevel = topLevelFields(stream.jsonSchema);
  if (selected.length === 0) {
    throw badRequest(
      `No fields selected for stream ${stream.name}. The list of valid field names includes: ${kotlinList(topLevel)}.`,
    );
  }
  const names = selected.map((field) => {
    const path = field.fieldPath ?? [];
    if (path.length === 0) throw badRequest(`Selected field path cannot be empty for stream:  ${stream.name}.`);
    if (path.length > 1) throw badRequest(`Nested field selection not supported for stream ${stream.name}.`);
    return path[0] as string;
  });
  if (new Set(names).size !== names.length) {
    throw badRequest(`Duplicate fields selected in configuration for stream: ${stream.name}.`);
  }
  if (!names.every((name) => topLevel.includes(name))) {
    throw badRequest(
      `Invalid fields selected for stream ${stream.name}. The list of valid field names includes: ${kotlinList(topLevel)}.`,
    );
  }
  const mode = request.syncMode ?? undefined;
  if (mode && PRIMARY_KEY_FIELD_MODES.includes(mode)) {
    const keyFields = (selectPrimaryKey(stream, request) ?? []).map((path) => path[0]).filter(Boolean);
    if (!keyFields.every((field) => names.includes(field as string))) {
      throw badRequest(
        `Primary key fields are not selected properly for stream: ${stream.name}. Please include primary key(s) in the configuration for this stream.`,
      );
    }
  }
  if (mode && INCREMENTAL_MODES.includes(mode)) {
    const cursor = selectCursorField(stream, request);
    if (cursor && cursor.length > 0 && !names.includes(cursor[0] as string)) {
      throw badRequest(
        `Cursor field is not selected properly for stream: ${stream.name}. Please include the cursor field in selected fields for this stream.`,
      );
    }
  }
}

function validateCursorField(cursorField: string[] | undefined, stream: Stream): void {
  const given = cursorField && cursorField.length > 0 ? cursorField : undefined;
  if (stream.sourceDefinedCursor) {
    if (given && !sameSet(given, stream.defaultCursorField ?? [])) {
      throw badRequest(
        `Cursor Field ${kotlinList(given)} is already defined by source for stream: ${stream.name}. Do not include a cursor field configuration for this stream.`,
      );
    }
    return;
  }
  if (given) {
    const valid = streamFieldPaths(stream.jsonSchema);
    if (!valid.some((path) => samePath(path, given))) {
      throw badRequest(
        `Invalid cursor field for stream: ${stream.name}. The list of valid cursor fields include: ${kotlinList(valid)}.`,
      );
    }
  } else if (!stream.defaultCursorField || stream.defaultCursorField.length === 0) {
    throw badRequest(
      `No default cursor field for stream: ${stream.name}. Please include a cursor field configuration for this stream.`,
    );
  }
}

function validatePrimaryKey(primaryKey: string[][] | undefined, stream: Stream): void {
  const sourceDefined = stream.sourceDefinedPrimaryKey ?? [];
  const given = primaryKey ?? [];
  if (sourceDefined.length > 0 && given.length > 0 && !samePaths(sourceDefined, given)) {
    throw badRequest(
      `Primary key for stream: ${stream.name} is already pre-defined. Please remove the primaryKey or provide the value as ${kotlinList(sourceDefined)}.`,
    );
  }
  if (sourceDefined.length === 0 && given.length === 0) {
    throw badRequest(
      `No default primary key for stream: ${stream.name}. Please include a primary key configuration for this stream.`,
    );
  }
  const valid = streamFieldPaths(stream.jsonSchema);
  for (const key of given) {
    if (!valid.some((path) => samePath(path, key))) {
      throw badRequest(
        `Invalid primary key for stream: ${stream.name}. The list of valid primary keys fields: ${kotlinList(valid)}.`,
      );
    }
    if (new Set(key).size !== key.length) {
      throw badRequest(
        `Duplicate primary key detected for stream: ${stream.name}, please don't provide the same column more than once. Key: ${kotlinList(given)}`,
      );
    }
  }
}

/** The source's cursor when it defines one, else the caller's, else the default. */
function selectCursorField(stream: Stream, request: StreamConfiguration): string[] | undefined {
  if (stream.sourceDefinedCursor) return stream.defaultCursorField;
  const given = request.cursorField ?? undefined;
  return given && given.length > 0 ? given : stream.defaultCursorField;
}

/** The source's primary key when it defines one, else the caller's. */
function selectPrimaryKey(stream: Stream, request: StreamConfiguration): string[][] | undefined {
  const sourceDefined = stream.sourceDefinedPrimaryKey ?? [];
  return sourceDefined.length > 0 ? sourceDefined : (request.primaryKey ?? undefined);
}

function toStreamConfig(entry: CatalogStream, request: StreamConfiguration): StreamConfig {
  const base = defaultConfig(entry);
  const stream = entry.stream as Stream;
  const mode = request.syncMode ?? "full_refresh_overwrite";
  const pair = SYNC_MODES[mode];
  const config: StreamConfig = {
    ...pick(base, [
      "aliasName",
      "suggested",
      "fieldSelectionEnabled",
      "selectedFields",
      "includeFiles",
      "namespace",
      "destinationObjectName",
      "mappers",
    ]),
    selected: true,
    syncMode: pair.syncMode,
    destinationSyncMode: pair.destinationSyncMode,
  };
  if (request.includeFiles !== undefined && request.includeFiles !== null) config.includeFiles = request.includeFiles;
  if (request.selectedFields) {
    config.fieldSelectionEnabled = true;
    config.selectedFields = request.selectedFields.map((field) => ({ fieldPath: field.fieldPath ?? [] }));
  }
  if (request.namespace) config.namespace = request.namespace;
  if (request.destinationObjectName) config.destinationObjectName = request.destinationObjectName;
  if (request.mappers) config.mappers = request.mappers;
  const cursorField = pair.syncMode === "incremental" ? selectCursorField(stream, request) : base.cursorField;
  const primaryKey =
    mode === "full_refresh_overwrite" || mode === "full_refresh_append"
      ? base.primaryKey
      : selectPrimaryKey(stream, request);
  if (cursorField) config.cursorField = cursorField;
  if (primaryKey) config.primaryKey = primaryKey;
  return config;
}

function fullRefreshOverwrite(config: StreamConfig | undefined): StreamConfig {
  // As Airbyte does, only these survive from the discovered defaults (the primary key does not).
  const kept = pick<Partial<StreamConfig>, keyof StreamConfig>(config ?? {}, [
    "aliasName",
    "cursorField",
    "fieldSelectionEnabled",
    "selectedFields",
    "includeFiles",
    "suggested",
  ]);
  return { ...kept, selected: true, syncMode: "full_refresh", destinationSyncMode: "overwrite" };
}

function defaultConfig(entry: CatalogStream): StreamConfig {
  return entry.config ?? { syncMode: "full_refresh", destinationSyncMode: "overwrite" };
}

function toPublicStream(stream: Stream, config: StreamConfig | undefined): StreamConfiguration {
  const out: StreamConfiguration = { name: stream.name };
  if (stream.namespace) out.namespace = stream.namespace;
  const mode = publicSyncMode(config?.syncMode, config?.destinationSyncMode);
  if (mode) out.syncMode = mode;
  if (config?.cursorField) out.cursorField = config.cursorField;
  if (config?.primaryKey) out.primaryKey = config.primaryKey;
  if (config?.selectedFields) out.selectedFields = config.selectedFields;
  if (config?.mappers) out.mappers = config.mappers;
  if (config?.includeFiles !== undefined) out.includeFiles = config.includeFiles;
  if (config?.destinationObjectName) out.destinationObjectName = config.destinationObjectName;
  return out;
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (value[key] !== undefined && value[key] !== null) out[key] = value[key];
  return out;
}

export function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

function samePaths(a: readonly string[][], b: readonly string[][]): boolean {
  return a.length === b.length && a.every((path, i) => samePath(path, b[i] as string[]));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}
