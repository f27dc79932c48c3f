/**
 * `airbyte-ts-mcp`: the server over stdio, as MCP clients start it. stdout is the protocol's
 * channel, so everything else (the SDK's logs, start-up failures) goes to stderr.
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createServer } from "./server.js";

const server = createServer();
await server.connect(new StdioServerTransport());
process.stderr.write("airbyte-ts-mcp: serving on stdio\n");
