/**
 * Custom connector definitions of a workspace: declarative (YAML) sources, with their Connector
 * Builder project, and Docker images for sources and destinations (the public API's
 * `/workspaces/{id}/definitions/sources` and `/destinations`, which PyAirbyte leaves
 * unimplemented).
 */
import type { Config, DefinitionResponse } from "../api/index.js";
import type { DestinationConfiguration, SourceConfiguration } from "../api/index.js";
import type { CloudDestination, CloudSource } from "./connectors.js";
import { InputError, orMissing } from "./errors.js";
import type { RequestOptions } from "../http/request-options.js";
import type { SafeModeOptions } from "./deletion.js";
import { Cached } from "./internal.js";
import type { GetInfoOptions } from "./options.js";
import {
  builderSpecOf,
  type DeclarativeManifest,
  loadManifest,
  type ManifestInput,
  validateManifest,
} from "./manifest.js";
import { type CloudCustomSourceDefinitionInfo, declarativeDefinitionInfo, dockerDefinitionInfo } from "./models.js";
import { requireSafeName } from "./names.js";
import type { DeployOptions } from "./deployment.js";
import type { CloudWorkspace } from "./workspace.js";
import { connectorBuilderUrlOf, customConnectorsUrlOf } from "./urls.js";

export type DefinitionType = "yaml" | "docker";

/** What is known of any custom definition (YAML fields are undefined for Docker ones and back). */
export type CloudCustomDefinitionInfo = CloudCustomSourceDefinitionInfo;

export interface UpdateDefinitionOptions {
  /** YAML definitions: the new manifest (object, YAML or JSON text, file path or URL). */
  manifestYaml?: ManifestInput;
  /** Docker definitions: the new image tag. */
  dockerTag?: string;
  /** Check the manifest before sending it. Default true. */
  preValidate?: boolean;
}

interface BuilderProjectRef {
  builderProjectId: string | undefined;
  /** The workspace that owns the project, which may not be the definition's. */
  workspaceId: string;
}

/** What Docker definitions of sources and destinations share. */
abstract class CustomCloudDefinition {
  abstract readonly connectorType: "source" | "destination";
  readonly workspace: CloudWorkspace;
  readonly definitionId: string;
  readonly definitionType: DefinitionType;
  protected readonly info: Cached<CloudCustomDefinitionInfo>;

  constructor(
    workspace: CloudWorkspace,
    definitionId: string,
    definitionType: DefinitionType,
    info?: CloudCustomDefinitionInfo,
  ) {
    if (definitionType !== "yaml" && definitionType !== "docker") {
      throw new InputError(`definitionType must be "yaml" or "docker"; got ${JSON.stringify(definitionType)}.`);
    }
    this.workspace = workspace;
    this.definitionId = definitionId;
    this.definitionType = definitionType;
    this.info = new Cached(info);
  }

  /** The definition's info, fetched once (or again with `forceRefresh`). */
  getInfo(options: GetInfoOptions = {}, request?: RequestOptions): Promise<CloudCustomDefinitionInfo> {
    return this.info.get(() => this.fetchInfo(request), options.forceRefresh);
  }

