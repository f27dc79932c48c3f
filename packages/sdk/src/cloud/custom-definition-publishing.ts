/**
 * Publishing and listing a workspace's custom definitions, declarative (YAML) and Docker, for
 * `CloudWorkspace`'s methods of the same names. What a definition does once published is
 * `custom-definitions.ts`'s.
 */
import type { DefinitionResponse } from "../api/index.js";
import {
  CustomCloudDestinationDefinition,
  CustomCloudSourceDefinition,
  type DefinitionType,
} from "./custom-definitions.js";
import { DuplicateResourcesError, InputError } from "./errors.js";
import type { RequestOptions } from "../http/request-options.js";
import { type DeclarativeManifest, loadManifest, type ManifestInput, validateManifest } from "./manifest.js";
import { declarativeDefinitionInfo, dockerDefinitionInfo } from "./models.js";
import { requireId } from "./resource-ids.js";
import type { CloudWorkspace } from "./workspace.js";

export interface PublishSourceDefinitionOptions {
  /** A declarative manifest: an object, YAML or JSON text, or a file path or URL. */
  manifestYaml?: ManifestInput;
  /** A Docker image repository, e.g. `airbyte/source-custom` (with `dockerTag`). */
  dockerImage?: string;
  dockerTag?: string;
  /** Docker definitions: the documentation's URL. */
  documentationUrl?: string;
  /** Refuse to publish when a definition of the same type has this name. Default true. */
  unique?: boolean;
  /** Check the manifest (an object with `version`, and `type: DeclarativeSource`) first. Default true. */
  preValidate?: boolean;
  /** YAML definitions: the Connector Builder's testing values, set after publishing. */
  testingValues?: Record<string, unknown>;
}

export interface PublishDestinationDefinitionOptions {
  dockerImage: string;
  dockerTag: string;
  documentationUrl?: string;
  /** Refuse to publish when a custom destination definition has this name. Default true. */
  unique?: boolean;
}

/** The image every declarative source runs in; such definitions are managed as YAML ones. */
const DECLARATIVE_SOURCE_REPOSITORY = "airbyte/source-declarative-manifest";

export async function publishCustomSourceDefinition(
  workspace: CloudWorkspace,
  name: string,
  options: PublishSourceDefinitionOptions,
  request: RequestOptions | undefined,
): Promise<CustomCloudSourceDefinition> {
  const { manifestYaml, dockerImage, dockerTag, unique = true, preValidate = true, testingValues } = options;
  if ((manifestYaml === undefined) === (dockerImage === undefined)) {
    throw new InputError(
      "Pass exactly one of manifestYaml (a declarative definition) and dockerImage (a Docker definition).",
    );
  }
  if (dockerImage !== undefined) {
    if (testingValues !== undefined)
      throw new InputError("testingValues apply to declarative (YAML) definitions only.");
    const docker = { ...options, dockerImage, dockerTag: dockerTag as string };
    return publishDocker(workspace, "source", name, docker, request);
  }
  const manifest = await loadManifest(manifestYaml as ManifestInput);
  if (preValidate) validateManifest(manifest);
  if (unique) await requireUniqueDefinition(workspace, "source", "yaml", name, request);
  const response = await workspace.api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
    { workspaceId: workspace.workspaceId },
    { name, manifest: manifest as DeclarativeManifest },
    request,
  );
  const definition = new CustomCloudSourceDefinition(
    workspace,
    response.id,
    "yaml",
    declarativeDefinitionInfo(response),
  );
  if (testingValues !== undefined) await definition.setTestingValues(testingValues, request);
  return definition;
}

export async function listCustomSourceDefinitions(
  workspace: CloudWorkspace,
  options: { definitionType: DefinitionType },
  request: RequestOptions | undefined,
): Promise<CustomCloudSourceDefinition[]> {
  const { definitionType } = options;
  checkDefinitionType(definitionType);
  if (definitionType === "yaml") {
    const answer = await workspace.api.declarativeSourceDefinitions.listDeclarativeSourceDefinitions(
      { workspaceId: workspace.workspaceId },
      request,
    );
    return answer.data.map(
      (definition) =>
        new CustomCloudSourceDefinition(workspace, definition.id, "yaml", declarativeDefinitionInfo(definition)),
    );
  }
  const definitions = await customDockerDefinitions(workspace, "source", request);
  return definitions.map(
    (definition) =>
      new CustomCloudSourceDefinition(workspace, definition.id, "docker", dockerDefinitionInfo(definition)),
  );
}

export async function getCustomSourceDefinition(
  workspace: CloudWorkspace,
  definitionId: string,
  options: { definitionType: DefinitionType },
  request: RequestOptions | undefined,
): Promise<CustomCloudSourceDefinition> {
  checkDefinitionType(options.definitionType);
  const definition = new CustomCloudSourceDefinition(
    workspace,
    requireId("definitionId", definitionId),
    options.definitionType,
  );
  await definition.getInfo({}, request);
  return definition;
}

