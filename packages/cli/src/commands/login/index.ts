import type { Command } from "commander";
import { examples, lazy } from "../../util/command.js";

/** `airbyte-ts login` */
export function registerLogin(program: Command): void {
  program
    .command("login")
    .description("check an application's client credentials and save them in a profile, which becomes the active one")
    .option("--client-secret-stdin", "read the client secret from stdin (keeps it out of the shell history)")
    .addHelpText(
      "after",
      examples(
        "airbyte-ts login",
        "airbyte-ts login --api-url http://localhost:8000 --client-id 1b2c... --client-secret-stdin < secret.txt",
        "AIRBYTE_CLIENT_ID=... AIRBYTE_CLIENT_SECRET=... airbyte-ts login --profile ci --workspace 3f8c...",
      ) +
        "\n\nThe profile is --profile NAME, else the active one, else 'default'; it keeps the API URL and a workspace\n" +
        "too. On a terminal, what is not given is asked for (the secret without echo). The config file is\n" +
        "$AIRBYTE_TS_CONFIG_DIR/config.json, else $XDG_CONFIG_HOME/airbyte-ts/config.json, else\n" +
        "~/.config/airbyte-ts/config.json, written with mode 0600.",
    )
    .action(lazy(() => import("./login.js")));
}