  /** The display name. */
  async getName(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string> {
    return (await this.getInfo(options, request)).name;
  }

  /** Docker definitions: the image's repository, e.g. `airbyte/source-custom`. */
  getDockerRepository(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string | undefined> {
    return this.dockerField("dockerRepository", options, request);
  }

  /** Docker definitions: the image's tag. */
  getDockerImageTag(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string | undefined> {
    return this.dockerField("dockerImageTag", options, request);
  }

  /** Docker definitions: the documentation's URL, when one was given. */
  getDocumentationUrl(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string | undefined> {
    return this.dockerField("documentationUrl", options, request);
  }

  /** The workspace's page of custom connectors (a method, since YAML sources ask for their builder project's). */
  getDefinitionUrl(_request?: RequestOptions): Promise<string> {
    return Promise.resolve(customConnectorsUrlOf(this.workspace.workspaceUrl, this.connectorType));
  }

  /**
   * Renames a Docker definition (`PUT`, keeping its tag). YAML definitions cannot be renamed:
   * their name is set when they are published.
   */
  async rename(newName: string, request?: RequestOptions): Promise<this> {
    if (this.definitionType === "yaml") {
      throw new InputError("Cannot rename YAML custom source definitions.", {
        context: { definitionId: this.definitionId },
      });
    }
    const { dockerImageTag } = await this.getInfo({}, request);
    return this.putDocker({ name: newName, dockerImageTag: dockerImageTag ?? "" }, request);
  }

  /** Deletes the definition. In safe mode (the default) its name must contain `delete-me` or `deleteme`. */
  async permanentlyDelete(options: SafeModeOptions = {}, request?: RequestOptions): Promise<void> {
    if (options.safeMode ?? true) {
      const { name } = await this.getInfo({}, request);
      requireSafeName(`custom ${this.connectorType} definition`, this.definitionId, name, {
        definitionId: this.definitionId,
      });
    }
    await orMissing(this.deleteRequest(request), this.resource());
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `${this.constructor.name} { definitionId: '${this.definitionId}', definitionType: '${this.definitionType}', workspaceId: '${this.workspace.workspaceId}' }`;
  }

  protected async updateDockerTag(dockerTag: string, request: RequestOptions | undefined): Promise<this> {
    if (typeof dockerTag !== "string" || dockerTag.trim() === "") {
      throw new InputError("dockerTag must be a non-empty image tag.", { inputValue: dockerTag });
    }
    const { name } = await this.getInfo({}, request);
    return this.putDocker({ name, dockerImageTag: dockerTag }, request);
  }

  protected resource() {
    return {
      resourceType: `custom ${this.connectorType} definition`,
      resourceId: this.definitionId,
      workspaceUrl: this.workspace.workspaceUrl,
    };
  }

  protected params() {
    return { workspaceId: this.workspace.workspaceId, definitionId: this.definitionId };
  }

  protected abstract fetchInfo(request: RequestOptions | undefined): Promise<CloudCustomDefinitionInfo>;
  protected abstract deleteRequest(request: RequestOptions | undefined): Promise<unknown>;
  protected abstract dockerRequest(
    body: { name: string; dockerImageTag: string },
    request: RequestOptions | undefined,
  ): Promise<DefinitionResponse>;

  private async putDocker(
    body: { name: string; dockerImageTag: string },
    request: RequestOptions | undefined,
  ): Promise<this> {
    const response = await orMissing(this.dockerRequest(body, request), this.resource());
    this.info.set(dockerDefinitionInfo(response));
    return this;
  }

  private async dockerField(
    field: "dockerRepository" | "dockerImageTag" | "documentationUrl",
    options: GetInfoOptions,
    request: RequestOptions | undefined,
  ) {
    return this.definitionType === "docker" ? (await this.getInfo(options, request))[field] : undefined;
  }
}

/** A custom source definition: a declarative manifest (`yaml`) or a Docker image (`docker`). */
export class CustomCloudSourceDefinition extends CustomCloudDefinition {
  readonly connectorType = "source" as const;
  readonly #builderProject = new Cached<BuilderProjectRef>();
  readonly #builderProjectData = new Cached<Config.ConnectorBuilderProjectRead>();

  /** YAML definitions: the published manifest. */
  async getManifest(options: GetInfoOptions = {}, request?: RequestOptions): Promise<DeclarativeManifest | undefined> {
    return this.definitionType === "yaml" ? (await this.getInfo(options, request)).manifest : undefined;
  }

  /** YAML definitions: the manifest's version number, as text. */
  async getVersion(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string | undefined> {
    return this.definitionType === "yaml" ? (await this.getInfo(options, request)).version : undefined;
  }

  /** YAML definitions: the Connector Builder project behind the definition, when there is one (fetched once). */
  async getConnectorBuilderProjectId(request?: RequestOptions): Promise<string | undefined> {
    return (await this.#projectRef(request))?.builderProjectId;
  }

  async getConnectorBuilderProjectUrl(request?: RequestOptions): Promise<string | undefined> {
    const id = await this.getConnectorBuilderProjectId(request);
    return id && connectorBuilderUrlOf(this.workspace.workspaceUrl, id);
  }

  /** The builder project's page for a YAML definition that has one, else the custom connectors page. */
  override async getDefinitionUrl(request?: RequestOptions): Promise<string> {
    return (
      (await this.getConnectorBuilderProjectUrl(request)) ??
      customConnectorsUrlOf(this.workspace.workspaceUrl, "source")
    );
  }

  /** YAML definitions: the builder project with its manifest (Config API), kept unless `useCache: false`. */
  async getBuilderProjectData(
    options: { useCache?: boolean } = {},
    request?: RequestOptions,
  ): Promise<Config.ConnectorBuilderProjectRead> {
    if (this.definitionType !== "yaml") {
      throw new InputError("Only YAML custom source definitions have a Connector Builder project.");
    }
    const ref = await this.#projectRef(request);
    if (!ref?.builderProjectId) {
      throw new InputError("Could not find connector builder project ID for this definition.", {
        context: { definitionId: this.definitionId },
      });
    }
    const { builderProjectId, workspaceId } = ref;
    return this.#builderProjectData.get(
      () =>
        this.workspace.api.config.connectorBuilderProjects.getWithManifest({ workspaceId, builderProjectId }, request),
      options.useCache === false,
    );
  }

  /** YAML definitions: whether the builder project has unpublished changes (undefined without a project). */
  async hasDraft(request?: RequestOptions): Promise<boolean | undefined> {
    const data = await this.#projectData(request);
    return data && (data.builderProject.hasDraft ?? false);
  }

  /** YAML definitions: the builder's draft manifest, when there is a draft. */
  async getDraftManifest(request?: RequestOptions): Promise<DeclarativeManifest | undefined> {
    const data = await this.#projectData(request);
    const manifest = data?.declarativeManifest?.manifest;
    return data?.builderProject.hasDraft && typeof manifest === "object" && manifest !== null ? manifest : undefined;
  }

  /**
   * Publishes a new manifest (YAML definitions) or image tag (Docker definitions); exactly one
   * of `manifestYaml` and `dockerTag`, the one that fits the definition.
   */
  async updateDefinition(options: UpdateDefinitionOptions, request?: RequestOptions): Promise<this> {
    const { manifestYaml, dockerTag, preValidate = true } = options;
    if ((manifestYaml === undefined) === (dockerTag === undefined)) {
      throw new InputError("Pass exactly one of manifestYaml and dockerTag.");
    }
    if (dockerTag !== undefined) {
      if (this.definitionType !== "docker") {
        throw new InputError("dockerTag applies to Docker definitions; update a YAML definition with manifestYaml.");
      }
      return this.updateDockerTag(dockerTag, request);
    }
    if (this.definitionType !== "yaml") {
      throw new InputError("manifestYaml applies to YAML definitions; update a Docker definition with dockerTag.");
    }
    const manifest = await loadManifest(manifestYaml as ManifestInput);
    if (preValidate) validateManifest(manifest);
    const response = await orMissing(
      this.workspace.api.declarativeSourceDefinitions.updateDeclarativeSourceDefinition(
        this.params(),
        { manifest: manifest as DeclarativeManifest },
        request,
      ),
      this.resource(),
    );
    this.info.set(declarativeDefinitionInfo(response));
    return this;
  }

  /**
   * YAML definitions: replaces the builder project's testing values (the configuration the
   * Builder tests with); pass every value, not only the changed ones.
   */
  async setTestingValues(testingValues: Record<string, unknown>, request?: RequestOptions): Promise<this> {
    if (this.definitionType !== "yaml") {
      throw new InputError("Only YAML custom source definitions have testing values.");
    }
    const builderProjectId = await this.getConnectorBuilderProjectId(request);
    if (!builderProjectId) {
      throw new InputError("Could not find connector builder project ID for this definition.", {
        context: { definitionId: this.definitionId },
      });
    }
    const manifest = await this.getManifest({}, request);
    await this.workspace.api.config.connectorBuilderProjects.updateTestingValues(
      { workspaceId: this.workspace.workspaceId, builderProjectId, testingValues, spec: builderSpecOf(manifest) },
      request,
    );
    return this;
  }

  /** Creates a source from this definition, with the configuration as given. */
  deploySource(
    name: string,
    config: SourceConfiguration,
    options: DeployOptions = {},
    request?: RequestOptions,
  ): Promise<CloudSource> {
    return this.workspace.deploySource(name, config, { ...options, definitionId: this.definitionId }, request);
  }

  protected async fetchInfo(request: RequestOptions | undefined): Promise<CloudCustomDefinitionInfo> {
    if (this.definitionType === "yaml") {
      const response = await orMissing(
        this.workspace.api.declarativeSourceDefinitions.getDeclarativeSourceDefinition(this.params(), request),
        this.resource(),
      );
      return declarativeDefinitionInfo(response);
    }
    const response = await orMissing(
      this.workspace.api.sourceDefinitions.getSourceDefinition(this.params(), request),
      this.resource(),
    );
    return dockerDefinitionInfo(response);
  }

  protected deleteRequest(request: RequestOptions | undefined): Promise<unknown> {
    return this.definitionType === "yaml"
      ? this.workspace.api.declarativeSourceDefinitions.deleteDeclarativeSourceDefinition(this.params(), request)
      : this.workspace.api.sourceDefinitions.deleteSourceDefinition(this.params(), request);
  }

  protected dockerRequest(body: { name: string; dockerImageTag: string }, request: RequestOptions | undefined) {
    return this.workspace.api.sourceDefinitions.updateSourceDefinition(this.params(), body, request);
  }

  #projectRef(request: RequestOptions | undefined): Promise<BuilderProjectRef | undefined> {
    if (this.definitionType !== "yaml") return Promise.resolve(undefined);
    return this.#builderProject.get(async () => {
      const answer = await this.workspace.api.config.connectorBuilderProjects.getForDefinitionId(
        { actorDefinitionId: this.definitionId, workspaceId: this.workspace.workspaceId },
        request,
      );
      return {
        builderProjectId: answer.builderProjectId ?? undefined,
        workspaceId: answer.workspaceId ?? this.workspace.workspaceId,
      };
    });
  }

  async #projectData(request: RequestOptions | undefined): Promise<Config.ConnectorBuilderProjectRead | undefined> {
    if (this.definitionType !== "yaml" || !(await this.getConnectorBuilderProjectId(request))) return undefined;
    return this.getBuilderProjectData({}, request);
  }
}

/** A custom destination definition: a Docker image. */
export class CustomCloudDestinationDefinition extends CustomCloudDefinition {
  readonly connectorType = "destination" as const;

