import type { Context } from "../../context.js";
import { destinationRecord, sourceRecord } from "../../output/records.js";
import { parseInteger } from "../../util/input.js";
import type { ConnectorKind } from "./register.js";
import { columnsOf } from "./shared.js";

export function runFor(kind: ConnectorKind) {
  return async (ctx: Context, _args: [], options: { name?: string; limit?: string }) => {
    const workspace = await ctx.workspace();
    const filters = {
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.limit ? { limit: parseInteger(options.limit, "--limit", 1) } : {}),
    };
    const rows =
      kind === "source"
        ? await Promise.all((await workspace.listSources(filters)).map(async (s) => sourceRecord(await s.getInfo())))
        : await Promise.all(
            (await workspace.listDestinations(filters)).map(async (d) => destinationRecord(await d.getInfo())),
          );
    await ctx.out.list(rows, columnsOf(kind), `No ${kind}s.`);
  };
}
