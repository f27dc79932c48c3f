/**
 * The command tree: global options, every command with its help text and examples. The
 * commands' implementations are imported only when they run (see util/command.ts `lazy`).
 */
import { Command, Option } from "commander";
import { registerCatalog } from "./commands/catalog/index.js";
import { registerConnections } from "./commands/connections/index.js";
import { registerDefinitions } from "./commands/definitions/index.js";
import { registerDemo } from "./commands/demo/index.js";
import { registerDestinations } from "./commands/destinations/index.js";
import { registerJobs } from "./commands/jobs/index.js";
import { registerLocal } from "./commands/local/index.js";
import { registerLogin } from "./commands/login/index.js";
import { registerMcp } from "./commands/mcp/index.js";
import { registerOrgs } from "./commands/orgs/index.js";
import { registerProfiles } from "./commands/profiles/index.js";
import { registerProject } from "./commands/project/index.js";
import { registerSources } from "./commands/sources/index.js";
import { registerState } from "./commands/state/index.js";
import { registerSync } from "./commands/sync/index.js";
import { registerWorkspaces } from "./commands/workspaces/index.js";
import { examples, type Wanted } from "./util/command.js";
import { VERSION } from "./version.js";

/**
 * The program. Given the command line's arguments, only the command groups they name get their
 * subcommands (the top-level help lists the groups alone); without, the whole tree is built.
 */
export function buildProgram(argv?: readonly string[]): Command {
  const program = new Command()
    .name("airbyte-ts")
    .description("Control Airbyte Cloud, OSS and Enterprise from a terminal or a script, and run a local Airbyte.")
    .version(VERSION, "-v, --version")
    .addOption(new Option("--json", "print JSON on stdout (same as --format json)"))
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "yaml"]))
    .option("--fields <fields>", "only these fields (comma-separated, dotted paths), e.g. connectionId,name")
    .option("--profile <name>", "use this profile of the config file (env: AIRBYTE_TS_PROFILE)")
    .option("-w, --workspace <id>", "workspace id (env: AIRBYTE_WORKSPACE_ID)")
    .option("--organization <id>", "organization id (env: AIRBYTE_ORGANIZATION_ID)")
    .option(
      "--api-url <url>",
      "public API root, or a self-managed Airbyte's address such as http://localhost:8000 (env: AIRBYTE_API_ROOT)",
    )
    .option("--config-api-url <url>", "Config API root when it cannot be derived (env: AIRBYTE_CONFIG_API_ROOT)")
    .option("--client-id <id>", "application client id (env: AIRBYTE_CLIENT_ID)")
    .option("--client-secret <secret>", "application client secret (env: AIRBYTE_CLIENT_SECRET)")
    .option("--bearer-token <token>", "a bearer token instead of client credentials (env: AIRBYTE_BEARER_TOKEN)")
    .option("--retries <n>", "retries of a failed request (default 4)")
    .option("--debug", "show stack traces and HTTP requests")
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .configureOutput({ outputError: () => {} })
    .exitOverride()
    .addHelpText(
      "after",
      `${examples(
        "airbyte-ts login",
        "airbyte-ts connections list",
        "airbyte-ts sync run 5f1d... --wait",
        "airbyte-ts jobs list --status failed --json",
        "airbyte-ts demo",
      )}

Settings come from flags, then the environment (AIRBYTE_*, AIRBYTE_CLOUD_*), then the active profile
(airbyte-ts profiles). Exit codes: 0 ok, 1 API error, 2 usage, 3 config, 4 auth, 5 network,
6 sync failed, 7 timeout, 130 interrupted.`,
    );

  const named = argv === undefined ? undefined : new Set(argv);
  const wanted: Wanted = (group) =>
    named === undefined || named.has(group.name()) || group.aliases().some((alias) => named.has(alias));
  registerWorkspaces(program, wanted);
  registerOrgs(program, wanted);
  registerSources(program, wanted);
  registerDestinations(program, wanted);
  registerConnections(program, wanted);
  registerSync(program, wanted);
  registerJobs(program, wanted);
  registerState(program, wanted);
  registerCatalog(program, wanted);
  registerDefinitions(program, wanted);
  registerLocal(program);
  registerDemo(program);
  registerLogin(program);
  registerProfiles(program, wanted);
  registerProject(program);
  registerMcp(program);

  return program;
}
