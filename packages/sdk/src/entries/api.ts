/** `airbyte-ts/api`: the low-level client and the transport's public types. */
export * from "../api/index.js";
export * from "../http/index.js";
