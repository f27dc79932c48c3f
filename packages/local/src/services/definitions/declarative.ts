/**
 * Declarative (low-code manifest) source definitions of a workspace and their manifest
 * versions: the public API's `/definitions/declarative_sources` and the Config API's
 * `declarative_source_definitions/*`.
 */
import type {
  Config,
  CreateDeclarativeSourceDefinitionRequest,
  DeclarativeSourceDefinitionResponse,
  UpdateDeclarativeSourceDefinitionRequest,
} from "airbyte-ts";
import {
  connectionSpecificationOf,
  DECLARATIVE_REPOSITORY,
  manifestConnectorSpecification,
  manifestDocumentationUrl,
  manifestImageTag,
} from "../../connectors/declarative.js";
import { findConnector } from "../../connectors/registry.js";
import type { JsonSchema } from "../../connectors/types.js";
import type { Store } from "../../store/db.js";
import type { DefinitionRecords, ManifestVersion } from "../../store/definition-records.js";
import type { BuilderProjectRow, DefinitionRow } from "../../store/rows.js";
import type { Access, Caller } from "../access.js";
import { badRequest, notFound, stateConflict } from "../errors.js";
import type { WorkspaceDirectory } from "../workspaces/directory.js";
import type { DefinitionCatalog } from "./catalog.js";
import {
  declaredSpecification,
  OPEN_SPECIFICATION,
  PUBLIC_DEFINITION,
  requireManifestSpecification,
  requireText,
} from "./rules.js";

