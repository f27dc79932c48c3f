/**
 * The MCP server as a library: `createServer` for a transport of one's own, `serveStdio` and
 * `serveHttp` for what `airbyte-ts-mcp` and `airbyte-ts mcp` run. The CLI passes the settings it
 * resolved (flags, environment, profile) as `env`.
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createServer, type ServerOptions } from "./server.js";

export { createServer, type ServerOptions } from "./server.js";
export { type HttpOptions, type McpHttpServer, serveHttp } from "./http.js";
export { ToolFilterError } from "./tool-filters.js";

/** Serves on stdin/stdout until the client closes the stream; stdout is the protocol's alone. */
export async function serveStdio(options: ServerOptions = {}): Promise<void> {
  const server = createServer(options);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once("end", resolve);
  });
  await server.connect(transport);
  process.stderr.write("airbyte-ts-mcp: serving on stdio\n");
  await closed;
  await server.close();
}
