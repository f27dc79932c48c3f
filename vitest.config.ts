import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^airbyte-ts$/, replacement: src("./packages/sdk/src/index.ts") },
      { find: /^airbyte-ts\/api$/, replacement: src("./packages/sdk/src/entries/api.ts") },
      { find: /^airbyte-ts\/datasets$/, replacement: src("./packages/sdk/src/entries/datasets.ts") },
      { find: /^airbyte-ts\/config-as-code$/, replacement: src("./packages/sdk/src/entries/config-as-code.ts") },
      { find: /^@airbyte-ts\/local$/, replacement: src("./packages/local/src/index.ts") },
      { find: /^@airbyte-ts\/test-support$/, replacement: src("./packages/test-support/src/index.ts") },
      { find: /^@airbyte-ts\/test-support\/(.+)$/, replacement: src("./packages/test-support/src/$1.ts") },
    ],
  },
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    // Checks the suites' prerequisites once: under CI a missing one fails the run at once.
    globalSetup: ["./packages/test-support/src/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
