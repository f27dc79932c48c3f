import type { Context } from "../../context.js";
import { usageError } from "../../util/errors.js";
import { splitList } from "../../util/input.js";
import { connectionOf } from "../../util/resources.js";

interface Options {
  set?: string;
  add?: string;
  remove?: string;
}

export async function run(ctx: Context, [idOrName]: [string], options: Options) {
  if (options.set !== undefined && (options.add !== undefined || options.remove !== undefined)) {
    throw usageError("Pass --set, or --add and --remove, not both.");
  }
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  const changing = options.set !== undefined || options.add !== undefined || options.remove !== undefined;
  if (changing) {
    const current = await connection.getStreamNames();
    const removed = new Set(splitList(options.remove ?? ""));
    const wanted =
      options.set !== undefined
        ? splitList(options.set)
        : [...current, ...splitList(options.add ?? "").filter((name) => !current.includes(name))].filter(
            (name) => !removed.has(name),
          );
    if (wanted.length === 0) throw usageError("A connection syncs at least one stream.");
    await connection.setSelectedStreams(wanted);
  }
  const { streams } = await connection.getInfo();
  const rows = streams.map((stream) => ({
    name: stream.name,
    namespace: stream.namespace ?? null,
    syncMode: stream.syncMode ?? null,
    cursorField: stream.cursorField ?? null,
    primaryKey: stream.primaryKey ?? null,
  }));
  await ctx.out.list(
    rows,
    [
      { key: "name", header: "Stream" },
      { key: "syncMode", header: "Sync mode" },
      { key: "cursorField", header: "Cursor" },
      { key: "primaryKey", header: "Primary key", get: (row) => JSON.stringify(row.primaryKey ?? []) },
    ],
    "No streams are selected.",
  );
  if (changing)
    ctx.out.message(`Connection ${connection.connectionId} syncs ${rows.map((row) => row.name).join(", ")}.`);
}
