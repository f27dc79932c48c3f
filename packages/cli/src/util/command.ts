/**
 * Helpers the command registrations share: lazy actions (a command's implementation is imported
 * only when it runs) and help examples.
 */
import type { Command } from "commander";
import type { Context } from "../context.js";

/** A command's implementation: positional arguments, then the command's own options. */
export type Run<Args extends unknown[] = string[], Options = Record<string, unknown>> = (
  ctx: Context,
  args: Args,
  options: Options,
) => Promise<number | void>;

/**
 * An action that imports the command's module when it runs, builds the context and runs it.
 * Failures are reported by the program (bin.ts), once, in the output format asked for.
 */
export function lazy<Args extends unknown[], Options>(load: () => Promise<{ run: Run<Args, Options> }>) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params.at(-1) as Command;
    const args = params.slice(0, -2) as Args;
    const [{ Context }, { run }] = await Promise.all([import("../context.js"), load()]);
    const code = await run(Context.of(command), args, command.opts() as Options);
    if (typeof code === "number") process.exitCode = code;
  };
}

/**
 * Whether a command group will be needed: its subcommands are registered only then, so that
 * start-up does not build the whole tree to run one command (or to print the top-level help).
 */
export type Wanted = (group: Command) => boolean;

/** An "Examples:" section for a command's --help. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join("\n")}`;
}
