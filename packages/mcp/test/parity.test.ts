/**
 * docs/mcp.md against the server: its parity table names every one of PyAirbyte's Cloud tools
 * (the newest cloud.py, research/mcp.md §1b), each beside the tool that does its work here or
 * the reason there is none; and every tool the server lists is documented with the annotations
 * it really has.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { beforeAll, describe, expect, it } from "vitest";
import { built, useMcpServer } from "./helpers/mcp.js";

/** PyAirbyte's 41 Cloud tools (airbyte/mcp/cloud.py after #1122, #1127 and #1167). */
const PYAIRBYTE_TOOLS = [
  "deploy_connector_to_cloud",
  "deploy_noop_destination_to_cloud",
  "create_connection_on_cloud",
  "run_cloud_sync",
  "describe_cloud_workspace",
  "get_cloud_organization_billing_status",
  "get_cloud_sync_status",
  "list_cloud_sync_jobs",
  "list_cloud_connectors",
  "list_cloud_connections",
  "describe_cloud_connector",
  "describe_cloud_connection",
  "get_cloud_sync_logs",
  "get_connection_artifact",
  "list_cloud_workspaces",
  "list_cloud_organizations",
  "describe_cloud_organization",
  "publish_custom_source_definition",
  "list_custom_source_definitions",
  "get_custom_source_definition",
  "get_connector_builder_draft_manifest",
  "update_custom_source_definition",
  "permanently_delete_custom_source_definition",
  "permanently_delete_cloud_connector",
  "permanently_delete_cloud_connection",
  "rename_cloud_connector",
  "rename_cloud_connection",
  "update_cloud_connector_config",
  "set_cloud_connection_table_prefix",
  "set_cloud_connection_selected_streams",
  "update_cloud_connection",
  "cancel_cloud_sync",
  "check_cloud_connector",
  "troubleshoot_cloud_connection",
  "get_default_cloud_context",
  "set_default_cloud_workspace",
  "get_agent_skill_docs",
  "execute_external_api_query",
  "execute_external_sql_query",
  "execute_external_search_query",
  "get_cloud_search_status",
];

const docs = readFileSync(fileURLToPath(new URL("../../../docs/mcp.md", import.meta.url)), "utf8");

/** The rows of the markdown table under a heading, as cells. */
function tableUnder(heading: string): string[][] {
  const start = docs.indexOf(`\n## ${heading}\n`);
  expect(start, `docs/mcp.md has a "## ${heading}" section`).toBeGreaterThan(-1);
  const section = docs.slice(start + 1).split(/\n## /)[0] ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
}

const name = (cell: string | undefined) => /^`([a-z_]+)`/.exec(cell ?? "")?.[1];

describe.skipIf(!built)("docs/mcp.md", () => {
  const harness = useMcpServer();
  let tools: Tool[];

  beforeAll(async () => {
    tools = (await (await harness.connect()).listTools()).tools;
  });

  it("places every PyAirbyte Cloud tool: the tool doing its work here, or why there is none", () => {
    const rows = tableUnder("Parity with PyAirbyte");
    expect(rows.map((row) => name(row[0]))).toEqual(PYAIRBYTE_TOOLS);
    const listed = new Set(tools.map((tool) => tool.name));
    for (const [pyairbyte, ours, note] of rows) {
      const here = name(ours);
      if (here) expect(listed.has(here), `${pyairbyte} -> ${here}`).toBe(true);
      else expect(note?.length ?? 0, `${pyairbyte}: the reason it is not here`).toBeGreaterThan(20);
    }
  });

  it("documents every tool the server lists, with the annotations it has", () => {
    const rows = tableUnder("Tools");
    expect(rows.map((row) => name(row[0])).sort()).toEqual(tools.map((tool) => tool.name).sort());
    const mark = (value: boolean | undefined) => (value ? "✓" : "✗");
    for (const [cell, , readOnly, destructive, idempotent, openWorld] of rows) {
      const tool = tools.find((candidate) => candidate.name === name(cell));
      const hints = tool?.annotations;
      expect([readOnly, destructive, idempotent, openWorld], String(cell)).toEqual([
        mark(hints?.readOnlyHint),
        mark(hints?.destructiveHint),
        mark(hints?.idempotentHint),
        mark(hints?.openWorldHint),
      ]);
    }
  });
});
