import type { Context } from "../../context.js";
import { confirmOrFail } from "../../output/prompt.js";
import { refuseUnsafe } from "../../util/safety.js";
import type { ConnectorKind } from "./register.js";
import { connectorOf } from "./shared.js";

export function runFor(kind: ConnectorKind) {
  return async (ctx: Context, [idOrName]: [string], options: { yes?: boolean; unsafe?: boolean }) => {
    const connector = await connectorOf(ctx, kind, idOrName);
    const name = await connector.getName();
    await refuseUnsafe(kind, name, options.unsafe);
    await confirmOrFail(`Delete ${kind} '${name}' (${connector.connectorId})`, {
      yes: options.yes,
      interactive: ctx.out.interactive,
    });
    await connector.permanentlyDelete({ safeMode: !options.unsafe });
    if (ctx.out.machine) await ctx.out.item({ [`${kind}Id`]: connector.connectorId, deleted: true }, []);
    ctx.out.message(`Deleted ${kind} '${name}' (${connector.connectorId}).`);
  };
}
