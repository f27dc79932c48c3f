/**
 * The `airbyte-ts` command line. Commands are registered here with their help text; their
 * implementations are imported only when they run, so `--help` stays fast.
 */
import { Command, CommanderError } from "commander";
import { registerLocal } from "./commands/local/index.js";
import { EXIT, exitCodeOf, reportError } from "./util/errors.js";
import { VERSION } from "./version.js";

const program = new Command()
  .name("airbyte-ts")
  .description("Control Airbyte Cloud, OSS and Enterprise, and run a local Airbyte.")
  .version(VERSION, "-v, --version")
  .option("--debug", "show stack traces of unexpected errors")
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

registerLocal(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage mistakes exit 2 (commander already printed the message).
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    reportError(error, { debug: program.opts<{ debug?: boolean }>().debug === true });
    process.exitCode = exitCodeOf(error);
  }
}
