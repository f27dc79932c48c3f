import type { Command } from "commander";
import { examples, lazy } from "../../util/command.js";

/** `airbyte-ts demo` */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "a local Airbyte in memory, a Faker source synced to DuckDB with its progress, and the first users read back",
    )
    .option("--count <n>", "Faker users to generate (products and purchases follow)", "10000")
    .option("--local-dir <dir>", "where the DuckDB file goes (Airbyte's /local; default <tmp>/airbyte_local)")
    .addHelpText("after", examples("airbyte-ts demo", "airbyte-ts demo --count 100000"))
    .action(lazy(() => import("./run.js")));
}
