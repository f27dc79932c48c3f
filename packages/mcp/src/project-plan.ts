/**
 * What plan_project and apply_project share: where the project comes from (its YAML text, or a
 * file of the server's machine over stdio), the values of its `${NAME}`s, the lock file that
 * binds its keys to ids, and the plan as the agent reads it, with its plan_id.
 *
 * The lock file: a project given by path keeps the SDK's, beside the file, as the CLI's plan
 * and apply do. A project given as text has no folder, and writing one on the server's disk
 * would be a file the agent cannot see or commit; so its lock lives in the session's memory, per
 * workspace. Within the session that is the SDK's lock in full (what apply created stays bound,
 * secrets are compared by hash, `renamedFrom` works); a new session starts empty and the SDK
 * binds each resource to the one object of its kind with its name.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { AirbyteError, InputError } from "airbyte-ts";
import type { FieldChange, LockFile, Plan, PlanAction, ProjectFile } from "airbyte-ts/config-as-code";
import { z } from "zod";
import { Redactor, ToolError } from "./results.js";
import type { Session } from "./safe-mode.js";
import { type ToolContext, workspaceIdArg } from "./tool.js";

/** The name a project given as text goes by in messages (`project_yaml:3:5 (sources.faker)`). */
const TEXT_FILE = "project_yaml";

export const projectInput = z.object({
  project_yaml: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The project as YAML text (one file: apiVersion: airbyte-ts/v1, sources, destinations, connections...). A manifestFile it names is read relative to the server's working directory (stdio only).",
    ),
  path: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Instead of project_yaml: a project file on the server's machine, relative to the server's working directory (stdio only). Its lock file is .airbyte-ts/<workspace id>.lock.json beside it.",
    ),
  variables: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.union([z.string(), z.number(), z.boolean()]))
    .optional()
    .describe(
      "Values of the project's ${NAME}s that are not secrets. Never a secret: a ${NAME} not given here is read from the server's environment, where a person sets secrets.",
    ),
  prune: z
    .enum(["managed", "all"])
    .optional()
    .describe(
      "Also delete: what the lock binds that the project no longer declares (managed), or everything in the workspace the project does not declare (all). Default: delete nothing.",
    ),
  workspace_id: workspaceIdArg,
});

export type ProjectArgs = z.infer<typeof projectInput>;

/** A project planned against its workspace, with what applying and showing it need. */
export interface PlannedProject {
  plan: Plan;
  planId: string;
  /** The lock file's path (path input), or undefined: the lock is `memoryLock`. */
  lockPath: string | undefined;
  /** The session's lock for this workspace (text input); apply updates it in place. */
  memoryLock: LockFile | undefined;
  /** Hides, in any text or value, what the server's environment gave the project. */
  mask: Masker;
}

export type Masker = <T>(value: T) => T;

/** Reads the project, resolves its variables and its lock, and plans it; nothing is written. */
export async function planFromArgs(args: ProjectArgs, context: ToolContext): Promise<PlannedProject> {
  const { loadProject, lockFilePath, plan } = await import("airbyte-ts/config-as-code");
  const file = await projectFile(args, context.transport);
  const { env, fromServer } = projectEnvironment(file, args.variables, context);
  const mask = masker(fromServer);
  try {
    const project = await loadProject([file], { env });
    const workspace = context.workspace(args.workspace_id);
    const { workspaceId } = workspace;
    const lockPath = args.path === undefined ? undefined : lockFilePath(dirname(pathOf(file)), workspaceId);
    const memoryLock = lockPath === undefined ? sessionLock(context.session, workspaceId) : undefined;
    const planned = await plan(project, workspace, {
      lock: lockPath ?? memoryLock,
      ...(args.prune ? { prune: args.prune } : {}),
      request: context.request,
    });
    return { plan: planned, planId: planIdOf(planned), lockPath, memoryLock, mask };
  } catch (error) {
    throw projectError(error, mask, context.transport);
  }
}

const pathOf = (file: ProjectFile) => (typeof file === "string" ? file : file.path);

/**
 * The project's one file. A file that cannot be read is left to the SDK, which says why at
 * its name. Over HTTP no file of the server is read: not `path`, nor a `manifestFile` the text
 * names.
 */
async function projectFile(args: ProjectArgs, transport: ToolContext["transport"]): Promise<ProjectFile> {
  if ((args.project_yaml === undefined) === (args.path === undefined)) {
    throw new InputError("Pass the project as project_yaml (its text) or as path (a file): one of the two.");
  }
  const serverFile = args.path !== undefined || /\bmanifestFile\b/.test(args.project_yaml ?? "");
  if (transport !== "stdio" && serverFile) {
    throw new ToolError({
      code: "path_not_allowed",
      message: "Over HTTP this server reads no file of its machine: not a path, nor a manifestFile a project names.",
      hint: "Pass the project's text as project_yaml, without custom definitions that name a manifestFile.",
    });
  }
  if (args.path === undefined) return { path: TEXT_FILE, text: args.project_yaml ?? "" };
  const path = resolve(args.path);
  const text = await readFile(path, "utf8").catch(() => undefined);
  return text === undefined ? path : { path, text };
}

