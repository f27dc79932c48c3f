/**
 * Deployed sources and destinations. Objects are lazy: they know their id and fetch their info
 * (name, definition) on first use, or start with it when they come from a list or a deploy.
 */
import type {
  Config,
  DestinationConfiguration,
  DestinationResponse,
  SourceConfiguration,
  SourceResponse,
} from "../api/index.js";
import { PermissionDeniedError } from "../http/errors.js";
import type { RequestOptions } from "../http/request-options.js";
import { maskConfigurationSecrets } from "./configuration-secrets.js";
import { ConnectorCheckError, MissingResourceError, orMissing, refusedToCaller } from "./errors.js";
import type { SafeModeOptions } from "./deletion.js";
import { Cached } from "./internal.js";
import type { GetInfoOptions } from "./options.js";
import { type CloudDestinationInfo, type CloudSourceInfo, destinationInfo, sourceInfo } from "./models.js";
import type { CloudWorkspace } from "./workspace.js";
import { requireSameWorkspace, workspaceResource } from "./resource-ids.js";
import { connectorUrlOf } from "./urls.js";

export type ConnectorType = "source" | "destination";

/** The outcome of a connector's check. A failed check is a result, not an error, unless asked. */
export class CheckResult {
  /** Whether the check passed. */
  readonly success: boolean;
  /** Why the check failed; undefined when it passed. */
  readonly errorMessage: string | undefined;
  /** Why the check could not run at all; undefined when it ran. */
  readonly internalError: string | undefined;

  constructor(init: { success: boolean; errorMessage?: string | undefined; internalError?: string | undefined }) {
    this.success = init.success;
    this.errorMessage = init.errorMessage;
    this.internalError = init.internalError;
  }

  toString(): string {
    return this.success ? "Success" : `Failed: ${this.errorMessage ?? this.internalError ?? "no reason given"}`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    const reason = this.errorMessage ?? this.internalError;
    return `CheckResult(success=${this.success}${reason === undefined ? "" : `, errorMessage=${JSON.stringify(reason)}`})`;
  }
}

interface ConnectorInfo {
  workspaceId: string;
  name: string;
  definitionId: string;
  /** The API's answer, whose configuration has its secrets masked. */
  raw: { configuration: Record<string, unknown> };
}

export interface CheckOptions {
  /** Throw a `ConnectorCheckError` when the check fails. Default true, as PyAirbyte. */
  raiseOnError?: boolean;
}

/** A deployed source or destination. */
export abstract class CloudConnector<Info extends ConnectorInfo = ConnectorInfo> {
  abstract readonly connectorType: ConnectorType;
  readonly workspace: CloudWorkspace;
  readonly connectorId: string;
  protected readonly info: Cached<Info>;

  constructor(workspace: CloudWorkspace, connectorId: string, info?: Info) {
    this.workspace = workspace;
    this.connectorId = connectorId;
    this.info = new Cached(info);
  }

