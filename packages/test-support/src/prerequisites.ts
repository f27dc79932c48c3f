/**
 * What some suites need beyond Node and npm: the packages' build, Airbyte's OpenAPI documents
 * beside the repository, PostgreSQL's server programs and tmux. A suite asks `has(...)` and
 * skips without it, so a newcomer's `npx vitest` works on a bare machine. Under `CI=true` a
 * missing prerequisite is an error instead: a CI run that skipped half the suite and passed
 * would say nothing about the code.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type Prerequisite = "build" | "spec" | "postgres" | "tmux";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Where Airbyte's OpenAPI documents are read from (never copied into the repository). */
export const SPEC_DIR = resolve(
  process.env.AIRBYTE_OPENAPI_DIR ?? join(REPO_ROOT, "../shared/reference/airbyte-openapi"),
);

/** The built entries the suites run: the SDK's ESM and CJS entries, the local server, the CLI's binary. */
const BUILT_FILES = [
  "packages/sdk/dist/index.js",
  "packages/sdk/dist/index.cjs",
  "packages/sdk/dist/datasets.js",
  "packages/local/dist/index.js",
  "packages/cli/dist/bin.js",
].map((file) => join(REPO_ROOT, file));

interface Check {
  /** What is missing, for a person: what it is and how to get it. */
  describe(): string;
  available(): boolean;
}

const CHECKS: Record<Prerequisite, Check> = {
  build: {
    describe: () => "the packages' build (run `npm run build`)",
    available: () => BUILT_FILES.every((file) => existsSync(file)),
  },
  spec: {
    describe: () =>
      `Airbyte's OpenAPI documents (api.yaml and config.yaml in ${SPEC_DIR}; set AIRBYTE_OPENAPI_DIR to read them elsewhere)`,
    available: () => ["api.yaml", "config.yaml"].every((name) => existsSync(join(SPEC_DIR, name))),
  },
  postgres: {
    describe: () =>
      "PostgreSQL's server programs (initdb, pg_ctl, postgres on the PATH or in /usr/lib/postgresql/*/bin; apt-get install postgresql)",
    available: () => postgresBinDirectory() !== undefined,
  },
  tmux: {
    describe: () => "tmux (apt-get install tmux)",
    available: () => spawnSync("tmux", ["-V"], { stdio: "ignore" }).status === 0,
  },
};

export const PREREQUISITES = Object.keys(CHECKS) as Prerequisite[];

/** Whether missing prerequisites fail the run: `CI` set to anything but `false` or `0`, as CI services set it. */
export const inCI = (): boolean => {
  const value = process.env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "false" && value !== "0";
};

const known = new Map<Prerequisite, boolean>();

function available(name: Prerequisite): boolean {
  let answer = known.get(name);
  if (answer === undefined) {
    answer = CHECKS[name].available();
    known.set(name, answer);
  }
  return answer;
}

/** What each missing prerequisite is, in the order of PREREQUISITES. */
export function missingPrerequisites(): { name: Prerequisite; description: string }[] {
  return PREREQUISITES.filter((name) => !available(name)).map((name) => ({
    name,
    description: CHECKS[name].describe(),
  }));
}

/**
 * Whether the prerequisite is here, for `describe.skipIf(!has(...))`. Under CI a missing one
 * throws, which fails the test file that asked.
 */
export function has(name: Prerequisite): boolean {
  if (available(name)) return true;
  if (inCI()) throw new Error(`CI=true, and this suite needs ${CHECKS[name].describe()}, which is missing.`);
  return false;
}

/** Where initdb, pg_ctl and postgres are: on the PATH, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinDirectory(): string | undefined {
  for (const directory of (process.env.PATH ?? "").split(delimiter)) {
    if (directory && ["initdb", "pg_ctl", "postgres"].every((name) => existsSync(join(directory, name)))) {
      return directory;
    }
  }
  const installed = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql") : [];
  const newest = installed
    .filter((version) => existsSync(join("/usr/lib/postgresql", version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join("/usr/lib/postgresql", newest, "bin");
}