/**
 * Where `${NAME}` reads: `variables`, then (over stdio) the server's environment without its
 * own settings (`AIRBYTE_*`: credentials among them, which a project could otherwise send to a
 * host of its choosing). `fromServer`: the values the environment gives this project, which no
 * result shows.
 */
function projectEnvironment(
  file: ProjectFile,
  variables: ProjectArgs["variables"],
  { env: serverEnv, transport }: Pick<ToolContext, "env" | "transport">,
): { env: Record<string, string | undefined>; fromServer: string[] } {
  const env: Record<string, string | undefined> = {};
  if (transport === "stdio") {
    for (const [name, value] of Object.entries(serverEnv)) if (!name.startsWith("AIRBYTE_")) env[name] = value;
  }
  const given = Object.fromEntries(Object.entries(variables ?? {}).map(([name, value]) => [name, String(value)]));
  const text = typeof file === "string" ? "" : file.text;
  // `$${NAME}` is the literal text; every other `${NAME}` may read the environment.
  const named = [...text.matchAll(/\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].filter((m) => !m[1]).map((m) => m[2] ?? "");
  const fromServer = named.filter((name) => !(name in given)).flatMap((name) => env[name] ?? []);
  return { env: { ...env, ...given }, fromServer };
}

function masker(secrets: string[]): Masker {
  const redactor = new Redactor(secrets);
  // Value by value, so a masked number or id cannot break the JSON around it.
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return redactor.redact(value);
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
    }
    return value;
  };
  return <T>(value: T) => walk(value) as T;
}

/** One lock per session and workspace for projects given as text, kept as long as the server runs. */
const sessionLocks = new WeakMap<Session, Map<string, LockFile>>();

function sessionLock(session: Session, workspaceId: string): LockFile {
  let locks = sessionLocks.get(session);
  if (!locks) sessionLocks.set(session, (locks = new Map<string, LockFile>()));
  let lock = locks.get(workspaceId);
  if (!lock) locks.set(workspaceId, (lock = { version: 1, workspaceId, resources: {} }));
  return lock;
}

/**
 * A digest of what the agent reviewed: the changes, and the workspace as the plan read it. Any
 * change since (to the project, the workspace or the lock) gives another.
 */
function planIdOf(plan: Plan): string {
  const reviewed = { workspaceId: plan.workspaceId, fingerprint: plan.fingerprint, actions: plan.actions };
  return createHash("sha256").update(JSON.stringify(reviewed)).digest("hex").slice(0, 32);
}

/** What the agent does next, per SDK code, where the SDK's own guidance speaks of the CLI. */
const HINTS: Record<string, string> = {
  config_invalid:
    "Fix the project where the message (and details.path, details.line) says, then call plan_project again.",
  replace_not_allowed:
    "A replacement deletes the object and creates it anew, resetting its sync state and data: call apply_project with allow_replace: true if that is intended.",
  plan_stale: "The workspace changed as the apply began: call plan_project again, review, and apply its plan_id.",
};

function variableHint(variable: string, transport: ToolContext["transport"]): string {
  if (transport !== "stdio") return `Pass ${variable} in variables: over HTTP the server's environment is not read.`;
  if (variable.startsWith("AIRBYTE_")) {
    return `The server's own settings (AIRBYTE_*) are never given to a project: pass the value in variables if it is no secret, or name another variable.`;
  }
  return `Pass ${variable} in variables if it is no secret. A secret is never passed: the person who runs the server sets ${variable} in its environment and restarts it.`;
}

/** Where in the project an SDK error is (a `ConfigFileError`, an `EnvVarMissingError`), for `details`. */
export function placeOf(error: unknown): Record<string, unknown> | undefined {
  const { location, context } = error as {
    location?: { file: string; line?: number; column?: number };
    context?: { path?: unknown };
  };
  if (!(error instanceof AirbyteError) || !location) return undefined;
  return { file: location.file, path: context?.path ?? "", line: location.line, column: location.column };
}

