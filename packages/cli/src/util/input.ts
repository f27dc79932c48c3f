/** Reading what the user gives: files (JSON or YAML, `-` for stdin), numbers, durations, times, lists. */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { usageError } from "./errors.js";

/**
 * A JSON or YAML document from a file, or from stdin with `-`. `.yaml`/`.yml` files are read as
 * YAML; anything else as JSON, or as YAML when it is not JSON and does not look like it.
 */
export async function readDocument(path: string, what: string): Promise<unknown> {
  const text = await readText(path, what);
  const name = path === "-" ? "stdin" : path;
  const yamlFile = /\.ya?ml$/i.test(extname(path));
  if (!yamlFile) {
    try {
      return JSON.parse(text);
    } catch (error) {
      const looksLikeJson = /^\s*[[{"]/.test(text) || extname(path).toLowerCase() === ".json";
      if (looksLikeJson) {
        throw usageError(
          `${name} is not valid JSON (${jsonProblem(text, error as Error)}).`,
          `Fix the ${what} and retry.`,
        );
      }
    }
  }
  const { parse } = await import("yaml");
  try {
    return parse(text);
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    throw usageError(
      `${name} is not valid ${yamlFile ? "YAML" : "JSON or YAML"} (${reason}).`,
      `Fix the ${what} and retry.`,
    );
  }
}

/** A document given inline (`--state '{...}'`): JSON only. */
export function parseInlineJson(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw usageError(`${flag} is not valid JSON (${jsonProblem(text, error as Error)}).`);
  }
}

export async function readText(path: string, what: string): Promise<string> {
  if (path === "-") {
    if (process.stdin.isTTY)
      throw usageError(`Reading the ${what} from stdin, but stdin is a terminal.`, "Pipe it in, or name a file.");
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw usageError(`Cannot read the ${what} from ${path}: ${reason}.`);
  }
}

/** The JSON parser's complaint, with the line and column of the first character it cannot accept. */
function jsonProblem(text: string, error: Error): string {
  const message = error.message
    .replace(/ in JSON at position \d+.*$/, "")
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, "");
  const offset = errorOffset(text);
  if (offset === undefined) return message;
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${message} at line ${line}, column ${column}`;
}

/**
 * Where JSON text goes wrong: the shortest prefix that fails for another reason than ending
 * too soon (Node's messages do not always carry a position), found by bisection.
 */
function errorOffset(text: string): number | undefined {
  const fails = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message)?.[1];
      if (/Unexpected end of JSON input/.test(message)) return false;
      return position === undefined || Number(position) < length;
    }
  };
  if (!fails(text.length)) return undefined;
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (fails(middle)) high = middle;
    else low = middle + 1;
  }
  return low - 1;
}

export function parseInteger(value: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < min || number > max) {
    throw usageError(
      `${flag} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : " up"}; got "${value}".`,
    );
  }
  return number;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Seconds from `90`, `90s`, `15m`, `2h` or `1d`. */
export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/.exec(value.trim());
  if (!match) throw usageError(`${flag} must be a duration such as 90, 90s, 15m, 2h or 1d; got "${value}".`);
  return Number(match[1]) * (UNITS[match[2] || "s"] ?? 1);
}

/** A point in time: an ISO date or time, or a duration ago (`2h`, `7d`). */
export function parseTime(value: string, flag: string, now = Date.now()): Date {
  if (/^\d+(?:\.\d+)?\s*[smhd]$/.test(value.trim())) return new Date(now - parseDuration(value, flag) * 1000);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw usageError(
      `${flag} must be a date or time (2024-05-01, 2024-05-01T12:00:00Z) or a duration ago (6h, 7d); got "${value}".`,
    );
  }
  return date;
}

/** `a,b, c` as `["a", "b", "c"]`. */
export function splitList(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** A choice among fixed values. */
export function oneOf<T extends string>(value: string, flag: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw usageError(`${flag} must be one of ${choices.join(", ")}; got "${value}".`);
  }
  return value as T;
}

/** A JSON object (not a list or a scalar). */
export function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw usageError(`The ${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}
