/**
 * What changed between a connection's catalog and a fresh discovery of its source, as the web
 * backend reports it with `withRefreshedCatalog`: the `CatalogDiff` (streams added, removed or
 * updated, with their fields), and the refreshed catalog carrying over the connection's
 * configuration of the streams that are still there.
 *
 * A change is breaking when it removes what a selected stream syncs by: its cursor (incremental)
 * or a primary key column (deduplicating modes), or when it changes that stream's primary key.
 */
import type { Config } from "airbyte-ts";
import { topLevelFields } from "./stream-configuration.js";

type Catalog = Config.AirbyteCatalog;
type Entry = Config.AirbyteStreamAndConfiguration;
type Json = Record<string, unknown>;

const DEDUP_MODES: readonly Config.DestinationSyncMode[] = ["append_dedup", "overwrite_dedup"];

export function catalogDiff(current: Catalog, refreshed: Catalog): Config.CatalogDiff {
  const before = byDescriptor(current);
  const after = byDescriptor(refreshed);
  const transforms: Config.StreamTransform[] = [];
  for (const [key, entry] of after) {
    if (!before.has(key)) transforms.push({ transformType: "add_stream", streamDescriptor: descriptor(entry) });
  }
  for (const [key, entry] of before) {
    const next = after.get(key);
    if (!next) {
      transforms.push({ transformType: "remove_stream", streamDescriptor: descriptor(entry) });
      continue;
    }
    const update = streamUpdate(entry, next);
    if (update.fieldTransforms.length > 0 || update.streamAttributeTransforms.length > 0) {
      transforms.push({ transformType: "update_stream", streamDescriptor: descriptor(entry), updateStream: update });
    }
  }
  return { transforms };
}

export function schemaChangeOf(diff: Config.CatalogDiff): Config.SchemaChange {
  if (diff.transforms.length === 0) return "no_change";
  const breaking = diff.transforms.some(
    (transform) =>
      transform.updateStream?.fieldTransforms.some((field) => field.breaking) ||
      transform.updateStream?.streamAttributeTransforms.some((attribute) => attribute.breaking),
  );
  return breaking ? "breaking" : "non_breaking";
}

/**
 * The refreshed catalog with the connection's configuration carried over: streams still
 * discovered keep their modes (when the source still supports them), cursor, primary key
 * (the source's, when it defines one), selection and field selection (new top-level fields are
 * added to it); newly discovered streams come unselected with their defaults.
 */
export function mergeRefreshedCatalog(current: Catalog, refreshed: Catalog): Catalog {
  const before = byDescriptor(current);
  return {
    streams: refreshed.streams.map((entry) => {
      const stream = entry.stream as Config.AirbyteStream;
      const previous = before.get(key(entry));
      const discoveredConfig = entry.config ?? { syncMode: "full_refresh", destinationSyncMode: "overwrite" };
      if (!previous?.config) return { stream, config: { ...discoveredConfig, selected: false } };
      return { stream, config: carriedOver(previous, stream, discoveredConfig) };
    }),
  };
}

function carriedOver(
  previous: Entry,
  stream: Config.AirbyteStream,
  discovered: Config.AirbyteStreamConfiguration,
): Config.AirbyteStreamConfiguration {
  const old = previous.config as Config.AirbyteStreamConfiguration;
  const sourcePrimaryKey = stream.sourceDefinedPrimaryKey ?? [];
  const primaryKey =
    sourcePrimaryKey.length > 0 ? sourcePrimaryKey : (nonEmpty(old.primaryKey) ?? discovered.primaryKey);
  const config: Config.AirbyteStreamConfiguration = {
    syncMode: (stream.supportedSyncModes ?? []).includes(old.syncMode) ? old.syncMode : discovered.syncMode,
    destinationSyncMode: old.destinationSyncMode,
    ...defined("cursorField", nonEmpty(old.cursorField) ?? discovered.cursorField),
    ...defined("primaryKey", primaryKey),
    ...defined("aliasName", old.aliasName),
    ...defined("selected", old.selected),
    ...defined("suggested", old.suggested),
    ...defined("includeFiles", old.includeFiles),
    ...defined("fieldSelectionEnabled", old.fieldSelectionEnabled),
    ...defined("mappers", old.mappers),
    ...defined("destinationObjectName", old.destinationObjectName),
    ...defined("namespace", old.namespace),
  };
  config.selectedFields = old.fieldSelectionEnabled ? refreshedSelection(previous, stream) : [];
  return config;
}

