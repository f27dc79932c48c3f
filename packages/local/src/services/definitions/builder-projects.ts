/**
 * Connector builder projects (Config API `connector_builder_projects/*`): drafts of declarative
 * sources, published as definitions of their workspace with manifest versions.
 */
import type { Config } from "airbyte-ts";
import { connectionSpecificationOf, manifestConnectionSpecification } from "../../connectors/declarative.js";
import { keepMaskedSecrets, maskSecrets } from "../../connectors/spec.js";
import type { Store } from "../../store/db.js";
import type { DefinitionRecords } from "../../store/definition-records.js";
import type { BuilderProjectRow, DeclarativeManifestRow, DefinitionRow } from "../../store/rows.js";
import type { Access, Caller } from "../access.js";
import { seconds } from "../context.js";
import { notFound, stateConflict } from "../errors.js";
import type { WorkspaceDirectory } from "../workspaces/directory.js";
import type { DeclarativeDefinitionsService } from "./declarative.js";
import { declaredSpecification, OPEN_SPECIFICATION, requireText } from "./rules.js";

export class BuilderProjectsService {
  constructor(
    private readonly store: Store,
    private readonly records: DefinitionRecords,
    private readonly declarative: DeclarativeDefinitionsService,
    private readonly access: Access,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  create(
    caller: Caller,
    input: Config.ConnectorBuilderProjectWithWorkspaceId,
  ): Config.ConnectorBuilderProjectIdWithWorkspaceId {
    this.access.requireWorkspace(caller, input.workspaceId, "editor");
    this.workspaces.requireActive(input.workspaceId);
    requireText("builderProject.name", input.builderProject.name);
    const project = this.records.insertProject(input.workspaceId, input.builderProject.name, input.builderProject);
    return { builderProjectId: project.id, workspaceId: project.workspace_id };
  }

  /** Makes a builder project a source definition of its workspace, with its first manifest version. */
  publish(caller: Caller, input: Config.ConnectorBuilderPublishRequestBody): Config.SourceDefinitionIdBody {
    this.access.requireWorkspace(caller, input.workspaceId, "editor");
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
    const definition = this.store.transaction(() =>
      this.declarative.publish(project, input.name, {
        ...manifest,
        specification,
        componentsFile: input.componentsFileContent,
      }),
    );
    return { sourceDefinitionId: definition.id };
  }

  forDefinition(
    caller: Caller,
    input: Config.BuilderProjectForDefinitionRequestBody,
  ): Config.BuilderProjectForDefinitionResponse {
    this.access.requireWorkspace(caller, input.workspaceId, "reader");
    const project = this.records.projectOfDefinition(input.actorDefinitionId, input.workspaceId);
    return { builderProjectId: project?.id ?? null, workspaceId: project?.workspace_id ?? input.workspaceId };
  }

  withManifest(
    caller: Caller,
    input: Config.ConnectorBuilderProjectIdWithWorkspaceId,
  ): Config.ConnectorBuilderProjectRead {
    this.access.requireWorkspace(caller, input.workspaceId, "reader");
    const project = this.project(input.workspaceId, input.builderProjectId);
    const definition = project.definition_id ? this.records.definition(project.definition_id) : undefined;
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
    this.access.requireWorkspace(caller, input.workspaceId, "editor");
    const project = this.project(input.workspaceId, input.builderProjectId);
    const specification = connectionSpecificationOf(input.spec) ?? OPEN_SPECIFICATION;
    const stored = project.testing_values ? (JSON.parse(project.testing_values) as Record<string, unknown>) : undefined;
    const values = keepMaskedSecrets(specification, input.testingValues, stored);
    this.records.saveTestingValues(project.id, values);
    return maskSecrets(specification, values);
  }

  /** A live builder project of the workspace; `not-found` otherwise. */
  private project(workspaceId: string, builderProjectId: string): BuilderProjectRow {
    this.workspaces.row(workspaceId);
    const row = this.records.project(workspaceId, builderProjectId);
    if (!row) throw notFound("connector_builder_project", builderProjectId);
    return row;
  }

  /** The manifest get_with_manifest shows: the asked version, else the draft, else the active version. */
  private projectManifest(
    project: BuilderProjectRow,
    definition: DefinitionRow | undefined,
    version: number | undefined,
  ): Config.DeclarativeManifestRead | undefined {
    if (version !== undefined) {
      const row = definition ? this.records.manifest(definition.id, version) : undefined;
      if (!row) throw notFound("declarative_manifest", `${project.id} version ${version}`);
      return publishedManifest(row);
    }
    if (project.draft_manifest !== null) {
      return { manifest: JSON.parse(project.draft_manifest) as Record<string, unknown>, isDraft: true };
    }
    const active = definition?.active_manifest_version
      ? this.records.manifest(definition.id, definition.active_manifest_version)
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

function publishedManifest(row: DeclarativeManifestRow): Config.DeclarativeManifestRead {
  return {
    manifest: JSON.parse(row.manifest) as Record<string, unknown>,
    isDraft: false,
    version: row.version,
    description: row.description,
  };
}
