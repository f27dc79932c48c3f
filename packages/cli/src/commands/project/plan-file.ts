/**
 * A plan saved by `plan --out`: the plan (no secret in it) and a digest of each project file.
 * `apply PLAN` plans again and goes ahead only if the files and the workspace are what they were.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import type { Plan } from "airbyte-ts/config-as-code";
import { usageError } from "../../util/errors.js";

const FORMAT = "airbyte-ts/plan/v1";

interface SavedPlan {
  format: typeof FORMAT;
  files: { path: string; sha256: string }[];
  plan: Plan;
}

async function digests(files: string[]) {
  return Promise.all(
    files.map(async (path) => ({
      path,
      sha256: createHash("sha256")
        .update(await readFile(path))
        .digest("hex"),
    })),
  );
}

export async function savePlan(path: string, files: string[], plan: Plan): Promise<void> {
  const saved: SavedPlan = { format: FORMAT, files: await digests(files), plan };
  await writeFile(path, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
}

/** The saved plan, after checking that the project's files are the ones it was made from. */
export async function readSavedPlan(path: string, files: string[]): Promise<Plan> {
  let saved: SavedPlan;
  try {
    saved = JSON.parse(await readFile(path, "utf8")) as SavedPlan;
  } catch (error) {
    throw usageError(`Cannot read the plan ${path}: ${(error as Error).message}.`);
  }
  if (saved.format !== FORMAT) throw usageError(`${path} is not a plan saved by \`airbyte-ts plan --out\`.`);
  if (JSON.stringify(saved.files) !== JSON.stringify(await digests(files))) {
    throw usageError(`The project's files changed since ${path} was made.`, "Plan again.");
  }
  return saved.plan;
}
