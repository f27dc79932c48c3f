/**
 * Config as code from TypeScript: a project's YAML files planned against a workspace, the plan
 * printed, applied, and planned again (nothing left to do).
 *
 *   AIRBYTE_API_ROOT=... AIRBYTE_WORKSPACE_ID=... AIRBYTE_CLIENT_ID=... AIRBYTE_CLIENT_SECRET=... \
 *   AIRBYTE_PROJECT_FILE=airbyte.yaml npx tsx examples/config-as-code.ts
 *
 * The lock file that binds the project to the workspace is written beside the project file, in
 * `.airbyte-ts/<workspace id>.lock.json`: commit it with the project.
 */
import { pathToFileURL } from "node:url";
import { CloudWorkspace } from "airbyte-ts";
import { apply, type FieldChange, loadProject, plan, type Plan } from "airbyte-ts/config-as-code";

type Env = Record<string, string | undefined>;

const SYMBOL = { create: "+", update: "~", replace: "-/+", delete: "-" } as const;

export async function main(env: Env = process.env, log: (line: string) => void = console.log): Promise<void> {
  const file = env.AIRBYTE_PROJECT_FILE;
  if (!file) throw new Error("Set AIRBYTE_PROJECT_FILE to the project's YAML file.");
  const workspace = CloudWorkspace.fromEnv({ env });
  // `${VAR}` in the file reads these variables; an unset one is an error, never sent as text.
  const project = await loadProject([file], { env });

  const first = await plan(project, workspace);
  printPlan(first, log);
  const { applied } = await apply(first, {
    onProgress: ({ action, phase }) => phase === "done" && log(`  done: ${action.address}`),
  });
  log(`Applied ${applied.length} changes.`);

  // The invariant every plan keeps: after an apply, the same files plan nothing.
  printPlan(await plan(project, workspace), log);
}

/** A plan as lines: one per resource, one per field it changes (secrets only named), and the counts. */
export function printPlan(result: Plan, log: (line: string) => void): void {
  if (result.actions.length === 0) {
    log("No changes.");
    return;
  }
  for (const action of result.actions) {
    log(`${SYMBOL[action.action]} ${action.address} "${action.name}"`);
    for (const change of action.changes) log(`    ${describe(change)}`);
  }
  const { create, update, replace, delete: destroy } = result.counts;
  log(`Plan: ${create} to add, ${update} to change, ${replace} to replace, ${destroy} to destroy.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();

function describe(change: FieldChange): string {
  const path = change.path.join(".");
  const show = (value: unknown) => JSON.stringify(value);
  switch (change.op) {
    case "add":
      return `+ ${path}: ${show(change.after)}`;
    case "change":
      return `~ ${path}: ${show(change.before)} -> ${show(change.after)}`;
    case "remove":
      return `- ${path}`;
    case "set":
      return `~ ${path}: ${[...change.added.map((item) => `+${show(item)}`), ...change.removed.map((item) => `-${show(item)}`)].join(" ")}`;
    case "secret":
      // Secrets never reach a plan: one that is set or changed is only named.
      return `~ ${path} (secret)`;
  }
}
