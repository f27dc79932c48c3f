/**
 * The ways to reach a workspace that PyAirbyte's `CloudWorkspace` documents: OAuth2 client
 * credentials or a bearer token, given explicitly or found in the environment, for Airbyte
 * Cloud or, with another API root, a self-managed Airbyte.
 *
 *   AIRBYTE_API_ROOT=... AIRBYTE_WORKSPACE_ID=... \
 *   AIRBYTE_CLIENT_ID=... AIRBYTE_CLIENT_SECRET=...   (or AIRBYTE_BEARER_TOKEN=...) \
 *   npx tsx examples/workspace-auth.ts
 */
import { pathToFileURL } from "node:url";
import { CloudClientConfig, CloudWorkspace } from "airbyte-ts";

type Env = Record<string, string | undefined>;

export async function main(env: Env = process.env, log: (line: string) => void = console.log): Promise<void> {
  // Whichever credentials the environment holds (AIRBYTE_* first, then AIRBYTE_CLOUD_*).
  const config = CloudClientConfig.fromEnv({ env });
  log(`Authenticating with ${config.usesBearerToken ? "a bearer token" : "client credentials"} at ${config.apiRoot}`);

  // The same workspace with explicit values: client credentials, or a bearer token.
  const workspaceId = env.AIRBYTE_WORKSPACE_ID ?? env.AIRBYTE_CLOUD_WORKSPACE_ID ?? "";
  const workspace = config.bearerToken
    ? new CloudWorkspace({ workspaceId, bearerToken: config.bearerToken, apiRoot: config.apiRoot })
    : new CloudWorkspace({
        workspaceId,
        clientId: config.clientId!,
        clientSecret: config.clientSecret!,
        apiRoot: config.apiRoot,
      });

  // connect() checks that the workspace is reachable with these credentials.
  const info = await workspace.connect();
  log(`Successfully connected to workspace: ${workspace.workspaceUrl} (${info.name})`);

  // Or in one line from the environment; secrets never print.
  const fromEnv = CloudWorkspace.fromEnv({ env });
  log(`From the environment: ${String(fromEnv.clientId ?? fromEnv.bearerToken)} for ${fromEnv.workspaceId}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
