/**
 * `importWorkspace(workspace)`: the project files that declare a workspace as it is, keyed by
 * its names, with every secret (which the API masks) replaced by a `${VAR}` to set, and the lock
 * file that binds the keys to the ids. Planning the files against the workspace, with those
 * variables set, is empty; importing twice gives the same bytes.
 */
import type { AirbyteApi } from "../api/client.js";
import type { ConnectionResponse, StreamConfiguration, StreamProperties } from "../api/models.gen.js";
import type { RequestOptions } from "../http/request-options.js";
import { checkConcurrency, mapBounded } from "../internal/map-bounded.js";
import { loadOptionalPackage } from "../internal/optional-package.js";
import { SECRET_MASK } from "./compare.js";
import { emptyLockFile, type LockFile } from "./lock-file.js";
import { PROJECT_API_VERSION, PROJECT_SCHEMA_URL } from "./load-project.js";
import { type Address, addressOf, type ResourceKind } from "./project.js";
import { AIRBYTE_MACROS } from "./variables.js";
import { readCustomDockerDefinitions } from "./custom-definitions.js";
import { readWorkspaceSnapshot } from "./workspace-snapshot.js";

export interface ImportedWorkspace {
  /** Files to write, by path relative to the project folder: `airbyte.yaml` and the manifests. */
  files: Record<string, string>;
  lock: LockFile;
  /** The variables the files read, one per masked secret: set them before planning. */
  variables: { name: string; address: Address; path: string }[];
  /** What could not be imported, and why. */
  warnings: string[];
}

interface YamlWriter {
  stringify(value: unknown, options?: Record<string, unknown>): string;
}

/** Keys from names: lower case, `_` for anything else, a number added when two names meet. */
function keyMaker() {
  const used = new Set<string>();
  return (name: string): string => {
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "_")
        .replace(/^_+|_+$/g, "") || "resource";
    const start = /^[a-z0-9]/.test(base) ? base : `r_${base}`;
    let key = start;
    for (let n = 2; used.has(key); n++) key = `${start}_${n}`;
    used.add(key);
    return key;
  };
}

/** Remote text written so that loading it gives it back: `${...}` that is no Airbyte macro is escaped. */
function literal(value: unknown): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) =>
      AIRBYTE_MACROS.has(name) ? whole : `$${whole}`,
    );
  }
  if (Array.isArray(value)) return value.map(literal);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, literal(item)]));
  }
  return value;
}

const byNameThenId = <T>(items: T[], name: (item: T) => string, id: (item: T) => string) =>
  [...items].sort((a, b) => name(a).localeCompare(name(b), "en") || (id(a) < id(b) ? -1 : 1));

