import type { Context } from "../../context.js";
import { loadConfig, maskProfile } from "../../config/profiles.js";

export async function run(ctx: Context) {
  const { file, path } = await loadConfig(ctx.env);
  const rows = Object.entries(file.profiles).map(([name, profile]) => ({
    name,
    active: file.activeProfile === name,
    auth: profile.bearerToken ? "bearer token" : profile.clientId ? "client credentials" : "none",
    ...maskProfile(profile),
  }));
  await ctx.out.list(
    rows,
    [
      { key: "active", header: " ", get: (row) => (row.active ? "*" : "") },
      { key: "name", header: "Profile" },
      { key: "apiUrl", header: "API URL" },
      { key: "workspaceId", header: "Workspace ID" },
      { key: "clientId", header: "Client ID" },
    ],
    `No profiles in ${path}. Create one with: airbyte-ts login`,
  );
}
