/**
 * The MCP server: every tool of the table registered with its schemas and annotations, each
 * call run against the SDK with the workspace the environment (or the call) names, and every
 * outcome turned into a result, failures included.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { VERSION } from "airbyte-ts";
import { type Env, readOnlyMode, Workspaces } from "./context.js";
import { failure, success } from "./results.js";
import { safeModeEnabled, Session } from "./safe-mode.js";
import type { Tool } from "./tool.js";
import { CONNECTION_TOOLS } from "./connection-tools.js";
import { TOOLS } from "./tools.js";

const INSTRUCTIONS = [
  "Tools for one Airbyte workspace (Cloud, OSS or Enterprise) through the airbyte-ts SDK; the tool names are PyAirbyte's.",
  "Start with describe_cloud_workspace, then list_cloud_connections or list_cloud_connectors to find ids.",
  "Every tool takes an optional workspace_id; the default is the server's (AIRBYTE_WORKSPACE_ID).",
  "run_cloud_sync starts a job; follow it with get_cloud_sync_status and list_cloud_sync_jobs; cancel_cloud_sync stops it.",
  "Safe mode (on unless AIRBYTE_CLOUD_MCP_SAFE_MODE=0): destructive tools act only on connections this session created.",
  "A delete needs the connection's exact current name, and that name must contain delete-me.",
  'A failure is an error result with a stable "code" and a "hint" saying what to do next.',
].join("\n");

export interface ServerOptions {
  /** Where credentials, the workspace and the modes are read. Default `process.env`. */
  env?: Env;
}

/** The tools this environment shows: read-only mode hides every tool not marked read-only. */
function visibleTools(env: Env): Tool[] {
  const all = [...TOOLS, ...CONNECTION_TOOLS];
  return readOnlyMode(env) ? all.filter((tool) => tool.annotations.readOnlyHint) : all;
}

export function createServer(options: ServerOptions = {}): McpServer {
  const env = options.env ?? process.env;
  const workspaces = new Workspaces(env);
  const session = new Session(safeModeEnabled(env));
  const server = new McpServer({ name: "airbyte-ts-mcp", version: VERSION }, { instructions: INSTRUCTIONS });
  for (const tool of visibleTools(env)) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: { title: tool.title, ...tool.annotations },
      },
      async (args, extra) => {
        try {
          const value = await tool.run(args, {
            workspace: (id) => workspaces.get(id),
            request: { signal: extra.signal },
            session,
          });
          return success(value, workspaces.redactor);
        } catch (error) {
          return failure(error, workspaces.redactor);
        }
      },
    );
  }
  return server;
}
