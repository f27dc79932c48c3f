import type { Context } from "../../context.js";
import { confirmOrFail } from "../../output/prompt.js";
import { refuseUnsafe } from "../../util/safety.js";
import { definitionOf } from "./shared.js";

interface Options {
  type?: string;
  destination?: boolean;
  yes?: boolean;
  unsafe?: boolean;
}

export async function run(ctx: Context, [definitionId]: [string], options: Options) {
  const { definition } = await definitionOf(ctx, definitionId, options);
  const name = await definition.getName();
  const what = `custom ${definition.connectorType} definition`;
  await refuseUnsafe(what, name, options.unsafe);
  await confirmOrFail(`Delete ${what} '${name}' (${definitionId})`, {
    yes: options.yes,
    interactive: ctx.out.interactive,
  });
  await definition.permanentlyDelete({ safeMode: !options.unsafe });
  if (ctx.out.machine) await ctx.out.item({ definitionId, deleted: true }, []);
  ctx.out.message(`Deleted ${what} '${name}' (${definitionId}).`);
}
