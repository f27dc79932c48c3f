import type { Command } from "commander";
import { examples, lazy, type Wanted } from "../../util/command.js";

/** `airbyte-ts workspaces ...` */
export function registerWorkspaces(program: Command, wanted: Wanted = () => true): void {
  const workspaces = program
    .command("workspaces")
    .alias("workspace")
    .description("list, inspect, create, rename and delete workspaces; choose the one commands work in")
    .addHelpText("after", examples("airbyte-ts workspaces list", "airbyte-ts workspaces use 3f8c..."));
  if (!wanted(workspaces)) return; // another command runs: its subcommands need not exist

  workspaces
    .command("list")
    .description("workspaces these credentials can see (those of --organization when given)")
    .option("--name-contains <text>", "only names containing this text (any case)")
    .option("--limit <n>", "at most this many")
    .addHelpText(
      "after",
      examples("airbyte-ts workspaces list", "airbyte-ts workspaces list --name-contains prod --json"),
    )
    .action(lazy(() => import("./list.js")));

  workspaces
    .command("get")
    .argument("[workspace-id]", "default: the selected workspace")
    .description("a workspace's details")
    .addHelpText("after", examples("airbyte-ts workspaces get", "airbyte-ts workspaces get 3f8c... --json"))
    .action(lazy(() => import("./get.js")));

  workspaces
    .command("create")
    .argument("<name>", "the new workspace's name")
    .description("create a workspace (in --organization, or the default one)")
    .addHelpText("after", examples('airbyte-ts workspaces create "Analytics"'))
    .action(lazy(() => import("./create.js")));

  workspaces
    .command("rename")
    .argument("<workspace-id>")
    .argument("<name>", "the new name")
    .description("rename a workspace")
    .addHelpText("after", examples('airbyte-ts workspaces rename 3f8c... "Analytics (old)"'))
    .action(lazy(() => import("./rename.js")));

  workspaces
    .command("delete")
    .argument("<workspace-id>")
    .description("delete an empty workspace (safe mode: only names containing delete-me, unless --unsafe)")
    .option("-y, --yes", "do not ask for confirmation")
    .option("--unsafe", "delete even when the name does not contain delete-me or deleteme")
    .addHelpText(
      "after",
      examples("airbyte-ts workspaces delete 3f8c...", "airbyte-ts workspaces delete 3f8c... --yes --unsafe"),
    )
    .action(lazy(() => import("./delete.js")));

  workspaces
    .command("use")
    .argument("<workspace-id>")
    .description("make commands work in this workspace: saved in the profile in use")
    .addHelpText(
      "after",
      examples("airbyte-ts workspaces use 3f8c...", "airbyte-ts --profile staging workspaces use 9a1b..."),
    )
    .action(lazy(() => import("./use.js")));
}
