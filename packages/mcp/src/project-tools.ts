/**
 * Config as code for agents: plan_project shows what a project (airbyte-ts/v1 YAML) would change
 * in the workspace, apply_project carries out exactly that plan, on the SDK's
 * `airbyte-ts/config-as-code` as the CLI's `plan` and `apply`. The module (and its YAML parser)
 * is imported on the first call, so listing the tools never loads it. PyAirbyte has no such
 * tools; their safety follows its rules: safe mode lets an apply create anything but change
 * only what this session created.
 */
import { readFile } from "node:fs/promises";
import type { ApplyResult, LockFile, PlanAction } from "airbyte-ts/config-as-code";
import { z } from "zod";
import {
  actionKind,
  changeHead,
  planCounts,
  planFromArgs,
  type PlannedProject,
  planOutput,
  planSummary,
  planWarnings,
  placeOf,
  projectError,
  projectInput,
  refusedBySafeMode,
  warningsOf,
} from "./project-plan.js";
import { ToolError } from "./results.js";
import type { Session } from "./safe-mode.js";
import { DESTRUCTIVE, defineTool, READ_ONLY, type Tool } from "./tool.js";

const LOCK_RULE =
  "The lock (which workspace object each key of the project is): with path, the file .airbyte-ts/<workspace id>.lock.json beside the project, as the CLI's. With project_yaml, this server session's memory, one per workspace (so text projects of one session share it: keep their keys apart). What the session applied stays bound there; a new session finds each resource by its unique name only, so there a renamed resource plans as a new one and a secret's change cannot be seen (a warning says so). Use path to keep the lock across sessions.";

const planProject = defineTool({
  name: "plan_project",
  title: "Plan a config-as-code project",
  description: `Compares a config-as-code project (airbyte-ts/v1 YAML: tags, custom definitions, sources, destinations, connections) with the workspace and returns what apply_project would do: each change (create, update, replace, delete) with the fields that change, before and after, the counts, and a plan_id for apply_project. Changes nothing. \${NAME} in the project reads variables, else the server's environment; secrets and values read from variables show only as (sensitive). ${LOCK_RULE}`,
  input: projectInput,
  output: planOutput,
  annotations: READ_ONLY,
  async run(args, context) {
    return planSummary(await planFromArgs(args, context), context.session);
  },
});

const appliedChange = z.object({
  action: actionKind,
  resource_kind: z.string(),
  address: z.string(),
  name: z.string(),
  id: z.string().nullable().describe("The object's id now (for a delete: the one deleted)."),
  result: z.enum(["created", "updated", "replaced", "deleted"]),
});

const RESULT = { create: "created", update: "updated", replace: "replaced", delete: "deleted" } as const;

const applyProject = defineTool({
  name: "apply_project",
  title: "Apply a config-as-code project",
  description: `Carries out the plan plan_project returned: pass the same project, variables, prune and workspace_id, and its plan_id. It plans again and applies only if that plan has the same plan_id, so nothing changed since it was reviewed (else error plan_changed, with the new plan's summary). A replacement (it resets sync state and data) needs allow_replace. Safe mode (on unless AIRBYTE_CLOUD_MCP_SAFE_MODE=0): it may create anything, but a plan that updates, replaces or deletes an object this session did not create is refused before any change (safe_mode_refused, naming them); what it creates counts as created in this session. Reports what each change did; a failure part-way is an error that says what was applied and what was not, and the applied steps are in the lock, so planning again resumes with nothing done twice. ${LOCK_RULE}`,
  input: projectInput.extend({
    plan_id: z.string().min(1).describe("The plan_id of the plan reviewed (plan_project)."),
    allow_replace: z
      .boolean()
      .default(false)
      .describe(
        "Carry out replacements: a source or destination whose connector changed, a connection whose source or destination did.",
      ),
  }),
  output: z.object({
    workspace_id: z.string(),
    plan_id: z.string(),
    summary: planCounts,
    changes: z.array(appliedChange),
    unchanged: z.array(z.string()),
    warnings: planWarnings,
    lock_file: z.string().nullable().describe("The lock file written; null: kept in this session's memory."),
  }),
  annotations: DESTRUCTIVE,
  async run(args, context) {
    const { apply } = await import("airbyte-ts/config-as-code");
    const planned = await planFromArgs(args, context);
    const { plan, mask } = planned;
    if (planned.planId !== args.plan_id) throw planChanged(planned, args.plan_id);
    refuseInSafeMode(planned, context.session);

    const done: PlanAction[] = [];
    const retired: PlanAction[] = [];
    let current: PlanAction | undefined;
    let result: ApplyResult;
    try {
      result = await apply(plan, {
        allowReplace: args.allow_replace,
        ...(context.request.signal ? { signal: context.request.signal } : {}),
        onProgress: ({ action, phase, retiresOld }) => {
          current = phase === "start" ? action : undefined;
          if (phase === "done") (retiresOld ? retired : done).push(action);
        },
      });
    } catch (error) {
      // Refused before any step (a replacement not allowed, a workspace that moved): nothing to report but the error.
      if (done.length === 0 && current === undefined) throw projectError(error, mask, context.transport);
      record(context.session, done, retired, await lockAfterFailure(planned));
      throw stoppedPartWay(planned, done, current, error);
    }
    record(context.session, done, retired, result.lock);
    return {
      workspace_id: plan.workspaceId,
      plan_id: planned.planId,
      summary: { ...plan.counts },
      changes: result.applied.map((action) => ({
        ...changeHead(action, mask),
        id: (action.action === "delete" ? action.id : result.lock.resources[action.address]?.id) ?? null,
        result: RESULT[action.action],
      })),
      unchanged: [...plan.unchanged],
      warnings: warningsOf(planned),
      lock_file: planned.lockPath ?? null,
    };
  },
});

