/**
 * Credentials that reach beyond one workspace: organizations, the workspaces in them (listing,
 * creating, renaming, deleting), and the user they belong to (their default workspace).
 */
import { AirbyteApi } from "../api/client.js";
import type { Config, OrganizationResponse } from "../api/index.js";
import { CloudClientConfig } from "./client-config.js";
import { CloudCredentialGetters } from "./credential-getters.js";
import { type Env, processEnv } from "../internal/env.js";
import { resolveCloudSettings } from "./credentials.js";
import { InputError, MissingResourceError, MultipleResourcesError, orMissing } from "./errors.js";
import type { RequestOptions } from "../http/request-options.js";
import { type CloudWorkspaceInfo, workspaceInfoFromApi, workspaceInfoFromConfig } from "./models.js";
import { collectMatching, type NameFilterOptions, nameMatcher } from "./names.js";
import type { CloudAuthFromEnv, CloudAuthOptions, CloudTuning } from "./options.js";
import { CloudOrganization } from "./organization.js";
import type { SafeModeOptions } from "./deletion.js";
import {
  type CloudDefaultWorkspaceUpdate,
  type CloudUserInfo,
  currentUser,
  setDefaultWorkspace,
  type SetDefaultWorkspaceOptions,
} from "./users.js";
import { CloudWorkspace } from "./workspace.js";
import { listWorkspacesInScope, type WorkspacePrivilegeScope } from "./workspace-scopes.js";

export type CloudClientOptions = CloudAuthOptions &
  CloudTuning & {
    /** The public API root. Default Airbyte Cloud's. */
    publicApiRoot?: string;
    /** The Config API root. Default: derived from `publicApiRoot`. */
    configApiRoot?: string;
    /** The workspace `getWorkspace()` returns without an id. */
    workspaceId?: string;
    /** The organization used when a call names none. */
    organizationId?: string;
  };

export type CloudClientFromEnvOptions = CloudAuthFromEnv &
  CloudTuning & {
    publicApiRoot?: string;
    configApiRoot?: string;
    workspaceId?: string;
    organizationId?: string;
    /** Where variables are read. Default `process.env`. */
    env?: Env;
  };

export interface ListWorkspacesOptions extends NameFilterOptions {
  /**
   * List the workspaces of this organization (Config API), instead of every workspace the
   * credentials can see (public API). Default the client's organization.
   */
  organizationId?: string;
  /** Only names containing this text (any case). */
  nameContains?: string;
  /**
   * List by the caller's own roles instead (not with `organizationId`): `member_of`,
   * `organization_admin`, `instance_admin` or `any` (see `workspace-scopes.ts`).
   */
  privilegeScope?: WorkspacePrivilegeScope;
}

const ORGANIZATION_PAGE_SIZE = 100;

export class CloudClient extends CloudCredentialGetters {
  readonly config: CloudClientConfig;
  readonly api: AirbyteApi;
  readonly workspaceId: string | undefined;
  readonly organizationId: string | undefined;
  readonly #datasetOptions: CloudTuning["datasetOptions"];

  /** Explicit credentials only; `CloudClient.fromEnv()` reads the environment. Makes no request. */
  constructor(options: CloudClientOptions) {
    super();
    const { publicApiRoot, apiOptions, datasetOptions, ...rest }: Partial<CloudClientOptions> = options ?? {};
    const settings = resolveCloudSettings({ ...rest, apiRoot: publicApiRoot });
    this.config = CloudClientConfig.fromSettings(settings, false);
    this.workspaceId = settings.workspaceId;
    this.organizationId = settings.organizationId;
    this.#datasetOptions = datasetOptions;
    this.api = new AirbyteApi({ ...apiOptions, ...this.config.toApiOptions() });
  }

  /** A client from explicit values, then `AIRBYTE_*`, then `AIRBYTE_CLOUD_*` variables. */
  static fromEnv(options: CloudClientFromEnvOptions = {}): CloudClient {
    const { env = processEnv(), apiOptions, datasetOptions, publicApiRoot, ...explicit } = options;
    const settings = resolveCloudSettings({ ...explicit, apiRoot: publicApiRoot }, env);
    const config = CloudClientConfig.fromSettings(settings, true);
    return new CloudClient({
      ...config.toAuthOptions(),
      publicApiRoot: config.apiRoot,
      ...(config.configApiRoot === undefined ? {} : { configApiRoot: config.configApiRoot }),
      ...(settings.workspaceId === undefined ? {} : { workspaceId: settings.workspaceId }),
      ...(settings.organizationId === undefined ? {} : { organizationId: settings.organizationId }),
      ...(apiOptions ? { apiOptions } : {}),
      ...(datasetOptions ? { datasetOptions } : {}),
    });
  }

