import { defineConfig } from "tsup";

// Two ESM entries: main.js (with a shebang) runs on its own as well as through the bin, and
// index.js is the library the CLI's `airbyte-ts mcp` imports.
// The SDK, the MCP SDK and zod stay dependencies (not bundled): one copy of each with the
// user's, and zod's schemas are what the MCP SDK inspects.
export default defineConfig({
  entry: { main: "src/main.ts", index: "src/index.ts" },
  dts: { entry: { index: "src/index.ts" } },
  format: ["esm"],
  target: "node20",
  platform: "node",
  clean: true,
  sourcemap: true,
  banner: { js: "#!/usr/bin/env node" },
  external: ["airbyte-ts", "@modelcontextprotocol/sdk", "zod"],
});
