import type { Context } from "../../context.js";
import { confirmOrFail } from "../../output/prompt.js";
import { refuseUnsafe } from "../../util/safety.js";

export async function run(ctx: Context, [workspaceId]: [string], options: { yes?: boolean; unsafe?: boolean }) {
  const workspace = await ctx.workspace(workspaceId);
  const { name } = await workspace.getInfo();
  await refuseUnsafe("workspace", name, options.unsafe);
  await confirmOrFail(`Delete workspace '${name}' (${workspaceId})`, {
    yes: options.yes,
    interactive: ctx.out.interactive,
  });
  await workspace.permanentlyDelete({ safeMode: !options.unsafe, workspaceName: name });
  if (ctx.out.machine) await ctx.out.item({ workspaceId, deleted: true }, []);
  ctx.out.message(`Deleted workspace '${name}' (${workspaceId}).`);
}
