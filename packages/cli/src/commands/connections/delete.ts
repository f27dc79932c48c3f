import type { Context } from "../../context.js";
import { confirmOrFail } from "../../output/prompt.js";
import { connectionOf } from "../../util/resources.js";
import { refuseUnsafe } from "../../util/safety.js";

interface Options {
  cascadeSource?: boolean;
  cascadeDestination?: boolean;
  yes?: boolean;
  unsafe?: boolean;
}

export async function run(ctx: Context, [idOrName]: [string], options: Options) {
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  const name = await connection.getName();
  const also: string[] = [];
  await refuseUnsafe("connection", name, options.unsafe);
  if (options.cascadeSource) {
    const sourceName = await (await connection.getSource()).getName();
    await refuseUnsafe("source", sourceName, options.unsafe);
    also.push(`source '${sourceName}'`);
  }
  if (options.cascadeDestination) {
    const destinationName = await (await connection.getDestination()).getName();
    await refuseUnsafe("destination", destinationName, options.unsafe);
    also.push(`destination '${destinationName}'`);
  }
  const extra = also.length > 0 ? ` and its ${also.join(" and ")}` : "";
  await confirmOrFail(`Delete connection '${name}' (${connection.connectionId})${extra}`, {
    yes: options.yes,
    interactive: ctx.out.interactive,
  });
  await connection.permanentlyDelete({
    safeMode: !options.unsafe,
    cascadeDeleteSource: options.cascadeSource === true,
    cascadeDeleteDestination: options.cascadeDestination === true,
  });
  if (ctx.out.machine) {
    await ctx.out.item(
      {
        connectionId: connection.connectionId,
        deleted: true,
        ...(options.cascadeSource ? { sourceId: await connection.getSourceId() } : {}),
        ...(options.cascadeDestination ? { destinationId: await connection.getDestinationId() } : {}),
      },
      [],
    );
  }
  ctx.out.message(`Deleted connection '${name}'${extra}.`);
}
