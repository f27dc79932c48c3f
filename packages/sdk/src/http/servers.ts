import { InvalidArgumentError } from "./errors.js";
import { readEnv } from "../internal/env.js";
import { CLOUD_API_URL, CLOUD_CONFIG_API_URL, configApiRootOf, selfManagedRoots } from "../internal/url-roots.js";

export { CLOUD_API_URL, CLOUD_CONFIG_API_URL };

export interface ServerUrls {
  serverUrl: string;
  configApiUrl: string;
}

/**
 * The API roots of a self-managed Airbyte (abctl, Helm, Enterprise, or the local server of
 * `@airbyte-ts/local`) from the address of its web app, e.g. `http://localhost:8000`:
 * public API under `/api/public/v1`, Config API under `/api/v1`.
 *
 * ```ts
 * const api = new AirbyteApi({ ...selfManaged("http://localhost:8000"), clientId, clientSecret });
 * ```
 */
export function selfManaged(webUrl: string): ServerUrls {
  const root = normalizeUrl(webUrl, "selfManaged(webUrl)").replace(/\/api(\/public)?\/v1$/, "");
  const { publicApiRoot, configApiRoot } = selfManagedRoots(root);
  return { serverUrl: publicApiRoot, configApiUrl: configApiRoot };
}

/** An absolute http(s) URL without a trailing slash; anything else is an InvalidArgumentError. */
export function normalizeUrl(value: unknown, optionName: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidArgumentError(`${optionName} must be an absolute http(s) URL; got ${describe(value)}.`);
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidArgumentError(
      `${optionName} must be an absolute http(s) URL such as "${CLOUD_API_URL}"; got "${value}".`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError(`${optionName} must use http or https; got "${url.protocol}".`);
  }
  if (url.search || url.hash) {
    throw new InvalidArgumentError(`${optionName} must not carry a query or fragment; got "${value}".`);
  }
  return url.toString().replace(/\/+$/, "");
}

/**
 * The Config API root, in this order: the explicit option, `AIRBYTE_CLOUD_CONFIG_API_URL`,
 * Cloud's Config API for Cloud's public API, and `/api/public/v1` -> `/api/v1` for a
 * self-managed root. Anything else cannot be guessed and is an error naming what to set.
 */
export function resolveConfigApiUrl(serverUrl: string, explicit: string | undefined): string {
  if (explicit !== undefined) return normalizeUrl(explicit, "configApiUrl");
  const fromEnv = readEnv("AIRBYTE_CLOUD_CONFIG_API_URL");
  if (fromEnv !== undefined) return normalizeUrl(fromEnv, "AIRBYTE_CLOUD_CONFIG_API_URL");
  const derived = configApiRootOf(serverUrl);
  if (derived !== undefined) return derived;
  throw new InvalidArgumentError(
    `Cannot tell the Config API root for serverUrl "${serverUrl}". ` +
      `Pass the configApiUrl option (for a self-managed Airbyte: "http://<host>:8000/api/v1") ` +
      `or set the AIRBYTE_CLOUD_CONFIG_API_URL environment variable.`,
  );
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  return typeof value === "string" ? `"${value}"` : typeof value;
}
