import { defineConfig } from "tsup";

// One ESM entry with a shebang, so dist/main.js runs on its own as well as through the bin.
// The SDK, the MCP SDK and zod stay dependencies (not bundled): one copy of each with the
// user's, and zod's schemas are what the MCP SDK inspects.
export default defineConfig({
  entry: { main: "src/main.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  clean: true,
  sourcemap: true,
  banner: { js: "#!/usr/bin/env node" },
  external: ["airbyte-ts", "@modelcontextprotocol/sdk", "zod"],
});
