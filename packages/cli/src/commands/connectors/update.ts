import type { Context } from "../../context.js";
import { readDocument, requireObject } from "../../util/input.js";
import type { ConnectorKind } from "./register.js";
import { connectorOf, detailColumns, recordOf } from "./shared.js";

export function runFor(kind: ConnectorKind) {
  return async (ctx: Context, [idOrName]: [string], options: { config: string }) => {
    const config = requireObject(await readDocument(options.config, `${kind} configuration`), `${kind} configuration`);
    const connector = await connectorOf(ctx, kind, idOrName);
    await connector.updateConfig(config);
    await ctx.out.item(await recordOf(connector), detailColumns(kind));
    ctx.out.message(`Updated the configuration of ${kind} ${connector.connectorId}.`);
  };
}
