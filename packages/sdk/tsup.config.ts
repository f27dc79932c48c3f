import { defineConfig, type Options } from "tsup";

// One implementation for Node: the CommonJS build. `require("airbyte-ts")` loads it, and the ES
// module entries Node imports (dist/<entry>.js, written after this build by
// scripts/write-esm-entries.mjs) re-export it, so `import` and `require` hand out the same
// classes and `instanceof` holds across them (no dual-package hazard). Code the entries share
// lives in one chunk, so `airbyte-ts` and `airbyte-ts/api` share their classes too.
//
// Bundlers read the "module" condition first, for `import` and `require` alike, and get a real
// ES module build (dist/esm/) they can tree-shake; within a bundle that is the only copy.
const entry = {
  index: "src/index.ts",
  api: "src/entries/api.ts",
  datasets: "src/entries/datasets.ts",
  "config-as-code": "src/entries/config-as-code.ts",
};
const shared: Options = {
  entry,
  target: "node20",
  platform: "node",
  sourcemap: true,
  splitting: true,
  treeshake: true,
  tsconfig: "tsconfig.json",
};

export default defineConfig([
  // Cleans dist/ but leaves dist/esm/ to the other build, which runs at the same time.
  { ...shared, format: ["cjs"], dts: true, outDir: "dist", clean: ["!esm/**"] },
  { ...shared, format: ["esm"], outDir: "dist/esm", clean: true },
]);
