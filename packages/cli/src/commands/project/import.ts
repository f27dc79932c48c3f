import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Context } from "../../context.js";
import { usageError } from "../../util/errors.js";

export async function run(ctx: Context, _args: [], options: { out?: string; force?: boolean }) {
  const folder = options.out ?? ".";
  const { importWorkspace, lockFilePath, writeLockFile } = await import("airbyte-ts/config-as-code");
  const workspace = await ctx.workspace();
  const imported = await importWorkspace(workspace);
  const lockPath = lockFilePath(folder, workspace.workspaceId);
  const targets = [...Object.keys(imported.files).map((path) => join(folder, path)), lockPath];
  const existing = targets.filter((path) => existsSync(path));
  if (existing.length > 0 && !options.force) {
    throw usageError(
      `${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}.`,
      "Import into another directory (-o DIR), or pass --force to overwrite.",
    );
  }
  for (const [path, text] of Object.entries(imported.files)) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), text);
  }
  await writeLockFile(lockPath, imported.lock);
  for (const warning of imported.warnings) ctx.out.warn(warning);
  if (ctx.out.machine) {
    await ctx.out.item({ files: targets, variables: imported.variables }, []);
    return;
  }
  const count = Object.keys(imported.lock.resources).length;
  ctx.out.message(`Imported ${count} resources into ${join(folder, "airbyte.yaml")} (lock file: ${lockPath}).`);
  if (imported.variables.length > 0) {
    ctx.out.message(
      `Set these variables before planning (the API masks their values): ${imported.variables.map((v) => v.name).join(", ")}.`,
    );
  }
}
