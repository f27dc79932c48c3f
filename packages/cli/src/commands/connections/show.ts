/** How the connection verbs print a connection: its record, in detail. */
import type { CloudConnection } from "airbyte-ts";
import type { Context } from "../../context.js";
import { connectionDetailColumns, connectionRecord } from "../../output/records.js";

export async function showConnection(ctx: Context, connection: CloudConnection): Promise<void> {
  await ctx.out.item(connectionRecord(await connection.getInfo()), connectionDetailColumns);
}
