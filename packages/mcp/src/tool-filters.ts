/**
 * Which tools a server shows, from its environment, as PyAirbyte's switches and the standard
 * ones of fastmcp-extensions: read-only mode hides every tool not marked read-only,
 * `MCP_NO_DESTRUCTIVE_TOOLS` every destructive one, `MCP_INCLUDE_TOOLS` keeps only the tools
 * it names and `MCP_EXCLUDE_TOOLS` drops the ones it names. A name in a list that is no tool is
 * refused at start-up: a typo would otherwise hide a tool, or show one meant to be hidden,
 * without a word.
 */
import type { Env } from "./context.js";
import type { Tool } from "./tool.js";

/** A switch (an environment variable or a header) is on: 1, true or yes, any case. */
export const isOn = (value: string | undefined) => ["1", "true", "yes"].includes((value ?? "").trim().toLowerCase());

/** Read-only mode: PyAirbyte's variable or the standard one. */
function readOnlyMode(env: Env): boolean {
  return isOn(env.AIRBYTE_CLOUD_MCP_READONLY_MODE) || isOn(env.MCP_READONLY_MODE);
}

/** A list of tool names, separated by commas or spaces. */
function toolList(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  return value.split(/[\s,]+/).filter(Boolean);
}

export class ToolFilterError extends Error {
  override name = "ToolFilterError";
}

/** The tools this environment shows, in the table's order. */
export function visibleTools(all: readonly Tool[], env: Env): Tool[] {
  const known = new Set(all.map((tool) => tool.name));
  const include = toolList(env.MCP_INCLUDE_TOOLS);
  const exclude = toolList(env.MCP_EXCLUDE_TOOLS);
  for (const [variable, names] of [
    ["MCP_INCLUDE_TOOLS", include],
    ["MCP_EXCLUDE_TOOLS", exclude],
  ] as const) {
    const unknown = (names ?? []).filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new ToolFilterError(
        `${variable} names no tool called ${unknown.map((name) => `'${name}'`).join(", ")}. The tools are: ${[...known].join(", ")}.`,
      );
    }
  }
  const readOnly = readOnlyMode(env);
  const noDestructive = isOn(env.MCP_NO_DESTRUCTIVE_TOOLS);
  return all.filter(
    (tool) =>
      (!readOnly || tool.annotations.readOnlyHint) &&
      (!noDestructive || !tool.annotations.destructiveHint) &&
      (include === undefined || include.includes(tool.name)) &&
      !(exclude ?? []).includes(tool.name),
  );
}
