import type { ApiCatalog, ProtocolCatalog } from "airbyte-ts";
import type { Context } from "../../context.js";
import { confirmOrFail } from "../../output/prompt.js";
import { usageError } from "../../util/errors.js";
import { readDocument, requireObject } from "../../util/input.js";
import { connectionOf } from "../../util/resources.js";

export async function run(ctx: Context, [idOrName, file]: [string, string], options: { yes?: boolean }) {
  const catalog = requireObject(await readDocument(file, "catalog"), "catalog");
  if (!Array.isArray(catalog.streams)) throw usageError('The catalog must have a "streams" list.');
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  const name = await connection.getName();
  await confirmOrFail(`Replace the configured catalog of connection '${name}' (${connection.connectionId})`, {
    yes: options.yes,
    interactive: ctx.out.interactive,
  });
  await connection.importRawCatalog(catalog as unknown as ApiCatalog | ProtocolCatalog);
  if (ctx.out.machine) await ctx.out.document((await connection.dumpRawCatalog()) ?? null);
  ctx.out.message(`Replaced the catalog of connection '${name}' (${catalog.streams.length} streams).`);
}
