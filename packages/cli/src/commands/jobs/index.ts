import type { Command } from "commander";
import { examples, lazy, type Wanted } from "../../util/command.js";

/** `airbyte-ts jobs ...` */
export function registerJobs(program: Command, wanted: Wanted = () => true): void {
  const jobs = program
    .command("jobs")
    .alias("job")
    .description("the workspace's jobs: list them, inspect one, read or follow its logs")
    .addHelpText("after", examples("airbyte-ts jobs list --status failed", "airbyte-ts jobs logs 42 --follow"));
  if (!wanted(jobs)) return; // another command runs: its subcommands need not exist

  jobs
    .command("list")
    .option("--connection <connection>", "only this connection's jobs (id or exact name)")
    .option(
      "--status <status>",
      "only jobs with this status: pending, running, incomplete, succeeded, failed, cancelled",
    )
    .option("--type <type>", "only jobs of this type: sync, reset, refresh, clear")
    .option("--since <time>", "only jobs created since: a date, a time or a duration ago (6h, 7d)")
    .option("--until <time>", "only jobs created until: a date, a time or a duration ago")
    .option("--limit <n>", "at most this many", "20")
    .option("--oldest-first", "oldest first (default newest first)")
    .description("jobs of the workspace, newest first")
    .addHelpText(
      "after",
      examples(
        "airbyte-ts jobs list",
        "airbyte-ts jobs list --connection 5f1d... --status failed --since 7d",
        "airbyte-ts jobs list --json --fields jobId,status,rowsSynced",
      ),
    )
    .action(lazy(() => import("./list.js")));

  jobs
    .command("get")
    .argument("<job-id>")
    .description("a job's status, counts and attempts")
    .addHelpText("after", examples("airbyte-ts jobs get 42", "airbyte-ts jobs get 42 --json"))
    .action(lazy(() => import("./get.js")));

  jobs
    .command("logs")
    .argument("<job-id>")
    .option("-f, --follow", "keep printing new lines until the job ends")
    .option("--attempt <n>", "only this attempt's log (from 0; default all)")
    .description("a job's log lines, attempt after attempt")
    .addHelpText(
      "after",
      examples("airbyte-ts jobs logs 42", "airbyte-ts jobs logs 42 --follow", "airbyte-ts jobs logs 42 --attempt 1"),
    )
    .action(lazy(() => import("./logs.js")));
}
