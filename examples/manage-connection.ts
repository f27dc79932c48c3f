/**
 * Managing a connection with PyAirbyte's `CloudConnection` methods: its name and table prefix,
 * its streams, its schedule (the cron examples of `set_schedule`'s documentation, in Unix cron,
 * converted to the Quartz expressions Airbyte wants), enabling it, and a backup of its state.
 *
 *   AIRBYTE_API_ROOT=... AIRBYTE_WORKSPACE_ID=... AIRBYTE_CLIENT_ID=... AIRBYTE_CLIENT_SECRET=... \
 *   AIRBYTE_CONNECTION_ID=... npx tsx examples/manage-connection.ts
 */
import { pathToFileURL } from "node:url";
import { CloudWorkspace } from "airbyte-ts";

type Env = Record<string, string | undefined>;

export async function main(env: Env = process.env, log: (line: string) => void = console.log): Promise<void> {
  const workspace = CloudWorkspace.fromEnv({ env });
  const connection = workspace.getConnection(required(env, "AIRBYTE_CONNECTION_ID"));
  log(`${await connection.getName()}: ${connection.connectionUrl}`);

  await connection.rename(`${await connection.getName()} (managed)`);
  await connection.setTablePrefix("managed_");
  log(`Renamed to "${await connection.getName()}", tables prefixed "${await connection.getTablePrefix()}"`);

  // Streams that stay selected keep their sync mode.
  await connection.setSelectedStreams(["users", "products"]);
  log(`Streams: ${(await connection.getStreamNames()).join(", ")}`);

  for (const [cron, meaning] of [
    ["0 0 * * *", "daily at midnight UTC"],
    ["0 */6 * * *", "every 6 hours"],
    ["0 0 * * 0", "weekly on Sunday at midnight UTC"],
  ]) {
    await connection.setSchedule(cron!);
    log(`${meaning}: ${(await connection.getInfo()).raw.schedule.cronExpression}`);
  }
  await connection.setManualSchedule();

  await connection.setEnabled({ enabled: false });
  log(`Enabled: ${await connection.isEnabled()}`);
  await connection.setEnabled({ enabled: true });
  log(`Enabled: ${await connection.isEnabled()}`);

  // A backup of the state, in the Airbyte protocol's format, that importRawState() restores.
  const state = await connection.dumpRawState();
  log(`State: ${JSON.stringify(state)}`);
  await connection.importRawState(state);
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Set ${name}.`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
