/**
 * `${NAME}` in a project file's string values is the environment variable NAME. An unset one is
 * an error, never sent as text. Airbyte's own macros (`${SOURCE_NAMESPACE}` in a namespace
 * format, `${STREAM_NAME}` and friends in an S3 path) are left as written even when a variable
 * of that name is set, and `$${...}` writes any `${...}` literally.
 */
import { EnvVarMissingError } from "./errors.js";

/**
 * Macros Airbyte itself expands: the connection's namespace format and the object-storage
 * destinations' path and file name formats.
 */
export const AIRBYTE_MACROS: ReadonlySet<string> = new Set([
  "SOURCE_NAMESPACE",
  "NAMESPACE",
  "STREAM_NAME",
  "YEAR",
  "MONTH",
  "DAY",
  "HOUR",
  "MINUTE",
  "SECOND",
  "MILLISECOND",
  "EPOCH",
  "UUID",
  "FORMAT_TYPE",
]);

export type Env = Readonly<Record<string, string | undefined>>;

/** What a string became, and the variables it read (a plan says which values came from where). */
export interface Expanded {
  text: string;
  variables: string[];
}

const REFERENCE = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Expands one string; `location` names it in the error for an unset variable. */
export function expandString(
  text: string,
  env: Env,
  location: { file: string; path: readonly (string | number)[] },
): Expanded {
  const variables: string[] = [];
  const expanded = text.replace(REFERENCE, (whole, escape: string, name: string) => {
    if (escape) return whole.slice(1);
    if (AIRBYTE_MACROS.has(name)) return whole;
    const value = env[name];
    if (value === undefined) throw new EnvVarMissingError(name, location);
    variables.push(name);
    return value;
  });
  return { text: expanded, variables };
}
