/**
 * Where credentials and roots come from, with one precedence for every entry point
 * (`CloudWorkspace.fromEnv`, `CloudClient.fromEnv`, `CloudClientConfig.fromEnv`):
 *
 *   explicit argument > `AIRBYTE_<NAME>` > `AIRBYTE_CLOUD_<NAME>` > default
 *
 * Blank values count as unset at every level. Credentials are resolved as a group: when any of
 * `bearerToken`, `clientId`, `clientSecret` is passed explicitly, none is read from the
 * environment, so a half-given pair is reported instead of being completed from elsewhere.
 * Constructors (`new CloudWorkspace(...)`) read no credentials or roots from the environment;
 * the low-level client they build still reads its own two variables (`AIRBYTE_CLOUD_CONFIG_API_URL`
 * when no Config API root can be derived, `AIRBYTE_TS_LOG` for the log level).
 */
import { type Env, nonBlank, readEnv } from "../internal/env.js";
import { CLOUD_API_URL, configApiRootOf } from "../internal/url-roots.js";
import { normalizeUrl } from "../http/servers.js";
import { SecretString } from "./secrets.js";

export type { Env };

/** The variables read for each setting, in order of precedence. */
export const CLOUD_ENV_VARS = {
  bearerToken: ["AIRBYTE_BEARER_TOKEN", "AIRBYTE_CLOUD_BEARER_TOKEN"],
  clientId: ["AIRBYTE_CLIENT_ID", "AIRBYTE_CLOUD_CLIENT_ID"],
  clientSecret: ["AIRBYTE_CLIENT_SECRET", "AIRBYTE_CLOUD_CLIENT_SECRET"],
  apiRoot: ["AIRBYTE_API_ROOT", "AIRBYTE_CLOUD_API_URL"],
  configApiRoot: ["AIRBYTE_CONFIG_API_ROOT", "AIRBYTE_CLOUD_CONFIG_API_URL"],
  workspaceId: ["AIRBYTE_WORKSPACE_ID", "AIRBYTE_CLOUD_WORKSPACE_ID"],
  organizationId: ["AIRBYTE_ORGANIZATION_ID", "AIRBYTE_CLOUD_ORGANIZATION_ID"],
} as const;

type Secret = string | SecretString;

/** Credentials and roots as a caller gives them. */
export interface CloudSettingsInput {
  bearerToken?: Secret | undefined;
  clientId?: Secret | undefined;
  clientSecret?: Secret | undefined;
  /** The public API root. Default Airbyte Cloud's, `https://api.airbyte.com/v1`. */
  apiRoot?: string | undefined;
  /** The Config API root. Default: derived from `apiRoot` (Cloud, or `/api/public/v1` -> `/api/v1`). */
  configApiRoot?: string | undefined;
  workspaceId?: string | undefined;
  organizationId?: string | undefined;
}

export interface CloudSettings {
  bearerToken: SecretString | undefined;
  clientId: SecretString | undefined;
  clientSecret: SecretString | undefined;
  apiRoot: string;
  configApiRoot: string | undefined;
  workspaceId: string | undefined;
  organizationId: string | undefined;
}

/**
 * Resolves every setting: explicit values first, then (when `env` is given) the environment,
 * then the defaults.
 */
export function resolveCloudSettings(input: CloudSettingsInput, env?: Env): CloudSettings {
  const explicitAuth = [input.bearerToken, input.clientId, input.clientSecret].some(
    (value) => SecretString.from(value) !== undefined,
  );
  const authEnv = explicitAuth ? undefined : env;
  const secret = (name: "bearerToken" | "clientId" | "clientSecret") =>
    SecretString.from(input[name]) ?? SecretString.from(fromEnv(authEnv, name));
  const text = (name: "apiRoot" | "configApiRoot" | "workspaceId" | "organizationId") =>
    nonBlank(input[name]) ?? fromEnv(env, name);

  const apiRoot = normalizeUrl(text("apiRoot") ?? CLOUD_API_URL, "apiRoot");
  const configApiRoot = text("configApiRoot");
  return {
    bearerToken: secret("bearerToken"),
    clientId: secret("clientId"),
    clientSecret: secret("clientSecret"),
    apiRoot,
    configApiRoot:
      configApiRoot === undefined ? configApiRootOf(apiRoot) : normalizeUrl(configApiRoot, "configApiRoot"),
    workspaceId: text("workspaceId"),
    organizationId: text("organizationId"),
  };
}

function fromEnv(env: Env | undefined, name: keyof typeof CLOUD_ENV_VARS): string | undefined {
  if (!env) return undefined;
  for (const variable of CLOUD_ENV_VARS[name]) {
    const value = readEnv(variable, env);
    if (value !== undefined) return value;
  }
  return undefined;
}
