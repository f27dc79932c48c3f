/**
 * Attempt logs as text a person reads. Airbyte answers an attempt's log in one of two shapes:
 * formatted lines (`logLines`, already text) or structured events (`events`, with epoch
 * millisecond timestamps). Events are written the way Airbyte writes its log lines: UTC date
 * and time to the second first, then the level, the source and the message.
 */
import type { Config } from "../api/index.js";

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** `2024-05-01 12:34:56`: an epoch-milliseconds time as Airbyte's log lines print it, in UTC. */
export function formatLogTimestamp(epochMs: number): string {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return String(epochMs);
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** `2024-05-01 12:34:56 info platform > Starting sync ...`: one structured event as a line. */
export function formatLogEvent(event: Partial<Config.LogEvent>): string {
  const time = typeof event.timestamp === "number" ? `${formatLogTimestamp(event.timestamp)} ` : "";
  const source = event.logSource ? `${event.logSource} > ` : "";
  return `${time}${event.level ?? "info"} ${source}${event.message ?? ""}`;
}

/** An attempt's log as lines, from either shape Airbyte answers (structured events or formatted lines). */
export function logLinesOf(attempt: Config.AttemptInfoRead): string[] {
  const logs = attempt.logs as Partial<Config.LogEvents & Config.LogRead> | undefined;
  if (!logs) return [];
  if (Array.isArray(logs.events)) return logs.events.map(formatLogEvent);
  return Array.isArray(logs.logLines) ? logs.logLines : [];
}
