/**
 * Credentials and the workspace, resolved as the SDK's `CloudClient.fromEnv` does: a tool's
 * `workspace_id`, then `AIRBYTE_*`, then PyAirbyte's `AIRBYTE_CLOUD_*` variables. `airbyte-ts
 * mcp` resolves the CLI's flags and profile first and hands them over as these variables. Resolution happens on a tool call, not at start-up, so a
 * missing variable is an `isError` result the agent can report rather than a server that
 * never starts.
 */
import { CloudClient, type CloudWorkspace, type RequestOptions } from "airbyte-ts";
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
  #client: CloudClient | undefined;
  // One object per workspace id, all on the one client: the token it mints serves every call.
  readonly #cache = new Map<string, CloudWorkspace>();

  constructor(env: Env = process.env) {
    this.env = env;
    this.redactor = new Redactor(SECRET_VARIABLES.map((name) => env[name]));
  }

  /** The client for what spans workspaces; throws the SDK's errors (credentials_missing...). */
  client(): CloudClient {
    this.#client ??= CloudClient.fromEnv({
      env: this.env,
      // The SDK's default logger writes info and debug to stdout: the MCP channel here.
      apiOptions: { logger: streamLogger(process.stderr) },
      // Synced tables are read with the server's settings (AIRBYTE_LOCAL_DIRECTORY, secrets).
      datasetOptions: { env: this.env },
    });
    return this.#client;
  }

  /**
   * The workspace a call leaves out: undefined when the server has one of its own (its
   * environment's), else the default workspace of the user the credentials belong to, as
   * PyAirbyte's tools fall back to it. Asked on each such call, not kept: the user may change it
   * (set_default_cloud_workspace, the web app) while the server runs. A failed lookup gives
   * undefined, and the SDK's "workspace required" then says what to pass.
   */
  async userDefaultWorkspaceId(request: RequestOptions): Promise<string | undefined> {
    const client = this.client();
    if (client.workspaceId !== undefined) return undefined;
    try {
      return (await client.getCurrentUser(request))?.defaultWorkspaceId;
    } catch {
      return undefined;
    }
  }

  /** The workspace named, or the environment's. */
  get(workspaceId?: string): CloudWorkspace {
    const key = workspaceId ?? "";
    let workspace = this.#cache.get(key);
    if (!workspace) {
      workspace = this.client().getWorkspace(workspaceId);
      this.#cache.set(key, workspace);
    }
    return workspace;
  }
}
