import type { Context } from "../../context.js";
import { loadConfig, saveConfig } from "../../config/profiles.js";
import { configError } from "../../util/errors.js";

export async function run(ctx: Context, [name]: [string]) {
  const { file, path } = await loadConfig(ctx.env);
  if (!file.profiles[name]) {
    const known = Object.keys(file.profiles);
    throw configError(
      `There is no profile "${name}" in ${path}.`,
      known.length > 0 ? `Profiles: ${known.join(", ")}.` : "Create one with `airbyte-ts login --profile NAME`.",
    );
  }
  file.activeProfile = name;
  await saveConfig(file, ctx.env);
  if (ctx.out.machine) await ctx.out.item({ profile: name, active: true }, []);
  ctx.out.message(`Profile '${name}' is now the active one.`);
}
