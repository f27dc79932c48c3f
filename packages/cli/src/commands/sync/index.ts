import type { Command } from "commander";
import { examples, lazy, type Wanted } from "../../util/command.js";

/** `airbyte-ts sync ...` */
export function registerSync(program: Command, wanted: Wanted = () => true): void {
  const sync = program
    .command("sync")
    .description("start a connection's sync, follow it, see how it went, cancel it")
    .addHelpText("after", examples("airbyte-ts sync run 5f1d... --wait", "airbyte-ts sync status 5f1d..."));
  if (!wanted(sync)) return; // another command runs: its subcommands need not exist

  sync
    .command("run")
    .argument("<connection>", "connection id or exact name")
    .option("--wait", "wait for the sync to finish, with its progress on a terminal (exit 6 if it fails)")
    .option("--timeout <duration>", "with --wait: give up after this long (90s, 15m, 2h; default 30m; exit 7)")
    .option("--if-running <what>", "when a sync is already running: fail, attach (follow it) or skip", "fail")
    .option("--cancel-on-interrupt", "with --wait: Ctrl-C cancels the job without asking")
    .option("--cancel-on-timeout", "with --wait: cancel the job when the timeout passes")
    .description("start a sync (and, with --wait, follow it to its end)")
    .addHelpText(
      "after",
      examples(
        "airbyte-ts sync run 5f1d...",
        'airbyte-ts sync run "Faker to DuckDB" --wait --timeout 15m',
        "airbyte-ts sync run 5f1d... --wait --if-running attach --json",
      ) +
        "\n\nWith --wait, Ctrl-C asks whether to cancel the job (or cancels it with --cancel-on-interrupt);\nwithout a terminal it leaves the job running.",
    )
    .action(lazy(() => import("./run.js")));

  sync
    .command("status")
    .argument("<connection>", "connection id or exact name")
    .option("--job <id>", "this job (default: the newest)")
    .description("the status and counts of a connection's newest (or given) sync job")
    .addHelpText("after", examples("airbyte-ts sync status 5f1d...", "airbyte-ts sync status 5f1d... --job 42 --json"))
    .action(lazy(() => import("./status.js")));

  sync
    .command("cancel")
    .argument("<connection>", "connection id or exact name")
    .option("--job <id>", "this job (default: the running one)")
    .description("cancel a connection's running sync")
    .addHelpText("after", examples("airbyte-ts sync cancel 5f1d...", "airbyte-ts sync cancel 5f1d... --job 42"))
    .action(lazy(() => import("./cancel.js")));
}
