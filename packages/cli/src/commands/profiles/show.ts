import type { Context } from "../../context.js";
import { loadConfig, maskProfile, selectedProfileName } from "../../config/profiles.js";
import { configError } from "../../util/errors.js";

export async function run(ctx: Context, [given]: [string?]) {
  const { file, path } = await loadConfig(ctx.env);
  const name = given ?? selectedProfileName(ctx.options.profile, ctx.env, file);
  const profile = name === undefined ? undefined : file.profiles[name];
  if (name === undefined || !profile) {
    throw configError(
      name === undefined ? "No profile is active." : `There is no profile "${name}" in ${path}.`,
      "List them with `airbyte-ts profiles list`, or create one with `airbyte-ts login`.",
    );
  }
  const record = { name, active: file.activeProfile === name, ...maskProfile(profile), configFile: path };
  await ctx.out.item(record, [
    { key: "name", header: "Profile" },
    { key: "active", header: "Active" },
    { key: "apiUrl", header: "API URL" },
    { key: "configApiUrl", header: "Config API URL" },
    { key: "workspaceId", header: "Workspace ID" },
    { key: "organizationId", header: "Organization ID" },
    { key: "clientId", header: "Client ID" },
    { key: "clientSecret", header: "Client secret" },
    { key: "bearerToken", header: "Bearer token" },
    { key: "configFile", header: "Config file" },
  ]);
}
