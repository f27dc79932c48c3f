import type { Context } from "../../context.js";
import { workspaceColumns, workspaceRecord } from "../../output/records.js";

export async function run(ctx: Context, [workspaceId]: [string?]) {
  const workspace = await ctx.workspace(workspaceId);
  const info = await workspace.getInfo();
  await ctx.out.item({ ...workspaceRecord(info), workspaceUrl: workspace.workspaceUrl }, [
    ...workspaceColumns,
    { key: "dataResidency", header: "Data residency" },
    { key: "workspaceUrl", header: "URL" },
  ]);
}
