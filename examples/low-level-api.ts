/**
 * The examples of the `airbyte-api` SDK's README with the low-level client: create a
 * connection, handle errors, choose the server, add headers, authenticate.
 *
 *   AIRBYTE_API_ROOT=http://localhost:8000/api/public/v1 AIRBYTE_CLIENT_ID=... AIRBYTE_CLIENT_SECRET=... \
 *   AIRBYTE_SOURCE_ID=... AIRBYTE_DESTINATION_ID=... npx tsx examples/low-level-api.ts
 */
import { pathToFileURL } from "node:url";
import { AirbyteApi, AirbyteApiError, NotFoundError } from "airbyte-ts";

type Env = Record<string, string | undefined>;

export async function main(env: Env = process.env, log: (line: string) => void = console.log): Promise<void> {
  // Server selection: Airbyte Cloud by default, or any root with serverUrl. Authentication:
  // client credentials here; bearerToken, or username and password, also work.
  const api = new AirbyteApi({
    serverUrl: env.AIRBYTE_API_ROOT ?? "https://api.airbyte.com/v1",
    clientId: required(env, "AIRBYTE_CLIENT_ID"),
    clientSecret: required(env, "AIRBYTE_CLIENT_SECRET"),
    // A header for every request, as a custom HTTP client would add.
    headers: { "x-custom-header": "someValue" },
  });

  const connection = await api.connections.createConnection({
    destinationId: required(env, "AIRBYTE_DESTINATION_ID"),
    sourceId: required(env, "AIRBYTE_SOURCE_ID"),
    name: "Postgres-to-Bigquery",
    namespaceFormat: "${SOURCE_NAMESPACE}",
  });
  log(`Created connection ${connection.connectionId} (${connection.name})`);

  // Error handling: every failure is an AirbyteApiError, with a class per status.
  try {
    await api.connections.getConnection({ connectionId: "00000000-0000-4000-8000-000000000000" });
  } catch (error) {
    if (error instanceof NotFoundError) log(`Not found (${error.status}): ${error.detail ?? error.message}`);
    else if (error instanceof AirbyteApiError) log(`The API answered ${error.status}`);
    else throw error;
  }

  await api.connections.deleteConnection({ connectionId: connection.connectionId });
  log("Deleted it again");
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Set ${name}.`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
