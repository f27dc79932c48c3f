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

// The low-level client and the job status sets.
export * from "./api/index.js";
export { selfManaged } from "./http/servers.js";
export { schemaName, tableName } from "./datasets/naming.js";
export { Page, PagePromise } from "./http/pagination.js";

// The high-level API (PyAirbyte's `airbyte.cloud`) with its errors.
export * from "./cloud/index.js";
// The API's generated types have these names too (the same unions); the high-level ones add their values.
export { JobStatusEnum, JobTypeEnum } from "./cloud/index.js";

// The errors of the transport and of reading synced tables.
export * from "./http/errors.js";
export * from "./datasets/errors.js";

export { VERSION } from "./version.js";
