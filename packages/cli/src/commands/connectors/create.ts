import type { Context } from "../../context.js";
import { destinationRecord, sourceRecord } from "../../output/records.js";
import { readDocument, requireObject } from "../../util/input.js";
import type { ConnectorKind } from "./register.js";
import { detailColumns } from "./shared.js";

interface Options {
  config: string;
  type?: string;
  definition?: string;
  allowDuplicate?: boolean;
}

export function runFor(kind: ConnectorKind) {
  return async (ctx: Context, [name]: [string], options: Options) => {
    const config = requireObject(await readDocument(options.config, `${kind} configuration`), `${kind} configuration`);
    if (options.type) config[`${kind}Type`] = options.type;
    const workspace = await ctx.workspace();
    const deploy = {
      unique: !options.allowDuplicate,
      ...(options.definition ? { definitionId: options.definition } : {}),
    };
    const record =
      kind === "source"
        ? sourceRecord(await (await workspace.deploySource(name, config, deploy)).getInfo())
        : destinationRecord(await (await workspace.deployDestination(name, config, deploy)).getInfo());
    await ctx.out.item(record, detailColumns(kind));
    ctx.out.message(`Created ${kind} '${String(record.name)}' (${String(record[`${kind}Id`])}).`);
  };
}
