/**
 * Database drivers are optional peer dependencies: each reader imports its own when it first
 * connects, so importing `airbyte-ts` loads none of them and a missing one fails only the
 * reader that needs it, with the command that installs it.
 */
import { MissingDriverError } from "./errors.js";

export interface DriverSpec {
  packageName: string;
  destinationType: string;
  /** How the message names the destination: `Postgres`, `DuckDB`... */
  label: string;
}

function isMissingModule(error: unknown, packageName: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  const mentionsPackage = error.message.includes(`'${packageName}'`) || error.message.includes(`"${packageName}"`);
  if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return mentionsPackage;
  // Loaders in front of Node's (test runners, bundlers' dev servers) word it their own way.
  return mentionsPackage && /cannot find|(could not|failed to) (load|resolve)|not found/i.test(error.message);
}

const importModule = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);

/** Imports a destination's driver; see {@link loadOptionalPackage}. */
export function loadDriver<Module>(spec: DriverSpec): Promise<Module> {
  return loadOptionalPackage<Module>(spec.packageName, {
    purpose: `Reading a ${spec.label} destination`,
    destinationType: spec.destinationType,
  });
}

/**
 * Imports an optional peer dependency, or throws MissingDriverError saying what needed it. The
 * specifier is a variable so that bundlers leave the import alone (the package stays
 * external) and the types of uninstalled packages are never needed. CommonJS packages arrive
 * as `{ default: module.exports }`; the module itself is returned.
 */
export async function loadOptionalPackage<Module>(
  packageName: string,
  why: { purpose: string; destinationType?: string; hint?: string },
): Promise<Module> {
  let loaded: unknown;
  try {
    loaded = await importModule(packageName);
  } catch (error) {
    if (isMissingModule(error, packageName)) throw new MissingDriverError({ packageName, ...why, cause: error });
    throw error;
  }
  const namespace = loaded as { default?: unknown };
  return (namespace.default ?? loaded) as Module;
}
