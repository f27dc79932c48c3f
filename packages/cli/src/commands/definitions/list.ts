import type { Context } from "../../context.js";
import { definitionColumns } from "../../output/records.js";
import { definitionTypeOf, recordOf } from "./shared.js";

export async function run(ctx: Context, _args: [], options: { type?: string; destination?: boolean }) {
  const type = definitionTypeOf(options.type, options.destination);
  const workspace = await ctx.workspace();
  const definitions = options.destination
    ? await workspace.listCustomDestinationDefinitions()
    : (
        await Promise.all(
          (type ? [type] : (["yaml", "docker"] as const)).map((definitionType) =>
            workspace.listCustomSourceDefinitions({ definitionType }),
          ),
        )
      ).flat();
  const rows = await Promise.all(definitions.map((definition) => recordOf(definition)));
  await ctx.out.list(
    rows,
    definitionColumns,
    `No custom ${options.destination ? "destination" : "source"} definitions.`,
  );
}
