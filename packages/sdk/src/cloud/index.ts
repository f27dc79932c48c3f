/**
 * The high-level API, after PyAirbyte's `airbyte.cloud`: workspaces, connections, sources,
 * destinations, custom definitions, syncs and their results, built on `AirbyteApi`.
 */
export {
  CloudClient,
  type CloudClientOptions,
  type CloudClientFromEnvOptions,
  type ListWorkspacesOptions,
} from "./client.js";
export { CloudClientConfig, type CloudClientConfigOptions } from "./client-config.js";
export { CLOUD_ENV_VARS, type Env as CloudEnv } from "./credentials.js";
export { CloudWorkspace, type ListOptions } from "./workspace.js";
export type {
  PublishSourceDefinitionOptions,
  PublishDestinationDefinitionOptions,
} from "./custom-definition-publishing.js";
export type { DeployOptions, DeployConnectionOptions } from "./deployment.js";
export type { ListJobsOptions } from "./workspace-jobs.js";
export type { PermanentlyDeleteConnectionOptions, SafeModeOptions } from "./deletion.js";
export type { IfRunning, RunSyncOptions } from "./sync-start.js";
export { CloudConnection, type PreviousSyncLogsOptions } from "./connection.js";
export { CheckResult, CloudConnector, CloudDestination, CloudSource, type CheckOptions } from "./connectors.js";
export {
  CustomCloudDestinationDefinition,
  CustomCloudSourceDefinition,
  type CloudCustomDefinitionInfo,
  type DefinitionType,
  type UpdateDefinitionOptions,
} from "./custom-definitions.js";
export { CloudOrganization, type CloudOrganizationOptions } from "./organization.js";
export type { CloudDefaultWorkspaceUpdate, CloudUserInfo, SetDefaultWorkspaceOptions } from "./users.js";
export type { WorkspacePrivilegeScope } from "./workspace-scopes.js";
export {
  DEFAULT_SYNC_TIMEOUT_MS,
  SyncResult,
  type FollowLogsOptions,
  type SyncProgress,
  type WaitOptions,
} from "./sync-result.js";
export { SyncAttempt } from "./sync-attempt.js";
export { formatLogEvent, formatLogTimestamp } from "./log-lines.js";
export { JobStatusEnum, JobTypeEnum } from "./constants.js";
export type {
  CloudConnectionInfo,
  CloudCustomSourceDefinitionInfo,
  CloudDestinationInfo,
  CloudJobInfo,
  CloudSourceInfo,
  CloudWorkspaceInfo,
} from "./models.js";
export type {
  CloudApiOptions,
  CloudAuthFromEnv,
  CloudAuthOptions,
  CloudTuning,
  CloudWorkspaceFromEnvOptions,
  CloudWorkspaceOptions,
  GetInfoOptions,
} from "./options.js";
export { SecretString } from "./secrets.js";
export {
  AirbyteCloudError,
  AirbyteConnectionError,
  ConnectionStateLockedError,
  ConnectionSyncActiveError,
  ConnectionSyncError,
  ConnectionSyncTimeoutError,
  ConnectorCheckError,
  DuplicateResourcesError,
  InputError,
  MissingResourceError,
  MultipleResourcesError,
  UnsafeDeleteError,
  WorkspaceMismatchError,
  WorkspaceNotEmptyError,
} from "./errors.js";
export {
  denormalizeProtocolStateToApi,
  isProtocolStateFormat,
  normalizeStateToProtocol,
  type AirbyteStateMessage,
  type AirbyteStateMessageInput,
  type ConnectionState,
  type ProtocolStreamState,
  type StateBlob,
} from "./state.js";
export {
  denormalizeCatalogToApi,
  isProtocolCatalogFormat,
  normalizeCatalogToProtocol,
  type ApiCatalog,
  type ProtocolCatalog,
  type ProtocolConfiguredStream,
} from "./catalog.js";
export { toQuartzCron } from "./cron.js";
export { isSafeToDelete } from "./names.js";
export type { ManifestInput } from "./manifest.js";
