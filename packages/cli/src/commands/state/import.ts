import type { AirbyteStateMessageInput, ConnectionState } from "airbyte-ts";
import type { Context } from "../../context.js";
import { confirmOrFail } from "../../output/prompt.js";
import { usageError } from "../../util/errors.js";
import { readDocument } from "../../util/input.js";
import { connectionOf } from "../../util/resources.js";

export async function run(ctx: Context, [idOrName, file]: [string, string], options: { yes?: boolean }) {
  const state = await readDocument(file, "state");
  if (typeof state !== "object" || state === null) {
    throw usageError("The state must be a JSON list of state messages, one message, or a Config API state object.");
  }
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  const name = await connection.getName();
  await confirmOrFail(`Replace the whole state of connection '${name}' (${connection.connectionId})`, {
    yes: options.yes,
    interactive: ctx.out.interactive,
  });
  const saved = await connection.importRawState(state as ConnectionState | AirbyteStateMessageInput[]);
  if (ctx.out.machine) await ctx.out.document(saved);
  ctx.out.message(`Replaced the state of connection '${name}' (${String(saved.stateType)}).`);
}
