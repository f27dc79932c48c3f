import type { Command } from "commander";
import { examples, lazy } from "../../util/command.js";

/** `airbyte-ts mcp` */
export function registerMcp(program: Command): void {
  program
    .command("mcp")
    .description(
      "the MCP server for agents on stdio (as airbyte-ts-mcp), with this command line's settings: flags, environment, profile",
    )
    .addHelpText(
      "after",
      `${examples("airbyte-ts mcp", "airbyte-ts --profile prod mcp")}

An MCP client starts it: { "command": "airbyte-ts", "args": ["mcp"] }. The profile saved by
airbyte-ts login is enough; AIRBYTE_CLOUD_MCP_READONLY_MODE=1 hides every tool that changes anything.`,
    )
    .action(lazy(() => import("./run.js")));
}
