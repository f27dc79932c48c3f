import type { KnipConfig } from "knip";

// Unused files, exports and dependencies. Entry points: each package's exports and bin (knip reads
// them from package.json and the tsup configs, which also name the sync worker), the tests and
// their fixtures, the codegen and build scripts, the bench and the examples. Exports of an entry
// are the public API and never reported.
const config: KnipConfig = {
  workspaces: {
    ".": {
      entry: ["scripts/**/*.mjs", "bench/*.ts", "examples/*.ts", "test/**/*.test.ts"],
      project: ["scripts/**/*.mjs", "bench/**/*.ts", "examples/**/*.ts", "test/**/*.ts"],
      // bench/local-server.ts runs autocannon's script in a child process (require.resolve), unseen by knip.
      ignoreDependencies: ["autocannon"],
    },
    "packages/sdk": {
      entry: ["src/entries/*.ts", "scripts/*.mjs", "test/**/*.test.ts"],
      project: ["src/**/*.ts", "scripts/**/*.mjs", "test/**/*.ts"],
    },
    "packages/local": {
      entry: ["test/**/*.test.ts", "test/fixtures/**/*.mjs"],
      project: ["src/**/*.ts", "test/**/*.ts", "test/**/*.mjs"],
    },
    "packages/cli": {
      entry: ["bin/*.js", "test/**/*.test.ts"],
      project: ["src/**/*.ts", "bin/*.js", "test/**/*.ts"],
    },
    "packages/mcp": {
      entry: ["bin/*.js", "test/**/*.test.ts"],
      project: ["src/**/*.ts", "bin/*.js", "test/**/*.ts"],
    },
    // Its package.json exports are its entries; global-setup.ts is the root vitest config's.
    "packages/test-support": {
      project: ["src/**/*.ts"],
    },
  },
  rules: {
    // The SDK imports its optional peers (yaml, the warehouse drivers) on demand, by design.
    optionalPeerDependencies: "off",
  },
};

export default config;
