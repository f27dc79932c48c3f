/**
 * airbyte-ts: a typed client for the Airbyte API (Cloud, OSS and Enterprise).
 *
 * ```ts
 * import { AirbyteApi } from "airbyte-ts";
 * const api = new AirbyteApi({ clientId, clientSecret });
 * ```
 *
 * The root exports what the README documents: the low-level client, the high-level objects, the
 * job status sets, pages, and every error class. The transport's building blocks (retry
 * defaults, `ApiPromise`, the Cloud roots) are in `airbyte-ts/api`; reading synced tables is in
 * `airbyte-ts/datasets`. Every type stays importable from here.
 */
export type * from "./api/index.js";
export type * from "./http/index.js";
export type * from "./datasets/index.js";
export type * from "./cloud/index.js";

// The low-level client.
export { AirbyteApi, createJobOnce } from "./api/index.js";
export { selfManaged } from "./http/servers.js";
export { schemaName, tableName } from "./datasets/naming.js";
export { Page, PagePromise } from "./http/pagination.js";
export {
  FAILED_JOB_STATUSES,
  FINAL_JOB_STATUSES,
  isFailedJobStatus,
  isFinalJobStatus,
  isUnfinishedJobStatus,
  JOB_STATUSES,
  UNFINISHED_JOB_STATUSES,
} from "./api/job-statuses.js";

// The high-level API (PyAirbyte's `airbyte.cloud`).
export {
  CheckResult,
  CLOUD_ENV_VARS,
  CloudClient,
  CloudClientConfig,
  CloudConnection,
  CloudConnector,
  CloudDestination,
  CloudOrganization,
  CloudSource,
  CloudWorkspace,
  CustomCloudDestinationDefinition,
  CustomCloudSourceDefinition,
  DEFAULT_SYNC_TIMEOUT_MS,
  denormalizeCatalogToApi,
  denormalizeProtocolStateToApi,
  formatLogEvent,
  formatLogTimestamp,
  isProtocolCatalogFormat,
  isProtocolStateFormat,
  isSafeToDelete,
  JobStatusEnum,
  JobTypeEnum,
  normalizeCatalogToProtocol,
  normalizeStateToProtocol,
  SecretString,
  SyncAttempt,
  SyncResult,
  toQuartzCron,
} from "./cloud/index.js";

// Every error class.
export * from "./http/errors.js";
export {
  AirbyteCloudError,
  AirbyteConnectionError,
  ConnectionSyncActiveError,
  ConnectionSyncError,
  ConnectionSyncTimeoutError,
  ConnectorCheckError,
  DuplicateResourcesError,
  InputError,
  MissingResourceError,
  MultipleResourcesError,
  NoCloudCredentialsError,
  WorkspaceMismatchError,
  WorkspaceNotEmptyError,
} from "./cloud/errors.js";
export * from "./datasets/errors.js";

export { VERSION } from "./version.js";
