/**
 * The stored custom definitions, their declarative manifest versions and builder projects: the
 * SQL of the definitions services (services/definitions/).
 */
import { randomUUID } from "node:crypto";
import type { Config } from "airbyte-ts";
import type { JsonSchema } from "../connectors/types.js";
import type { Store } from "./db.js";
import type { BuilderProjectRow, DeclarativeManifestRow, DefinitionRow } from "./rows.js";

/** A manifest version to store. */
export interface ManifestVersion {
  manifest: Record<string, unknown>;
  /** The connector specification stored with the version. */
  spec: Record<string, unknown>;
  /** Its connection specification, which sources of the definition are validated against. */
  specification: JsonSchema;
  version: number;
  description: string;
  componentsFile?: string | undefined;
}

export class DefinitionRecords {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  definition(definitionId: string): DefinitionRow | undefined {
    return this.store.db.prepare("SELECT * FROM definitions WHERE id = ?").get(definitionId) as
      DefinitionRow | undefined;
  }

  workspaceDefinitions(workspaceId: string, actorType: "source" | "destination"): DefinitionRow[] {
    return this.store.db
      .prepare(
        "SELECT * FROM definitions WHERE workspace_id = ? AND actor_type = ? AND tombstone = 0 ORDER BY created_at, id",
      )
      .all(workspaceId, actorType) as DefinitionRow[];
  }

  insertDefinition(values: Omit<DefinitionRow, "id" | "tombstone" | "created_at">): DefinitionRow {
    const row: DefinitionRow = { id: randomUUID(), ...values, tombstone: 0, created_at: this.now() };
    this.store.db
      .prepare(
        `INSERT INTO definitions (id, actor_type, workspace_id, name, docker_repository, docker_image_tag, documentation_url, spec, active_manifest_version, tombstone, created_at)
         VALUES (@id, @actor_type, @workspace_id, @name, @docker_repository, @docker_image_tag, @documentation_url, @spec, @active_manifest_version, @tombstone, @created_at)`,
      )
      .run(row);
    return row;
  }

  renameDocker(definitionId: string, name: string, dockerImageTag: string): void {
    this.store.db
      .prepare("UPDATE definitions SET name = ?, docker_image_tag = ? WHERE id = ?")
      .run(name, dockerImageTag, definitionId);
  }

  tombstone(definitionId: string): void {
    this.store.db.prepare("UPDATE definitions SET tombstone = 1 WHERE id = ?").run(definitionId);
  }

  manifest(definitionId: string, version: number): DeclarativeManifestRow | undefined {
    return this.store.db
      .prepare("SELECT * FROM declarative_manifests WHERE definition_id = ? AND version = ?")
      .get(definitionId, version) as DeclarativeManifestRow | undefined;
  }

  highestVersion(definitionId: string): number {
    const row = this.store.db
      .prepare("SELECT MAX(version) AS version FROM declarative_manifests WHERE definition_id = ?")
      .get(definitionId) as { version: number | null };
    return row.version ?? 0;
  }

  manifestVersions(definitionId: string): Pick<DeclarativeManifestRow, "version" | "description">[] {
    return this.store.db
      .prepare("SELECT version, description FROM declarative_manifests WHERE definition_id = ? ORDER BY version")
      .all(definitionId) as Pick<DeclarativeManifestRow, "version" | "description">[];
  }

  insertManifest(definitionId: string, manifest: ManifestVersion): void {
    const row: DeclarativeManifestRow = {
      definition_id: definitionId,
      version: manifest.version,
      manifest: JSON.stringify(manifest.manifest),
      spec: JSON.stringify(manifest.spec),
      description: manifest.description,
      components_file: manifest.componentsFile ?? null,
      created_at: this.now(),
    };
    this.store.db
      .prepare(
        `INSERT INTO declarative_manifests (definition_id, version, manifest, spec, description, components_file, created_at)
         VALUES (@definition_id, @version, @manifest, @spec, @description, @components_file, @created_at)`,
      )
      .run(row);
  }

  /** Makes a manifest version the one sources of the definition use. */
  activate(
    definitionId: string,
    version: number,
    specification: JsonSchema,
    image: { dockerImageTag: string; documentationUrl: string | undefined },
  ): void {
    this.store.db
      .prepare(
        "UPDATE definitions SET active_manifest_version = ?, spec = ?, docker_image_tag = ?, documentation_url = COALESCE(?, documentation_url) WHERE id = ?",
      )
      .run(version, JSON.stringify(specification), image.dockerImageTag, image.documentationUrl ?? null, definitionId);
  }

  /** A live builder project of the workspace. */
  project(workspaceId: string, builderProjectId: string): BuilderProjectRow | undefined {
    const row = this.store.db
      .prepare("SELECT * FROM builder_projects WHERE id = ? AND workspace_id = ? AND tombstone = 0")
      .get(builderProjectId, workspaceId) as BuilderProjectRow | undefined;
    return row;
  }

  /** The workspace's live builder project published as the definition. */
  projectOfDefinition(definitionId: string, workspaceId: string): BuilderProjectRow | undefined {
    return this.store.db
      .prepare("SELECT * FROM builder_projects WHERE definition_id = ? AND workspace_id = ? AND tombstone = 0")
      .get(definitionId, workspaceId) as BuilderProjectRow | undefined;
  }

  insertProject(
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
      updated_at: this.now(),
    };
    this.store.db
      .prepare(
        `INSERT INTO builder_projects (id, workspace_id, name, draft_manifest, yaml_manifest, components_file, definition_id, testing_values, tombstone, updated_at)
         VALUES (@id, @workspace_id, @name, @draft_manifest, @yaml_manifest, @components_file, @definition_id, @testing_values, @tombstone, @updated_at)`,
      )
      .run(row);
    return row;
  }

  /** Records that the project is published as the definition. */
  linkProject(projectId: string, definitionId: string): void {
    this.store.db
      .prepare("UPDATE builder_projects SET definition_id = ?, updated_at = ? WHERE id = ?")
      .run(definitionId, this.now(), projectId);
  }

  saveTestingValues(projectId: string, values: Record<string, unknown>): void {
    this.store.db
      .prepare("UPDATE builder_projects SET testing_values = ?, updated_at = ? WHERE id = ?")
      .run(JSON.stringify(values), this.now(), projectId);
  }
}
