/**
 * The one environment reader: values are trimmed and blank ones count as unset, whoever reads
 * them (the low-level client's two variables, the high-level `fromEnv` factories).
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** The process environment, where there is one (not in a browser). */
export function processEnv(): Env {
  return typeof process === "undefined" ? {} : (process.env ?? {});
}

/** A variable of `env` (default the process's), trimmed; undefined when unset or blank. */
export function readEnv(name: string, env: Env = processEnv()): string | undefined {
  return nonBlank(env[name]);
}

/** The text trimmed, or undefined when it is absent or blank. */
export function nonBlank(value: string | null | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  const trimmed = String(value).trim();
  return trimmed === "" ? undefined : trimmed;
}