/** Fields still discovered that were selected, plus fields that did not exist before. */
function refreshedSelection(previous: Entry, stream: Config.AirbyteStream): Config.SelectedFieldInfo[] {
  const selected = new Set((previous.config?.selectedFields ?? []).map((field) => field.fieldPath?.[0]));
  const known = new Set(topLevelFields(previous.stream?.jsonSchema));
  return topLevelFields(stream.jsonSchema)
    .filter((field) => selected.has(field) || !known.has(field))
    .map((field) => ({ fieldPath: [field] }));
}

function streamUpdate(before: Entry, after: Entry): NonNullable<Config.StreamTransform["updateStream"]> {
  const oldFields = fieldSchemas(before.stream?.jsonSchema);
  const newFields = fieldSchemas(after.stream?.jsonSchema);
  const fieldTransforms: Config.FieldTransform[] = [];
  for (const [path, schema] of newFields) {
    const old = oldFields.get(path);
    const fieldName = JSON.parse(path) as string[];
    if (old === undefined) {
      fieldTransforms.push({ transformType: "add_field", fieldName, breaking: false, addField: { schema } });
    } else if (JSON.stringify(old) !== JSON.stringify(schema)) {
      fieldTransforms.push({
        transformType: "update_field_schema",
        fieldName,
        breaking: false,
        updateFieldSchema: { oldSchema: old, newSchema: schema },
      });
    }
  }
  for (const [path, schema] of oldFields) {
    if (newFields.has(path)) continue;
    const fieldName = JSON.parse(path) as string[];
    fieldTransforms.push({
      transformType: "remove_field",
      fieldName,
      breaking: removesWhatStreamSyncsBy(before, fieldName),
      removeField: { schema },
    });
  }
  return { fieldTransforms, streamAttributeTransforms: primaryKeyChange(before, after) };
}

function primaryKeyChange(before: Entry, after: Entry): Config.StreamAttributeTransform[] {
  const oldKey = before.stream?.sourceDefinedPrimaryKey ?? [];
  const newKey = after.stream?.sourceDefinedPrimaryKey ?? [];
  if (JSON.stringify(oldKey) === JSON.stringify(newKey)) return [];
  const config = before.config;
  const deduplicated = config?.selected !== false && DEDUP_MODES.includes(config?.destinationSyncMode as never);
  return [
    {
      transformType: "update_primary_key",
      breaking: Boolean(deduplicated),
      updatePrimaryKey: { oldPrimaryKey: oldKey, newPrimaryKey: newKey },
    },
  ];
}

function removesWhatStreamSyncsBy(entry: Entry, fieldName: string[]): boolean {
  const config = entry.config;
  if (!config || config.selected === false) return false;
  const same = (path: string[] | undefined) => JSON.stringify(path) === JSON.stringify(fieldName);
  const cursorRemoved = config.syncMode === "incremental" && same(config.cursorField);
  const keyRemoved = DEDUP_MODES.includes(config.destinationSyncMode) && (config.primaryKey ?? []).some(same);
  return cursorRemoved || keyRemoved;
}

/** Every field path (as JSON text) of a stream schema with its JSON schema, nested fields included. */
function fieldSchemas(schema: Json | undefined, prefix: string[] = []): Map<string, Json> {
  const out = new Map<string, Json>();
  const properties = schema?.properties;
  if (properties === null || typeof properties !== "object" || Array.isArray(properties)) return out;
  for (const [name, child] of Object.entries(properties as Json)) {
    const path = [...prefix, name];
    out.set(JSON.stringify(path), child as Json);
    for (const [nested, nestedSchema] of fieldSchemas(child as Json, path)) out.set(nested, nestedSchema);
  }
  return out;
}

function byDescriptor(catalog: Catalog): Map<string, Entry> {
  return new Map(catalog.streams.filter((entry) => entry.stream).map((entry) => [key(entry), entry]));
}

function key(entry: Entry): string {
  return JSON.stringify([entry.stream?.name, entry.stream?.namespace ?? null]);
}

function descriptor(entry: Entry): Config.StreamDescriptor {
  const stream = entry.stream as Config.AirbyteStream;
  return { name: stream.name, ...(stream.namespace ? { namespace: stream.namespace } : {}) };
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

function defined<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };
}
