/**
 * The user's config file: named profiles (API URL, credentials, workspace) and which one is
 * active. It lives in `$AIRBYTE_TS_CONFIG_DIR`, else `$XDG_CONFIG_HOME/airbyte-ts`, else
 * `~/.config/airbyte-ts`, as `config.json`; it is written atomically (a temporary file renamed
 * over it) with mode 0600, in a directory of mode 0700, since it holds client secrets.
 */
import { chmod, mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { configError, usageError } from "../util/errors.js";

export interface Profile {
  /** The public API root, e.g. `https://api.airbyte.com/v1` or `http://localhost:8000/api/public/v1`. */
  apiUrl?: string;
  /** The Config API root, when it cannot be derived from `apiUrl`. */
  configApiUrl?: string;
  clientId?: string;
  clientSecret?: string;
  bearerToken?: string;
  workspaceId?: string;
  organizationId?: string;
}

export interface ConfigFile {
  version: 1;
  activeProfile?: string;
  profiles: Record<string, Profile>;
}

export type Env = Readonly<Record<string, string | undefined>>;

const FILE_NAME = "config.json";
const PROFILE_KEYS: readonly (keyof Profile)[] = [
  "apiUrl",
  "configApiUrl",
  "clientId",
  "clientSecret",
  "bearerToken",
  "workspaceId",
  "organizationId",
];
/** The profile's fields that are secrets: never printed. */
const SECRET_KEYS: ReadonlySet<keyof Profile> = new Set(["clientSecret", "bearerToken"]);

function configDir(env: Env = process.env): string {
  const explicit = env.AIRBYTE_TS_CONFIG_DIR?.trim();
  if (explicit) return explicit;
  const xdg = env.XDG_CONFIG_HOME?.trim();
  return join(xdg || join(env.HOME?.trim() || homedir(), ".config"), "airbyte-ts");
}

function configPath(env: Env = process.env): string {
  return join(configDir(env), FILE_NAME);
}

export interface LoadedConfig {
  path: string;
  exists: boolean;
  file: ConfigFile;
  /** Set when the file can be read by other users (it should be 0600). */
  looseMode: number | undefined;
}

/** The config file, or an empty one when there is none. A malformed file is a configuration error. */
export async function loadConfig(env: Env = process.env): Promise<LoadedConfig> {
  const path = configPath(env);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return { path, exists: false, file: { version: 1, profiles: {} }, looseMode: undefined };
    }
    throw configError(`Cannot read the config file ${path}: ${(error as Error).message}.`);
  }
  const mode = process.platform === "win32" ? 0 : (await stat(path)).mode & 0o777;
  return { path, exists: true, file: parseConfig(text, path), looseMode: mode & 0o077 ? mode : undefined };
}

function parseConfig(text: string, path: string): ConfigFile {
  const fix = `Fix it, or delete it and run \`airbyte-ts login\` again.`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw configError(`The config file ${path} is not valid JSON (${(error as Error).message}).`, fix);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw configError(`The config file ${path} must hold a JSON object.`, fix);
  }
  const raw = value as Record<string, unknown>;
  const profiles: Record<string, Profile> = {};
  const given = raw.profiles ?? {};
  if (typeof given !== "object" || given === null || Array.isArray(given)) {
    throw configError(`The config file ${path}: "profiles" must be an object.`, fix);
  }
  for (const [name, entry] of Object.entries(given as Record<string, unknown>)) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw configError(`The config file ${path}: profile "${name}" must be an object.`, fix);
    }
    const profile: Profile = {};
    for (const key of PROFILE_KEYS) {
      const field = (entry as Record<string, unknown>)[key];
      if (field === undefined || field === null) continue;
      if (typeof field !== "string") {
        throw configError(`The config file ${path}: "${name}.${key}" must be a string.`, fix);
      }
      profile[key] = field;
    }
    profiles[name] = profile;
  }
  const active = typeof raw.activeProfile === "string" ? raw.activeProfile : undefined;
  return { version: 1, ...(active ? { activeProfile: active } : {}), profiles };
}

/**
 * Writes the config file atomically with mode 0600: a new file next to it (created 0600, so
 * the secrets are never readable by others, even for a moment), flushed, then renamed over.
 */
export async function saveConfig(file: ConfigFile, env: Env = process.env): Promise<string> {
  const path = configPath(env);
  const directory = dirname(path);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const temporary = join(directory, `.${FILE_NAME}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temporary, "wx", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(sortProfiles(file), null, 2)}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temporary, 0o600); // against a umask that took bits away from 0600 (never adds any)
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return path;
}

function sortProfiles(file: ConfigFile): ConfigFile {
  const profiles = Object.fromEntries(Object.entries(file.profiles).sort(([a], [b]) => a.localeCompare(b)));
  return { version: 1, ...(file.activeProfile ? { activeProfile: file.activeProfile } : {}), profiles };
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function checkProfileName(name: string): string {
  if (!NAME.test(name)) {
    throw usageError(
      `"${name}" is not a valid profile name.`,
      "Use letters, digits, dots, dashes and underscores (up to 64), starting with a letter or digit.",
    );
  }
  return name;
}

/** The profile in use: `--profile`, else `AIRBYTE_TS_PROFILE`, else the file's active profile. */
export function selectedProfileName(flag: string | undefined, env: Env, file: ConfigFile): string | undefined {
  return flag?.trim() || env.AIRBYTE_TS_PROFILE?.trim() || file.activeProfile;
}

/** A profile for display: secrets masked, the client id shortened. */
export function maskProfile(profile: Profile): Record<string, string | undefined> {
  const shown: Record<string, string | undefined> = {};
  for (const key of PROFILE_KEYS) {
    const value = profile[key];
    if (value === undefined) continue;
    shown[key] = SECRET_KEYS.has(key) ? "****" : key === "clientId" ? maskId(value) : value;
  }
  return shown;
}

/** The first characters of an identifier that may be sensitive, enough to tell two apart. */
export function maskId(value: string): string {
  return value.length <= 8 ? "****" : `${value.slice(0, 4)}****`;
}