export async function importWorkspace(
  target: { api: AirbyteApi; workspaceId: string },
  options: { concurrency?: number; request?: RequestOptions } = {},
): Promise<ImportedWorkspace> {
  const { api, workspaceId } = target;
  const concurrency = checkConcurrency(options.concurrency);
  const yaml = await loadOptionalPackage<YamlWriter>("yaml", { purpose: "Writing a project's YAML files" });
  const snapshot = await readWorkspaceSnapshot(api, workspaceId, { concurrency, request: options.request });
  const lock = emptyLockFile(workspaceId);
  const variables: ImportedWorkspace["variables"] = [];
  const warnings: string[] = [];
  const files: Record<string, string> = {};
  const keys = new Map<string, string>();
  const bind = (kind: ResourceKind, id: string, key: string) => {
    keys.set(id, key);
    lock.resources[addressOf(kind, key)] = { id };
  };

  const tags: Record<string, unknown> = {};
  const tagKey = keyMaker();
  for (const tag of byNameThenId(
    snapshot.tags,
    (t) => t.name,
    (t) => t.tagId,
  )) {
    const key = tagKey(tag.name);
    bind("tag", tag.tagId, key);
    tags[key] = { ...(key === tag.name ? {} : { name: tag.name }), color: tag.color.toUpperCase() };
  }

  const definitions: Record<string, unknown> = {};
  const definitionKey = keyMaker();
  for (const definition of byNameThenId(
    snapshot.declarativeSourceDefinitions,
    (d) => d.name,
    (d) => d.id,
  )) {
    const key = definitionKey(definition.name);
    bind("source_definition", definition.id, key);
    const manifestFile = `manifests/${key}.yaml`;
    files[manifestFile] = yaml.stringify(definition.manifest, { lineWidth: 0 });
    definitions[key] = { name: definition.name, manifestFile: `./${manifestFile}` };
  }
  const declarativeIds = new Set(snapshot.declarativeSourceDefinitions.map((definition) => definition.id));
  const docker = await readCustomDockerDefinitions(api, workspaceId, declarativeIds, options.request);
  if (docker.unavailable) {
    warnings.push(
      `Custom Docker definitions were not imported (the Config API refused: ${docker.unavailable}); sources and destinations on them name them by definitionId.`,
    );
  }
  const destinationDefinitions: Record<string, unknown> = {};
  const destinationDefinitionKey = keyMaker();
  for (const [kind, found, into, keyOf] of [
    ["source_definition", docker.sources, definitions, definitionKey],
    ["destination_definition", docker.destinations, destinationDefinitions, destinationDefinitionKey],
  ] as const) {
    for (const definition of byNameThenId(
      found,
      (d) => d.name,
      (d) => d.id,
    )) {
      const key = keyOf(definition.name);
      bind(kind, definition.id, key);
      const image = { repository: definition.repository, tag: definition.tag };
      const documentationUrl = definition.documentationUrl ? { documentationUrl: definition.documentationUrl } : {};
      into[key] = { name: definition.name, docker: { ...image, ...documentationUrl } };
    }
  }

  const connectorOf = (kind: "source" | "destination", definitionId: string): unknown => {
    const custom = keys.get(definitionId);
    if (custom) return { custom };
    const catalogue = kind === "source" ? snapshot.sourceDefinitions : snapshot.destinationDefinitions;
    const definition = catalogue.find((d) => d.id === definitionId);
    const short = definition?.dockerRepository.split("/").pop();
    const unique = short && catalogue.filter((d) => d.dockerRepository.split("/").pop() === short).length === 1;
    return unique ? short : { definitionId };
  };
  /** The configuration with each masked secret replaced by a variable named after where it is. */
  const configuration = (kind: "source" | "destination", key: string, value: unknown, path: string[] = []): unknown => {
    if (value === SECRET_MASK) {
      const name = [kind, key, ...path]
        .join("_")
        .toUpperCase()
        .replace(/[^A-Z0-9_]/g, "_");
      variables.push({ name, address: addressOf(kind, key), path: path.join(".") });
      return `\${${name}}`;
    }
    if (Array.isArray(value))
      return value.map((item, index) => configuration(kind, key, item, [...path, String(index)]));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([field, item]) => [field, configuration(kind, key, item, [...path, field])]),
      );
    }
    return literal(value);
  };

  const sources: Record<string, unknown> = {};
  const sourceKey = keyMaker();
  for (const source of byNameThenId(
    snapshot.sources,
    (s) => s.name,
    (s) => s.sourceId,
  )) {
    const key = sourceKey(source.name);
    bind("source", source.sourceId, key);
    sources[key] = {
      name: source.name,
      connector: connectorOf("source", source.definitionId),
      configuration: configuration("source", key, source.configuration),
    };
  }
  const destinations: Record<string, unknown> = {};
  const destinationKey = keyMaker();
  for (const destination of byNameThenId(
    snapshot.destinations,
    (d) => d.name,
    (d) => d.destinationId,
  )) {
    const key = destinationKey(destination.name);
    bind("destination", destination.destinationId, key);
    destinations[key] = {
      name: destination.name,
      connector: connectorOf("destination", destination.definitionId),
      configuration: configuration("destination", key, destination.configuration),
    };
  }

  const connections: Record<string, unknown> = {};
  const connectionKey = keyMaker();
  const ordered = byNameThenId(
    snapshot.connections,
    (c) => c.name,
    (c) => c.connectionId,
  );
  const properties = await mapBounded(ordered, concurrency, (connection) =>
    api.streams.getStreamProperties(
      { sourceId: connection.sourceId, destinationId: connection.destinationId },
      options.request,
    ),
  );
  for (const [index, connection] of ordered.entries()) {
    const key = connectionKey(connection.name);
    bind("connection", connection.connectionId, key);
    connections[key] = connectionEntry(connection, properties[index] ?? [], keys);
  }

  const project = {
    apiVersion: PROJECT_API_VERSION,
    ...(Object.keys(tags).length ? { tags } : {}),
    ...(Object.keys(definitions).length || Object.keys(destinationDefinitions).length
      ? {
          definitions: {
            ...(Object.keys(definitions).length ? { sources: definitions } : {}),
            ...(Object.keys(destinationDefinitions).length ? { destinations: destinationDefinitions } : {}),
          },
        }
      : {}),
    ...(Object.keys(sources).length ? { sources } : {}),
    ...(Object.keys(destinations).length ? { destinations } : {}),
    ...(Object.keys(connections).length ? { connections } : {}),
  };
  const header = `# yaml-language-server: $schema=${PROJECT_SCHEMA_URL}\n# Imported from workspace ${workspaceId}.${variables.length ? " Set these variables (the API masks their values):\n#   " + variables.map((v) => v.name).join("\n#   ") : ""}\n`;
  files["airbyte.yaml"] = header + yaml.stringify(project, { lineWidth: 0 });
  return { files, lock, variables, warnings };
}

