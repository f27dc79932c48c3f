import type { Command } from "commander";
import { examples, lazy, type Wanted } from "../../util/command.js";

/** `airbyte-ts catalog ...` (Config API) */
export function registerCatalog(program: Command, wanted: Wanted = () => true): void {
  const catalog = program
    .command("catalog")
    .description(
      "a connection's configured catalog (streams, sync modes, cursors, keys): back it up, restore it (Config API)",
    )
    .addHelpText(
      "after",
      examples("airbyte-ts catalog dump 5f1d... -o catalog.json", "airbyte-ts catalog import 5f1d... catalog.json"),
    );
  if (!wanted(catalog)) return; // another command runs: its subcommands need not exist

  catalog
    .command("dump")
    .argument("<connection>", "connection id or exact name")
    .option("--raw", "as the Config API's syncCatalog, instead of an Airbyte protocol configured catalog")
    .option("-o, --output <file>", "write it to this file instead of stdout")
    .description("print a connection's configured catalog (JSON)")
    .addHelpText(
      "after",
      examples("airbyte-ts catalog dump 5f1d...", "airbyte-ts catalog dump 5f1d... --raw -o catalog.json"),
    )
    .action(lazy(() => import("./dump.js")));

  catalog
    .command("import")
    .argument("<connection>", "connection id or exact name")
    .argument("<file>", "a protocol configured catalog or a Config API syncCatalog: JSON or YAML, - for stdin")
    .option("-y, --yes", "do not ask for confirmation")
    .description("replace a connection's configured catalog (without resetting its data)")
    .addHelpText(
      "after",
      examples(
        "airbyte-ts catalog import 5f1d... catalog.json",
        "airbyte-ts catalog dump A | airbyte-ts catalog import B - --yes",
      ),
    )
    .action(lazy(() => import("./import.js")));
}
