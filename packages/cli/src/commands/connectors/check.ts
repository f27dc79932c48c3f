import type { Context } from "../../context.js";
import { EXIT } from "../../util/errors.js";
import type { ConnectorKind } from "./register.js";
import { connectorOf } from "./shared.js";

export function runFor(kind: ConnectorKind) {
  return async (ctx: Context, [idOrName]: [string]) => {
    const connector = await connectorOf(ctx, kind, idOrName);
    const result = await connector.check({ raiseOnError: false });
    const record = {
      [`${kind}Id`]: connector.connectorId,
      success: result.success,
      message: result.errorMessage ?? result.internalError ?? null,
    };
    if (ctx.out.machine) await ctx.out.item(record, []);
    else
      ctx.out.write(result.success ? "Check succeeded.\n" : `Check failed: ${record.message ?? "no reason given"}\n`);
    return result.success ? EXIT.ok : EXIT.api;
  };
}
