/**
 * PyAirbyte's "Example Read From Cloud Destination" (airbyte.cloud): take a connection's latest
 * sync, list its streams, and read the `users` table it wrote. Works for DuckDB, MotherDuck,
 * Postgres, Snowflake and BigQuery destinations (install the driver: `@duckdb/node-api`, `pg`,
 * `snowflake-sdk` or `@google-cloud/bigquery`).
 *
 *   AIRBYTE_API_ROOT=... AIRBYTE_WORKSPACE_ID=... AIRBYTE_CLIENT_ID=... AIRBYTE_CLIENT_SECRET=... \
 *   AIRBYTE_CONNECTION_ID=... npx tsx examples/read-synced-data.ts
 *
 * The destination's secrets come back masked from the API: set them as POSTGRES_PASSWORD,
 * SNOWFLAKE_PASSWORD, BIGQUERY_CREDENTIALS_PATH or MOTHERDUCK_API_KEY. A DuckDB file under
 * Airbyte's `/local` is looked for in AIRBYTE_LOCAL_DIRECTORY (default /tmp/airbyte_local).
 */
import { pathToFileURL } from "node:url";
import { CloudWorkspace } from "airbyte-ts";

type Env = Record<string, string | undefined>;

export async function main(env: Env = process.env, log: (line: string) => void = console.log): Promise<void> {
  const workspace = CloudWorkspace.fromEnv({ env, datasetOptions: { env } });
  const connection = workspace.getConnection(required(env, "AIRBYTE_CONNECTION_ID"));

  // The latest job of the connection, and the streams it syncs.
  const syncResult = await connection.getSyncResult();
  if (!syncResult) {
    log("The connection has not synced yet.");
    return;
  }
  try {
    log(`Streams: ${(await syncResult.getStreamNames()).join(", ")}`);

    // A dataset of one stream: its table, read lazily.
    const dataset = await syncResult.getDataset("users");
    log(`Table name: ${dataset.fullyQualifiedName}`);

    // Iterate over the records (one batch in memory at a time).
    for await (const record of dataset) log(JSON.stringify(record));
  } finally {
    await syncResult.close();
  }
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Set ${name}.`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
