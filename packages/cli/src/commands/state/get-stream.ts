import type { Context } from "../../context.js";
import { connectionOf } from "../../util/resources.js";

export async function run(ctx: Context, [idOrName, stream]: [string, string], options: { namespace?: string }) {
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  const state = await connection.getStreamState(stream, options.namespace);
  await ctx.out.document(state ?? null);
  if (state === undefined) ctx.out.message(`Stream '${stream}' has no state.`);
}
