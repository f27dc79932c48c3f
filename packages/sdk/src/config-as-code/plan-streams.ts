/**
 * A connection's streams, compared by namespace and name (never by position): each one's sync
 * mode, cursor and primary key in order, selected fields as a set, mappers in order. Fields the
 * source defines are neither sent nor compared, and overriding one is refused with the stream
 * named. The body sent keeps every remote field the files do not mention, since Airbyte's PATCH
 * replaces a connection's whole stream list.
 */
import type { ConfiguredStreamMapper, StreamConfiguration, StreamProperties } from "../api/models.gen.js";
import { canonical, compareDesired, type FieldChange } from "./compare.js";
import { ConfigFileError } from "./errors.js";
import type { ConnectionResource, StreamSetting } from "./project.js";
import { streamKey } from "./project.js";

export interface StreamsPlan {
  changes: FieldChange[];
  /** What to send as `configurations.streams`; undefined when the files do not manage streams. */
  body?: StreamConfiguration[] | undefined;
}

/** The public API's mapper shape; `{ hashing: {...} }` is shorthand for `{ type: hashing, mapperConfiguration: {...} }`. */
function normalizeMapper(mapper: Record<string, unknown>): Record<string, unknown> {
  if ("type" in mapper) return mapper;
  const [type, ...others] = Object.keys(mapper);
  if (type === undefined || others.length > 0) return mapper;
  return { type, mapperConfiguration: mapper[type] };
}

/** A mapper as compared: without the id the server gives it. */
const comparableMapper = ({ id: _id, ...mapper }: ConfiguredStreamMapper | Record<string, unknown>) => mapper;

const selectedPaths = (stream: StreamConfiguration): string[][] | undefined =>
  stream.selectedFields?.map((field) => field.fieldPath ?? []);

/** The files' stream as the API would show it, with only the fields the files wrote. */
function desiredView(setting: StreamSetting): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  if (setting.syncMode !== undefined) view.syncMode = setting.syncMode;
  if (setting.cursorField !== undefined) view.cursorField = setting.cursorField;
  if (setting.primaryKey !== undefined) view.primaryKey = setting.primaryKey;
  if (setting.selectedFields !== undefined) view.selectedFields = setting.selectedFields;
  if (setting.mappers !== undefined)
    view.mappers = setting.mappers?.map((mapper) => comparableMapper(normalizeMapper(mapper))) ?? null;
  if (setting.destinationObjectName !== undefined) view.destinationObjectName = setting.destinationObjectName;
  return view;
}

function remoteView(stream: StreamConfiguration): Record<string, unknown> {
  return {
    syncMode: stream.syncMode,
    cursorField: stream.cursorField,
    primaryKey: stream.primaryKey,
    selectedFields: selectedPaths(stream),
    mappers: stream.mappers?.map(comparableMapper),
    destinationObjectName: stream.destinationObjectName,
  };
}

const label = (name: string, namespace: string | undefined | null) => (namespace ? `${namespace}/${name}` : name);

/**
 * Refuses a cursor or primary key the source already defines, unless it is the same one (then
 * it is simply not sent). `properties` are the source's streams (`GET /streams`).
 */
export function checkSourceDefined(
  connection: ConnectionResource,
  properties: readonly StreamProperties[] | undefined,
): void {
  if (!connection.streams || !properties) return;
  for (const setting of connection.streams.values()) {
    const stream = properties.find(
      (property) =>
        property.streamName === setting.name && (property.streamnamespace ?? undefined) === setting.namespace,
    );
    if (!stream) continue;
    const at = (field: string) => ({ ...setting.location, path: [...setting.location.path, field] });
    const definedKey = stream.sourceDefinedPrimaryKey ?? [];
    if (setting.primaryKey && definedKey.length > 0 && canonical(setting.primaryKey) !== canonical(definedKey)) {
      throw new ConfigFileError(
        at("primaryKey"),
        `stream ${label(setting.name, setting.namespace)}'s primary key is defined by the source (${JSON.stringify(definedKey)}).`,
        { guidance: "Remove primaryKey: the source's own is used." },
      );
    }
    if (
      setting.cursorField &&
      stream.sourceDefinedCursorField &&
      canonical(setting.cursorField) !== canonical(stream.defaultCursorField ?? [])
    ) {
      throw new ConfigFileError(
        at("cursorField"),
        `stream ${label(setting.name, setting.namespace)}'s cursor is defined by the source (${JSON.stringify(stream.defaultCursorField ?? [])}).`,
        { guidance: "Remove cursorField: the source's own is used." },
      );
    }
  }
}

