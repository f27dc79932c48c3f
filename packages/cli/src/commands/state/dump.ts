import type { Context } from "../../context.js";
import { printDocument } from "../../util/documents.js";
import { connectionOf } from "../../util/resources.js";

export async function run(ctx: Context, [idOrName]: [string], options: { raw?: boolean; output?: string }) {
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  const state = await connection.dumpRawState({ normalize: !options.raw });
  await printDocument(ctx, state, options.output, "state");
}
