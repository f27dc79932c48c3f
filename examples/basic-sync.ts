/**
 * PyAirbyte's "Basic Sync Example" (airbyte.cloud): run a sync of a connection and print how it
 * ended.
 *
 *   AIRBYTE_API_ROOT=http://localhost:8000/api/public/v1 AIRBYTE_WORKSPACE_ID=... \
 *   AIRBYTE_CLIENT_ID=... AIRBYTE_CLIENT_SECRET=... AIRBYTE_CONNECTION_ID=... \
 *   npx tsx examples/basic-sync.ts
 *
 * Without AIRBYTE_API_ROOT it talks to Airbyte Cloud.
 */
import { pathToFileURL } from "node:url";
import { CloudWorkspace } from "airbyte-ts";

type Env = Record<string, string | undefined>;

export async function main(env: Env = process.env, log: (line: string) => void = console.log): Promise<void> {
  // Credentials, root and workspace from AIRBYTE_* (or AIRBYTE_CLOUD_*) variables.
  const workspace = CloudWorkspace.fromEnv({ env });

  // Run a sync job and wait for it (five minutes at most).
  const connection = workspace.getConnection(required(env, "AIRBYTE_CONNECTION_ID"));
  const syncResult = await connection.runSync();
  log(await syncResult.getJobStatus());
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Set ${name}.`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
