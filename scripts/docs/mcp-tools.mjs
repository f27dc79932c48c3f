#!/usr/bin/env node
/**
 * Writes the "Tools" table of docs/mcp.md from what the built MCP server lists (names,
 * arguments with their defaults, the four annotations), so the table cannot drift from the
 * server. `--check` changes nothing and fails when the table is not what the server lists.
 * Run `npm run build` first.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const docsPath = fileURLToPath(new URL("../../docs/mcp.md", import.meta.url));
const server = fileURLToPath(new URL("../../packages/mcp/dist/main.js", import.meta.url));
const START = "<!-- tools:start (npm run docs:mcp writes this table) -->";
const END = "<!-- tools:end -->";

/** Listing needs no credentials: the server resolves them on a call. */
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [server],
  env: { PATH: process.env.PATH ?? "" },
  stderr: "ignore",
});
const client = new Client({ name: "docs-mcp-tools", version: "0.0.0" });
await client.connect(transport);
const { tools } = await client.listTools();
await client.close();

const mark = (value) => (value ? "✓" : "✗");

function argument(name, schema, required) {
  let text = `\`${name}\``;
  if (!required.includes(name) && schema.default === undefined) text += "?";
  if (schema.default !== undefined) text += ` (${JSON.stringify(schema.default)})`;
  return text;
}

function argumentsOf(tool) {
  const { properties = {}, required = [] } = tool.inputSchema;
  // workspace_id is on nearly every tool: the section above says so once.
  const names = Object.keys(properties).filter((name) => name !== "workspace_id");
  return names.map((name) => argument(name, properties[name], required)).join(", ") || "none";
}

const rows = tools.map((tool) => {
  const hints = tool.annotations ?? {};
  return `| \`${tool.name}\` | ${argumentsOf(tool)} | ${mark(hints.readOnlyHint)} | ${mark(hints.destructiveHint)} | ${mark(hints.idempotentHint)} | ${mark(hints.openWorldHint)} |`;
});
const table = [
  START,
  "",
  "| Tool | Arguments (default) | RO | D | I | OW |",
  "| ---- | ------------------- | -- | - | - | -- |",
  ...rows,
  "",
  END,
].join("\n");

const docs = readFileSync(docsPath, "utf8");
const from = docs.indexOf(START);
const to = docs.indexOf(END);
if (from < 0 || to < 0) throw new Error(`docs/mcp.md lacks the ${START} ... ${END} markers`);
const next = docs.slice(0, from) + table + docs.slice(to + END.length);

// Prettier aligns the table's columns; compare what it would write.
const prettier = await import("prettier");
const formatted = await prettier.format(next, { ...(await prettier.resolveConfig(docsPath)), filepath: docsPath });
if (process.argv.includes("--check")) {
  if (formatted !== docs) {
    process.stderr.write("docs/mcp.md: the Tools table is not what the server lists; run `npm run docs:mcp`.\n");
    process.exit(1);
  }
} else {
  writeFileSync(docsPath, formatted);
  process.stdout.write(`docs/mcp.md: ${tools.length} tools\n`);
}
