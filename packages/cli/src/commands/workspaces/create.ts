import type { Context } from "../../context.js";
import { workspaceColumns, workspaceRecord } from "../../output/records.js";

export async function run(ctx: Context, [name]: [string]) {
  const client = await ctx.client();
  const info = await client.createWorkspace({ name });
  await ctx.out.item(workspaceRecord(info), workspaceColumns);
  ctx.out.message(
    `Created workspace '${info.name}' (${info.workspaceId}). Work in it with: airbyte-ts workspaces use ${info.workspaceId}`,
  );
}
