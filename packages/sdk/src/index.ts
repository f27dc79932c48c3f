/**
 * airbyte-ts: a typed client for the Airbyte API (Cloud, OSS and Enterprise).
 *
 * ```ts
 * import { AirbyteApi } from "airbyte-ts";
 * const api = new AirbyteApi({ clientId, clientSecret });
 * ```
 */
export * from "./api/index.js";
export * from "./http/index.js";
export * from "./datasets/index.js";
export * from "./cloud/index.js";
// Also exported by the API's generated types (the same unions); the high-level ones add their values.
export { JobStatusEnum, JobTypeEnum } from "./cloud/index.js";
export { VERSION } from "./version.js";