/** The stream changes of a connection, and the stream list to send when any changed. */
export function planStreams(
  connection: ConnectionResource,
  remoteStreams: readonly StreamConfiguration[],
  properties: readonly StreamProperties[] | undefined,
): StreamsPlan {
  if (!connection.streams) return { changes: [] };
  const remoteByKey = new Map(remoteStreams.map((stream) => [streamKey(stream.name, stream.namespace), stream]));
  const changes: FieldChange[] = [];
  const body: StreamConfiguration[] = [];
  for (const [key, setting] of connection.streams) {
    const remote = remoteByKey.get(key);
    const path = ["streams", label(setting.name, setting.namespace)];
    if (!remote) {
      changes.push({ path, op: "add", after: desiredView(setting) });
    } else {
      changes.push(
        ...compareDesired(
          desiredView(setting),
          remoteView(remote),
          { isSet: (at) => at.at(-1) === "selectedFields" },
          path,
        ),
      );
    }
    body.push(streamBody(setting, remote, properties));
  }
  for (const [key, remote] of remoteByKey) {
    if (connection.streams.has(key)) continue;
    if (connection.streamPolicy === "exact") {
      changes.push({ path: ["streams", label(remote.name, remote.namespace)], op: "remove", before: "selected" });
    } else {
      body.push(withoutSourceDefined(remote, properties));
    }
  }
  return { changes, body: changes.length > 0 ? body : undefined };
}

function propertiesOf(
  properties: readonly StreamProperties[] | undefined,
  name: string,
  namespace: string | undefined,
) {
  return properties?.find(
    (property) => property.streamName === name && (property.streamnamespace ?? undefined) === namespace,
  );
}

/** A remote stream sent back as it is, without what the source defines (the API refuses it). */
function withoutSourceDefined(
  stream: StreamConfiguration,
  properties: readonly StreamProperties[] | undefined,
): StreamConfiguration {
  const own = propertiesOf(properties, stream.name, stream.namespace);
  const { primaryKey, cursorField, mappers, selectedFields, ...rest } = stream;
  return {
    ...rest,
    // The API answers [] for "every field" but refuses [] as a selection.
    ...(selectedFields === undefined || selectedFields.length === 0 ? {} : { selectedFields }),
    ...((own?.sourceDefinedPrimaryKey?.length ?? 0) > 0 || primaryKey === undefined ? {} : { primaryKey }),
    ...(own?.sourceDefinedCursorField || cursorField === undefined ? {} : { cursorField }),
    ...(mappers === undefined
      ? {}
      : { mappers: mappers.map((mapper) => comparableMapper(mapper) as unknown as ConfiguredStreamMapper) }),
  };
}

/** The stream to send: the remote one (if any) with the files' fields over it. */
function streamBody(
  setting: StreamSetting,
  remote: StreamConfiguration | undefined,
  properties: readonly StreamProperties[] | undefined,
): StreamConfiguration {
  const own = propertiesOf(properties, setting.name, setting.namespace);
  const base = remote
    ? withoutSourceDefined(remote, properties)
    : { name: setting.name, ...(setting.namespace ? { namespace: setting.namespace } : {}) };
  const stream: StreamConfiguration = { ...base };
  if (setting.syncMode !== undefined) stream.syncMode = setting.syncMode;
  const keyDefined = (own?.sourceDefinedPrimaryKey?.length ?? 0) > 0;
  if (setting.primaryKey !== undefined && !keyDefined) {
    if (setting.primaryKey === null) delete stream.primaryKey;
    else stream.primaryKey = setting.primaryKey;
  }
  if (setting.cursorField !== undefined && !own?.sourceDefinedCursorField) {
    if (setting.cursorField === null) delete stream.cursorField;
    else stream.cursorField = setting.cursorField;
  }
  if (setting.selectedFields !== undefined) {
    // None or [] is every field (the API refuses an empty selection).
    if (setting.selectedFields === null || setting.selectedFields.length === 0) delete stream.selectedFields;
    else stream.selectedFields = setting.selectedFields.map((fieldPath) => ({ fieldPath }));
  }
  if (setting.mappers !== undefined) {
    if (setting.mappers === null) delete stream.mappers;
    else stream.mappers = setting.mappers.map((mapper) => normalizeMapper(mapper) as unknown as ConfiguredStreamMapper);
  }
  if (setting.destinationObjectName !== undefined) {
    if (setting.destinationObjectName === null) delete stream.destinationObjectName;
    else stream.destinationObjectName = setting.destinationObjectName;
  }
  return stream;
}
