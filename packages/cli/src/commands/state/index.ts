import type { Command } from "commander";
import { examples, lazy, type Wanted } from "../../util/command.js";

/** `airbyte-ts state ...` (Config API) */
export function registerState(program: Command, wanted: Wanted = () => true): void {
  const state = program
    .command("state")
    .description(
      "a connection's state (cursors and checkpoints): back it up, restore it, edit one stream's (Config API)",
    )
    .addHelpText(
      "after",
      examples("airbyte-ts state dump 5f1d... -o state.json", "airbyte-ts state import 5f1d... state.json"),
    );
  if (!wanted(state)) return; // another command runs: its subcommands need not exist

  state
    .command("dump")
    .argument("<connection>", "connection id or exact name")
    .option("--raw", "as the Config API returns it, instead of Airbyte protocol state messages")
    .option("-o, --output <file>", "write it to this file instead of stdout")
    .description("print a connection's state, as Airbyte protocol state messages (JSON)")
    .addHelpText(
      "after",
      examples("airbyte-ts state dump 5f1d...", "airbyte-ts state dump 5f1d... --raw -o backup.json"),
    )
    .action(lazy(() => import("./dump.js")));

  state
    .command("import")
    .argument("<connection>", "connection id or exact name")
    .argument("<file>", "protocol state messages or a Config API state: JSON or YAML, - for stdin")
    .option("-y, --yes", "do not ask for confirmation")
    .description("replace a connection's whole state (refused while a sync runs)")
    .addHelpText(
      "after",
      examples(
        "airbyte-ts state import 5f1d... state.json",
        "airbyte-ts state dump A | airbyte-ts state import B - --yes",
      ),
    )
    .action(lazy(() => import("./import.js")));

  state
    .command("get-stream")
    .argument("<connection>", "connection id or exact name")
    .argument("<stream>", "stream name")
    .option("--namespace <namespace>", "the stream's namespace, when it has one")
    .description("one stream's state (JSON; null when it has none)")
    .addHelpText("after", examples("airbyte-ts state get-stream 5f1d... users"))
    .action(lazy(() => import("./get-stream.js")));

  state
    .command("set-stream")
    .argument("<connection>", "connection id or exact name")
    .argument("<stream>", "stream name")
    .argument("[file]", "the stream's new state: a JSON or YAML file, - for stdin")
    .option("--state <json>", "the new state inline, instead of a file")
    .option("--namespace <namespace>", "the stream's namespace, when it has one")
    .option("-y, --yes", "do not ask for confirmation")
    .description("replace one stream's state, keeping the others'")
    .addHelpText(
      "after",
      examples(`airbyte-ts state set-stream 5f1d... users --state '{"updated_at": "2024-01-01T00:00:00Z"}'`),
    )
    .action(lazy(() => import("./set-stream.js")));
}