  /** The display name, e.g. "My Postgres"; fetched once. */
  async getName(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string> {
    return (await this.getInfo(options, request)).name;
  }

  /** The connector definition's id (e.g. that of source-postgres); fetched once. */
  async getDefinitionId(options: GetInfoOptions = {}, request?: RequestOptions): Promise<string> {
    return (await this.getInfo(options, request)).definitionId;
  }

  /** The connector's page in the web app. */
  get connectorUrl(): string {
    return connectorUrlOf(this.workspace.workspaceUrl, this.connectorType, this.connectorId);
  }

  /**
   * The connector's info, fetched when unknown (or when `forceRefresh`), and checked to belong
   * to this object's workspace.
   */
  async getInfo(options: GetInfoOptions = {}, request?: RequestOptions): Promise<Info> {
    const info = await this.info.get(() => this.fetchInfo(request), options.forceRefresh);
    requireSameWorkspace(this.workspace, this.connectorType, this.connectorId, info.workspaceId);
    return info;
  }

  /** True when the connector exists in this workspace; a `WorkspaceMismatchError` or `MissingResourceError` otherwise. */
  async checkIsValid(request?: RequestOptions): Promise<boolean> {
    await this.getInfo({}, request);
    return true;
  }

  /**
   * Runs the connector's check (Config API). With `raiseOnError` (the default), a failure is a
   * `ConnectorCheckError`; without, it is a `CheckResult` whose `success` is false.
   */
  async check(options: CheckOptions = {}, request?: RequestOptions): Promise<CheckResult> {
    const answer = await orMissing(this.runCheck(request), this.resource());
    const result = checkResultOf(answer);
    if (!result.success && (options.raiseOnError ?? true)) {
      throw new ConnectorCheckError(
        `The check of ${this.connectorType} '${this.connectorId}' failed: ${String(result)}`,
        {
          connectorType: this.connectorType,
          connectorId: this.connectorId,
          connectorUrl: this.connectorUrl,
          errorMessage: result.errorMessage ?? result.internalError,
          workspaceUrl: this.workspace.workspaceUrl,
        },
      );
    }
    return result;
  }

  /**
   * The JSON Schema its configuration follows: its definition's connection specification (Config
   * API), undefined when the definition declares none.
   */
  async getSpecification(request?: RequestOptions): Promise<Record<string, unknown> | undefined> {
    const { definitionId } = await this.getInfo({}, request);
    const read = await orMissing(
      this.fetchSpecification(definitionId, request),
      workspaceResource(this.workspace, `${this.connectorType} definition`, definitionId),
    );
    return read.connectionSpecification;
  }

  /**
   * Its configuration as it may be shown: what the API masks, every field its specification marks
   * `airbyte_secret`, and text fields named like secrets where no specification describes them
   * (or this Airbyte will not give one to this caller) are all `**********`.
   */
  async getConfiguration(request?: RequestOptions): Promise<Record<string, unknown>> {
    const { raw } = await this.getInfo({}, request);
    const specification = await this.getSpecification(request).catch((error: unknown) => {
      if (refusedToCaller(error) || error instanceof MissingResourceError) return undefined;
      throw error;
    });
    return maskConfigurationSecrets(raw.configuration, specification);
  }

  /**
   * Deletes the connector. In safe mode (the default) its name must contain `delete-me` or
   * `deleteme`.
   */
  abstract permanentlyDelete(options?: SafeModeOptions, request?: RequestOptions): Promise<void>;

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `${this.constructor.name} { connectorId: '${this.connectorId}', workspaceId: '${this.workspace.workspaceId}', connectorUrl: '${this.connectorUrl}' }`;
  }

  protected abstract fetchInfo(request: RequestOptions | undefined): Promise<Info>;
  protected abstract runCheck(request: RequestOptions | undefined): Promise<Config.CheckConnectionRead>;
  protected abstract fetchSpecification(
    definitionId: string,
    request: RequestOptions | undefined,
  ): Promise<{ connectionSpecification?: Record<string, unknown> }>;

  protected resource(): { resourceType: string; resourceId: string; workspaceUrl: string } {
    return workspaceResource(this.workspace, this.connectorType, this.connectorId);
  }
}

export class CloudSource extends CloudConnector<CloudSourceInfo> {
  readonly connectorType = "source" as const;

  /** The same as `connectorId`. */
  get sourceId(): string {
    return this.connectorId;
  }

  /** Renames the source (`PATCH /sources/{id}`) and keeps the answer as its info. */
  async rename(name: string, request?: RequestOptions): Promise<this> {
    return this.patch({ name }, request);
  }

  /**
   * Replaces the source's configuration (`PATCH /sources/{id}`), sent as given. Secrets sent
   * back masked (`**********`) keep their stored values.
   */
  async updateConfig(config: SourceConfiguration, request?: RequestOptions): Promise<this> {
    return this.patch({ configuration: config }, request);
  }

  async permanentlyDelete(options: SafeModeOptions = {}, request?: RequestOptions): Promise<void> {
    await this.workspace.permanentlyDeleteSource(this, options, request);
  }

  protected async fetchInfo(request: RequestOptions | undefined): Promise<CloudSourceInfo> {
    const response = await orMissing(
      this.workspace.api.sources.getSource({ sourceId: this.connectorId }, request),
      this.resource(),
    );
    return sourceInfo(response);
  }

  protected runCheck(request: RequestOptions | undefined): Promise<Config.CheckConnectionRead> {
    return this.workspace.api.config.sources.checkConnection({ sourceId: this.connectorId }, request);
  }

  protected fetchSpecification(definitionId: string, request: RequestOptions | undefined) {
    return this.workspace.api.config.sourceDefinitionSpecifications.get(
      { sourceDefinitionId: definitionId, workspaceId: this.workspace.workspaceId },
      request,
    );
  }

  private async patch(
    body: { name?: string; configuration?: SourceConfiguration },
    request: RequestOptions | undefined,
  ) {
    const response = await orMissing(
      this.workspace.api.sources.patchSource({ sourceId: this.connectorId }, body, request),
      this.resource(),
    );
    this.info.set(sourceInfo(response));
    return this;
  }
}

export class CloudDestination extends CloudConnector<CloudDestinationInfo> {
  readonly connectorType = "destination" as const;

  /** The same as `connectorId`. */
  get destinationId(): string {
    return this.connectorId;
  }