export class DeclarativeDefinitionsService {
  constructor(
    private readonly store: Store,
    private readonly records: DefinitionRecords,
    private readonly catalog: DefinitionCatalog,
    private readonly access: Access,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  list(caller: Caller, workspaceId: string): DeclarativeSourceDefinitionResponse[] {
    this.access.requireWorkspace(caller, workspaceId, "reader");
    this.workspaces.row(workspaceId);
    return this.records
      .workspaceDefinitions(workspaceId, "source")
      .filter((row) => row.docker_repository === DECLARATIVE_REPOSITORY)
      .map((row) => this.toDeclarativeResponse(row));
  }

  create(
    caller: Caller,
    workspaceId: string,
    input: CreateDeclarativeSourceDefinitionRequest,
  ): DeclarativeSourceDefinitionResponse {
    this.access.requireWorkspace(caller, workspaceId, "editor");
    this.workspaces.requireActive(workspaceId);
    requireText("name", input.name);
    const specification = requireManifestSpecification(input.manifest);
    // As on Airbyte: a builder project published at once, with the manifest as version 1.
    const row = this.store.transaction(() =>
      this.publish(this.records.insertProject(workspaceId, input.name, null), input.name, {
        manifest: input.manifest,
        spec: manifestConnectorSpecification(input.manifest),
        specification,
        version: 1,
        description: "Created with the public API",
      }),
    );
    return this.toDeclarativeResponse(row);
  }

  get(caller: Caller, workspaceId: string, definitionId: string): DeclarativeSourceDefinitionResponse {
    this.access.requireWorkspace(caller, workspaceId, "reader");
    return this.toDeclarativeResponse(this.declarativeRow(workspaceId, definitionId));
  }

  /** A new manifest version, one above the highest, made active. */
  update(
    caller: Caller,
    workspaceId: string,
    definitionId: string,
    input: UpdateDeclarativeSourceDefinitionRequest,
  ): DeclarativeSourceDefinitionResponse {
    this.access.requireWorkspace(caller, workspaceId, "editor");
    if (findConnector(definitionId)) throw badRequest(PUBLIC_DEFINITION);
    const row = this.declarativeRow(workspaceId, definitionId);
    const specification = requireManifestSpecification(input.manifest);
    this.store.transaction(() => {
      const version = this.records.highestVersion(definitionId) + 1;
      this.records.insertManifest(definitionId, {
        manifest: input.manifest,
        spec: manifestConnectorSpecification(input.manifest),
        specification,
        version,
        description: "Updated with the public API",
      });
      this.activate(definitionId, version, specification, input.manifest);
    });
    return this.toDeclarativeResponse(this.records.definition(row.id) as DefinitionRow);
  }

  delete(caller: Caller, workspaceId: string, definitionId: string): DeclarativeSourceDefinitionResponse {
    this.access.requireWorkspace(caller, workspaceId, "editor");
    if (findConnector(definitionId)) throw badRequest(PUBLIC_DEFINITION);
    const row = this.declarativeRow(workspaceId, definitionId);
    this.catalog.retire(definitionId);
    return this.toDeclarativeResponse(row);
  }

  createManifest(caller: Caller, input: Config.DeclarativeSourceDefinitionCreateManifestRequestBody): void {
    this.access.requireWorkspace(caller, input.workspaceId, "editor");
    const row = this.declarativeRow(input.workspaceId, input.sourceDefinitionId);
    const manifest = input.declarativeManifest;
    const specification = declaredSpecification(manifest);
    this.store.transaction(() => {
      if (this.records.manifest(row.id, manifest.version)) {
        throw stateConflict(`Version ${manifest.version} of source definition ${row.id} already exists.`);
      }
      this.records.insertManifest(row.id, { ...manifest, specification, componentsFile: input.componentsFileContent });
      if (input.setAsActiveManifest) this.activate(row.id, manifest.version, specification, manifest.manifest);
    });
  }

  updateActiveManifest(caller: Caller, input: Config.UpdateActiveManifestRequestBody): void {
    this.access.requireWorkspace(caller, input.workspaceId, "editor");
    const row = this.declarativeRow(input.workspaceId, input.sourceDefinitionId);
    const version = this.records.manifest(row.id, input.version);
    if (!version) throw notFound("declarative_manifest", `${row.id} version ${input.version}`);
    const manifest = JSON.parse(version.manifest) as Record<string, unknown>;
    const specification = connectionSpecificationOf(JSON.parse(version.spec)) ?? OPEN_SPECIFICATION;
    this.activate(row.id, version.version, specification, manifest);
  }

  listManifests(
    caller: Caller,
    input: Config.ListDeclarativeManifestsRequestBody,
  ): Config.DeclarativeManifestsReadList {
    this.access.requireWorkspace(caller, input.workspaceId, "reader");
    const row = this.declarativeRow(input.workspaceId, input.sourceDefinitionId);
    const versions = this.records.manifestVersions(row.id);
    return {
      manifestVersions: versions.map((v) => ({
        version: v.version,
        isActive: v.version === row.active_manifest_version,
        description: v.description,
      })),
    };
  }

  /** Creates the declarative definition of a project with its first manifest version, active. */
  publish(project: BuilderProjectRow, name: string, manifest: ManifestVersion): DefinitionRow {
    const definition = this.records.insertDefinition({
      actor_type: "source",
      workspace_id: project.workspace_id,
      name,
      docker_repository: DECLARATIVE_REPOSITORY,
      docker_image_tag: manifestImageTag(manifest.manifest),
      documentation_url: manifestDocumentationUrl(manifest.manifest) ?? null,
      spec: JSON.stringify(manifest.specification),
      active_manifest_version: manifest.version,
    });
    this.records.insertManifest(definition.id, manifest);
    this.records.linkProject(project.id, definition.id);
    return definition;
  }

  /** A live declarative definition of the workspace; `not-found` otherwise. */
  declarativeRow(workspaceId: string, definitionId: string): DefinitionRow {
    this.workspaces.row(workspaceId);
    const row = this.records.definition(definitionId);
    const visible =
      row && row.workspace_id === workspaceId && !row.tombstone && row.docker_repository === DECLARATIVE_REPOSITORY;
    if (!visible) throw notFound("declarative_source_definition", definitionId);
    return row;
  }

  /** Makes a manifest version the one sources of the definition use. */
  private activate(
    definitionId: string,
    version: number,
    specification: JsonSchema,
    manifest: Record<string, unknown>,
  ): void {
    this.records.activate(definitionId, version, specification, {
      dockerImageTag: manifestImageTag(manifest),
      documentationUrl: manifestDocumentationUrl(manifest),
    });
  }

  private toDeclarativeResponse(row: DefinitionRow): DeclarativeSourceDefinitionResponse {
    const version = row.active_manifest_version ?? this.records.highestVersion(row.id);
    const manifest = this.records.manifest(row.id, version);
    return {
      id: row.id,
      name: row.name,
      manifest: manifest ? (JSON.parse(manifest.manifest) as Record<string, unknown>) : {},
      version,
    };
  }
}