  constructor(workspace: CloudWorkspace, definitionId: string, info?: CloudCustomDefinitionInfo) {
    super(workspace, definitionId, "docker", info);
  }

  /** Publishes a new image tag. */
  async updateDefinition(options: { dockerTag: string }, request?: RequestOptions): Promise<this> {
    return this.updateDockerTag(options.dockerTag, request);
  }

  /** Creates a destination from this definition, with the configuration as given. */
  deployDestination(
    name: string,
    config: DestinationConfiguration,
    options: DeployOptions = {},
    request?: RequestOptions,
  ): Promise<CloudDestination> {
    return this.workspace.deployDestination(name, config, { ...options, definitionId: this.definitionId }, request);
  }

  protected async fetchInfo(request: RequestOptions | undefined): Promise<CloudCustomDefinitionInfo> {
    const response = await orMissing(
      this.workspace.api.destinationDefinitions.getDestinationDefinition(this.params(), request),
      this.resource(),
    );
    return dockerDefinitionInfo(response);
  }

  protected deleteRequest(request: RequestOptions | undefined): Promise<unknown> {
    return this.workspace.api.destinationDefinitions.deleteDestinationDefinition(this.params(), request);
  }

  protected dockerRequest(body: { name: string; dockerImageTag: string }, request: RequestOptions | undefined) {
    return this.workspace.api.destinationDefinitions.updateDestinationDefinition(this.params(), body, request);
  }
}