  /** Renames the destination (`PATCH /destinations/{id}`) and keeps the answer as its info. */
  async rename(name: string, request?: RequestOptions): Promise<this> {
    return this.patch({ name }, request);
  }

  /**
   * Replaces the destination's configuration (`PATCH /destinations/{id}`), sent as given.
   * Secrets sent back masked (`**********`) keep their stored values.
   */
  async updateConfig(config: DestinationConfiguration, request?: RequestOptions): Promise<this> {
    return this.patch({ configuration: config }, request);
  }

  async permanentlyDelete(options: SafeModeOptions = {}, request?: RequestOptions): Promise<void> {
    await this.workspace.permanentlyDeleteDestination(this, options, request);
  }

  protected async fetchInfo(request: RequestOptions | undefined): Promise<CloudDestinationInfo> {
    const response = await orMissing(
      this.workspace.api.destinations.getDestination({ destinationId: this.connectorId }, request),
      this.resource(),
    );
    return destinationInfo(response);
  }

  protected runCheck(request: RequestOptions | undefined): Promise<Config.CheckConnectionRead> {
    return this.workspace.api.config.destinations.checkConnection({ destinationId: this.connectorId }, request);
  }

  protected fetchSpecification(definitionId: string, request: RequestOptions | undefined) {
    return this.workspace.api.config.destinationDefinitionSpecifications.get(
      { destinationDefinitionId: definitionId, workspaceId: this.workspace.workspaceId },
      request,
    );
  }

  private async patch(
    body: { name?: string; configuration?: DestinationConfiguration },
    request: RequestOptions | undefined,
  ) {
    const response = await orMissing(
      this.workspace.api.destinations.patchDestination({ destinationId: this.connectorId }, body, request),
      this.resource(),
    );
    this.info.set(destinationInfo(response));
    return this;
  }
}

/** A source made from an API answer (a list's or a deploy's), its info known. */
export function sourceFrom(workspace: CloudWorkspace, response: SourceResponse): CloudSource {
  return new CloudSource(workspace, response.sourceId, sourceInfo(response));
}

/** A destination made from an API answer (a list's or a deploy's), its info known. */
export function destinationFrom(workspace: CloudWorkspace, response: DestinationResponse): CloudDestination {
  return new CloudDestination(workspace, response.destinationId, destinationInfo(response));
}

/**
 * A source or destination by id, its info fetched: with `connectorType`, one request; without,
 * the source is asked for first, then the destination. Airbyte answers an id of the other type
 * with 404, or 403 to a caller who is not an instance admin, so either means "try the other".
 */
export async function findConnector(
  workspace: CloudWorkspace,
  connectorId: string,
  connectorType: ConnectorType | undefined,
  request: RequestOptions | undefined,
): Promise<CloudSource | CloudDestination> {
  const connectorOf = (type: ConnectorType) =>
    type === "source" ? workspace.getSource(connectorId) : workspace.getDestination(connectorId);
  if (connectorType) {
    const connector = connectorOf(connectorType);
    await connector.getInfo({}, request);
    return connector;
  }
  const refusals: Error[] = [];
  for (const type of ["source", "destination"] as const) {
    const connector = connectorOf(type);
    try {
      await connector.getInfo({}, request);
      return connector;
    } catch (error) {
      if (!(error instanceof MissingResourceError || error instanceof PermissionDeniedError)) throw error;
      refusals.push(error);
    }
  }
  // Neither: a refusal says more than "not found" (the caller may lack the rights).
  throw (
    refusals.find((error) => error instanceof PermissionDeniedError) ??
    new MissingResourceError({
      resourceType: "connector",
      resourceNameOrId: connectorId,
      message: `No source or destination '${connectorId}' was found.`,
      workspaceUrl: workspace.workspaceUrl,
    })
  );
}

/**
 * The check's answer as a result: `succeeded` passes; `failed` fails with the connector's
 * message. When the check job itself could not run (`jobInfo.succeeded` false, or no status),
 * its failure reason is the `internalError`.
 */
function checkResultOf(answer: Config.CheckConnectionRead): CheckResult {
  if (answer.status === "succeeded") return new CheckResult({ success: true });
  const job = answer.jobInfo as
    { succeeded?: boolean; failureReason?: { externalMessage?: string; internalMessage?: string } } | undefined;
  const ran = answer.status === "failed" && job?.succeeded !== false;
  if (ran) return new CheckResult({ success: false, errorMessage: answer.message });
  const failure = job?.failureReason;
  return new CheckResult({
    success: false,
    errorMessage: answer.message,
    internalError: failure?.internalMessage ?? failure?.externalMessage ?? answer.message ?? "The check did not run.",
  });
}
