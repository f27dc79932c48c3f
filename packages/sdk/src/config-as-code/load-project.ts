/**
 * `loadProject`: reads a project's YAML files into one checked `Project`, failing on the first
 * problem with its file, line and path, before any request.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ConfigFileError } from "./errors.js";
import { FileReader, type Path } from "./file-reader.js";
import {
  type Address,
  addressOf,
  type Lifecycle,
  type Project,
  RESOURCE_KINDS,
  type Resource,
  type ResourceKind,
  type WorkspaceChoice,
} from "./project.js";
import { readConnection } from "./read-connection.js";
import { type ManifestLoader, readConnector, readDefinition, readTag } from "./read-connectors.js";
import type { Env } from "./variables.js";
import { parseYamlFile } from "./yaml-document.js";

export const PROJECT_API_VERSION = "airbyte-ts/v1";
/**
 * The JSON Schema of a project file, as the published package serves it (`schema/` in the
 * package): editors that read `# yaml-language-server: $schema=...` complete and check the file.
 */
export const PROJECT_SCHEMA_URL = "https://unpkg.com/airbyte-ts/schema/project.schema.json";

/** A project file: its path, and its text when it is not to be read from disk. */
export type ProjectFile = string | { path: string; text: string };

export interface LoadProjectOptions {
  /** Where `${VAR}` values come from; default `process.env`. */
  env?: Env;
}

const TOP_LEVEL = [
  "apiVersion",
  "workspace",
  "tags",
  "definitions",
  "sources",
  "destinations",
  "connections",
  "lifecycle",
];

/** Reads and checks the files; resources keep their file's location for later messages. */
export async function loadProject(files: readonly ProjectFile[], options: LoadProjectOptions = {}): Promise<Project> {
  if (files.length === 0) throw new ConfigFileError({ file: "(none)", path: [] }, "no project files were given.");
  const env = options.env ?? process.env;
  const project: Project = { files: [], resources: new Map(), lifecycle: { prune: "managed", preventDestroy: [] } };
  let workspaceFrom: string | undefined;
  let lifecycleFrom: string | undefined;

  for (const file of files) {
    const { path, text } = typeof file === "string" ? { path: file, text: await readText(file) } : file;
    const reader = new FileReader(await parseYamlFile(path, text), env);
    project.files.push(path);
    const body = reader.object(reader.parsed.value ?? {}, [], TOP_LEVEL);
    if (body.apiVersion !== PROJECT_API_VERSION) {
      reader.fail(
        ["apiVersion"],
        `must be ${PROJECT_API_VERSION}.`,
        `Start the file with: apiVersion: ${PROJECT_API_VERSION}`,
      );
    }
    if (body.workspace !== undefined) {
      const workspace = readWorkspace(reader, body.workspace);
      if (project.workspace && JSON.stringify(project.workspace) !== JSON.stringify(workspace)) {
        reader.fail(["workspace"], `differs from the workspace in ${workspaceFrom}.`);
      }
      project.workspace = workspace;
      project.workspaceLocation ??= reader.location(["workspace"]);
      workspaceFrom = path;
    }
    if (body.lifecycle !== undefined) {
      if (lifecycleFrom) reader.fail(["lifecycle"], `is already set in ${lifecycleFrom}; write it once.`);
      project.lifecycle = readLifecycle(reader, body.lifecycle);
      lifecycleFrom = path;
    }
    for (const resource of await readResources(reader, body, manifestLoader)) addResource(project, resource, reader);
  }
  checkReferences(project);
  return project;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigFileError({ file: path, path: [] }, `cannot be read (${(error as Error).message}).`, {
      cause: error,
    });
  }
}

/** A manifest named by a definition, relative to the file that names it. */
const manifestLoader: ManifestLoader = async (file, from) => {
  const path = resolve(dirname(from), file);
  const parsed = await parseYamlFile(file, await readText(path));
  const reader = new FileReader(parsed, {});
  return { file, value: reader.object(parsed.value, []) };
};

