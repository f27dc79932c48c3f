/**
 * `airbyte-ts-mcp`: the server over stdio, as MCP clients start it, or over streamable HTTP
 * with `--http`. On stdio, stdout is the protocol's channel, so everything else (the SDK's logs,
 * start-up failures) goes to stderr, in both modes alike.
 */
import { parseArgs } from "node:util";
import { serveHttp, serveStdio } from "./index.js";
import { ToolFilterError } from "./tool-filters.js";

const HELP = `Usage: airbyte-ts-mcp [--http [--port N] [--host H]]

The Airbyte MCP server: PyAirbyte's Cloud tools, with the credentials of its environment
(AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET or AIRBYTE_BEARER_TOKEN, AIRBYTE_WORKSPACE_ID,
AIRBYTE_API_ROOT; the AIRBYTE_CLOUD_* names work too).

  (no option)  serve on stdio: an MCP client starts it as a child process
  --http       serve streamable HTTP: the endpoint /mcp, and GET /health answering {"status":"ok"}
  --port N     the port for --http (default 8080; 0 picks a free one)
  --host H     the interface for --http (default 127.0.0.1, this machine only: the server acts with
               its own Airbyte credentials and checks no caller's identity, so whoever can reach the
               port can use them)
  --help       this text

Over HTTP each MCP session (Mcp-Session-Id) has a server of its own, so safe mode lets a session's
destructive tools act only on what that session created; a session ends on the client's DELETE,
after 30 minutes unused (AIRBYTE_MCP_HTTP_SESSION_IDLE_SECONDS), or when the server stops (SIGINT,
SIGTERM).
  X-MCP-Readonly-Mode: 1      makes the session read-only (a header never turns read-only mode off)
  Authorization: Bearer <t>   ignored unless AIRBYTE_MCP_HTTP_ACCEPT_BEARER=1; then the token is the
                              session's Airbyte credential, and each request must carry it
  X-Airbyte-Workspace-Id      the session's default workspace; also only with that variable
No API URL or client secret is ever taken from a request. A request whose Host or Origin is not
localhost, 127.0.0.1, [::1], the --host given or a name in AIRBYTE_MCP_HTTP_ALLOWED_HOSTS is
refused (DNS rebinding).
`;

/** What a person typing the command can get wrong: one line on stderr and exit 2, not a stack. */
class UsageError extends Error {}

function options(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        http: { type: "boolean" },
        port: { type: "string" },
        host: { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (--help lists the options)`);
  }
  if (!values.http && (values.port !== undefined || values.host !== undefined)) {
    throw new UsageError("--port and --host go with --http.");
  }
  const port = values.port;
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) <= 65535)) {
    throw new UsageError(`--port must be a whole number from 0 to 65535; got "${port}".`);
  }
  return { ...values, port: port === undefined ? undefined : Number(port) };
}

try {
  const { help, http, port, host } = options(process.argv.slice(2));
  if (help) process.stdout.write(HELP);
  else if (http) await (await serveHttp({ port, host, closeOnSignals: true })).closed;
  else await serveStdio();
} catch (error) {
  const listening = (error as NodeJS.ErrnoException).code;
  // A setting the person who configured the server got wrong: one line, not a stack.
  if (error instanceof ToolFilterError || error instanceof UsageError) {
    process.stderr.write(`airbyte-ts-mcp: ${error.message}\n`);
    process.exitCode = 2;
  } else if (listening === "EADDRINUSE" || listening === "EACCES" || listening === "EADDRNOTAVAIL") {
    process.stderr.write(
      `airbyte-ts-mcp: cannot listen there (${error instanceof Error ? error.message : String(error)}); pass another --port or --host.\n`,
    );
    process.exitCode = 2;
  } else {
    throw error;
  }
}
