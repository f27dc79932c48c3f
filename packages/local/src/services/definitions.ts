/**
 * Connector definitions: the built-in catalog (src/connectors) and each workspace's custom
 * ones, Docker images or declarative manifests with their versions and builder projects.
 * Built-ins are public: every workspace sees them and none may change them.
 */
import { randomUUID } from "node:crypto";
import type {
  Config,
  ConnectorDefinitionResponse,
  CreateDeclarativeSourceDefinitionRequest,
  CreateDefinitionRequest,
  DeclarativeSourceDefinitionResponse,
  DefinitionResponse,
  UpdateDeclarativeSourceDefinitionRequest,
  UpdateDefinitionRequest,
} from "airbyte-ts";
import {
  connectionSpecificationOf,
  DECLARATIVE_NOT_RUNNABLE,
  DECLARATIVE_REPOSITORY,
  manifestConnectionSpecification,
  manifestConnectorSpecification,
  manifestDocumentationUrl,
  manifestImageTag,
} from "../connectors/declarative.js";
import { builtInConnectors, findConnector } from "../connectors/registry.js";
import { compileSpec, keepMaskedSecrets, maskSecrets } from "../connectors/spec.js";
import type { Connector, JsonSchema } from "../connectors/types.js";
import type { BuilderProjectRow, DeclarativeManifestRow, DefinitionRow } from "../store/rows.js";
import type { Caller } from "./access.js";
import { seconds, type ServiceContext } from "./context.js";
import type { ActorRetirement } from "./actor-retirement.js";
import type { WorkspaceDirectory } from "./workspaces/directory.js";
import { badRequest, notFound, stateConflict } from "./errors.js";

export type ActorType = "source" | "destination";

/** A definition as the rest of the server uses it, built-in or custom alike. */
export interface ActorDefinition {
  id: string;
  actorType: ActorType;
  name: string;
  dockerRepository: string;
  dockerImageTag: string;
  documentationUrl: string | undefined;
  /** The public API's `sourceType`/`destinationType`: "" for custom definitions, as on Airbyte. */
  shortName: string;
  connectionSpecification: JsonSchema;
  /** The implementation of a built-in; custom definitions have none. */
  connector: Connector | undefined;
  /** Why the local server cannot run it; undefined when it can. */
  notRunnableReason: string | undefined;
  supportedDestinationSyncModes: Config.DestinationSyncMode[];
  custom: boolean;
  declarative: boolean;
  /** The workspace of a custom definition. */
  workspaceId: string | undefined;
  tombstone: boolean;
}

/**
 * A Docker image's specification comes from running its `spec` command, which the local
 * server cannot do: custom Docker definitions accept any configuration object.
 */
const OPEN_SPECIFICATION: JsonSchema = { type: "object", additionalProperties: true };

/**
 * Without the image's specification the server cannot know a custom destination's sync modes;
 * it assumes the two every destination implements.
 */
const CUSTOM_DESTINATION_SYNC_MODES: Config.DestinationSyncMode[] = ["overwrite", "append"];

const PUBLIC_DEFINITION = "Public definitions cannot be modified.";

