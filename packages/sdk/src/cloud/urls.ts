/**
 * Web pages of the Airbyte app. Airbyte Cloud's app is `https://cloud.airbyte.com`; a
 * self-managed Airbyte serves its app at the root its API sits under (`http://host:8000` for
 * `http://host:8000/api/public/v1`), where PyAirbyte wrongly uses the API root itself.
 */
import { CLOUD_API_URL } from "../http/servers.js";

export const CLOUD_WEB_URL = "https://cloud.airbyte.com";

const SELF_MANAGED_API_SUFFIX = "/api/public/v1";

/** The web app's root for a (normalized) public API root. */
export function webRootOf(apiRoot: string): string {
  if (apiRoot === CLOUD_API_URL) return CLOUD_WEB_URL;
  if (apiRoot.endsWith(SELF_MANAGED_API_SUFFIX)) return apiRoot.slice(0, -SELF_MANAGED_API_SUFFIX.length);
  // Another layout: the app is most likely at the host's root.
  return new URL(apiRoot).origin;
}

export function workspaceUrlOf(apiRoot: string, workspaceId: string): string {
  return `${webRootOf(apiRoot)}/workspaces/${workspaceId}`;
}
