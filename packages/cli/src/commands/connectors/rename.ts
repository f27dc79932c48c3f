import type { Context } from "../../context.js";
import type { ConnectorKind } from "./register.js";
import { connectorOf, detailColumns, recordOf } from "./shared.js";

export function runFor(kind: ConnectorKind) {
  return async (ctx: Context, [idOrName, name]: [string, string]) => {
    const connector = await connectorOf(ctx, kind, idOrName);
    await connector.rename(name);
    await ctx.out.item(await recordOf(connector), detailColumns(kind));
    ctx.out.message(`Renamed ${kind} ${connector.connectorId} to '${name}'.`);
  };
}
