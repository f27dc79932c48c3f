/**
 * Questions to a person at a terminal, on stderr, with node:readline. Callers ask only when
 * `output.interactive`; without a terminal the CLI never prompts, it names the flag to pass.
 * Ctrl-C at a question answers `interrupted`.
 */
import { createInterface } from "node:readline";
import { CliError, EXIT } from "../util/errors.js";

export type Answer<T> = { kind: "answer"; value: T } | { kind: "interrupted" };

interface Terminal {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stderr: NodeJS.WritableStream;
}

const terminal = (): Terminal => ({ stdin: process.stdin, stderr: process.stderr });

/** One line of text; `fallback` when the answer is empty. */
export function ask(question: string, fallback?: string, io: Terminal = terminal()): Promise<Answer<string>> {
  const suffix = fallback ? ` (${fallback})` : "";
  return questionOnce(`${question}${suffix}: `, fallback ?? "", (text) => text.trim() || fallback || "", io);
}

/** Yes or no; anything but y/yes is no, so the default is always No. */
export function confirm(question: string, io: Terminal = terminal()): Promise<Answer<boolean>> {
  return questionOnce(`${question} [y/N] `, false, (text) => /^y(es)?$/i.test(text.trim()), io);
}

/**
 * Asks once and settles once: the parsed answer, `onClose` when the input ends first, or
 * `interrupted` on Ctrl-C.
 */
function questionOnce<T>(prompt: string, onClose: T, parse: (text: string) => T, io: Terminal): Promise<Answer<T>> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
    let settled = false;
    const settle = (answer: Answer<T>) => {
      if (settled) return;
      settled = true;
      rl.close();
      resolve(answer);
    };
    rl.on("SIGINT", () => {
      io.stderr.write("\n");
      settle({ kind: "interrupted" });
    });
    rl.on("close", () => settle({ kind: "answer", value: onClose }));
    rl.question(prompt, (text) => settle({ kind: "answer", value: parse(text) }));
  });
}

/** A secret, typed without echo. */
export function askSecret(question: string, io: Terminal = terminal()): Promise<Answer<string>> {
  const { stdin, stderr } = io;
  return new Promise((resolve) => {
    stderr.write(`${question}: `);
    let value = "";
    const wasRaw = (stdin as { isRaw?: boolean }).isRaw === true;
    stdin.setRawMode?.(true);
    stdin.resume();
    const finish = (answer: Answer<string>) => {
      stdin.removeListener("data", onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      stderr.write("\n");
      resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\u0003") return finish({ kind: "interrupted" });
        if (char === "\r" || char === "\n" || char === "\u0004") return finish({ kind: "answer", value: value.trim() });
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else if (char >= " ") value += char;
      }
    };
    stdin.on("data", onData);
  });
}

/**
 * Asks before something that cannot be undone: `what` is the action ("Delete connection 'x'").
 * `--yes` skips the question; without a terminal the command fails naming `--yes`; a No (or
 * Ctrl-C) stops the command before anything happens.
 */
export async function confirmOrFail(
  what: string,
  options: { yes?: boolean | undefined; interactive: boolean; irreversible?: boolean },
  io?: Terminal,
): Promise<void> {
  if (options.yes) return;
  if (!options.interactive) {
    throw new CliError(`Refusing to ${lowerFirst(what)} without confirmation.`, EXIT.usage, {
      code: "confirmation_required",
      hint: "Pass --yes to go ahead without a terminal.",
    });
  }
  const answer = await confirm(`${what}?${options.irreversible === false ? "" : " This cannot be undone."}`, io);
  if (answer.kind === "interrupted") throw new CliError("Interrupted; nothing was changed.", EXIT.interrupted);
  if (!answer.value) throw new CliError("Not confirmed; nothing was changed.", EXIT.usage, { code: "not_confirmed" });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
