/**
 * The settings a command runs with, each from the first place that has it:
 *
 *   flags > environment (`AIRBYTE_*`, then `AIRBYTE_CLOUD_*`) > the selected profile
 *
 * Credentials are taken as a group, as the SDK does: when a flag gives any of the client id,
 * client secret or bearer token, nothing else is read from the environment or the profile; when
 * the environment gives any, the profile's are ignored. So a half-given pair is reported instead
 * of being completed from elsewhere.
 */
import { CLOUD_ENV_VARS } from "airbyte-ts";
import { configError } from "../util/errors.js";
import { type Env, type LoadedConfig, loadConfig, type Profile, selectedProfileName } from "./profiles.js";

export interface GlobalOptions {
  json?: boolean;
  format?: string;
  fields?: string;
  profile?: string;
  workspace?: string;
  organization?: string;
  apiUrl?: string;
  configApiUrl?: string;
  clientId?: string;
  clientSecret?: string;
  bearerToken?: string;
  retries?: string;
  debug?: boolean;
}

type Origin = "flag" | "env" | "profile" | "default";

export interface Settings {
  apiUrl: string | undefined;
  configApiUrl: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  bearerToken: string | undefined;
  workspaceId: string | undefined;
  organizationId: string | undefined;
  /** The profile read (undefined when none is selected or the file has none). */
  profileName: string | undefined;
  /** Where each setting came from. */
  origins: Partial<Record<SettingName, Origin>>;
  config: LoadedConfig;
}

type SettingName = "apiUrl" | "configApiUrl" | "credentials" | "workspaceId" | "organizationId";

export async function resolveSettings(options: GlobalOptions, env: Env = process.env): Promise<Settings> {
  const config = await loadConfig(env);
  const profileName = selectedProfileName(options.profile, env, config.file);
  let profile: Profile = {};
  if (profileName !== undefined) {
    const found = config.file.profiles[profileName];
    if (found) profile = found;
    else if (options.profile?.trim() || env.AIRBYTE_TS_PROFILE?.trim()) {
      throw configError(
        `There is no profile "${profileName}" in ${config.path}.`,
        "List them with `airbyte-ts profiles list`, or create it with `airbyte-ts login --profile NAME`.",
      );
    }
  }
  const origins: Settings["origins"] = {};
  const pick = (name: SettingName, flag: string | undefined, fromEnv: string | undefined, fromProfile?: string) => {
    for (const [value, origin] of [
      [flag, "flag"],
      [fromEnv, "env"],
      [fromProfile, "profile"],
    ] as const) {
      const text = value?.trim();
      if (text) {
        origins[name] = origin;
        return text;
      }
    }
    return undefined;
  };

  const envAuth = {
    clientId: readEnv(env, CLOUD_ENV_VARS.clientId),
    clientSecret: readEnv(env, CLOUD_ENV_VARS.clientSecret),
    bearerToken: readEnv(env, CLOUD_ENV_VARS.bearerToken),
  };
  const flagAuth = { clientId: options.clientId, clientSecret: options.clientSecret, bearerToken: options.bearerToken };
  const auth = [
    ["flag", flagAuth],
    ["env", envAuth],
    ["profile", profile],
  ] as const;
  const chosen = auth.find(([, group]) => [group.clientId, group.clientSecret, group.bearerToken].some(nonBlank));
  if (chosen) origins.credentials = chosen[0];
  const credentials = chosen?.[1] ?? {};

  return {
    apiUrl: normalizeApiUrl(pick("apiUrl", options.apiUrl, readEnv(env, CLOUD_ENV_VARS.apiRoot), profile.apiUrl)),
    configApiUrl: pick(
      "configApiUrl",
      options.configApiUrl,
      readEnv(env, CLOUD_ENV_VARS.configApiRoot),
      profile.configApiUrl,
    ),
    clientId: credentials.clientId?.trim() || undefined,
    clientSecret: credentials.clientSecret?.trim() || undefined,
    bearerToken: credentials.bearerToken?.trim() || undefined,
    workspaceId: pick("workspaceId", options.workspace, readEnv(env, CLOUD_ENV_VARS.workspaceId), profile.workspaceId),
    organizationId: pick(
      "organizationId",
      options.organization,
      readEnv(env, CLOUD_ENV_VARS.organizationId),
      profile.organizationId,
    ),
    profileName: profileName !== undefined && config.file.profiles[profileName] ? profileName : undefined,
    origins,
    config,
  };
}

/**
 * The public API root. A bare address (`http://localhost:8000`, no path) is a self-managed
 * Airbyte's web address, whose public API is under `/api/public/v1`.
 */
export function normalizeApiUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw configError(
      `"${value}" is not a URL.`,
      "Give the public API root, e.g. https://api.airbyte.com/v1, or a self-managed Airbyte's address, e.g. http://localhost:8000.",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw configError(`The API URL must use http or https; got "${value}".`);
  }
  const path = url.pathname.replace(/\/+$/, "");
  return path === "" ? `${url.origin}/api/public/v1` : `${url.origin}${path}`;
}

function readEnv(env: Env, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

function nonBlank(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== "";
}
