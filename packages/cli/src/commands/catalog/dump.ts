import type { Context } from "../../context.js";
import { printDocument } from "../../util/documents.js";
import { connectionOf } from "../../util/resources.js";

export async function run(ctx: Context, [idOrName]: [string], options: { raw?: boolean; output?: string }) {
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  const catalog = await connection.dumpRawCatalog({ normalize: !options.raw });
  await printDocument(ctx, catalog ?? null, options.output, "catalog");
}