  get publicApiRoot(): string {
    return this.config.apiRoot;
  }

  /**
   * A workspace with these credentials (the client's default without an id), sending its requests
   * through this client's `api`. Makes no request.
   */
  getWorkspace(workspaceId?: string): CloudWorkspace {
    const id = workspaceId ?? this.workspaceId;
    if (!id) throw new InputError("Workspace ID is required.", { guidance: "Pass a workspace id." });
    return new CloudWorkspace({
      workspaceId: id,
      ...this.config.toAuthOptions(),
      apiRoot: this.config.apiRoot,
      ...(this.config.configApiRoot === undefined ? {} : { configApiRoot: this.config.configApiRoot }),
      ...(this.#datasetOptions ? { datasetOptions: this.#datasetOptions } : {}),
      api: this.api,
    });
  }

  /** Creates a workspace, in the given organization or the client's. */
  async createWorkspace(
    options: { name: string; organizationId?: string; regionId?: string },
    request?: RequestOptions,
  ): Promise<CloudWorkspaceInfo> {
    const organizationId = options.organizationId ?? this.organizationId;
    const response = await this.api.workspaces.createWorkspace(
      {
        name: options.name,
        ...(organizationId ? { organizationId } : {}),
        ...(options.regionId ? { regionId: options.regionId } : {}),
      },
      request,
    );
    return { ...workspaceInfoFromApi(response), organizationId: organizationId ?? undefined };
  }

  async renameWorkspace(
    workspaceId: string,
    options: { name: string },
    request?: RequestOptions,
  ): Promise<CloudWorkspaceInfo> {
    const response = await orMissing(
      this.api.workspaces.updateWorkspace({ workspaceId }, { name: options.name }, request),
      { resourceType: "workspace", resourceId: workspaceId },
    );
    return workspaceInfoFromApi(response);
  }

  /** Deletes a workspace, as `CloudWorkspace.permanentlyDelete` does. */
  permanentlyDeleteWorkspace(
    workspaceId: string,
    options: SafeModeOptions & { workspaceName?: string } = {},
    request?: RequestOptions,
  ): Promise<void> {
    return this.getWorkspace(workspaceId).permanentlyDelete(options, request);
  }

  /**
   * Workspaces by exact `name`, by `nameContains` or by a `nameFilter`, up to `limit`: those of
   * the `privilegeScope` given (the caller's roles), else those of an organization (the given one
   * or the client's) through the Config API, else every one the credentials can see through the
   * public API.
   */
  async listWorkspaces(options: ListWorkspacesOptions = {}, request?: RequestOptions): Promise<CloudWorkspaceInfo[]> {
    const { nameContains, nameFilter } = options;
    if (nameContains !== undefined && nameFilter !== undefined) {
      throw new InputError("You can provide nameContains or nameFilter, but not both.");
    }
    const contains = nameContains?.toLowerCase();
    const filters: NameFilterOptions = {
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      ...(contains === undefined
        ? nameFilter
          ? { nameFilter }
          : {}
        : { nameFilter: (name: string) => name.toLowerCase().includes(contains) }),
    };
    nameMatcher(filters);
    const serverFilter = nameContains ?? options.name;
    const ofOrganization = (organizationId: string, scoped: NameFilterOptions) =>
      collectMatching(this.#organizationWorkspaces(organizationId, serverFilter, request), (w) => w.name, scoped);
    if (options.privilegeScope !== undefined) {
      if (options.organizationId !== undefined) {
        throw new InputError("Pass organizationId or privilegeScope, not both.");
      }
      const everyVisible = (scoped: NameFilterOptions) => this.#visibleWorkspaces(scoped, request);
      return listWorkspacesInScope(this, options.privilegeScope, { ofOrganization, everyVisible }, filters, request);
    }
    const organizationId = options.organizationId ?? this.organizationId;
    return organizationId ? ofOrganization(organizationId, filters) : this.#visibleWorkspaces(filters, request);
  }

  /**
   * The user these credentials belong to (their email and default workspace), or undefined when
   * the server cannot tell: who the caller is comes from their own permissions, so a user
   * without any is unknown.
   */
  getCurrentUser(request?: RequestOptions): Promise<CloudUserInfo | undefined> {
    return currentUser(this.api, request);
  }

  /**
   * Sets the authenticated user's default workspace in their account (what the web app opens),
   * after checking `userEmail` is theirs and that they are a member of the workspace.
   */
  setDefaultWorkspace(
    options: SetDefaultWorkspaceOptions,
    request?: RequestOptions,
  ): Promise<CloudDefaultWorkspaceUpdate> {
    return setDefaultWorkspace(this, options, request);
  }

  /** The organizations of the user these credentials belong to. */
  async listOrganizations(request?: RequestOptions): Promise<CloudOrganization[]> {
    const answer = await this.api.organizations.listOrganizationsForUser(request);
    return answer.data.map((organization) => this.#organization(organization));
  }

  /**
   * One of the user's organizations, by id (default the client's) or by exact name:
   * `MissingResourceError` when none matches, `MultipleResourcesError` when a name matches several.
   */
  async getOrganization(
    organizationId?: string,
    options: { organizationName?: string } = {},
    request?: RequestOptions,
  ): Promise<CloudOrganization> {
    const { organizationName } = options;
    if (organizationId !== undefined && organizationName !== undefined) {
      throw new InputError("Pass an organization id or an organizationName, not both.");
    }
    const id = organizationName === undefined ? (organizationId ?? this.organizationId) : undefined;
    if (id === undefined && organizationName === undefined) {
      throw new InputError("An organization id or organizationName is required.");
    }
    const answer = await this.api.organizations.listOrganizationsForUser(request);
    const matches = answer.data.filter((organization) =>
      id !== undefined ? organization.organizationId === id : organization.organizationName === organizationName,
    );
    const wanted = (id ?? organizationName) as string;
    if (matches.length === 0)
      throw new MissingResourceError({ resourceType: "organization", resourceNameOrId: wanted });
    if (matches.length > 1)
      throw new MultipleResourcesError({ resourceType: "organization", resourceNameOrId: wanted });
    return this.#organization(matches[0] as OrganizationResponse);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `CloudClient { publicApiRoot: '${this.publicApiRoot}', auth: ${this.config.usesBearerToken ? "bearer token" : "client credentials"} }`;
  }

  toJSON(): Record<string, unknown> {
    return { ...this.config.toJSON(), workspaceId: this.workspaceId, organizationId: this.organizationId };
  }

  #organization(organization: OrganizationResponse): CloudOrganization {
    return new CloudOrganization(organization.organizationId, {
      api: this.api,
      organizationName: organization.organizationName,
      email: organization.email,
    });
  }

  /** Every workspace the credentials can see (public API), by name, up to the limit. */
  async #visibleWorkspaces(filters: NameFilterOptions, request: RequestOptions | undefined) {
    const pages = this.api.workspaces.listWorkspaces({ limit: 100 }, request).pages();
    return (await collectMatching(pages, (workspace) => workspace.name, filters)).map(workspaceInfoFromApi);
  }

  /** Pages of an organization's workspaces (Config API), 100 at a time, until a short page. */
  async *#organizationWorkspaces(
    organizationId: string,
    nameContains: string | undefined,
    request: RequestOptions | undefined,
  ): AsyncGenerator<{ data: CloudWorkspaceInfo[] }> {
    for (let rowOffset = 0; ; rowOffset += ORGANIZATION_PAGE_SIZE) {
      const answer: Config.WorkspaceReadList = await orMissing(
        this.api.config.workspaces.listByOrganizationId(
          {
            organizationId,
            pagination: { pageSize: ORGANIZATION_PAGE_SIZE, rowOffset },
            ...(nameContains ? { nameContains } : {}),
          },
          request,
        ),
        { resourceType: "organization", resourceId: organizationId },
      );
      yield { data: answer.workspaces.map(workspaceInfoFromConfig) };
      if (answer.workspaces.length < ORGANIZATION_PAGE_SIZE) return;
    }
  }
}
