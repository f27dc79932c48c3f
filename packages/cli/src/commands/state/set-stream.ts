import type { StateBlob } from "airbyte-ts";
import type { Context } from "../../context.js";
import { confirmOrFail } from "../../output/prompt.js";
import { usageError } from "../../util/errors.js";
import { parseInlineJson, readDocument, requireObject } from "../../util/input.js";
import { connectionOf } from "../../util/resources.js";

interface Options {
  state?: string;
  namespace?: string;
  yes?: boolean;
}

export async function run(ctx: Context, [idOrName, stream, file]: [string, string, string?], options: Options) {
  if ((file === undefined) === (options.state === undefined)) {
    throw usageError("Give the stream's new state as a file or with --state, one of them.");
  }
  const value =
    file !== undefined ? await readDocument(file, "stream state") : parseInlineJson(options.state as string, "--state");
  const blob = requireObject(value, "stream state") as StateBlob;
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  const name = await connection.getName();
  await confirmOrFail(`Replace the state of stream '${stream}' of connection '${name}' (${connection.connectionId})`, {
    yes: options.yes,
    interactive: ctx.out.interactive,
  });
  await connection.setStreamState(stream, blob, options.namespace);
  if (ctx.out.machine) await ctx.out.document((await connection.getStreamState(stream, options.namespace)) ?? null);
  ctx.out.message(`Replaced the state of stream '${stream}' of connection '${name}'.`);
}
