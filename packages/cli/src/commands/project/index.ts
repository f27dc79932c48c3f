import { type Command, Option } from "commander";
import { examples, lazy } from "../../util/command.js";

const files = (command: Command) =>
  command.option("-f, --file <file...>", "the project's YAML files (default: airbyte.yaml in this directory)");

const prune = () =>
  new Option(
    "--prune [scope]",
    "also delete: what the lock file manages and the files dropped (managed), or everything the files do not declare (all)",
  ).choices(["managed", "all"]);

/** `airbyte-ts validate`, `import`, `plan` and `apply`: a workspace declared in YAML files. */
export function registerProject(program: Command): void {
  files(program.command("validate"))
    .description("check the project's files (format, references, ${VAR}s) without asking any workspace")
    .addHelpText("after", examples("airbyte-ts validate", "airbyte-ts validate -f prod.yaml -f shared.yaml"))
    .action(lazy(() => import("./validate.js")));

  program
    .command("import")
    .option(
      "-o, --out <dir>",
      "the directory to write airbyte.yaml, manifests/ and the lock file in (default: this one)",
    )
    .option("--force", "overwrite files that exist")
    .description("write the project files of the workspace as it is (secrets as ${VAR}s to set) and its lock file")
    .addHelpText(
      "after",
      examples("airbyte-ts import -o infra/airbyte", "airbyte-ts import --workspace 5f1d... --force"),
    )
    .action(lazy(() => import("./import.js")));

  files(program.command("plan"))
    .addOption(prune())
    .option("--detailed-exitcode", "exit 0 when nothing would change, 2 when something would, 1 on any error")
    .option("--out <plan>", "also save the plan (no secret in it) for `airbyte-ts apply PLAN`")
    .description("show what apply would change in the workspace, per resource and per field")
    .addHelpText(
      "after",
      examples(
        "airbyte-ts plan",
        "airbyte-ts plan --detailed-exitcode --out plan.json",
        "airbyte-ts plan --prune --json",
      ) +
        "\n\nSecrets never appear: a changed one shows as (secret changed). The lock file beside the\nfirst file (.airbyte-ts/<workspace id>.lock.json) binds keys to ids: commit it.",
    )
    .action(lazy(() => import("./plan.js")));

  files(program.command("apply"))
    .argument("[plan]", "a plan saved with `plan --out`: applied only if the files and the workspace are as they were")
    .addOption(prune())
    .option("--allow-replace", "carry out replacements (they reset sync state and data)")
    .option("--target <address...>", "only these resources (KIND.KEY, e.g. connection.pg_to_bq)")
    .option("-y, --yes", "do not ask for confirmation")
    .description("make the workspace what the files say, after showing the plan")
    .addHelpText(
      "after",
      examples(
        "airbyte-ts apply",
        "airbyte-ts apply plan.json -f airbyte.yaml",
        "airbyte-ts apply --target source.pg_prod --yes",
      ),
    )
    .action(lazy(() => import("./apply.js")));
}
