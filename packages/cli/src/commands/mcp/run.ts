import type { Context } from "../../context.js";
import type { Settings } from "../../config/settings.js";
import { configError } from "../../util/errors.js";

/**
 * The MCP server with the settings this command line resolved (flags > environment > profile),
 * handed over as the environment the server reads, so that `airbyte-ts login` once is enough.
 * Nothing is written to stdout here: it is the protocol's channel.
 */
export async function run(ctx: Context) {
  const settings = await ctx.settings();
  const { serveStdio, ToolFilterError } = await import("@airbyte-ts/mcp");
  try {
    await serveStdio({ env: { ...ctx.env, ...settingsAsEnv(settings) } });
  } catch (error) {
    if (!(error instanceof ToolFilterError)) throw error;
    throw configError(error.message, "Fix the tool names in MCP_INCLUDE_TOOLS or MCP_EXCLUDE_TOOLS.");
  }
}

/** The resolved settings under the names the SDK's `fromEnv` reads (unset ones left to the environment). */
function settingsAsEnv(settings: Settings): Record<string, string> {
  const env: Record<string, string | undefined> = {
    AIRBYTE_API_ROOT: settings.apiUrl,
    AIRBYTE_CONFIG_API_ROOT: settings.configApiUrl,
    AIRBYTE_WORKSPACE_ID: settings.workspaceId,
    AIRBYTE_ORGANIZATION_ID: settings.organizationId,
  };
  if (settings.bearerToken) env.AIRBYTE_BEARER_TOKEN = settings.bearerToken;
  else {
    env.AIRBYTE_CLIENT_ID = settings.clientId;
    env.AIRBYTE_CLIENT_SECRET = settings.clientSecret;
  }
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