function planChanged(planned: PlannedProject, given: string): ToolError {
  const { plan } = planned;
  return new ToolError({
    code: "plan_changed",
    message: `The plan is not the one reviewed (plan_id ${given}): the project, the workspace or the lock changed since. Nothing was applied.`,
    hint: "Review the new plan (plan_project shows it whole), then call apply_project with its plan_id.",
    details: {
      plan_id: planned.planId,
      summary: { ...plan.counts },
      changes: plan.actions.map((action) => `${action.action} ${action.address}`),
    },
  });
}

function refuseInSafeMode(planned: PlannedProject, session: Session): void {
  const refused = refusedBySafeMode(planned.plan, session);
  if (refused.length === 0) return;
  const named = refused.map((action) => `${action.action} ${action.address} (${action.id ?? ""})`);
  throw new ToolError({
    code: "safe_mode_refused",
    message: planned.mask(
      `Safe mode: apply_project may create anything, but may only update, replace or delete objects created by this MCP session, and this plan would ${named.join(", ")}. Nothing was applied.`,
    ),
    hint: "Nothing was changed. Change the project so it leaves those objects as they are, or only a person can allow this: they restart the server with AIRBYTE_CLOUD_MCP_SAFE_MODE=0, or make the change in Airbyte themselves.",
    details: {
      refused: refused.map((action) => ({ action: action.action, address: action.address, id: action.id ?? null })),
    },
  });
}

/** What this apply created counts as created in the session; what it deleted, no longer. */
function record(session: Session, done: PlanAction[], retired: PlanAction[], lock: LockFile | undefined): void {
  for (const action of done) {
    if (action.action === "delete") session.forget(action.id ?? "");
    const id = lock?.resources[action.address]?.id;
    if ((action.action === "create" || action.action === "replace") && id) session.register(id);
  }
  for (const action of retired) session.forget(action.id ?? "");
}

/** The lock as the stopped apply left it: the session's, or the file the SDK wrote after each step. */
async function lockAfterFailure(planned: PlannedProject): Promise<LockFile | undefined> {
  if (planned.memoryLock || planned.lockPath === undefined) return planned.memoryLock;
  try {
    return JSON.parse(await readFile(planned.lockPath, "utf8")) as LockFile;
  } catch {
    return undefined;
  }
}

function stoppedPartWay(
  planned: PlannedProject,
  done: PlanAction[],
  failed: PlanAction | undefined,
  error: unknown,
): ToolError {
  const { mask } = planned;
  const code = typeof (error as { code?: unknown }).code === "string" ? (error as { code: string }).code : "internal";
  const cause = mask(error instanceof Error ? error.message : String(error));
  const notApplied = planned.plan.actions.filter((action) => !done.includes(action) && action !== failed);
  const short = (action: PlanAction) => ({ action: action.action, address: action.address });
  return new ToolError({
    code,
    message: `The apply stopped${failed ? ` at ${failed.action} ${failed.address}` : ""}: ${cause} Applied before it: ${done.map((action) => `${action.action} ${action.address}`).join(", ") || "nothing"}.`,
    hint: "What was applied is recorded in the lock and stays. Fix the cause, then call plan_project again: its plan holds only what is left, and nothing is created twice.",
    details: {
      applied: done.map(short),
      ...(failed ? { failed: { ...short(failed), ...placeOf(error) } } : {}),
      not_applied: notApplied.map(short),
    },
  });
}

/** In the order listTools shows them. */
export const PROJECT_TOOLS: readonly Tool[] = [planProject, applyProject];
