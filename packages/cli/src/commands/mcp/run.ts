import type { Context } from "../../context.js";
import type { Settings } from "../../config/settings.js";
import { CliError, configError, EXIT } from "../../util/errors.js";

export interface McpOptions {
  http?: boolean;
  port?: string;
  host?: string;
}

/**
 * The MCP server with the settings this command line resolved (flags > environment > profile),
 * handed over as the environment the server reads, so that `airbyte-ts login` once is enough.
 * Nothing is written to stdout here: on stdio it is the protocol's channel.
 */
export async function run(ctx: Context, _args: [], options: McpOptions) {
  const port = httpPort(options);
  const settings = await ctx.settings();
  const env = { ...ctx.env, ...settingsAsEnv(settings) };
  const { serveHttp, serveStdio, ToolFilterError } = await import("@airbyte-ts/mcp");
  try {
    if (!options.http) return await serveStdio({ env });
    const server = await serveHttp({ env, port, host: options.host, closeOnSignals: true });
    await server.closed;
  } catch (error) {
    if (error instanceof ToolFilterError) {
      throw configError(error.message, "Fix the tool names in MCP_INCLUDE_TOOLS or MCP_EXCLUDE_TOOLS.");
    }
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new CliError(`Port ${port} is already in use.`, EXIT.config, {
        hint: "Stop the other server, or pass --port 0 for a free port.",
      });
    }
    throw error;
  }
}

/** --port as a number; --port and --host only with --http. */
function httpPort(options: McpOptions): number | undefined {
  if (!options.http && (options.port !== undefined || options.host !== undefined)) {
    throw new CliError("--port and --host go with --http.", EXIT.usage);
  }
  if (options.port === undefined) return undefined;
  if (!/^\d+$/.test(options.port) || Number(options.port) > 65535) {
    throw new CliError(`--port must be a whole number from 0 to 65535; got "${options.port}".`, EXIT.usage);
  }
  return Number(options.port);
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
