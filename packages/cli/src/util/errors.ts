/** Exit codes and one-line error reports: stack traces only with --debug. */

/** Documented, stable exit codes. */
export const EXIT = {
  ok: 0,
  /** Anything else: an unexpected error, or an API error without a more specific code. */
  error: 1,
  /** Unknown command or option, missing argument. */
  usage: 2,
  /** Bad configuration: invalid option values, unreadable files, a port in use. */
  config: 3,
} as const;

/** An error the CLI explains itself: a message and an exit code, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.error,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export function exitCodeOf(error: unknown): number {
  return error instanceof CliError ? error.exitCode : EXIT.error;
}

export function reportError(error: unknown, { debug }: { debug: boolean }): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`airbyte-ts: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
}