export function publishCustomDestinationDefinition(
  workspace: CloudWorkspace,
  name: string,
  options: PublishDestinationDefinitionOptions,
  request: RequestOptions | undefined,
): Promise<CustomCloudDestinationDefinition> {
  return publishDocker(workspace, "destination", name, options, request);
}

export async function listCustomDestinationDefinitions(
  workspace: CloudWorkspace,
  request: RequestOptions | undefined,
): Promise<CustomCloudDestinationDefinition[]> {
  const definitions = await customDockerDefinitions(workspace, "destination", request);
  return definitions.map(
    (definition) => new CustomCloudDestinationDefinition(workspace, definition.id, dockerDefinitionInfo(definition)),
  );
}

export async function getCustomDestinationDefinition(
  workspace: CloudWorkspace,
  definitionId: string,
  request: RequestOptions | undefined,
): Promise<CustomCloudDestinationDefinition> {
  const definition = new CustomCloudDestinationDefinition(workspace, requireId("definitionId", definitionId));
  await definition.getInfo({}, request);
  return definition;
}

async function publishDocker(
  workspace: CloudWorkspace,
  type: "source",
  name: string,
  options: PublishDestinationDefinitionOptions,
  request: RequestOptions | undefined,
): Promise<CustomCloudSourceDefinition>;
async function publishDocker(
  workspace: CloudWorkspace,
  type: "destination",
  name: string,
  options: PublishDestinationDefinitionOptions,
  request: RequestOptions | undefined,
): Promise<CustomCloudDestinationDefinition>;
async function publishDocker(
  workspace: CloudWorkspace,
  type: "source" | "destination",
  name: string,
  options: PublishDestinationDefinitionOptions,
  request: RequestOptions | undefined,
): Promise<CustomCloudSourceDefinition | CustomCloudDestinationDefinition> {
  const { dockerImage, dockerTag, documentationUrl, unique = true } = options;
  for (const [field, value] of [
    ["name", name],
    ["dockerImage", dockerImage],
    ["dockerTag", dockerTag],
  ] as const) {
    if (typeof value !== "string" || value.trim() === "") {
      throw new InputError(`${field} is required for a Docker definition.`, { inputValue: value });
    }
  }
  if (unique) await requireUniqueDefinition(workspace, type, "docker", name, request);
  const body = {
    name,
    dockerRepository: dockerImage,
    dockerImageTag: dockerTag,
    ...(documentationUrl ? { documentationUrl } : {}),
  };
  const params = { workspaceId: workspace.workspaceId };
  if (type === "source") {
    const response = await workspace.api.sourceDefinitions.createSourceDefinition(params, body, request);
    return new CustomCloudSourceDefinition(workspace, response.id, "docker", dockerDefinitionInfo(response));
  }
  const response = await workspace.api.destinationDefinitions.createDestinationDefinition(params, body, request);
  return new CustomCloudDestinationDefinition(workspace, response.id, dockerDefinitionInfo(response));
}

async function requireUniqueDefinition(
  workspace: CloudWorkspace,
  type: "source" | "destination",
  definitionType: DefinitionType,
  name: string,
  request: RequestOptions | undefined,
): Promise<void> {
  const existing =
    type === "destination"
      ? await listCustomDestinationDefinitions(workspace, request)
      : await listCustomSourceDefinitions(workspace, { definitionType }, request);
  const names = await Promise.all(existing.map((definition) => definition.getName()));
  if (names.includes(name)) {
    throw new DuplicateResourcesError({
      resourceType: `custom_${type}_definition`,
      resourceName: name,
      workspaceUrl: workspace.workspaceUrl,
    });
  }
}

/**
 * The workspace's own Docker definitions: what `/workspaces/{id}/definitions/...` lists, less
 * the public catalogue (`/connector_definitions` without a workspace) and declarative ones.
 */
async function customDockerDefinitions(
  workspace: CloudWorkspace,
  type: "source" | "destination",
  request: RequestOptions | undefined,
): Promise<DefinitionResponse[]> {
  const params = { workspaceId: workspace.workspaceId };
  const [visible, publicCatalogue] = await Promise.all([
    type === "source"
      ? workspace.api.sourceDefinitions.listSourceDefinitions(params, request)
      : workspace.api.destinationDefinitions.listDestinationDefinitions(params, request),
    workspace.api.connectorDefinitions.listConnectorDefinitions({ type }, request),
  ]);
  const publicIds = new Set(publicCatalogue.data.map((definition) => definition.id));
  return visible.data.filter(
    (definition) => !publicIds.has(definition.id) && definition.dockerRepository !== DECLARATIVE_SOURCE_REPOSITORY,
  );
}

function checkDefinitionType(definitionType: unknown): asserts definitionType is DefinitionType {
  if (definitionType !== "yaml" && definitionType !== "docker") {
    throw new InputError(`definitionType must be "yaml" or "docker"; got ${JSON.stringify(definitionType)}.`);
  }
}
