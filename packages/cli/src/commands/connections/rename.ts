import type { Context } from "../../context.js";
import { connectionOf } from "../../util/resources.js";
import { showConnection } from "./show.js";

export async function run(ctx: Context, [idOrName, name]: [string, string]) {
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  await connection.rename(name);
  await showConnection(ctx, connection);
  ctx.out.message(`Renamed connection ${connection.connectionId} to '${name}'.`);
}