async function readResources(
  reader: FileReader,
  body: Record<string, unknown>,
  loadManifest: ManifestLoader,
): Promise<Resource[]> {
  const resources: Resource[] = [];
  for (const [key, value] of reader.entries(body.tags, ["tags"]))
    resources.push(readTag(reader, key, value, ["tags", key]));
  if (body.definitions !== undefined) {
    const definitions = reader.object(body.definitions, ["definitions"], ["sources", "destinations"]);
    for (const [key, value] of reader.entries(definitions.sources, ["definitions", "sources"])) {
      resources.push(
        await readDefinition(reader, "source_definition", key, value, ["definitions", "sources", key], loadManifest),
      );
    }
    for (const [key, value] of reader.entries(definitions.destinations, ["definitions", "destinations"])) {
      resources.push(
        await readDefinition(
          reader,
          "destination_definition",
          key,
          value,
          ["definitions", "destinations", key],
          loadManifest,
        ),
      );
    }
  }
  for (const [key, value] of reader.entries(body.sources, ["sources"])) {
    resources.push(readConnector(reader, "source", key, value, ["sources", key]));
  }
  for (const [key, value] of reader.entries(body.destinations, ["destinations"])) {
    resources.push(readConnector(reader, "destination", key, value, ["destinations", key]));
  }
  for (const [key, value] of reader.entries(body.connections, ["connections"])) {
    resources.push(readConnection(reader, key, value, ["connections", key]));
  }
  return resources;
}

function addResource(project: Project, resource: Resource, reader: FileReader): void {
  const address = addressOf(resource.kind, resource.key);
  const earlier = project.resources.get(address);
  if (earlier) {
    reader.fail(resource.location.path, `declares ${address} again (first in ${earlier.location.file}).`);
  }
  for (const previous of resource.renamedFrom) {
    const old = addressOf(resource.kind, previous);
    if (project.resources.has(old))
      reader.fail(resource.location.path, `is renamed from ${old}, which is still declared.`);
  }
  project.resources.set(address, resource);
}

function readWorkspace(reader: FileReader, value: unknown): WorkspaceChoice {
  if (typeof value === "string") return { name: reader.string(value, ["workspace"]) };
  const body = reader.object(value, ["workspace"], ["id", "name"]);
  if (body.id !== undefined && body.name === undefined) return { id: reader.string(body.id, ["workspace", "id"]) };
  if (body.name !== undefined && body.id === undefined)
    return { name: reader.string(body.name, ["workspace", "name"]) };
  return reader.fail(["workspace"], "needs exactly one of id and name.");
}

function readLifecycle(reader: FileReader, value: unknown): Lifecycle {
  const body = reader.object(value, ["lifecycle"], ["prune", "preventDestroy"]);
  const prune =
    body.prune === undefined
      ? "managed"
      : reader.oneOf(body.prune, ["lifecycle", "prune"], ["managed", "all"] as const);
  const preventDestroy = (
    body.preventDestroy === undefined ? [] : reader.stringList(body.preventDestroy, ["lifecycle", "preventDestroy"])
  ).map((address, index) => readAddress(reader, address, ["lifecycle", "preventDestroy", index]));
  return { prune, preventDestroy };
}

/** `source.pg_prod`. */
function readAddress(reader: FileReader, text: string, path: Path): Address {
  const dot = text.indexOf(".");
  const kind = text.slice(0, dot) as ResourceKind;
  if (dot <= 0 || dot === text.length - 1 || !RESOURCE_KINDS.includes(kind)) {
    reader.fail(path, `"${text}" is not an address.`, `Write KIND.KEY, with KIND one of ${RESOURCE_KINDS.join(", ")}.`);
  }
  return text as Address;
}

/** Every reference by key names a resource of the right kind in this project. */
function checkReferences(project: Project): void {
  const fail = (resource: Resource, path: Path, problem: string): never => {
    throw new ConfigFileError({ ...resource.location, path: [...resource.location.path, ...path] }, problem);
  };
  const need = (resource: Resource, kind: ResourceKind, key: string, path: Path) => {
    if (!project.resources.has(addressOf(kind, key))) {
      const known = [...project.resources.values()].filter((r) => r.kind === kind).map((r) => r.key);
      fail(
        resource,
        path,
        `names ${kind} "${key}", which this project does not declare${known.length ? ` (it has: ${known.join(", ")})` : ""}.`,
      );
    }
  };
  for (const resource of project.resources.values()) {
    if (resource.kind === "source" || resource.kind === "destination") {
      if ("custom" in resource.connector)
        need(resource, `${resource.kind}_definition`, resource.connector.custom, ["connector", "custom"]);
    }
    if (resource.kind === "connection") {
      if ("key" in resource.source) need(resource, "source", resource.source.key, ["source"]);
      if ("key" in resource.destination) need(resource, "destination", resource.destination.key, ["destination"]);
    }
  }
}
