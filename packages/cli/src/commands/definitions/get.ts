import type { Context } from "../../context.js";
import { definitionColumns } from "../../output/records.js";
import { usageError } from "../../util/errors.js";
import { definitionOf, recordOf } from "./shared.js";

export async function run(
  ctx: Context,
  [definitionId]: [string],
  options: { type?: string; destination?: boolean; manifest?: boolean },
) {
  const { definition } = await definitionOf(ctx, definitionId, options);
  if (options.manifest) {
    if (definition.definitionType !== "yaml")
      throw usageError(`Definition ${definitionId} is a Docker image: it has no manifest.`);
    return ctx.out.document((await definition.getInfo()).manifest ?? null);
  }
  await ctx.out.item(await recordOf(definition, true), [
    ...definitionColumns,
    { key: "documentationUrl", header: "Documentation" },
  ]);
}
