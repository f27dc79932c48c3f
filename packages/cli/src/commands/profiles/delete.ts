import type { Context } from "../../context.js";
import { loadConfig, saveConfig } from "../../config/profiles.js";
import { confirmOrFail } from "../../output/prompt.js";
import { configError } from "../../util/errors.js";

export async function run(ctx: Context, [name]: [string], options: { yes?: boolean }) {
  const { file, path } = await loadConfig(ctx.env);
  if (!file.profiles[name]) throw configError(`There is no profile "${name}" in ${path}.`);
  await confirmOrFail(`Delete profile '${name}' and its saved credentials`, {
    yes: options.yes,
    interactive: ctx.out.interactive,
  });
  delete file.profiles[name];
  if (file.activeProfile === name) delete file.activeProfile;
  await saveConfig(file, ctx.env);
  if (ctx.out.machine) await ctx.out.item({ profile: name, deleted: true }, []);
  ctx.out.message(`Deleted profile '${name}'.`);
}
