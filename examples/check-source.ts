/**
 * PyAirbyte's usage example of `airbyte.cloud.connectors`: get a deployed source and check its
 * configuration and credentials.
 *
 *   AIRBYTE_API_ROOT=... AIRBYTE_WORKSPACE_ID=... AIRBYTE_CLIENT_ID=... AIRBYTE_CLIENT_SECRET=... \
 *   AIRBYTE_SOURCE_ID=... npx tsx examples/check-source.ts
 */
import { pathToFileURL } from "node:url";
import { CloudWorkspace } from "airbyte-ts";

type Env = Record<string, string | undefined>;

export async function main(env: Env = process.env, log: (line: string) => void = console.log): Promise<void> {
  const workspace = CloudWorkspace.fromEnv({ env });

  // Get the cloud source object (no request yet).
  const cloudSource = workspace.getSource(required(env, "AIRBYTE_SOURCE_ID"));

  // Check the source configuration and credentials. By default a failed check throws a
  // ConnectorCheckError; here it comes back as a result.
  const checkResult = await cloudSource.check({ raiseOnError: false });
  if (checkResult.success) {
    log("Check successful");
  } else {
    // The result as text carries the error message.
    log(`Check failed: ${String(checkResult)}`);
  }
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Set ${name}.`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
