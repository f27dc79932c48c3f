#!/usr/bin/env node
// The package's bin. npm links bins when it installs, and in a clone of the repository that is
// before the first build, so a bin inside dist/ would not be linked at all. This file is in the
// source, so the link always exists; it runs the built server, or says (on stderr: stdout is
// the MCP channel) how to build it.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/main.js", import.meta.url);
if (existsSync(entry)) {
  await import(entry.href);
} else {
  process.stderr.write(
    `airbyte-ts-mcp: the MCP server is not built (${fileURLToPath(entry)} is missing). Build it with: npm run build\n`,
  );
  process.exitCode = 1;
}
