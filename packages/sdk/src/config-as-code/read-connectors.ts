/**
 * Tags, custom definitions, sources and destinations as a project file declares them.
 */
import type { FileReader, Path } from "./file-reader.js";
import type {
  ConfigurationValue,
  ConnectorChoice,
  ConnectorResource,
  DefinitionResource,
  TagResource,
} from "./project.js";
import { pathKey, type ValueOrigin } from "./yaml-document.js";

/** Reads a manifest file named in a definition (relative to the project file). */
export type ManifestLoader = (file: string, from: string) => Promise<{ file: string; value: Record<string, unknown> }>;

/** A resource key: what plans, lock files and `--target` name it by. */
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function checkKey(reader: FileReader, key: string, path: Path): void {
  if (!KEY.test(key)) {
    reader.fail(path, `"${key}" is not a usable key.`, "Use letters, digits, _, - and . (not first).");
  }
}

/** What every kind has: its checked key, its name (the key unless written), its earlier keys, its place. */
export function base(reader: FileReader, key: string, body: Record<string, unknown>, path: Path) {
  checkKey(reader, key, path);
  const renamedFrom =
    body.renamedFrom === undefined ? [] : reader.stringList(body.renamedFrom, [...path, "renamedFrom"]);
  renamedFrom.forEach((earlier, index) => checkKey(reader, earlier, [...path, "renamedFrom", index]));
  const name = reader.optionalString(body.name, [...path, "name"]) ?? key;
  if (name.trim() === "") reader.fail([...path, "name"], "must not be empty.");
  return { key, name, renamedFrom, location: reader.location(path) };
}

export function readTag(reader: FileReader, key: string, value: unknown, path: Path): TagResource {
  const body = reader.object(value ?? {}, path, ["name", "color", "renamedFrom"]);
  const color = reader.optionalString(body.color, [...path, "color"]);
  if (color !== undefined && !/^#?[0-9A-Fa-f]{6}$/.test(color)) {
    reader.fail([...path, "color"], `must be a hex colour such as "3F51B5", not ${JSON.stringify(color)}.`);
  }
  return { kind: "tag", ...base(reader, key, body, path), color: color?.replace(/^#/, "").toUpperCase() };
}

export async function readDefinition(
  reader: FileReader,
  kind: DefinitionResource["kind"],
  key: string,
  value: unknown,
  path: Path,
  loadManifest: ManifestLoader,
): Promise<DefinitionResource> {
  const allowed =
    kind === "source_definition"
      ? ["name", "renamedFrom", "manifestFile", "docker"]
      : ["name", "renamedFrom", "docker"];
  const body = reader.object(value, path, allowed);
  const resource: DefinitionResource = { kind, ...base(reader, key, body, path) };
  if (body.manifestFile !== undefined) {
    const file = reader.string(body.manifestFile, [...path, "manifestFile"]);
    resource.manifest = await loadManifest(file, reader.file);
  }
  if (body.docker !== undefined) {
    const dockerPath = [...path, "docker"];
    const docker = reader.object(body.docker, dockerPath, ["repository", "tag", "documentationUrl"]);
    resource.docker = {
      repository: reader.string(docker.repository, [...dockerPath, "repository"]),
      tag: reader.string(docker.tag, [...dockerPath, "tag"]),
      documentationUrl: reader.optionalString(docker.documentationUrl, [...dockerPath, "documentationUrl"]),
    };
  }
  if ((resource.manifest === undefined) === (resource.docker === undefined)) {
    reader.fail(path, kind === "source_definition" ? "needs exactly one of manifestFile and docker." : "needs docker.");
  }
  return resource;
}

export function readConnector(
  reader: FileReader,
  kind: ConnectorResource["kind"],
  key: string,
  value: unknown,
  path: Path,
): ConnectorResource {
  const body = reader.object(value, path, ["name", "renamedFrom", "connector", "configuration"]);
  return {
    kind,
    ...base(reader, key, body, path),
    connector: readConnectorChoice(reader, body.connector, [...path, "connector"]),
    configuration: readConfiguration(reader, body.configuration ?? {}, [...path, "configuration"]),
  };
}

function readConnectorChoice(reader: FileReader, value: unknown, path: Path): ConnectorChoice {
  if (value === undefined)
    reader.fail(path, "is required: a connector name (source-postgres), { definitionId } or { custom: KEY }.");
  if (typeof value === "string") return { connector: reader.string(value, path) };
  const choice = reader.object(value, path, ["definitionId", "custom"]);
  if (choice.definitionId !== undefined && choice.custom === undefined) {
    return { definitionId: reader.string(choice.definitionId, [...path, "definitionId"]) };
  }
  if (choice.custom !== undefined && choice.definitionId === undefined) {
    return { custom: reader.string(choice.custom, [...path, "custom"]) };
  }
  return reader.fail(path, "needs exactly one of definitionId and custom.");
}

function readConfiguration(reader: FileReader, value: unknown, path: Path): ConfigurationValue {
  const expanded = reader.object(reader.expandAll(reader.object(value, path), path), path);
  // Origins and variable reads keyed by the path inside the configuration, as specs see it.
  const prefix = `${pathKey(path).slice(0, -1)},`;
  const own = pathKey(path);
  const inside = (key: string) =>
    key === own ? "[]" : key.startsWith(prefix) ? `[${key.slice(prefix.length)}` : undefined;
  const origins = new Map<string, ValueOrigin>();
  for (const [key, origin] of reader.parsed.origins) {
    const relative = inside(key);
    if (relative !== undefined) origins.set(relative, origin);
  }
  const fromEnvironment = new Set<string>();
  for (const key of reader.fromEnvironment) {
    const relative = inside(key);
    if (relative !== undefined) fromEnvironment.add(relative);
  }
  return { value: expanded, origins, fromEnvironment };
}
