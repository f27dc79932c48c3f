/**
 * Progress of something long (a sync): on a terminal, one status line on stderr rewritten in
 * place with a spinner and the time elapsed; without one (a pipe, a CI log), a plain line now
 * and then, so a log shows a long sync moving without a line per poll; under --json, nothing.
 */
import { parseDuration } from "../util/input.js";
import { elapsed } from "./human.js";
import type { Output } from "./output.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** The shortest pause between two plain progress lines, as a duration (`10`, `10s`, `0.5`, `1m`). */
const PROGRESS_INTERVAL_ENV = "AIRBYTE_TS_PROGRESS_INTERVAL";
const DEFAULT_PLAIN_INTERVAL_MS = 10_000;

interface Stream {
  write(text: string): unknown;
  columns?: number;
}

export type ProgressMode = "terminal" | "plain" | "off";

/** The pause between plain progress lines: `AIRBYTE_TS_PROGRESS_INTERVAL`, else 10 s. */
export function plainIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = env[PROGRESS_INTERVAL_ENV]?.trim();
  return value ? parseDuration(value, PROGRESS_INTERVAL_ENV) * 1000 : DEFAULT_PLAIN_INTERVAL_MS;
}

/**
 * Plain progress lines: at most one per interval, and only when the text says something new
 * (the same figures again would only fill the log).
 */
export class PlainProgress {
  readonly #write: (line: string) => void;
  readonly #intervalMs: number;
  #lastText: string | undefined;
  #lastAt = Date.now();

  constructor(write: (line: string) => void, intervalMs: number) {
    this.#write = write;
    this.#intervalMs = intervalMs;
  }

  /** Whether a new line may be written now. */
  get due(): boolean {
    return Date.now() - this.#lastAt >= this.#intervalMs;
  }

  /** Writes `text` (with `suffix`, which does not count as news) if it is due and new. */
  offer(text: string, suffix = ""): void {
    if (!this.due || text === this.#lastText) return;
    this.#lastText = text;
    this.#lastAt = Date.now();
    this.#write(`${text}${suffix}`);
  }
}

export class LiveLine {
  readonly #stream: Stream;
  readonly #mode: ProgressMode;
  readonly #plain: PlainProgress;
  readonly #startedAt = Date.now();
  #text = "";
  #frame = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(stream: Stream, mode: ProgressMode, intervalMs = DEFAULT_PLAIN_INTERVAL_MS) {
    this.#stream = stream;
    this.#mode = mode;
    this.#plain = new PlainProgress((line) => stream.write(`${line}\n`), intervalMs);
  }

  /** On stderr: drawn on a terminal, plain lines elsewhere, nothing when a program reads the output. */
  static onStderr(out: Output, env: NodeJS.ProcessEnv = process.env): LiveLine {
    const mode = out.showProgress ? "terminal" : out.machine ? "off" : "plain";
    return new LiveLine(out.streams.stderr, mode, mode === "plain" ? plainIntervalMs(env) : undefined);
  }

  /** Whether an update now would show: worth fetching the figures for. */
  get wanted(): boolean {
    if (this.#mode === "plain") return this.#plain.due;
    return this.#mode === "terminal";
  }

  /** Starts (or resumes) drawing, redrawn ten times a second so the clock moves. */
  start(text?: string): void {
    if (text !== undefined) this.#text = text;
    if (this.#mode !== "terminal" || this.#timer) return;
    this.#timer = setInterval(() => this.#draw(), 100);
    this.#timer.unref();
    this.#draw();
  }

  update(text: string): void {
    this.#text = text;
    if (this.#timer) this.#draw();
    if (this.#mode === "plain") this.#plain.offer(text, ` · ${elapsed(Date.now() - this.#startedAt)}`);
  }

  /** Clears the line and stops drawing (before a message, a question or the result). */
  stop(): void {
    if (!this.#timer) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#stream.write("\r\x1b[2K");
  }

  #draw(): void {
    this.#frame = (this.#frame + 1) % FRAMES.length;
    const line = `${FRAMES[this.#frame]} ${this.#text} · ${elapsed(Date.now() - this.#startedAt)}`;
    const width = (this.#stream.columns ?? 80) - 1;
    const fitted = line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
    this.#stream.write(`\r\x1b[2K${fitted}`);
  }
}
