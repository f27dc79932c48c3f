/**
 * The checks of a `syncCatalog` sent by the web backend's update, which replaces the
 * connection's whole catalog.
 */
import type { Config } from "airbyte-ts";
import { badRequest } from "../errors.js";
import { kotlinList, samePath, streamFieldPaths, topLevelFields } from "./stream-configuration.js";

type Catalog = Config.AirbyteCatalog;
type StreamConfig = Config.AirbyteStreamConfiguration;

const DEDUP_MODES: readonly Config.DestinationSyncMode[] = ["append_dedup", "overwrite_dedup"];

/**
 * The catalog a web backend update stores: for every discovered stream, the configuration sent
 * for it (checked when selected) or, when none was sent, its default configuration unselected.
 * The immutable part of each stream is the discovered one, whatever the request carried.
 */
export function checkedSyncCatalog(
  discovered: Catalog,
  given: Catalog,
  destinationModes: readonly Config.DestinationSyncMode[],
): Catalog {
  const configs = new Map<string, StreamConfig>();
  for (const entry of given.streams) {
    const name = entry.stream?.name ?? "";
    const key = descriptorKey(name, entry.stream?.namespace);
    const match = discovered.streams.find((d) => d.stream && descriptorKey(d.stream.name, d.stream.namespace) === key);
    if (configs.has(key))
      throw badRequest(`The stream ${describe(name, entry.stream?.namespace)} appears twice in syncCatalog.`);
    if (!match?.stream) {
      if (entry.config?.selected === false) continue;
      throw badRequest(
        `The stream ${describe(name, entry.stream?.namespace)} is not in the source's catalog; discover the source's schema again.`,
      );
    }
    // The document makes `config` optional; a stream of the catalog cannot be kept without one.
    if (!entry.config)
      throw badRequest(`The stream ${describe(name, entry.stream?.namespace)} in syncCatalog has no config.`);
    const config = entry.config;
    configs.set(key, config.selected === false ? config : checkedConfig(match.stream, config, destinationModes));
  }
  return {
    streams: discovered.streams.map((entry) => {
      const stream = entry.stream as Config.AirbyteStream;
      const config = configs.get(descriptorKey(stream.name, stream.namespace));
      const fallback = entry.config ?? { syncMode: "full_refresh", destinationSyncMode: "overwrite" };
      return { stream, config: config ?? { ...fallback, selected: false } };
    }),
  };
}

function checkedConfig(
  stream: Config.AirbyteStream,
  config: StreamConfig,
  destinationModes: readonly Config.DestinationSyncMode[],
): StreamConfig {
  const supported = stream.supportedSyncModes ?? [];
  if (!supported.includes(config.syncMode)) {
    throw badRequest(
      `Stream ${stream.name} does not support the sync mode ${config.syncMode}. Supported sync modes are: ${kotlinList(supported)}.`,
    );
  }
  if (!destinationModes.includes(config.destinationSyncMode)) {
    throw badRequest(
      `The destination does not support the destination sync mode ${config.destinationSyncMode} (stream ${stream.name}). Supported destination sync modes are: ${kotlinList(destinationModes)}.`,
    );
  }
  const fields = streamFieldPaths(stream.jsonSchema);
  const checked: StreamConfig = { ...config };
  if (config.syncMode === "incremental") checked.cursorField = cursorOf(stream, config, fields);
  if (DEDUP_MODES.includes(config.destinationSyncMode) || config.destinationSyncMode === "update") {
    checked.primaryKey = primaryKeyOf(stream, config, fields);
  }
  if (config.fieldSelectionEnabled) checkSelectedFields(stream, config);
  return checked;
}

function cursorOf(stream: Config.AirbyteStream, config: StreamConfig, fields: string[][]): string[] {
  if (stream.sourceDefinedCursor && stream.defaultCursorField?.length) return stream.defaultCursorField;
  const cursor = config.cursorField?.length ? config.cursorField : stream.defaultCursorField;
  if (!cursor?.length) {
    throw badRequest(`Stream ${stream.name} syncs incrementally but has no cursor field; set config.cursorField.`);
  }
  if (!fields.some((path) => samePath(path, cursor))) {
    throw badRequest(
      `Invalid cursor field ${kotlinList(cursor)} for stream ${stream.name}. The list of valid cursor fields include: ${kotlinList(fields)}.`,
    );
  }
  return cursor;
}

function primaryKeyOf(stream: Config.AirbyteStream, config: StreamConfig, fields: string[][]): string[][] {
  if (stream.sourceDefinedPrimaryKey?.length) return stream.sourceDefinedPrimaryKey;
  const key = config.primaryKey ?? [];
  if (key.length === 0) {
    throw badRequest(
      `Stream ${stream.name} uses ${config.destinationSyncMode} but has no primary key; set config.primaryKey.`,
    );
  }
  const invalid = key.find((path) => !fields.some((field) => samePath(field, path)));
  if (invalid) {
    throw badRequest(
      `Invalid primary key ${kotlinList(invalid)} for stream ${stream.name}. The list of valid primary keys fields: ${kotlinList(fields)}.`,
    );
  }
  return key;
}

function checkSelectedFields(stream: Config.AirbyteStream, config: StreamConfig): void {
  const topLevel = topLevelFields(stream.jsonSchema);
  const unknown = (config.selectedFields ?? []).find((field) => !topLevel.includes(field.fieldPath?.[0] ?? ""));
  if (unknown) {
    throw badRequest(
      `Invalid fields selected for stream ${stream.name}. The list of valid field names includes: ${kotlinList(topLevel)}.`,
    );
  }
}

function descriptorKey(name: string, namespace: string | undefined | null): string {
  return JSON.stringify([name, namespace ?? null]);
}

function describe(name: string, namespace: string | undefined | null): string {
  return namespace ? `${namespace}.${name}` : name;
}
