import type { Context } from "../../context.js";
import { workspaceColumns, workspaceRecord } from "../../output/records.js";
import { parseInteger } from "../../util/input.js";

export async function run(ctx: Context, _args: [], options: { nameContains?: string; limit?: string }) {
  const client = await ctx.client();
  const workspaces = await client.listWorkspaces({
    ...(options.nameContains ? { nameContains: options.nameContains } : {}),
    ...(options.limit ? { limit: parseInteger(options.limit, "--limit", 1) } : {}),
  });
  await ctx.out.list(workspaces.map(workspaceRecord), workspaceColumns, "No workspaces.");
}
