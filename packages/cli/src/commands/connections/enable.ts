import type { Context } from "../../context.js";
import { connectionOf } from "../../util/resources.js";
import { showConnection } from "./show.js";

export async function run(ctx: Context, [idOrName]: [string]) {
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  await connection.setEnabled({ enabled: true });
  await showConnection(ctx, connection);
  ctx.out.message(`Connection ${connection.connectionId} is enabled.`);
}
