import type { Context } from "../../context.js";
import { workspaceColumns, workspaceRecord } from "../../output/records.js";

export async function run(ctx: Context, [workspaceId, name]: [string, string]) {
  const client = await ctx.client();
  const info = await client.renameWorkspace(workspaceId, { name });
  await ctx.out.item(workspaceRecord(info), workspaceColumns);
  ctx.out.message(`Renamed workspace ${workspaceId} to '${info.name}'.`);
}
