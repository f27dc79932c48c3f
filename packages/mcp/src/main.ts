/**
 * `airbyte-ts-mcp`: the server over stdio, as MCP clients start it. stdout is the protocol's
 * channel, so everything else (the SDK's logs, start-up failures) goes to stderr.
 */
import { serveStdio } from "./index.js";
import { ToolFilterError } from "./tool-filters.js";

try {
  await serveStdio();
} catch (error) {
  // A setting the person who configured the client got wrong: one line, not a stack.
  if (!(error instanceof ToolFilterError)) throw error;
  process.stderr.write(`airbyte-ts-mcp: ${error.message}\n`);
  process.exitCode = 2;
}