export class DefinitionsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly workspaces: WorkspaceDirectory,
    private readonly actorRetirement: ActorRetirement,
  ) {}

  // -------------------------------------------------------------------------------------------
  // For the other services

  /** A definition by id, built-in or custom, deleted or not. */
  definition(actorType: ActorType, definitionId: string): ActorDefinition {
    const builtIn = findConnector(definitionId);
    if (builtIn) {
      if (builtIn.definition.actorType !== actorType) throw notFound(`${actorType}_definition`, definitionId);
      return fromConnector(builtIn);
    }
    const row = this.customRow(definitionId);
    if (!row || row.actor_type !== actorType) throw notFound(`${actorType}_definition`, definitionId);
    return fromRow(row);
  }

  /** A definition a workspace may create actors with: a built-in, or one of its own not deleted. */
  usableDefinition(actorType: ActorType, workspaceId: string, definitionId: string): ActorDefinition {
    const definition = this.definition(actorType, definitionId);
    if (definition.custom && (definition.workspaceId !== workspaceId || definition.tombstone)) {
      throw notFound(`${actorType}_definition`, definitionId);
    }
    return definition;
  }

  // -------------------------------------------------------------------------------------------
  // GET /connector_definitions

  listConnectorDefinitions(caller: Caller, type: ActorType, workspaceId?: string): ConnectorDefinitionResponse[] {
    if (workspaceId) this.ctx.access.requireWorkspace(caller, workspaceId, "reader");
    const builtIns = builtInConnectors()
      .filter((connector) => connector.definition.actorType === type)
      .map(fromConnector);
    const custom = workspaceId ? this.customRows(workspaceId, type).map(fromRow) : [];
    return [...builtIns, ...custom].map((definition) => ({
      id: definition.id,
      name: definition.name,
      connectorDefinitionType: definition.actorType,
      version: definition.dockerImageTag,
    }));
  }

  // -------------------------------------------------------------------------------------------
  // /workspaces/{workspaceId}/definitions/sources and /destinations (Docker images)

  listDocker(caller: Caller, workspaceId: string, actorType: ActorType): DefinitionResponse[] {
    this.ctx.access.requireWorkspace(caller, workspaceId, "reader");
    this.workspaces.row(workspaceId);
    const builtIns = builtInConnectors()
      .filter((connector) => connector.definition.actorType === actorType)
      .map(fromConnector);
    const custom = this.customRows(workspaceId, actorType)
      .filter((row) => row.docker_repository !== DECLARATIVE_REPOSITORY)
      .map(fromRow);
    return [...builtIns, ...custom].map(toDefinitionResponse);
  }

  createDocker(
    caller: Caller,
    workspaceId: string,
    actorType: ActorType,
    input: CreateDefinitionRequest,
  ): DefinitionResponse {
    this.ctx.access.requireWorkspace(caller, workspaceId, "editor");
    this.workspaces.requireActive(workspaceId);
    requireText("name", input.name);
    requireText("dockerRepository", input.dockerRepository);
    requireText("dockerImageTag", input.dockerImageTag);
    if (input.dockerRepository === DECLARATIVE_REPOSITORY) {
      throw badRequest("Declarative sources are created with their manifest under definitions/declarative_sources.");
    }
    const row = this.insertDefinition({
      actor_type: actorType,
      workspace_id: workspaceId,
      name: input.name,
      docker_repository: input.dockerRepository,
      docker_image_tag: input.dockerImageTag,
      documentation_url: input.documentationUrl ?? null,
      spec: JSON.stringify(OPEN_SPECIFICATION),
      active_manifest_version: null,
    });
    return toDefinitionResponse(fromRow(row));
  }

  getDocker(caller: Caller, workspaceId: string, actorType: ActorType, definitionId: string): DefinitionResponse {
    this.ctx.access.requireWorkspace(caller, workspaceId, "reader");
    return toDefinitionResponse(this.visibleDocker(workspaceId, actorType, definitionId));
  }

  updateDocker(
    caller: Caller,
    workspaceId: string,
    actorType: ActorType,
    definitionId: string,
    input: UpdateDefinitionRequest,
  ): DefinitionResponse {
    this.ctx.access.requireWorkspace(caller, workspaceId, "editor");
    const current = this.visibleDocker(workspaceId, actorType, definitionId);
    if (!current.custom) throw badRequest(PUBLIC_DEFINITION);
    requireText("name", input.name);
    requireText("dockerImageTag", input.dockerImageTag);
    this.ctx.store.db
      .prepare("UPDATE definitions SET name = ?, docker_image_tag = ? WHERE id = ?")
      .run(input.name, input.dockerImageTag, definitionId);
    return toDefinitionResponse({ ...current, name: input.name, dockerImageTag: input.dockerImageTag });
  }

  deleteDocker(caller: Caller, workspaceId: string, actorType: ActorType, definitionId: string): DefinitionResponse {
    this.ctx.access.requireWorkspace(caller, workspaceId, "editor");
    const current = this.visibleDocker(workspaceId, actorType, definitionId);
    if (!current.custom) throw badRequest(PUBLIC_DEFINITION);
    this.tombstone(definitionId);
    return toDefinitionResponse(current);
  }

  // -------------------------------------------------------------------------------------------
  // /workspaces/{workspaceId}/definitions/declarative_sources

  listDeclarative(caller: Caller, workspaceId: string): DeclarativeSourceDefinitionResponse[] {
    this.ctx.access.requireWorkspace(caller, workspaceId, "reader");
    this.workspaces.row(workspaceId);
    return this.customRows(workspaceId, "source")
      .filter((row) => row.docker_repository === DECLARATIVE_REPOSITORY)
      .map((row) => this.toDeclarativeResponse(row));
  }

  createDeclarative(
    caller: Caller,
    workspaceId: string,
    input: CreateDeclarativeSourceDefinitionRequest,
  ): DeclarativeSourceDefinitionResponse {
    this.ctx.access.requireWorkspace(caller, workspaceId, "editor");
    this.workspaces.requireActive(workspaceId);
    requireText("name", input.name);
    const specification = requireManifestSpecification(input.manifest);
    // As on Airbyte: a builder project published at once, with the manifest as version 1.
    const row = this.ctx.store.transaction(() =>
      this.publish(this.insertProject(workspaceId, input.name, null), input.name, {
        manifest: input.manifest,
        spec: manifestConnectorSpecification(input.manifest),
        specification,
        version: 1,
        description: "Created with the public API",
      }),
    );
    return this.toDeclarativeResponse(row);
  }

  getDeclarative(caller: Caller, workspaceId: string, definitionId: string): DeclarativeSourceDefinitionResponse {
    this.ctx.access.requireWorkspace(caller, workspaceId, "reader");
    return this.toDeclarativeResponse(this.declarativeRow(workspaceId, definitionId));
  }

  /** A new manifest version, one above the highest, made active. */
  updateDeclarative(
    caller: Caller,
    workspaceId: string,
    definitionId: string,
    input: UpdateDeclarativeSourceDefinitionRequest,
  ): DeclarativeSourceDefinitionResponse {
    this.ctx.access.requireWorkspace(caller, workspaceId, "editor");
    if (findConnector(definitionId)) throw badRequest(PUBLIC_DEFINITION);
    const row = this.declarativeRow(workspaceId, definitionId);
    const specification = requireManifestSpecification(input.manifest);
    this.ctx.store.transaction(() => {
      const version = this.highestVersion(definitionId) + 1;
      this.insertManifest(definitionId, {
        manifest: input.manifest,
        spec: manifestConnectorSpecification(input.manifest),
        specification,
        version,
        description: "Updated with the public API",
      });
      this.activate(definitionId, version, specification, input.manifest);
    });
    return this.toDeclarativeResponse(this.customRow(row.id) as DefinitionRow);
  }

  deleteDeclarative(caller: Caller, workspaceId: string, definitionId: string): DeclarativeSourceDefinitionResponse {
    this.ctx.access.requireWorkspace(caller, workspaceId, "editor");
    if (findConnector(definitionId)) throw badRequest(PUBLIC_DEFINITION);
    const row = this.declarativeRow(workspaceId, definitionId);
    this.tombstone(definitionId);
    return this.toDeclarativeResponse(row);
  }

  // -------------------------------------------------------------------------------------------
  // Config API: connector_builder_projects/*

  createBuilderProject(
    caller: Caller,
    input: Config.ConnectorBuilderProjectWithWorkspaceId,
  ): Config.ConnectorBuilderProjectIdWithWorkspaceId {
    this.ctx.access.requireWorkspace(caller, input.workspaceId, "editor");
    this.workspaces.requireActive(input.workspaceId);
    requireText("builderProject.name", input.builderProject.name);
    const project = this.insertProject(input.workspaceId, input.builderProject.name, input.builderProject);
    return { builderProjectId: project.id, workspaceId: project.workspace_id };
  }

  /** Makes a builder project a source definition of its workspace, with its first manifest version. */
  publishBuilderProject(
    caller: Caller,
    input: Config.ConnectorBuilderPublishRequestBody,
  ): Config.SourceDefinitionIdBody {
    this.ctx.access.requireWorkspace(caller, input.workspaceId, "editor");
    this.workspaces.requireActive(input.workspaceId);
    requireText("name", input.name);
    const project = this.project(input.workspaceId, input.builderProjectId);
    if (project.definition_id) {
      throw stateConflict(
        `Builder project ${project.id} is already published as source definition ${project.definition_id}; add versions with declarative_source_definitions/create_manifest.`,
      );
    }
    const manifest = input.initialDeclarativeManifest;
    const specification = declaredSpecification(manifest);
    const definition = this.ctx.store.transaction(() =>
      this.publish(project, input.name, { ...manifest, specification, componentsFile: input.componentsFileContent }),
    );
    return { sourceDefinitionId: definition.id };
  }

  builderProjectForDefinition(
    caller: Caller,
    input: Config.BuilderProjectForDefinitionRequestBody,
  ): Config.BuilderProjectForDefinitionResponse {
    this.ctx.access.requireWorkspace(caller, input.workspaceId, "reader");
    const project = this.ctx.store.db
      .prepare("SELECT * FROM builder_projects WHERE definition_id = ? AND workspace_id = ? AND tombstone = 0")
      .get(input.actorDefinitionId, input.workspaceId) as BuilderProjectRow | undefined;
    return { builderProjectId: project?.id ?? null, workspaceId: project?.workspace_id ?? input.workspaceId };
  }

  builderProjectWithManifest(
    caller: Caller,
    input: Config.ConnectorBuilderProjectIdWithWorkspaceId,
  ): Config.ConnectorBuilderProjectRead {
    this.ctx.access.requireWorkspace(caller, input.workspaceId, "reader");
    const project = this.project(input.workspaceId, input.builderProjectId);
    const definition = project.definition_id ? this.customRow(project.definition_id) : undefined;
    const declarativeManifest = this.projectManifest(project, definition, input.version ?? undefined);
    const testingValues = this.maskedTestingValues(project, declarativeManifest?.manifest);
    return {
      builderProject: {
        name: project.name,
        builderProjectId: project.id,
        ...(definition ? { sourceDefinitionId: definition.id } : {}),
        ...(definition?.active_manifest_version != null
          ? { activeDeclarativeManifestVersion: definition.active_manifest_version }
          : {}),
        hasDraft: project.draft_manifest !== null,
        updatedAt: seconds(project.updated_at),
        ...(project.components_file !== null ? { componentsFileContent: project.components_file } : {}),
      },
      ...(declarativeManifest ? { declarativeManifest } : {}),
      ...(testingValues ? { testingValues } : {}),
    };
  }

  /** Stores a project's testing values (a secret sent back masked keeps its value); answers them masked. */
  updateTestingValues(
    caller: Caller,
    input: Config.ConnectorBuilderProjectTestingValuesUpdate,
  ): Config.ConnectorBuilderProjectTestingValues {
    this.ctx.access.requireWorkspace(caller, input.workspaceId, "editor");
    const project = this.project(input.workspaceId, input.builderProjectId);
    const specification = connectionSpecificationOf(input.spec) ?? OPEN_SPECIFICATION;
    const stored = project.testing_values ? (JSON.parse(project.testing_values) as Record<string, unknown>) : undefined;
    const values = keepMaskedSecrets(specification, input.testingValues, stored);
    this.ctx.store.db
      .prepare("UPDATE builder_projects SET testing_values = ?, updated_at = ? WHERE id = ?")
      .run(JSON.stringify(values), this.ctx.now(), project.id);
    return maskSecrets(specification, values);
  }

  // -------------------------------------------------------------------------------------------
  // Config API: declarative_source_definitions/*

  createManifest(caller: Caller, input: Config.DeclarativeSourceDefinitionCreateManifestRequestBody): void {
    this.ctx.access.requireWorkspace(caller, input.workspaceId, "editor");
    const row = this.declarativeRow(input.workspaceId, input.sourceDefinitionId);
    const manifest = input.declarativeManifest;
    const specification = declaredSpecification(manifest);
    this.ctx.store.transaction(() => {
      if (this.manifestRow(row.id, manifest.version)) {
        throw stateConflict(`Version ${manifest.version} of source definition ${row.id} already exists.`);
      }
      this.insertManifest(row.id, { ...manifest, specification, componentsFile: input.componentsFileContent });
      if (input.setAsActiveManifest) this.activate(row.id, manifest.version, specification, manifest.manifest);
    });
  }

  updateActiveManifest(caller: Caller, input: Config.UpdateActiveManifestRequestBody): void {
    this.ctx.access.requireWorkspace(caller, input.workspaceId, "editor");
    const row = this.declarativeRow(input.workspaceId, input.sourceDefinitionId);
    const version = this.manifestRow(row.id, input.version);
    if (!version) throw notFound("declarative_manifest", `${row.id} version ${input.version}`);
    const manifest = JSON.parse(version.manifest) as Record<string, unknown>;
    const specification = connectionSpecificationOf(JSON.parse(version.spec)) ?? OPEN_SPECIFICATION;
    this.activate(row.id, version.version, specification, manifest);
  }

  listManifests(
    caller: Caller,
    input: Config.ListDeclarativeManifestsRequestBody,
  ): Config.DeclarativeManifestsReadList {
    this.ctx.access.requireWorkspace(caller, input.workspaceId, "reader");
    const row = this.declarativeRow(input.workspaceId, input.sourceDefinitionId);
    const versions = this.ctx.store.db
      .prepare("SELECT version, description FROM declarative_manifests WHERE definition_id = ? ORDER BY version")
      .all(row.id) as Pick<DeclarativeManifestRow, "version" | "description">[];
    return {
      manifestVersions: versions.map((v) => ({
        version: v.version,
        isActive: v.version === row.active_manifest_version,
        description: v.description,
      })),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Rows

  private customRow(definitionId: string): DefinitionRow | undefined {
    return this.ctx.store.db.prepare("SELECT * FROM definitions WHERE id = ?").get(definitionId) as
      DefinitionRow | undefined;
  }

  private customRows(workspaceId: string, actorType: ActorType): DefinitionRow[] {
    return this.ctx.store.db
      .prepare(
        "SELECT * FROM definitions WHERE workspace_id = ? AND actor_type = ? AND tombstone = 0 ORDER BY created_at, id",
      )
      .all(workspaceId, actorType) as DefinitionRow[];
  }

  /** A non-declarative definition the workspace sees: a built-in, or one of its own not deleted. */
  private visibleDocker(workspaceId: string, actorType: ActorType, definitionId: string): ActorDefinition {
    this.workspaces.row(workspaceId);
    const definition = this.usableDefinition(actorType, workspaceId, definitionId);
    if (definition.declarative) throw notFound(`${actorType}_definition`, definitionId);
    return definition;
  }

  private declarativeRow(workspaceId: string, definitionId: string): DefinitionRow {
    this.workspaces.row(workspaceId);
    const row = this.customRow(definitionId);
    const visible =
      row && row.workspace_id === workspaceId && !row.tombstone && row.docker_repository === DECLARATIVE_REPOSITORY;
    if (!visible) throw notFound("declarative_source_definition", definitionId);
    return row;
  }

  private project(workspaceId: string, builderProjectId: string): BuilderProjectRow {
    this.workspaces.row(workspaceId);
    const row = this.ctx.store.db
      .prepare("SELECT * FROM builder_projects WHERE id = ? AND workspace_id = ? AND tombstone = 0")
      .get(builderProjectId, workspaceId) as BuilderProjectRow | undefined;
    if (!row) throw notFound("connector_builder_project", builderProjectId);
    return row;
  }

  private manifestRow(definitionId: string, version: number): DeclarativeManifestRow | undefined {
    return this.ctx.store.db
      .prepare("SELECT * FROM declarative_manifests WHERE definition_id = ? AND version = ?")
      .get(definitionId, version) as DeclarativeManifestRow | undefined;
  }

  private highestVersion(definitionId: string): number {
    const row = this.ctx.store.db
      .prepare("SELECT MAX(version) AS version FROM declarative_manifests WHERE definition_id = ?")
      .get(definitionId) as { version: number | null };
    return row.version ?? 0;
  }

  private insertDefinition(values: Omit<DefinitionRow, "id" | "tombstone" | "created_at">): DefinitionRow {
    const row: DefinitionRow = { id: randomUUID(), ...values, tombstone: 0, created_at: this.ctx.now() };
    this.ctx.store.db
      .prepare(
        `INSERT INTO definitions (id, actor_type, workspace_id, name, docker_repository, docker_image_tag, documentation_url, spec, active_manifest_version, tombstone, created_at)
         VALUES (@id, @actor_type, @workspace_id, @name, @docker_repository, @docker_image_tag, @documentation_url, @spec, @active_manifest_version, @tombstone, @created_at)`,
      )
      .run(row);
    return row;
  }

  private insertProject(
    workspaceId: string,
    name: string,
    details: Config.ConnectorBuilderProjectDetails | null,
  ): BuilderProjectRow {
    const row: BuilderProjectRow = {
      id: randomUUID(),
      workspace_id: workspaceId,
      name,
      draft_manifest: details?.draftManifest ? JSON.stringify(details.draftManifest) : null,
      yaml_manifest: details?.yamlManifest ?? null,
      components_file: details?.componentsFileContent ?? null,
      definition_id: null,
      testing_values: null,
      tombstone: 0,
      updated_at: this.ctx.now(),
    };
    this.ctx.store.db
      .prepare(
        `INSERT INTO builder_projects (id, workspace_id, name, draft_manifest, yaml_manifest, components_file, definition_id, testing_values, tombstone, updated_at)
         VALUES (@id, @workspace_id, @name, @draft_manifest, @yaml_manifest, @components_file, @definition_id, @testing_values, @tombstone, @updated_at)`,
      )
      .run(row);
    return row;
  }

  /** Creates the declarative definition of a project with its first manifest version, active. */
  private publish(project: BuilderProjectRow, name: string, manifest: ManifestVersion): DefinitionRow {
    const definition = this.insertDefinition({
      actor_type: "source",
      workspace_id: project.workspace_id,
      name,
      docker_repository: DECLARATIVE_REPOSITORY,
      docker_image_tag: manifestImageTag(manifest.manifest),
      documentation_url: manifestDocumentationUrl(manifest.manifest) ?? null,
      spec: JSON.stringify(manifest.specification),
      active_manifest_version: manifest.version,
    });
    this.insertManifest(definition.id, manifest);
    this.ctx.store.db
      .prepare("UPDATE builder_projects SET definition_id = ?, updated_at = ? WHERE id = ?")
      .run(definition.id, this.ctx.now(), project.id);
    return definition;
  }

  private insertManifest(definitionId: string, manifest: ManifestVersion): void {
    const row: DeclarativeManifestRow = {
      definition_id: definitionId,
      version: manifest.version,
      manifest: JSON.stringify(manifest.manifest),
      spec: JSON.stringify(manifest.spec),
      description: manifest.description,
      components_file: manifest.componentsFile ?? null,
      created_at: this.ctx.now(),
    };
    this.ctx.store.db
      .prepare(
        `INSERT INTO declarative_manifests (definition_id, version, manifest, spec, description, components_file, created_at)
         VALUES (@definition_id, @version, @manifest, @spec, @description, @components_file, @created_at)`,
      )
      .run(row);
  }

  /** Makes a manifest version the one sources of the definition use. */
  private activate(
    definitionId: string,
    version: number,
    specification: JsonSchema,
    manifest: Record<string, unknown>,
  ): void {
    this.ctx.store.db
      .prepare(
        "UPDATE definitions SET active_manifest_version = ?, spec = ?, docker_image_tag = ?, documentation_url = COALESCE(?, documentation_url) WHERE id = ?",
      )
      .run(
        version,
        JSON.stringify(specification),
        manifestImageTag(manifest),
        manifestDocumentationUrl(manifest) ?? null,
        definitionId,
      );
  }

  /** Deletes a custom definition and, as Airbyte does, the sources or destinations made from it. */
  private tombstone(definitionId: string): void {
    this.ctx.store.transaction(() => {
      this.ctx.store.db.prepare("UPDATE definitions SET tombstone = 1 WHERE id = ?").run(definitionId);
      this.actorRetirement.retireActorsOfDefinition(definitionId);
    });
  }

  private toDeclarativeResponse(row: DefinitionRow): DeclarativeSourceDefinitionResponse {
    const version = row.active_manifest_version ?? this.highestVersion(row.id);
    const manifest = this.manifestRow(row.id, version);
    return {
      id: row.id,
      name: row.name,
      manifest: manifest ? (JSON.parse(manifest.manifest) as Record<string, unknown>) : {},
      version,
    };
  }

  /** The manifest get_with_manifest shows: the asked version, else the draft, else the active version. */
  private projectManifest(
    project: BuilderProjectRow,
    definition: DefinitionRow | undefined,
    version: number | undefined,
  ): Config.DeclarativeManifestRead | undefined {
    if (version !== undefined) {
      const row = definition ? this.manifestRow(definition.id, version) : undefined;
      if (!row) throw notFound("declarative_manifest", `${project.id} version ${version}`);
      return publishedManifest(row);
    }
    if (project.draft_manifest !== null) {
      return { manifest: JSON.parse(project.draft_manifest) as Record<string, unknown>, isDraft: true };
    }
    const active = definition?.active_manifest_version
      ? this.manifestRow(definition.id, definition.active_manifest_version)
      : undefined;
    return active ? publishedManifest(active) : undefined;
  }

  private maskedTestingValues(
    project: BuilderProjectRow,
    manifest: Record<string, unknown> | undefined,
  ): Record<string, unknown> | undefined {
    if (project.testing_values === null) return undefined;
    const values = JSON.parse(project.testing_values) as Record<string, unknown>;
    const specification = (manifest && manifestConnectionSpecification(manifest)) ?? OPEN_SPECIFICATION;
    return maskSecrets(specification, values);
  }
}

interface ManifestVersion {
  manifest: Record<string, unknown>;
  /** The connector specification stored with the version. */
  spec: Record<string, unknown>;
  /** Its connection specification, which sources of the definition are validated against. */
  specification: JsonSchema;
  version: number;
  description: string;
  componentsFile?: string | undefined;
}

function publishedManifest(row: DeclarativeManifestRow): Config.DeclarativeManifestRead {
  return {
    manifest: JSON.parse(row.manifest) as Record<string, unknown>,
    isDraft: false,
    version: row.version,
    description: row.description,
  };
}

function fromConnector(connector: Connector): ActorDefinition {
  const d = connector.definition;
  return {
    id: d.definitionId,
    actorType: d.actorType,
    name: d.name,
    dockerRepository: d.dockerRepository,
    dockerImageTag: d.dockerImageTag,
    documentationUrl: d.documentationUrl,
    shortName: d.shortName,
    connectionSpecification: d.connectionSpecification,
    connector,
    notRunnableReason: d.notRunnableReason,
    supportedDestinationSyncModes: d.supportedDestinationSyncModes ?? [],
    custom: false,
    declarative: false,
    workspaceId: undefined,
    tombstone: false,
  };
}

function fromRow(row: DefinitionRow): ActorDefinition {
  const declarative = row.docker_repository === DECLARATIVE_REPOSITORY;
  return {
    id: row.id,
    actorType: row.actor_type,
    name: row.name,
    dockerRepository: row.docker_repository,
    dockerImageTag: row.docker_image_tag,
    documentationUrl: row.documentation_url ?? undefined,
    shortName: "",
    connectionSpecification: JSON.parse(row.spec) as JsonSchema,
    connector: undefined,
    notRunnableReason: declarative
      ? DECLARATIVE_NOT_RUNNABLE
      : `The local server cannot run custom Docker images (${row.docker_repository}:${row.docker_image_tag}); create this ${row.actor_type} against a self-managed Airbyte to use it.`,
    supportedDestinationSyncModes: row.actor_type === "destination" ? CUSTOM_DESTINATION_SYNC_MODES : [],
    custom: true,
    declarative,
    workspaceId: row.workspace_id,
    tombstone: row.tombstone === 1,
  };
}

function toDefinitionResponse(definition: ActorDefinition): DefinitionResponse {
  return {
    id: definition.id,
    name: definition.name,
    dockerRepository: definition.dockerRepository,
    dockerImageTag: definition.dockerImageTag,
    ...(definition.documentationUrl ? { documentationUrl: definition.documentationUrl } : {}),
  };
}

function requireText(field: string, value: string): void {
  if (value.trim() === "") throw badRequest(`${field} must not be blank.`);
}

/** The connection specification of a manifest given to the public API, which Airbyte requires. */
function requireManifestSpecification(manifest: Record<string, unknown>): JsonSchema {
  const specification = manifestConnectionSpecification(manifest);
  if (!specification) {
    throw badRequest(
      "The manifest has no spec.connection_specification: a declarative source must declare the JSON Schema of its configuration.",
    );
  }
  return usableSpecification(specification);
}

/** The connection specification of a Config API manifest version: its `spec`, else the manifest's own. */
function declaredSpecification(manifest: Config.DeclarativeSourceManifest): JsonSchema {
  const specification = connectionSpecificationOf(manifest.spec) ?? manifestConnectionSpecification(manifest.manifest);
  if (!specification) {
    throw badRequest(
      "The manifest version has no connection specification: give spec.connectionSpecification or the manifest's spec.connection_specification.",
    );
  }
  return usableSpecification(specification);
}

function usableSpecification(specification: JsonSchema): JsonSchema {
  const compiled = compileSpec(specification);
  if (typeof compiled === "string")
    throw badRequest(`The connection specification is not a valid JSON Schema: ${compiled}`);
  return specification;
}
