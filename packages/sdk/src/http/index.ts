/** Public building blocks of the transport: errors, pages, options and hook types. */
export * from "./errors.js";
export { ApiPromise } from "./api-promise.js";
export {
  Page,
  PagePromise,
  MAX_PAGE_SIZE,
  type IterateOptions,
  type ToArrayOptions,
  type PageQuery,
} from "./pagination.js";
export { CLOUD_API_URL, CLOUD_CONFIG_API_URL, selfManaged, type ServerUrls } from "./servers.js";
export { DEFAULT_RETRY_STATUSES, DEFAULT_RETRY_POLICY, type RetryOptions } from "./retry.js";
export type { TokenProvider } from "./auth.js";
export { streamLogger, type Logger, type LogLevel } from "./logger.js";
export type { ApiResult, Hooks, HttpMethod, RequestContext, RequestOptions, RequestSpec } from "./request-options.js";
