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
export { VERSION } from "./version.js";
