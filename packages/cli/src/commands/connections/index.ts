import type { Command } from "commander";
import { examples, lazy, type Wanted } from "../../util/command.js";

/** `airbyte-ts connections ...` */
export function registerConnections(program: Command, wanted: Wanted = () => true): void {
  const connections = program
    .command("connections")
    .alias("connection")
    .description("list, inspect, create, change and delete connections (a source synced to a destination)")
    .addHelpText(
      "after",
      examples("airbyte-ts connections list", 'airbyte-ts connections schedule "Faker to DuckDB" "0 6 * * *"'),
    );
  if (!wanted(connections)) return; // another command runs: its subcommands need not exist

  connections
    .command("list")
    .description("the workspace's connections")
    .option("--name <name>", "only those with exactly this name")
    .option("--limit <n>", "at most this many")
    .addHelpText(
      "after",
      examples("airbyte-ts connections list", "airbyte-ts connections list --json --fields connectionId,name,status"),
    )
    .action(lazy(() => import("./list.js")));

  connections
    .command("get")
    .argument("<connection>", "connection id or exact name")
    .description("a connection's details")
    .addHelpText(
      "after",
      examples('airbyte-ts connections get "Faker to DuckDB"', "airbyte-ts connections get 5f1d... --json"),
    )
    .action(lazy(() => import("./get.js")));

  connections
    .command("create")
    .argument("<name>", "the new connection's name")
    .requiredOption("--source <source>", "source id or exact name")
    .requiredOption("--destination <destination>", "destination id or exact name")
    .requiredOption("--streams <streams>", "the streams to sync, comma-separated")
    .option("--prefix <prefix>", "prefix of the destination tables")
    .option("--schedule <cron>", "sync on this cron schedule (5-field Unix or Quartz); default manual")
    .description("connect a source to a destination")
    .addHelpText(
      "after",
      examples(
        'airbyte-ts connections create "Faker to DuckDB" --source "Sample Data" --destination DuckDB --streams users,products',
      ),
    )
    .action(lazy(() => import("./create.js")));

  connections
    .command("rename")
    .argument("<connection>", "connection id or exact name")
    .argument("<name>", "the new name")
    .description("rename a connection")
    .addHelpText("after", examples('airbyte-ts connections rename 5f1d... "Faker to DuckDB (nightly)"'))
    .action(lazy(() => import("./rename.js")));

  connections
    .command("enable")
    .argument("<connection>", "connection id or exact name")
    .description("activate a connection: its schedule runs again")
    .addHelpText("after", examples("airbyte-ts connections enable 5f1d..."))
    .action(lazy(() => import("./enable.js")));

  connections
    .command("disable")
    .argument("<connection>", "connection id or exact name")
    .description("deactivate a connection: no scheduled syncs")
    .addHelpText("after", examples("airbyte-ts connections disable 5f1d..."))
    .action(lazy(() => import("./disable.js")));

  connections
    .command("schedule")
    .argument("<connection>", "connection id or exact name")
    .argument("[cron]", 'a cron expression: 5-field Unix ("0 6 * * *") or Quartz ("0 0 6 * * ?")')
    .option("--manual", "sync only when asked")
    .description("show or set when a connection syncs")
    .addHelpText(
      "after",
      examples(
        "airbyte-ts connections schedule 5f1d...",
        'airbyte-ts connections schedule 5f1d... "0 6 * * *"',
        "airbyte-ts connections schedule 5f1d... --manual",
      ),
    )
    .action(lazy(() => import("./schedule.js")));

  connections
    .command("streams")
    .argument("<connection>", "connection id or exact name")
    .option("--set <streams>", "select exactly these streams (comma-separated)")
    .option("--add <streams>", "select these streams too")
    .option("--remove <streams>", "stop syncing these streams")
    .description("show or change the streams a connection syncs")
    .addHelpText(
      "after",
      examples("airbyte-ts connections streams 5f1d...", "airbyte-ts connections streams 5f1d... --add purchases"),
    )
    .action(lazy(() => import("./streams.js")));

  connections
    .command("prefix")
    .argument("<connection>", "connection id or exact name")
    .argument("[prefix]", 'the new prefix of destination tables ("" for none)')
    .description("show or set the prefix of a connection's destination tables")
    .addHelpText(
      "after",
      examples("airbyte-ts connections prefix 5f1d...", "airbyte-ts connections prefix 5f1d... faker_"),
    )
    .action(lazy(() => import("./prefix.js")));

  connections
    .command("delete")
    .argument("<connection>", "connection id or exact name")
    .option("--cascade-source", "delete its source too")
    .option("--cascade-destination", "delete its destination too")
    .option("-y, --yes", "do not ask for confirmation")
    .option("--unsafe", "delete even when a name does not contain delete-me or deleteme")
    .description("delete a connection (safe mode: only names containing delete-me, unless --unsafe)")
    .addHelpText(
      "after",
      examples(
        "airbyte-ts connections delete 5f1d...",
        "airbyte-ts connections delete 5f1d... --cascade-source --yes --unsafe",
      ),
    )
    .action(lazy(() => import("./delete.js")));
}
