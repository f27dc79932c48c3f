/**
 * Where Airbyte's APIs and web app sit relative to each other, written once: Cloud's three
 * roots, and a self-managed Airbyte's layout (web app at the root, public API under
 * `/api/public/v1`, Config API under `/api/v1`).
 */

/** Airbyte Cloud's public API. */
export const CLOUD_API_URL = "https://api.airbyte.com/v1";
/** Airbyte Cloud's Config API, the internal API behind state, catalogs, logs and custom connectors. */
export const CLOUD_CONFIG_API_URL = "https://cloud.airbyte.com/api/v1";
/** Airbyte Cloud's web app. */
const CLOUD_WEB_URL = "https://cloud.airbyte.com";

const SELF_MANAGED_PUBLIC_API_PATH = "/api/public/v1";
const SELF_MANAGED_CONFIG_API_PATH = "/api/v1";

/** A self-managed Airbyte's API roots under the root of its web app (normalized, no trailing slash). */
export function selfManagedRoots(webRoot: string): { publicApiRoot: string; configApiRoot: string } {
  return {
    publicApiRoot: webRoot + SELF_MANAGED_PUBLIC_API_PATH,
    configApiRoot: webRoot + SELF_MANAGED_CONFIG_API_PATH,
  };
}

/** The web app's root under which a self-managed public API root sits, else undefined. */
function selfManagedWebRoot(publicApiRoot: string): string | undefined {
  return publicApiRoot.endsWith(SELF_MANAGED_PUBLIC_API_PATH)
    ? publicApiRoot.slice(0, -SELF_MANAGED_PUBLIC_API_PATH.length)
    : undefined;
}

/** The Config API root of a (normalized) public API root of a known layout, else undefined. */
export function configApiRootOf(publicApiRoot: string): string | undefined {
  if (publicApiRoot === CLOUD_API_URL) return CLOUD_CONFIG_API_URL;
  const webRoot = selfManagedWebRoot(publicApiRoot);
  return webRoot === undefined ? undefined : selfManagedRoots(webRoot).configApiRoot;
}

/**
 * The web app's root for a (normalized) public API root. A self-managed Airbyte serves its app
 * at the root its API sits under (`http://host:8000` for `http://host:8000/api/public/v1`),
 * where PyAirbyte wrongly uses the API root itself; any other layout most likely has the app at
 * the host's root.
 */
export function webAppRootOf(publicApiRoot: string): string {
  if (publicApiRoot === CLOUD_API_URL) return CLOUD_WEB_URL;
  return selfManagedWebRoot(publicApiRoot) ?? new URL(publicApiRoot).origin;
}
