import { defineConfig } from "tsup";

// One ESM entry with a shebang; commands are separate chunks loaded on demand, so that
// `airbyte-ts --help` does not load the server or the SDK.
export default defineConfig({
  entry: { bin: "src/bin.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  splitting: true,
  clean: true,
  sourcemap: true,
  banner: { js: "#!/usr/bin/env node" },
  external: ["airbyte-ts", "@airbyte-ts/local", "commander"],
});
