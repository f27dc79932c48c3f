import { defineConfig } from "tsup";

// ESM and CommonJS builds with declarations for each entry point. Code the entries share
// lives in one chunk per format, so `airbyte-ts` and `airbyte-ts/api` hand out the same
// classes and `instanceof` works across them.
export default defineConfig({
  entry: { index: "src/index.ts", api: "src/entries/api.ts", datasets: "src/entries/datasets.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "node20",
  platform: "node",
  sourcemap: true,
  splitting: true,
  treeshake: true,
  tsconfig: "tsconfig.json",
});
