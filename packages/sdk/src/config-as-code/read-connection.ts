/**
 * Connections as a project file declares them: their endpoints by reference, schedule,
 * namespace, tags and streams keyed by namespace and name.
 */
import { type FileReader, type Path } from "./file-reader.js";
import { base } from "./read-connectors.js";
import {
  type ConnectionResource,
  NON_BREAKING_SCHEMA_UPDATES,
  type NamespaceSetting,
  type Reference,
  type Schedule,
  type StreamSetting,
  streamKey,
  SYNC_MODES,
} from "./project.js";

const CONNECTION_FIELDS = [
  "name",
  "renamedFrom",
  "source",
  "destination",
  "status",
  "schedule",
  "namespace",
  "prefix",
  "nonBreakingSchemaUpdates",
  "tags",
  "streamPolicy",
  "streams",
];

const STREAM_FIELDS = [
  "name",
  "namespace",
  "syncMode",
  "cursorField",
  "primaryKey",
  "selectedFields",
  "mappers",
  "destinationObjectName",
];

export function readConnection(reader: FileReader, key: string, value: unknown, path: Path): ConnectionResource {
  const body = reader.object(value, path, CONNECTION_FIELDS);
  const at = (field: string): Path => [...path, field];
  const connection: ConnectionResource = {
    kind: "connection",
    ...base(reader, key, body, path),
    source: readReference(reader, body.source, at("source"), true),
    destination: readReference(reader, body.destination, at("destination"), true),
    streamPolicy:
      body.streamPolicy === undefined
        ? "exact"
        : reader.oneOf(body.streamPolicy, at("streamPolicy"), ["exact", "merge"] as const),
  };
  if (body.status !== undefined)
    connection.status = reader.oneOf(body.status, at("status"), ["active", "inactive"] as const);
  if (body.schedule !== undefined) connection.schedule = readSchedule(reader, body.schedule, at("schedule"));
  if (body.namespace !== undefined) connection.namespace = readNamespace(reader, body.namespace, at("namespace"));
  if (body.prefix !== undefined) connection.prefix = reader.nullableString(body.prefix, at("prefix"));
  if (body.nonBreakingSchemaUpdates !== undefined) {
    connection.nonBreakingSchemaUpdates = reader.oneOf(
      body.nonBreakingSchemaUpdates,
      at("nonBreakingSchemaUpdates"),
      NON_BREAKING_SCHEMA_UPDATES,
    );
  }
  if (body.tags !== undefined) {
    connection.tags = reader
      .list(body.tags, at("tags"))
      .map((tag, index) => readReference(reader, tag, [...path, "tags", index], false));
  }
  if (body.streams !== undefined) connection.streams = readStreams(reader, body.streams, at("streams"));
  return connection;
}

/** `pg_prod` (a key of this project), `{ id: ... }` or `{ name: ... }` (a resource the project does not manage). */
function readReference(reader: FileReader, value: unknown, path: Path, required: boolean): Reference {
  if (value === undefined && required) reader.fail(path, "is required: a key of this project, { id } or { name }.");
  if (typeof value === "string") return { key: reader.string(value, path) };
  const body = reader.object(value, path, ["id", "name"]);
  if (body.id !== undefined && body.name === undefined) return { id: reader.string(body.id, [...path, "id"]) };
  if (body.name !== undefined && body.id === undefined) return { name: reader.string(body.name, [...path, "name"]) };
  return reader.fail(path, "needs exactly one of id and name.");
}

function readSchedule(reader: FileReader, value: unknown, path: Path): Schedule {
  if (value === "manual") return { type: "manual" };
  const body = reader.object(value, path, ["type", "cron"]);
  const type = reader.oneOf(body.type, [...path, "type"], ["manual", "cron"] as const);
  if (type === "manual") {
    if (body.cron !== undefined) reader.fail([...path, "cron"], "is only for type: cron.");
    return { type };
  }
  const cron = reader
    .string(body.cron, [...path, "cron"])
    .trim()
    .split(/\s+/)
    .join(" ");
  if (cron === "") reader.fail([...path, "cron"], "must not be empty.");
  return { type, cron };
}

function readNamespace(reader: FileReader, value: unknown, path: Path): NamespaceSetting {
  if (value === "source" || value === "destination") return { definition: value };
  const body = reader.object(value, path, ["definition", "format"]);
  const definition = reader.oneOf(body.definition, [...path, "definition"], [
    "source",
    "destination",
    "custom_format",
  ] as const);
  if (definition !== "custom_format") {
    if (body.format !== undefined) reader.fail([...path, "format"], "is only for definition: custom_format.");
    return { definition };
  }
  return { definition, format: reader.string(body.format, [...path, "format"]) };
}

function readStreams(reader: FileReader, value: unknown, path: Path): Map<string, StreamSetting> {
  const streams = new Map<string, StreamSetting>();
  for (const [label, item] of reader.entries(value, path)) {
    const stream = readStream(reader, label, item, [...path, label]);
    const key = streamKey(stream.name, stream.namespace);
    const earlier = streams.get(key);
    if (earlier) {
      reader.fail([...path, label], `is the same stream as ${JSON.stringify(earlier.location.path.at(-1))}.`);
    }
    streams.set(key, stream);
  }
  return streams;
}

/** A stream labelled `namespace/name` or `name`; explicit `name` and `namespace` fields win (for names with `/`). */
function readStream(reader: FileReader, label: string, value: unknown, path: Path): StreamSetting {
  const body = reader.object(value ?? {}, path, STREAM_FIELDS);
  const at = (field: string): Path => [...path, field];
  let name = reader.optionalString(body.name, at("name"));
  let namespace = reader.optionalString(body.namespace, at("namespace"));
  if (name === undefined) {
    const parts = label.split("/");
    if (parts.length > 2) reader.fail(path, `has more than one "/"; write its name and namespace as fields.`);
    [namespace, name] = parts.length === 2 ? [namespace ?? parts[0], parts[1]] : [namespace, label];
  }
  if (!name) reader.fail(path, "needs a stream name.");
  const stream: StreamSetting = { name, namespace, location: reader.location(path) };
  if (body.syncMode !== undefined) stream.syncMode = reader.oneOf(body.syncMode, at("syncMode"), SYNC_MODES);
  if (body.cursorField !== undefined) {
    stream.cursorField = body.cursorField === null ? null : reader.stringList(body.cursorField, at("cursorField"));
  }
  if (body.primaryKey !== undefined) stream.primaryKey = readPaths(reader, body.primaryKey, at("primaryKey"));
  if (body.selectedFields !== undefined)
    stream.selectedFields = readPaths(reader, body.selectedFields, at("selectedFields"));
  if (body.mappers !== undefined) {
    stream.mappers =
      body.mappers === null
        ? null
        : reader.list(body.mappers, at("mappers")).map((mapper, index) => {
            const mapperPath = [...path, "mappers", index];
            return reader.object(reader.expandAll(reader.object(mapper, mapperPath), mapperPath), mapperPath);
          });
  }
  if (body.destinationObjectName !== undefined) {
    stream.destinationObjectName = reader.nullableString(body.destinationObjectName, at("destinationObjectName"));
  }
  return stream;
}

/** Field paths: `[[id], [customer, id]]`; a bare name stands for a top-level field (`[id, amount]`). */
function readPaths(reader: FileReader, value: unknown, path: Path): string[][] | null {
  if (value === null) return null;
  return reader
    .list(value, path)
    .map((item, index) =>
      Array.isArray(item) ? reader.stringList(item, [...path, index]) : [reader.string(item, [...path, index])],
    );
}
