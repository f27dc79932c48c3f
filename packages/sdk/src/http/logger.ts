import { readEnv } from "../internal/env.js";

export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Anything with these four methods: `console`, pino, winston... */
export interface Logger {
  error(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  debug(message: string, details?: Record<string, unknown>): void;
}

/**
 * A logger that writes one line per message to a stream (`process.stderr` usually): for
 * programs whose stdout is a protocol or an output contract (an MCP server, a CLI printing
 * JSON), where the default `console` would write info and debug to stdout.
 */
export function streamLogger(stream: { write(text: string): unknown }): Logger {
  const write = (level: string) => (message: string, details?: Record<string, unknown>) =>
    stream.write(`${level} ${message}${details ? ` ${JSON.stringify(details)}` : ""}\n`);
  return { error: write("error"), warn: write("warn"), info: write("info"), debug: write("debug") };
}

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && value in RANK;
}

/**
 * A logger that drops messages above the level. The transport only hands it redacted URLs,
 * statuses, timings and redacted headers: never bodies, tokens or secrets.
 */
export function leveledLogger(logger: Logger | undefined, level: LogLevel | undefined): Logger {
  const envLevel = readEnv("AIRBYTE_TS_LOG");
  const effective: LogLevel = level ?? (isLogLevel(envLevel) ? envLevel : "warn");
  const target = logger ?? console;
  const at = (name: Exclude<LogLevel, "off">) => (message: string, details?: Record<string, unknown>) => {
    if (RANK[name] > RANK[effective]) return;
    if (details === undefined) target[name](`[airbyte-ts] ${message}`);
    else target[name](`[airbyte-ts] ${message}`, details);
  };
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
}
