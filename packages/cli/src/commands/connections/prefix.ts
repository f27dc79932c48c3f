import type { Context } from "../../context.js";
import { connectionOf } from "../../util/resources.js";

export async function run(ctx: Context, [idOrName, prefix]: [string, string?]) {
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  if (prefix !== undefined) await connection.setTablePrefix(prefix);
  const current = await connection.getTablePrefix();
  await ctx.out.item({ connectionId: connection.connectionId, prefix: current }, [
    { key: "connectionId", header: "Connection ID" },
    { key: "prefix", header: "Prefix" },
  ]);
  if (prefix !== undefined) {
    ctx.out.message(
      current === ""
        ? `Connection ${connection.connectionId} writes tables without a prefix.`
        : `Connection ${connection.connectionId} writes tables prefixed "${current}".`,
    );
  }
}
