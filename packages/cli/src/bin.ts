/**
 * The `airbyte-ts` command line: builds the command tree (program.ts), runs the command, and
 * reports any failure as one line (or one JSON object with --json) and a documented exit code.
 */
import { type Command, CommanderError } from "commander";
import { buildProgram } from "./program.js";
import { CliError, EXIT, toCliError } from "./util/errors.js";

const argv = process.argv.slice(2);
const program = buildProgram(argv);

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = await report(error);
}
// An idle keep-alive socket must not hold the process once the command is done.
setTimeout(() => process.exit(), 200).unref();

async function report(error: unknown): Promise<number> {
  const json = argv.includes("--json") || /(?:^|\s)--format(?:=|\s+)json(?:\s|$)/.test(argv.join(" "));
  const debug = argv.includes("--debug");
  if (error instanceof CommanderError) {
    if (error.exitCode === 0 || error.code === "commander.helpDisplayed" || error.code === "commander.version") {
      return EXIT.ok;
    }
    if (error.code === "commander.help") return EXIT.usage; // a group without its subcommand: help went to stderr
    const message = capitalize(
      error.message
        .replace(/^error: /, "")
        .replaceAll("\n", " ")
        .trim(),
    ).replace(/\.?\s*\(Did you mean (.*)\?\)$/, ". Did you mean $1?");
    const cliError = new CliError(/[.?]$/.test(message) ? message : `${message}.`, EXIT.usage, {
      code: "usage",
      hint: `See: ${commandPath(argv)} --help`,
    });
    return emit(cliError, json, debug);
  }
  return emit(await toCliError(error), json, debug);
}

async function emit(error: CliError, json: boolean, debug: boolean): Promise<number> {
  const { Output } = await import("./output/output.js");
  new Output({ json }).error(error, debug);
  return error.exitCode;
}

/** The command the arguments name, as far as it goes (`airbyte-ts connections list`); option values are skipped. */
function commandPath(argv: string[]): string {
  let command: Command = program;
  const names = ["airbyte-ts"];
  const takesValue = (flag: string) =>
    [...command.options, ...program.options].some(
      (option) => (option.long === flag || option.short === flag) && (option.required || option.optional),
    );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") break;
    if (arg.startsWith("-")) {
      if (!arg.includes("=") && takesValue(arg)) i += 1;
      continue;
    }
    const sub = command.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) break;
    command = sub;
    names.push(sub.name());
  }
  return names.join(" ");
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
