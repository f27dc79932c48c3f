import type { Context } from "../../context.js";
import { connectionColumns, connectionRecord } from "../../output/records.js";
import { parseInteger } from "../../util/input.js";

export async function run(ctx: Context, _args: [], options: { name?: string; limit?: string }) {
  const workspace = await ctx.workspace();
  const connections = await workspace.listConnections({
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.limit ? { limit: parseInteger(options.limit, "--limit", 1) } : {}),
  });
  const rows = await Promise.all(connections.map(async (connection) => connectionRecord(await connection.getInfo())));
  await ctx.out.list(rows, connectionColumns, "No connections.");
}
