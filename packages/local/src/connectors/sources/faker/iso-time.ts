/**
 * `Date.prototype.toISOString` without the Date: the same text ("2024-01-01T00:00:01.000Z") for
 * years 0..9999, from a few lookups, which matters at three timestamps per record and millions
 * of records (toISOString alone would cost more than generating the rest of a user).
 */
import { civilFromDays } from "../../civil-date.js";

const MS_PER_DAY = 86_400_000;
const pad = (value: number, width: number) => String(value).padStart(width, "0");
const HOURS = Array.from({ length: 24 }, (_, hour) => `${pad(hour, 2)}:`);
const MINUTES_AND_SECONDS = Array.from({ length: 3600 }, (_, s) => `${pad(Math.floor(s / 60), 2)}:${pad(s % 60, 2)}`);
const MILLISECONDS = Array.from({ length: 1000 }, (_, ms) => `.${pad(ms, 3)}Z`);

/** "YYYY-MM-DDT" by days since the epoch; records span a few thousand days at most. */
const datePrefixes = new Map<number, string>();
const MAX_CACHED_DAYS = 100_000;

export function isoTime(epochMs: number): string {
  const days = Math.floor(epochMs / MS_PER_DAY);
  const msOfDay = epochMs - days * MS_PER_DAY;
  const prefix = datePrefixes.get(days) ?? cacheDatePrefix(days);
  if (prefix === undefined) return new Date(epochMs).toISOString();
  const seconds = Math.floor(msOfDay / 1000);
  return (
    prefix +
    HOURS[Math.floor(seconds / 3600)] +
    MINUTES_AND_SECONDS[seconds % 3600] +
    MILLISECONDS[msOfDay - seconds * 1000]
  );
}

/** Undefined outside years 0..9999, which the six-digit form of toISOString covers. */
function cacheDatePrefix(days: number): string | undefined {
  const { year, month, day } = civilFromDays(days);
  if (year < 0 || year > 9999) return undefined;
  if (datePrefixes.size >= MAX_CACHED_DAYS) datePrefixes.clear();
  const prefix = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T`;
  datePrefixes.set(days, prefix);
  return prefix;
}
