import type { Context } from "../../context.js";
import { loadFiles, projectFiles } from "./project-files.js";

export async function run(ctx: Context, _args: [], options: { file?: string[] }) {
  const files = projectFiles(options.file);
  const project = await loadFiles(files, ctx.env);
  const counts = new Map<string, number>();
  for (const resource of project.resources.values()) counts.set(resource.kind, (counts.get(resource.kind) ?? 0) + 1);
  if (ctx.out.machine) {
    await ctx.out.item({ valid: true, files, resources: Object.fromEntries(counts) }, []);
    return;
  }
  const listed = [...counts].map(([kind, count]) => `${count} ${kind.replace("_", " ")}${count === 1 ? "" : "s"}`);
  ctx.out.message(
    `The project is valid: ${listed.join(", ") || "no resources"} in ${files.length} file${files.length === 1 ? "" : "s"}.`,
  );
}
