import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm"],
  dts: true,
  target: "node20",
  platform: "node",
  clean: true,
  sourcemap: true,
  // Dependencies stay external: better-sqlite3 is a native module, the others are resolved at run time.
  external: [/^[^./]/],
});