function connectionEntry(
  connection: ConnectionResponse,
  properties: readonly StreamProperties[],
  keys: ReadonlyMap<string, string>,
) {
  const reference = (id: string) => keys.get(id) ?? { id };
  const schedule =
    connection.schedule.scheduleType === "cron"
      ? { type: "cron", cron: (connection.schedule.cronExpression ?? "").replace(/\s+UTC$/i, "") }
      : connection.schedule.scheduleType === "manual"
        ? { type: "manual" }
        : undefined; // a basic schedule: the public API cannot set one, so the files leave it alone
  const namespace =
    connection.namespaceDefinition === "custom_format"
      ? { definition: "custom_format", format: literal(connection.namespaceFormat ?? "") }
      : connection.namespaceDefinition;
  const streams = Object.fromEntries(
    [...(connection.configurations.streams ?? [])]
      .sort((a, b) => `${a.namespace ?? ""}/${a.name}`.localeCompare(`${b.namespace ?? ""}/${b.name}`, "en"))
      .map((stream) => [
        stream.namespace ? `${stream.namespace}/${stream.name}` : stream.name,
        streamEntry(stream, properties),
      ]),
  );
  return {
    name: connection.name,
    source: reference(connection.sourceId),
    destination: reference(connection.destinationId),
    status: connection.status === "inactive" ? "inactive" : "active",
    ...(schedule ? { schedule } : {}),
    ...(namespace ? { namespace } : {}),
    prefix: connection.prefix ?? "",
    ...(connection.nonBreakingSchemaUpdatesBehavior
      ? { nonBreakingSchemaUpdates: connection.nonBreakingSchemaUpdatesBehavior }
      : {}),
    tags: connection.tags.map((tag) => keys.get(tag.tagId) ?? { name: tag.name }),
    streams,
  };
}

/** A stream as the files write it: what the source defines is left out (it is neither sent nor compared). */
function streamEntry(stream: StreamConfiguration, properties: readonly StreamProperties[]) {
  const own = properties.find(
    (p) => p.streamName === stream.name && (p.streamnamespace ?? undefined) === stream.namespace,
  );
  const entry: Record<string, unknown> = {};
  if (stream.name.includes("/"))
    Object.assign(entry, { name: stream.name, ...(stream.namespace ? { namespace: stream.namespace } : {}) });
  if (stream.syncMode) entry.syncMode = stream.syncMode;
  if (stream.cursorField?.length && !own?.sourceDefinedCursorField) entry.cursorField = stream.cursorField;
  if (stream.primaryKey?.length && !own?.sourceDefinedPrimaryKey?.length) entry.primaryKey = stream.primaryKey;
  const selected = stream.selectedFields?.map((field) => field.fieldPath ?? []) ?? [];
  if (selected.length > 0) entry.selectedFields = selected;
  if (stream.mappers?.length) entry.mappers = stream.mappers.map(({ id: _id, ...mapper }) => literal(mapper));
  if (stream.destinationObjectName) entry.destinationObjectName = stream.destinationObjectName;
  return entry;
}
