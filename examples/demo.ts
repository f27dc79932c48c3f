/**
 * The main demo (`npm start`, the same as `airbyte-ts demo`): a local Airbyte on loopback, a
 * Sample Data (Faker) source and a DuckDB destination, a connection between them, a sync followed
 * live to its end, and the first `users` rows read back from the DuckDB file the sync wrote.
 * The demo itself is packages/cli/src/commands/demo/demo.ts, written with the high-level API
 * (`CloudWorkspace`, `runSync`, `getDataset`): read it as the example.
 */
import { pathToFileURL } from "node:url";
import { type DemoOptions, runDemo } from "../packages/cli/src/commands/demo/demo.js";

export type { DemoOptions };

export function main(options: DemoOptions = {}): Promise<void> {
  return runDemo(options);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
