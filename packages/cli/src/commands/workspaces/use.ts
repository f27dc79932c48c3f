import type { Context } from "../../context.js";
import { loadConfig, saveConfig } from "../../config/profiles.js";
import { configError } from "../../util/errors.js";

export async function run(ctx: Context, [workspaceId]: [string]) {
  const settings = await ctx.settings();
  const name = settings.profileName;
  if (!name) {
    throw configError("There is no profile to save the workspace in.", "Create one with `airbyte-ts login` first.");
  }
  const workspace = await ctx.workspace(workspaceId);
  const info = await workspace.getInfo(); // it must exist, with these credentials
  const { file } = await loadConfig(ctx.env);
  file.profiles[name] = { ...file.profiles[name], workspaceId: info.workspaceId };
  await saveConfig(file, ctx.env);
  if (ctx.out.machine) await ctx.out.item({ profile: name, workspaceId: info.workspaceId, name: info.name }, []);
  ctx.out.message(`Profile '${name}' now works in workspace '${info.name}' (${info.workspaceId}).`);
}
