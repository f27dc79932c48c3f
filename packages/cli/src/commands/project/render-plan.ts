/**
 * A plan for a person: one line per resource (`+` create, `~` update, `-/+` replace, `-`
 * delete), its field changes indented below, and the counts; in colour on a terminal (unless
 * NO_COLOR), plain when piped. Secrets are only ever named.
 */
import type { FieldChange, Plan, PlanAction } from "airbyte-ts/config-as-code";

const SYMBOL: Record<PlanAction["action"], string> = { create: "+", update: "~", replace: "-/+", delete: "-" };
const COLOR: Record<PlanAction["action"], number> = { create: 32, update: 33, replace: 35, delete: 31 };

export function renderPlan(plan: Plan, color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  if (plan.actions.length === 0) return "No changes: the workspace is as the files say.\n";
  const lines: string[] = [];
  for (const action of plan.actions) {
    const id = action.id ? ` (${action.id})` : "";
    const notes = [
      action.reason ? `(${action.reason})` : "",
      action.movedFrom ? `(was ${action.movedFrom})` : "",
      action.adoptedByName ? "(found by name)" : "",
      action.action === "replace" ? "[needs --allow-replace]" : "",
    ].filter(Boolean);
    lines.push(
      paint(COLOR[action.action], `${SYMBOL[action.action]} ${action.address}${id} "${action.name}"`) +
        (notes.length ? `  ${notes.join(" ")}` : ""),
    );
    for (const change of action.changes) lines.push(`    ${renderChange(change)}`);
  }
  const { create, update, replace, delete: destroy } = plan.counts;
  lines.push("", `Plan: ${create} to add, ${update} to change, ${replace} to replace, ${destroy} to destroy.`);
  return `${lines.join("\n")}\n`;
}

function renderChange(change: FieldChange): string {
  const path = change.path.map(String).join(".");
  switch (change.op) {
    case "add":
      return `+ ${path}: ${value(change.after)}`;
    case "remove":
      return `- ${path}${change.before === "selected" ? " (deselected)" : ""}`;
    case "change":
      return `~ ${path}: ${value(change.before)} -> ${value(change.after)}`;
    case "set":
      return `~ ${path}: ${[...change.added.map((item) => `+ ${value(item)}`), ...change.removed.map((item) => `- ${value(item)}`)].join(" ")}`;
    case "secret":
      return `~ ${path}: (secret changed)`;
  }
}

/** A value on one line, long ones cut. */
function value(item: unknown): string {
  const text = typeof item === "string" ? JSON.stringify(item) : (JSON.stringify(item) ?? "null");
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
