/** `airbyte-ts/api`: the low-level client and the transport's public types. */
export * from "../api/index.js";
export * from "../http/index.js";
/** The Config API's resource group, as a class (reach it as `api.config`). */
export { ConfigApi } from "../api/config/index.js";
