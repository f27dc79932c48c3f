import type { Plan } from "airbyte-ts/config-as-code";
import type { Context } from "../../context.js";
import { CliError, EXIT, toCliError } from "../../util/errors.js";
import { savePlan } from "./plan-file.js";
import { loadFiles, projectFiles } from "./project-files.js";
import { renderPlan } from "./render-plan.js";

export interface PlanCommandOptions {
  file?: string[];
  prune?: true | "managed" | "all";
  detailedExitcode?: boolean;
  out?: string;
}

/** Loads the files and plans them against the workspace; warnings go to stderr. */
export async function planProject(ctx: Context, options: { file?: string[]; prune?: true | "managed" | "all" }) {
  const files = projectFiles(options.file);
  const project = await loadFiles(files, ctx.env);
  const workspace = await ctx.workspace();
  const { plan } = await import("airbyte-ts/config-as-code");
  const prune = options.prune === true ? project.lifecycle.prune : options.prune;
  const result = await plan(project, workspace, prune ? { prune } : {});
  for (const warning of result.warnings) {
    ctx.out.warn(warning.address ? `${warning.address} ${warning.message}` : warning.message);
  }
  return { files, project, workspace, plan: result };
}

export function showPlan(ctx: Context, plan: Plan): Promise<void> | void {
  if (ctx.out.machine) return ctx.out.document(plan);
  const stdout = ctx.out.streams.stdout;
  ctx.out.write(renderPlan(plan, stdout.isTTY === true && !ctx.env.NO_COLOR));
}

export async function run(ctx: Context, _args: [], options: PlanCommandOptions) {
  try {
    const { files, plan } = await planProject(ctx, options);
    await showPlan(ctx, plan);
    if (options.out) await savePlan(options.out, files, plan);
    return options.detailedExitcode && plan.actions.length > 0 ? 2 : 0;
  } catch (error) {
    if (!options.detailedExitcode) throw error;
    // With --detailed-exitcode, 2 means "changes": every error is 1, as Terraform's scripts expect.
    const failure = await toCliError(error);
    throw new CliError(failure.message, EXIT.api, {
      code: failure.code,
      ...(failure.hint ? { hint: failure.hint } : {}),
    });
  }
}
