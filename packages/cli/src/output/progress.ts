/**
 * One status line on stderr, rewritten in place with a spinner and the time elapsed: drawn only
 * on a terminal (and never under --json), so a pipe or a log file gets nothing decorative.
 */
import { elapsed } from "./human.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

interface Terminal {
  write(text: string): unknown;
  columns?: number;
}

export class LiveLine {
  readonly #stream: Terminal;
  readonly #enabled: boolean;
  readonly #startedAt = Date.now();
  #text = "";
  #frame = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(stream: Terminal, enabled: boolean) {
    this.#stream = stream;
    this.#enabled = enabled;
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  /** Starts (or resumes) drawing, redrawn ten times a second so the clock moves. */
  start(text?: string): void {
    if (text !== undefined) this.#text = text;
    if (!this.#enabled || this.#timer) return;
    this.#timer = setInterval(() => this.#draw(), 100);
    this.#timer.unref();
    this.#draw();
  }

  update(text: string): void {
    this.#text = text;
    if (this.#timer) this.#draw();
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
