/**
 * Credentials and the workspace, resolved as the SDK's `CloudWorkspace.fromEnv` does: a tool's
 * `workspace_id`, then `AIRBYTE_*`, then PyAirbyte's `AIRBYTE_CLOUD_*` variables. The CLI's
 * resolution adds flags and a profile file, which an MCP server started by a client has
 * neither of, so it is not reused. Resolution happens on a tool call, not at start-up, so a
 * missing variable is an `isError` result the agent can report rather than a server that
 * never starts.
 */
import { CloudWorkspace } from "airbyte-ts";
import { streamLogger } from "airbyte-ts/api";
import { Redactor } from "./results.js";

export type Env = Record<string, string | undefined>;

const SECRET_VARIABLES = [
  "AIRBYTE_CLIENT_SECRET",
  "AIRBYTE_CLOUD_CLIENT_SECRET",
  "AIRBYTE_BEARER_TOKEN",
  "AIRBYTE_CLOUD_BEARER_TOKEN",
];

export class Workspaces {
  readonly env: Env;
  readonly redactor: Redactor;
  // One object per workspace id, so the token the SDK mints is cached across tool calls.
  readonly #cache = new Map<string, CloudWorkspace>();

  constructor(env: Env = process.env) {
    this.env = env;
    this.redactor = new Redactor(SECRET_VARIABLES.map((name) => env[name]));
  }

  /** The workspace named, or the environment's; throws the SDK's errors (credentials_missing...). */
  get(workspaceId?: string): CloudWorkspace {
    const key = workspaceId ?? "";
    let workspace = this.#cache.get(key);
    if (!workspace) {
      workspace = CloudWorkspace.fromEnv({
        env: this.env,
        ...(workspaceId ? { workspaceId } : {}),
        // The SDK's default logger writes info and debug to stdout: the MCP channel here.
        apiOptions: { logger: streamLogger(process.stderr) },
      });
      this.#cache.set(key, workspace);
    }
    return workspace;
  }
}
