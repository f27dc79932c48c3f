import type { Command } from "commander";
import { examples, lazy, type Wanted } from "../../util/command.js";

/** `airbyte-ts orgs ...` */
export function registerOrgs(program: Command, wanted: Wanted = () => true): void {
  const orgs = program
    .command("orgs")
    .alias("organizations")
    .description("the organizations of the user these credentials belong to")
    .addHelpText("after", examples("airbyte-ts orgs list", "airbyte-ts orgs get 1c2d... --json"));
  if (!wanted(orgs)) return; // another command runs: its subcommands need not exist

  orgs
    .command("list")
    .description("the user's organizations")
    .addHelpText("after", examples("airbyte-ts orgs list", "airbyte-ts orgs list --fields organizationId"))
    .action(lazy(() => import("./list.js")));

  orgs
    .command("get")
    .argument("[organization-id]", "default: --organization, AIRBYTE_ORGANIZATION_ID or the profile's")
    .option("--name <name>", "find the organization by its exact name instead")
    .description("an organization's details, with its billing status where these credentials may read it")
    .addHelpText("after", examples("airbyte-ts orgs get 1c2d...", 'airbyte-ts orgs get --name "Acme"'))
    .action(lazy(() => import("./get.js")));
}
