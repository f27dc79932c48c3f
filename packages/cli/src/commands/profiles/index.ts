import type { Command } from "commander";
import { examples, lazy, type Wanted } from "../../util/command.js";

/** `airbyte-ts profiles ...` */
export function registerProfiles(program: Command, wanted: Wanted = () => true): void {
  const profiles = program
    .command("profiles")
    .alias("profile")
    .description(
      "the saved profiles (API URL, credentials, workspace): list, show, switch, delete; secrets never shown",
    )
    .addHelpText("after", examples("airbyte-ts profiles list", "airbyte-ts profiles use staging"));
  if (!wanted(profiles)) return; // another command runs: its subcommands need not exist

  profiles
    .command("list")
    .description("every profile, the active one marked")
    .addHelpText("after", examples("airbyte-ts profiles list", "airbyte-ts profiles list --json"))
    .action(lazy(() => import("./list.js")));

  profiles
    .command("show")
    .argument("[name]", "default: the profile in use")
    .description("a profile's settings (secrets masked) and where the file is")
    .addHelpText("after", examples("airbyte-ts profiles show", "airbyte-ts profiles show staging --json"))
    .action(lazy(() => import("./show.js")));

  profiles
    .command("use")
    .argument("<name>")
    .description("make a profile the active one")
    .addHelpText("after", examples("airbyte-ts profiles use staging"))
    .action(lazy(() => import("./use.js")));

  profiles
    .command("delete")
    .argument("<name>")
    .option("-y, --yes", "do not ask for confirmation")
    .description("delete a profile and its saved credentials")
    .addHelpText("after", examples("airbyte-ts profiles delete staging", "airbyte-ts profiles delete staging --yes"))
    .action(lazy(() => import("./delete.js")));
}
