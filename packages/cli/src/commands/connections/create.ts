import type { Context } from "../../context.js";
import { usageError } from "../../util/errors.js";
import { splitList } from "../../util/input.js";
import { destinationOf, sourceOf } from "../../util/resources.js";
import { showConnection } from "./show.js";

interface Options {
  source: string;
  destination: string;
  streams: string;
  prefix?: string;
  schedule?: string;
}

export async function run(ctx: Context, [name]: [string], options: Options) {
  const streams = splitList(options.streams);
  if (streams.length === 0) throw usageError("--streams needs at least one stream, e.g. --streams users,products.");
  const workspace = await ctx.workspace();
  const [source, destination] = await Promise.all([
    sourceOf(workspace, options.source),
    destinationOf(workspace, options.destination),
  ]);
  if (options.schedule !== undefined) {
    const { toQuartzCron } = await import("airbyte-ts");
    toQuartzCron(options.schedule); // a bad expression fails before anything is created
  }
  const connection = await workspace.deployConnection(name, {
    source,
    destination,
    selectedStreams: streams,
    ...(options.prefix !== undefined ? { tablePrefix: options.prefix } : {}),
  });
  if (options.schedule !== undefined) await connection.setSchedule(options.schedule);
  await showConnection(ctx, connection);
  ctx.out.message(`Created connection '${name}' (${connection.connectionId}).`);
}
