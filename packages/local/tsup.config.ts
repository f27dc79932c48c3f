import { defineConfig } from "tsup";

export default defineConfig({
  // The sync worker is its own entry: each attempt runs it in a child process.
  entry: { index: "src/index.ts", "sync-worker": "src/engine/sync/worker.ts" },
  format: ["esm"],
  dts: true,
  target: "node20",
  platform: "node",
  clean: true,
  sourcemap: true,
  // Dependencies stay external: better-sqlite3 is a native module, the others are resolved at run time.
  external: [/^[^./]/],
});
