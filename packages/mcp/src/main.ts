/**
 * `airbyte-ts-mcp`: the server over stdio, as MCP clients start it. stdout is the protocol's
 * channel, so everything else (the SDK's logs, start-up failures) goes to stderr.
 */
import { serveStdio } from "./index.js";

await serveStdio();
