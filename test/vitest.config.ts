import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The slow tests of the repository as a whole (`npm run test:packed`), kept out of `npm test`.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
