/**
 * Optional peer dependencies (database drivers, the YAML parser) are imported on first use, so
 * importing `airbyte-ts` loads none of them and a missing one fails only the feature that needs
 * it, with the command that installs it.
 */
import { AirbyteError } from "../http/errors.js";

export interface OptionalPackageUse {
  /** What needed the package, as the start of a sentence: `Reading a Postgres destination`. */
  purpose: string;
  /** Another way out, added to the message: `or pass the manifest as an object`. */
  hint?: string;
  /** The error to throw when the package is not installed; default an AirbyteError saying what to install. */
  missing?: (cause: unknown) => Error;
}

const importModule = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);

/**
 * Imports an optional peer dependency. The specifier is a variable so that bundlers leave the
 * import alone (the package stays external) and the types of uninstalled packages are never
 * needed. CommonJS packages arrive as `{ default: module.exports }`; the module itself is returned.
 */
export async function loadOptionalPackage<Module>(packageName: string, use: OptionalPackageUse): Promise<Module> {
  let loaded: unknown;
  try {
    loaded = await importModule(packageName);
  } catch (error) {
    if (!isMissingModule(error, packageName)) throw error;
    throw (
      use.missing?.(error) ??
      new AirbyteError(
        `${use.purpose} needs the optional package "${packageName}", which is not installed. ` +
          `Install it: npm install ${packageName}${use.hint ? ` (${use.hint})` : ""}`,
        { cause: error },
      )
    );
  }
  const namespace = loaded as { default?: unknown };
  return (namespace.default ?? loaded) as Module;
}

function isMissingModule(error: unknown, packageName: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  const mentionsPackage = error.message.includes(`'${packageName}'`) || error.message.includes(`"${packageName}"`);
  if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return mentionsPackage;
  // Loaders in front of Node's (test runners, bundlers' dev servers) word it their own way.
  return mentionsPackage && /cannot find|(could not|failed to) (load|resolve)|not found/i.test(error.message);
}
