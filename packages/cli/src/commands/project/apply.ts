import type { Address } from "airbyte-ts/config-as-code";
import type { Context } from "../../context.js";
import { confirmOrFail } from "../../output/prompt.js";
import { readSavedPlan } from "./plan-file.js";
import { planProject, showPlan } from "./plan.js";

export interface ApplyCommandOptions {
  file?: string[];
  prune?: true | "managed" | "all";
  allowReplace?: boolean;
  target?: string[];
  yes?: boolean;
}

export async function run(ctx: Context, [saved]: [string | undefined], options: ApplyCommandOptions) {
  const { files, plan } = await planProject(ctx, options);
  const { apply, PlanStaleError, hasChanges } = await import("airbyte-ts/config-as-code");
  if (saved) {
    const before = await readSavedPlan(saved, files);
    // The saved plan is what was reviewed: the workspace must not have moved since.
    if (before.fingerprint !== plan.fingerprint || JSON.stringify(before.actions) !== JSON.stringify(plan.actions)) {
      throw new PlanStaleError(plan.workspaceId);
    }
  }
  const targets = options.target?.map((target) => target as Address);
  if (targets) {
    const known = new Set(plan.actions.map((action) => action.address));
    for (const target of targets) {
      if (!known.has(target)) ctx.out.warn(`${target} has nothing to apply.`);
    }
  }
  await showPlan(ctx, plan);
  if (!hasChanges(plan)) {
    // Nothing to change remotely, but what the plan found by name or under an earlier key
    // goes into the lock file, or the next rename of one of them would plan a create.
    await apply(plan);
    return;
  }
  if (!saved) {
    const { create, update, replace, delete: destroy } = plan.counts;
    await confirmOrFail(`Apply ${changes(create + update + replace + destroy)} to workspace ${plan.workspaceId}`, {
      yes: options.yes,
      interactive: ctx.out.interactive,
      irreversible: destroy + replace > 0,
    });
  }
  const result = await apply(plan, {
    allowReplace: options.allowReplace === true,
    ...(targets ? { targets } : {}),
    onProgress: ({ action, phase, step, steps, retiresOld }) => {
      if (phase !== "done") return;
      const what = retiresOld
        ? `${action.action} ${action.address}: old object deleted`
        : `${action.action} ${action.address}: done`;
      ctx.out.message(`[${step}/${steps}] ${what}`);
    },
  });
  ctx.out.message(`Applied ${result.applied.length} of ${changes(plan.actions.length)}.`);
}

const changes = (count: number) => `${count} change${count === 1 ? "" : "s"}`;
