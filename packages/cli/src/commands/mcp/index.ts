import type { Command } from "commander";
import { examples, lazy } from "../../util/command.js";

/** `airbyte-ts mcp` */
export function registerMcp(program: Command): void {
  program
    .command("mcp")
    .description(
      "the MCP server for agents on stdio, or streamable HTTP with --http (as airbyte-ts-mcp), with this command line's settings: flags, environment, profile",
    )
    .option("--http", "serve streamable HTTP (endpoint /mcp, GET /health) instead of stdio")
    .option("-p, --port <port>", "the port for --http (default 8080; 0 picks a free one)")
    .option(
      "--host <host>",
      "the interface for --http (default 127.0.0.1, this machine only: the server acts with these credentials and checks no caller's identity)",
    )
    .addHelpText(
      "after",
      `${examples("airbyte-ts mcp", "airbyte-ts --profile prod mcp", "airbyte-ts mcp --http --port 8080")}

An MCP client starts it: { "command": "airbyte-ts", "args": ["mcp"] }. The profile saved by
airbyte-ts login is enough; AIRBYTE_CLOUD_MCP_READONLY_MODE=1 hides every tool that changes anything.
Over HTTP each MCP session has a server of its own (safe mode counts what that session created); an
X-MCP-Readonly-Mode: 1 header makes a session read-only; a request's credentials are ignored unless
AIRBYTE_MCP_HTTP_ACCEPT_BEARER=1 (airbyte-ts-mcp --help says more).`,
    )
    .action(lazy(() => import("./run.js")));
}