/** The SDK's error with the server's values masked; one about a place in the project says where. */
export function projectError(error: unknown, mask: Masker, transport: ToolContext["transport"]): unknown {
  if (!(error instanceof AirbyteError)) return error;
  const { guidance, variable } = error as AirbyteError & { guidance?: string; variable?: string };
  const hint = variable ? variableHint(variable, transport) : HINTS[error.code];
  const place = placeOf(error);
  if (!place && hint === undefined) {
    // The server's hints for the SDK's codes serve; only the message needs masking.
    error.message = mask(error.message);
    return error;
  }
  return new ToolError({
    code: error.code,
    message: mask(error.message),
    hint: hint ?? guidance ?? "Read the message.",
    ...(place ? { details: place } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// The plan as the agent reads it

/** How a secret, or a value read from the server's environment, is shown. */
const SENSITIVE = "(sensitive)";
const API_MASK = "**********";

const fieldChange = z.object({
  path: z.string().describe("The field, dotted: configuration.port, streams.users.syncMode."),
  change: z.enum(["add", "change", "remove", "set"]),
  sensitive: z.boolean().describe("A secret or a value read from a variable: shown only as (sensitive)."),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  added: z.array(z.unknown()).optional().describe("For a set (tags, selected fields): the members added."),
  removed: z.array(z.unknown()).optional(),
});

export const actionKind = z.enum(["create", "update", "replace", "delete"]);

export const planCounts = z.object({
  create: z.number().int(),
  update: z.number().int(),
  replace: z.number().int(),
  delete: z.number().int(),
});

export const planWarnings = z.array(z.object({ address: z.string().nullable(), message: z.string() }));

export const planOutput = z.object({
  workspace_id: z.string(),
  plan_id: z.string().describe("Pass it to apply_project to apply exactly this plan."),
  has_changes: z.boolean(),
  summary: planCounts,
  changes: z.array(
    z.object({
      action: actionKind,
      resource_kind: z.string(),
      address: z.string().describe("KIND.KEY, the resource's key in the project."),
      name: z.string(),
      id: z.string().nullable().describe("The object's id; null for a create."),
      reason: z.string().nullable().describe("Why a replace or a delete happens."),
      moved_from: z.string().nullable(),
      found_by_name: z.boolean().describe("Bound to the workspace's object of that name, which the lock did not know."),
      fields: z.array(fieldChange),
    }),
  ),
  unchanged: z.array(z.string()),
  warnings: planWarnings,
  safe_mode_refuses: z
    .array(z.string())
    .describe(
      "Addresses apply_project would refuse in safe mode: updates, replaces and deletes of objects this session did not create.",
    ),
  lock_file: z
    .string()
    .nullable()
    .describe("The lock file's path; null: kept in this session's memory (project_yaml)."),
});

/** What every change says first, in the plan and in what apply did. */
export function changeHead(action: PlanAction, mask: Masker) {
  return {
    action: action.action,
    // The kind of an address (`source.pg` is a source).
    resource_kind: action.address.slice(0, action.address.indexOf(".")),
    address: action.address,
    name: mask(action.name),
  };
}

/** The actions safe mode refuses: any but a create, on an object this session did not create. */
export function refusedBySafeMode(plan: Plan, session: Session): PlanAction[] {
  if (!session.safeMode) return [];
  return plan.actions.filter((action) => action.action !== "create" && !session.createdInSession(action.id ?? ""));
}

export function warningsOf(planned: PlannedProject): z.infer<typeof planWarnings> {
  return planned.plan.warnings.map((warning) => ({
    address: warning.address ?? null,
    message: planned.mask(warning.message),
  }));
}

export function planSummary(planned: PlannedProject, session: Session): z.infer<typeof planOutput> {
  const { plan, mask } = planned;
  return {
    workspace_id: plan.workspaceId,
    plan_id: planned.planId,
    has_changes: plan.actions.length > 0,
    summary: { ...plan.counts },
    changes: plan.actions.map((action) => ({
      ...changeHead(action, mask),
      id: action.id ?? null,
      reason: action.reason ?? null,
      moved_from: action.movedFrom ?? null,
      found_by_name: action.adoptedByName === true,
      fields: action.changes.map((change) => fieldOf(change, action.action, mask)),
    })),
    unchanged: [...plan.unchanged],
    warnings: warningsOf(planned),
    safe_mode_refuses: refusedBySafeMode(plan, session).map((action) => action.address),
    lock_file: planned.lockPath ?? null,
  };
}

function fieldOf(change: FieldChange, action: PlanAction["action"], mask: Masker): z.infer<typeof fieldChange> {
  const path = change.path.map(String).join(".");
  if (change.op === "secret") {
    // The SDK names a secret (or a value from a variable) that is set or changed, never its value.
    return action === "create"
      ? { path, change: "add", sensitive: true, after: SENSITIVE }
      : { path, change: "change", sensitive: true, before: SENSITIVE, after: SENSITIVE };
  }
  let sensitive = false;
  const shown = (value: unknown): unknown => {
    if (value === API_MASK) {
      sensitive = true;
      return SENSITIVE;
    }
    return Array.isArray(value) ? value.map(shown) : mask(value);
  };
  const values =
    change.op === "add"
      ? { after: shown(change.after) }
      : change.op === "change"
        ? { before: shown(change.before), after: shown(change.after) }
        : change.op === "remove"
          ? { before: shown(change.before) }
          : { added: change.added.map(shown), removed: change.removed.map(shown) };
  return { path, change: change.op, sensitive, ...values };
}
