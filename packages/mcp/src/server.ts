/**
 * The MCP server: every tool of the table registered with its schemas and annotations, each
 * call run against the SDK with the workspace the environment (or the call) names, and every
 * outcome turned into a result, failures included.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { VERSION } from "airbyte-ts";
import { type Env, Workspaces } from "./context.js";
import { failure, success } from "./results.js";
import { safeModeEnabled, Session } from "./safe-mode.js";
import type { Tool, ToolContext } from "./tool.js";
import { visibleTools } from "./tool-filters.js";
import { CONNECTION_TOOLS } from "./connection-tools.js";
import { CONNECTOR_TOOLS } from "./connector-tools.js";
import { DEFINITION_TOOLS } from "./definition-tools.js";
import { JOB_TOOLS } from "./job-tools.js";
import { PROJECT_TOOLS } from "./project-tools.js";
import { TOOLS } from "./tools.js";
import { WORKSPACE_TOOLS } from "./workspace-tools.js";

const INSTRUCTIONS = [
  "Tools for one Airbyte workspace (Cloud, OSS or Enterprise) through the airbyte-ts SDK; the tool names are PyAirbyte's.",
  "Start with get_default_cloud_context (who you are, the default workspace, hints) or describe_cloud_workspace; list_cloud_connections and list_cloud_connectors find ids; list_cloud_organizations and list_cloud_workspaces find other workspaces.",
  "Every tool takes an optional workspace_id; the default is the server's (AIRBYTE_WORKSPACE_ID), else the user's default workspace.",
  "Sources and destinations: deploy_connector_to_cloud (a secret goes in config_secret_name, an environment variable of the server, never in config), describe_cloud_connector, check_cloud_connector, rename_cloud_connector, update_cloud_connector_config, permanently_delete_cloud_connector; then create_connection_on_cloud.",
  "run_cloud_sync starts a job; get_cloud_sync_status and list_cloud_sync_jobs report it; follow_cloud_sync_logs follows its log (pass next_line back as after_line until job_finished); cancel_cloud_sync stops it.",
  "When a sync fails, call troubleshoot_cloud_connection first; get_cloud_sync_logs reads a log, get_connection_state the state, read_synced_records the rows a sync wrote.",
  "plan_project shows what a config-as-code project (airbyte-ts/v1 YAML) would change; apply_project applies exactly that plan, given its plan_id.",
  "Safe mode (on unless AIRBYTE_CLOUD_MCP_SAFE_MODE=0): destructive tools act only on what this session created (connections, connectors, custom definitions); over HTTP each MCP session is its own.",
  "A delete needs the object's exact current name, and that name must contain delete-me.",
  'A failure is an error result with a stable "code" and a "hint" saying what to do next.',
].join("\n");

export interface ServerOptions {
  /** Where credentials, the workspace and the modes are read. Default `process.env`. */
  env?: Env;
  /** The transport it will serve: over HTTP no tool reads the server's files. Default `stdio`. */
  transport?: "stdio" | "http";
}

/** Every tool, in the order listTools shows them. */
const ALL_TOOLS: readonly Tool[] = [
  ...TOOLS,
  ...CONNECTION_TOOLS,
  ...CONNECTOR_TOOLS,
  ...WORKSPACE_TOOLS,
  ...DEFINITION_TOOLS,
  ...JOB_TOOLS,
  ...PROJECT_TOOLS,
];

/** One call: the safe-mode guard the tool declares, the default workspace, then its run; every outcome a result. */
async function callTool(tool: Tool, args: Record<string, unknown>, context: ToolContext, workspaces: Workspaces) {
  try {
    if (tool.guard) {
      context.session.requireCreatedInSession(tool.guard.resourceType, String(args[tool.guard.argument]), tool.name);
    }
    if ("workspace_id" in tool.input.shape && args.workspace_id === undefined) {
      const fallback = await workspaces.userDefaultWorkspaceId(context.request);
      if (fallback !== undefined) args = { ...args, workspace_id: fallback };
    }
    return success(await tool.run(args, context), workspaces.redactor);
  } catch (error) {
    return failure(error, workspaces.redactor);
  }
}

export function createServer(options: ServerOptions = {}): McpServer {
  const env = options.env ?? process.env;
  const transport = options.transport ?? "stdio";
  const workspaces = new Workspaces(env);
  const session = new Session(safeModeEnabled(env));
  const server = new McpServer({ name: "airbyte-ts-mcp", version: VERSION }, { instructions: INSTRUCTIONS });
  for (const tool of visibleTools(ALL_TOOLS, env)) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: { title: tool.title, ...tool.annotations },
      },
      (args, extra) =>
        callTool(
          tool,
          args,
          {
            workspace: (id) => workspaces.get(id),
            client: () => workspaces.client(),
            request: { signal: extra.signal },
            session,
            env,
            transport,
          },
          workspaces,
        ),
    );
  }
  return server;
}
