/**
 * Sources and destinations have the same commands; this registers them for one kind, and each
 * verb's module (`./list.ts`, ...) implements it for both.
 */
import type { Command } from "commander";
import { examples, lazy, type Run, type Wanted } from "../../util/command.js";

export type ConnectorKind = "source" | "destination";

export function registerConnectors(program: Command, kind: ConnectorKind, wanted: Wanted = () => true): void {
  const plural = `${kind}s`;
  const load = <A extends unknown[], O>(module: () => Promise<{ runFor(kind: ConnectorKind): Run<A, O> }>) =>
    lazy(async () => ({ run: (await module()).runFor(kind) }));
  const sample =
    kind === "source"
      ? { type: "faker", file: "faker.json", name: "Sample Data" }
      : { type: "duckdb", file: "duckdb.json", name: "Warehouse" };

  const group = program
    .command(plural)
    .alias(kind)
    .description(`list, inspect, create, update, check and delete ${plural}`)
    .addHelpText("after", examples(`airbyte-ts ${plural} list`, `airbyte-ts ${plural} check "${sample.name}"`));
  if (!wanted(group)) return; // another command runs: its subcommands need not exist

  group
    .command("list")
    .description(`the workspace's ${plural}`)
    .option("--name <name>", "only those with exactly this name")
    .option("--limit <n>", "at most this many")
    .addHelpText(
      "after",
      examples(`airbyte-ts ${plural} list`, `airbyte-ts ${plural} list --json --fields ${kind}Id,name`),
    )
    .action(load(() => import("./list.js")));

  group
    .command("get")
    .argument(`<${kind}>`, `${kind} id or exact name`)
    .description(`a ${kind}'s details and configuration (secrets masked)`)
    .addHelpText(
      "after",
      examples(`airbyte-ts ${plural} get "${sample.name}"`, `airbyte-ts ${plural} get 2b7e... --json`),
    )
    .action(load(() => import("./get.js")));

  group
    .command("create")
    .argument("<name>", `the new ${kind}'s name`)
    .requiredOption(
      "--config <file>",
      `the configuration: a JSON or YAML file, - for stdin (with ${kind}Type unless --definition)`,
    )
    .option("--type <type>", `the connector, e.g. ${sample.type} (sets ${kind}Type in the configuration)`)
    .option("--definition <id>", "the connector definition's id (for custom connectors)")
    .option("--allow-duplicate", `create it even when a ${kind} has this name`)
    .description(`create a ${kind}`)
    .addHelpText(
      "after",
      examples(
        `airbyte-ts ${plural} create "${sample.name}" --type ${sample.type} --config ${sample.file}`,
        `echo '{"${kind}Type": "${sample.type}"}' | airbyte-ts ${plural} create "${sample.name}" --config -`,
      ),
    )
    .action(load(() => import("./create.js")));

  group
    .command("rename")
    .argument(`<${kind}>`, `${kind} id or exact name`)
    .argument("<name>", "the new name")
    .description(`rename a ${kind}`)
    .addHelpText("after", examples(`airbyte-ts ${plural} rename 2b7e... "${sample.name} (old)"`))
    .action(load(() => import("./rename.js")));

  group
    .command("update")
    .argument(`<${kind}>`, `${kind} id or exact name`)
    .requiredOption("--config <file>", "the whole new configuration: a JSON or YAML file, - for stdin")
    .description(`replace a ${kind}'s configuration (masked secrets sent back keep their stored values)`)
    .addHelpText("after", examples(`airbyte-ts ${plural} update 2b7e... --config ${sample.file}`))
    .action(load(() => import("./update.js")));

  group
    .command("check")
    .argument(`<${kind}>`, `${kind} id or exact name`)
    .description(`run the ${kind}'s connection check (exit 1 when it fails)`)
    .addHelpText("after", examples(`airbyte-ts ${plural} check "${sample.name}"`))
    .action(load(() => import("./check.js")));

  group
    .command("delete")
    .argument(`<${kind}>`, `${kind} id or exact name`)
    .option("-y, --yes", "do not ask for confirmation")
    .option("--unsafe", "delete even when the name does not contain delete-me or deleteme")
    .description(`delete a ${kind} (safe mode: only names containing delete-me, unless --unsafe)`)
    .addHelpText(
      "after",
      examples(`airbyte-ts ${plural} delete 2b7e...`, `airbyte-ts ${plural} delete 2b7e... --yes --unsafe`),
    )
    .action(load(() => import("./delete.js")));
}
