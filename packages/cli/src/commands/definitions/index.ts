import type { Command } from "commander";
import { examples, lazy, type Wanted } from "../../util/command.js";

const FOR_DESTINATIONS = "custom destination definitions (Docker images) instead of source definitions";
const TYPE = "yaml (declarative manifest) or docker; default: found by id";

/** `airbyte-ts definitions ...` */
export function registerDefinitions(program: Command, wanted: Wanted = () => true): void {
  const definitions = program
    .command("definitions")
    .alias("definition")
    .description("custom connector definitions: declarative (YAML) sources, Docker sources and destinations")
    .addHelpText(
      "after",
      examples(
        'airbyte-ts definitions publish "My API" --manifest manifest.yaml',
        "airbyte-ts definitions list",
        "airbyte-ts definitions list --destination",
      ),
    );
  if (!wanted(definitions)) return; // another command runs: its subcommands need not exist

  definitions
    .command("publish")
    .argument("<name>", "the definition's name")
    .option("--manifest <file>", "a declarative manifest (YAML or JSON, - for stdin): a YAML source definition")
    .option("--docker-image <repository>", "a Docker image repository, e.g. acme/source-things: a Docker definition")
    .option("--docker-tag <tag>", "with --docker-image: the image tag")
    .option("--documentation-url <url>", "with --docker-image: where the connector is documented")
    .option("--testing-values <file>", "with --manifest: the Connector Builder's testing values (JSON or YAML)")
    .option("--destination", FOR_DESTINATIONS)
    .option("--allow-duplicate", "publish even when a definition of the same type has this name")
    .option("--no-validate", "with --manifest: send the manifest without checking it first")
    .description("publish a custom definition: a manifest (sources), or a Docker image (sources, destinations)")
    .addHelpText(
      "after",
      examples(
        'airbyte-ts definitions publish "My API" --manifest manifest.yaml',
        'airbyte-ts definitions publish "Things" --docker-image acme/source-things --docker-tag 1.0.0',
        'airbyte-ts definitions publish "Sink" --destination --docker-image acme/destination-sink --docker-tag 0.3.1',
      ),
    )
    .action(lazy(() => import("./publish.js")));

  definitions
    .command("list")
    .option("--type <type>", "yaml or docker (default: both, for sources)")
    .option("--destination", FOR_DESTINATIONS)
    .description("the workspace's custom definitions")
    .addHelpText("after", examples("airbyte-ts definitions list", "airbyte-ts definitions list --type yaml --json"))
    .action(lazy(() => import("./list.js")));

  definitions
    .command("get")
    .argument("<definition-id>")
    .option("--type <type>", TYPE)
    .option("--destination", FOR_DESTINATIONS)
    .option("--manifest", "print only the manifest of a YAML definition (JSON, or YAML with --format yaml)")
    .description("a custom definition's details")
    .addHelpText(
      "after",
      examples("airbyte-ts definitions get 7a3e...", "airbyte-ts definitions get 7a3e... --manifest --format yaml"),
    )
    .action(lazy(() => import("./get.js")));

  definitions
    .command("update")
    .argument("<definition-id>")
    .option("--manifest <file>", "YAML definitions: the new manifest (YAML or JSON, - for stdin)")
    .option("--docker-tag <tag>", "Docker definitions: the new image tag")
    .option("--type <type>", TYPE)
    .option("--destination", FOR_DESTINATIONS)
    .option("--no-validate", "with --manifest: send the manifest without checking it first")
    .description("publish a new manifest (YAML) or image tag (Docker)")
    .addHelpText(
      "after",
      examples(
        "airbyte-ts definitions update 7a3e... --manifest manifest.yaml",
        "airbyte-ts definitions update 9c0f... --docker-tag 1.1.0",
      ),
    )
    .action(lazy(() => import("./update.js")));

  definitions
    .command("delete")
    .argument("<definition-id>")
    .option("--type <type>", TYPE)
    .option("--destination", FOR_DESTINATIONS)
    .option("-y, --yes", "do not ask for confirmation")
    .option("--unsafe", "delete even when the name does not contain delete-me or deleteme")
    .description("delete a custom definition (safe mode: only names containing delete-me, unless --unsafe)")
    .addHelpText(
      "after",
      examples("airbyte-ts definitions delete 7a3e...", "airbyte-ts definitions delete 7a3e... --yes --unsafe"),
    )
    .action(lazy(() => import("./delete.js")));
}
