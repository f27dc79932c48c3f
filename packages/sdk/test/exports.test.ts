/**
 * The runtime exports of each entry point, pinned: adding or removing a name is a decision (the
 * root holds what the README documents; building blocks live in `airbyte-ts/api`, reading synced
 * tables in `airbyte-ts/datasets`, project files in `airbyte-ts/config-as-code`), so it shows up here and in the CHANGELOG.
 */
import { expect, test } from "vitest";
import * as root from "airbyte-ts";
import * as api from "airbyte-ts/api";
import * as configAsCode from "airbyte-ts/config-as-code";
import * as datasets from "airbyte-ts/datasets";

const ROOT = [
  "AIRBYTE_ERROR_CODES",
  "AirbyteApi",
  "AirbyteApiError",
  "AirbyteCloudError",
  "AirbyteConnectionError",
  "AirbyteError",
  "AuthenticationError",
  "BadRequestError",
  "CLOUD_ENV_VARS",
  "CheckResult",
  "CloudClient",
  "CloudClientConfig",
  "CloudConnection",
  "CloudConnector",
  "CloudDestination",
  "CloudOrganization",
  "CloudSource",
  "CloudWorkspace",
  "ConflictError",
  "ConflictingCredentialsError",
  "ConnectionStateLockedError",
  "ConnectionSyncActiveError",
  "ConnectionSyncError",
  "ConnectionSyncTimeoutError",
  "ConnectorCheckError",
  "CustomCloudDestinationDefinition",
  "CustomCloudSourceDefinition",
  "DEFAULT_SYNC_TIMEOUT_MS",
  "DestinationReadError",
  "DuplicateResourcesError",
  "FAILED_JOB_STATUSES",
  "FINAL_JOB_STATUSES",
  "InputError",
  "InternalServerError",
  "InvalidArgumentError",
  "JOB_STATUSES",
  "JobStatusEnum",
  "JobTypeEnum",
  "LockedError",
  "MissingCredentialsError",
  "MissingDriverError",
  "MissingResourceError",
  "MissingSecretError",
  "MultipleResourcesError",
  "NameNormalizationError",
  "NetworkError",
  "NotFoundError",
  "NotImplementedError",
  "Page",
  "PagePromise",
  "PermissionDeniedError",
  "RateLimitError",
  "RequestAbortedError",
  "ResponseValidationError",
  "SecretString",
  "SyncAlreadyRunningError",
  "SyncAttempt",
  "SyncResult",
  "TableNotFoundError",
  "TimeoutError",
  "UNFINISHED_JOB_STATUSES",
  "UnprocessableEntityError",
  "UnsafeDeleteError",
  "UnsupportedDestinationError",
  "VERSION",
  "WorkspaceMismatchError",
  "WorkspaceNotEmptyError",
  "createJobOnce",
  "denormalizeCatalogToApi",
  "denormalizeProtocolStateToApi",
  "formatLogEvent",
  "formatLogTimestamp",
  "isFailedJobStatus",
  "isFinalJobStatus",
  "isProtocolCatalogFormat",
  "isProtocolStateFormat",
  "isSafeToDelete",
  "isUnfinishedJobStatus",
  "normalizeCatalogToProtocol",
  "normalizeStateToProtocol",
  "schemaName",
  "selfManaged",
  "tableName",
  "toQuartzCron",
];

const API = [
  "AIRBYTE_ERROR_CODES",
  "AirbyteApi",
  "AirbyteApiError",
  "AirbyteError",
  "ApiPromise",
  "AuthenticationError",
  "BadRequestError",
  "CLOUD_API_URL",
  "CLOUD_CONFIG_API_URL",
  "ConfigApi",
  "ConflictError",
  "ConflictingCredentialsError",
  "DEFAULT_RETRY_POLICY",
  "DEFAULT_RETRY_STATUSES",
  "FAILED_JOB_STATUSES",
  "FINAL_JOB_STATUSES",
  "InternalServerError",
  "InvalidArgumentError",
  "JOB_STATUSES",
  "LockedError",
  "MAX_PAGE_SIZE",
  "MissingCredentialsError",
  "NetworkError",
  "NotFoundError",
  "NotImplementedError",
  "Page",
  "PagePromise",
  "PermissionDeniedError",
  "RateLimitError",
  "RequestAbortedError",
  "ResponseValidationError",
  "SyncAlreadyRunningError",
  "TimeoutError",
  "UNFINISHED_JOB_STATUSES",
  "UnprocessableEntityError",
  "createJobOnce",
  "isFailedJobStatus",
  "isFinalJobStatus",
  "isUnfinishedJobStatus",
  "selfManaged",
  "streamLogger",
];

const DATASETS = [
  "Dataset",
  "DestinationReadError",
  "DestinationReader",
  "MissingDriverError",
  "MissingSecretError",
  "NameNormalizationError",
  "READABLE_DESTINATION_TYPES",
  "TableNotFoundError",
  "UnsupportedDestinationError",
  "normalizeName",
  "normalizeSchemaName",
  "openDestination",
  "schemaName",
  "tableName",
];

test("the package root exports exactly the documented names", () => {
  expect(Object.keys(root).sort()).toEqual(ROOT);
});

test("airbyte-ts/api exports exactly the low-level client and the transport's building blocks", () => {
  expect(Object.keys(api).sort()).toEqual(API);
});

test("airbyte-ts/datasets exports exactly the readers, the naming helpers and their errors", () => {
  expect(Object.keys(datasets).sort()).toEqual(DATASETS);
});

const CONFIG_AS_CODE = [
  "AIRBYTE_MACROS",
  "ConfigFileError",
  "DestroyPreventedError",
  "EnvVarMissingError",
  "PROJECT_API_VERSION",
  "PROJECT_SCHEMA_URL",
  "PlanStaleError",
  "RESOURCE_KINDS",
  "ReplaceNotAllowedError",
  "apply",
  "hasChanges",
  "importWorkspace",
  "loadProject",
  "lockFilePath",
  "plan",
  "writeLockFile",
];

test("airbyte-ts/config-as-code exports exactly loadProject, plan, apply, importWorkspace, the lock file, constants and errors", () => {
  expect(Object.keys(configAsCode).sort()).toEqual(CONFIG_AS_CODE);
});

test("an entry point's names are the same values as the root's", () => {
  const rootValues: Record<string, unknown> = root;
  for (const [name, value] of Object.entries({ ...api, ...datasets, ...configAsCode })) {
    if (name in rootValues) expect(rootValues[name], name).toBe(value);
  }
});
