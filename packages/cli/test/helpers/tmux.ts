/**
 * A real pseudo-terminal for the CLI: a tmux session on a socket of its own, driven with
 * `send-keys` and read with `capture-pane`. Tests that need it skip when tmux is missing (fail under CI)
 * (.ci/run installs it).
 */
import { spawnSync } from "node:child_process";
import { eventually, has } from "@airbyte-ts/test-support";
import { bin, type Env } from "./cli.js";

export const tmuxAvailable = has("tmux");

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/** Runs tmux on the socket; a tmux that cannot run or refuses throws with what it said. */
function tmux(socket: string, args: string[]): string {
  const result = spawnSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`tmux ${args[0]} failed (${result.status}): ${result.stderr.trim()}`);
  return result.stdout;
}

let sessions = 0;

export class Terminal {
  readonly #socket: string;
  readonly #name: string;

  private constructor(socket: string, name: string) {
    this.#socket = socket;
    this.#name = name;
  }

  /** Runs `airbyte-ts <args>` in a new 160x40 terminal; the pane stays after it exits, showing `[exit N]`. */
  static start(args: string[], env: Env): Terminal {
    sessions += 1;
    const socket = `airbyte-ts-test-${process.pid}-${sessions}`;
    const name = `cli${sessions}`;
    const assignments = Object.entries({ PATH: process.env.PATH, TERM: "xterm-256color", LANG: "C.UTF-8", ...env })
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${quote(value as string)}`)
      .join(" ");
    const command = `env -i ${assignments} ${quote(process.execPath)} ${quote(bin)} ${args.map(quote).join(" ")}; echo "[exit $?]"; sleep 600`;
    tmux(socket, ["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "160", "-y", "40", command]);
    return new Terminal(socket, name);
  }

  /** What the terminal shows now (trailing blank lines dropped); with `escapes`, its colours as escape sequences. */
  screen(options: { escapes?: boolean } = {}): string {
    const capture = ["capture-pane", "-p", ...(options.escapes ? ["-e"] : []), "-t", this.#name];
    return tmux(this.#socket, capture).replace(/\s+$/, "");
  }

  /** Keys as tmux names them: `C-c`, `Enter`, or literal text. */
  send(...keys: string[]): void {
    tmux(this.#socket, ["send-keys", "-t", this.#name, ...keys]);
  }

  /** Types text literally (no key names). */
  type(text: string): void {
    tmux(this.#socket, ["send-keys", "-l", "-t", this.#name, text]);
  }

  /** Waits until the screen matches, and returns it. */
  waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    return eventually(
      () => {
        const screen = this.screen();
        if (!pattern.test(screen)) throw new Error(`the terminal never showed ${pattern}; it shows:\n${screen}`);
        return screen;
      },
      { timeoutMs, intervalMs: 100 },
    );
  }

  close(): void {
    spawnSync("tmux", ["-L", this.#socket, "kill-server"], { stdio: "ignore" });
  }
}
