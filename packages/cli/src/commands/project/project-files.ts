/** The project's files as the commands find them, loaded through the SDK. */
import { existsSync } from "node:fs";
import type { Project } from "airbyte-ts/config-as-code";
import { usageError } from "../../util/errors.js";

const DEFAULT_PROJECT_FILE = "airbyte.yaml";

export function projectFiles(given: string[] | undefined): string[] {
  if (given && given.length > 0) return given;
  if (existsSync(DEFAULT_PROJECT_FILE)) return [DEFAULT_PROJECT_FILE];
  throw usageError(`No project files: ${DEFAULT_PROJECT_FILE} is not in this directory.`, "Pass them with -f FILE.");
}

export async function loadFiles(files: string[], env: NodeJS.ProcessEnv): Promise<Project> {
  const { loadProject } = await import("airbyte-ts/config-as-code");
  return loadProject(files, { env });
}
