/**
 * Column text to JSON values in Airbyte's formats. The session is UTC with ISO dates
 * (postgres-options.ts), and every value arrives as Postgres prints it, so nothing goes through
 * a JS Date (which keeps milliseconds only) or a double where the text is exact.
 */
import type { ValueKind } from "./postgres-types.js";

export type ColumnValue = (text: string) => unknown;

export const COLUMN_VALUES: Record<ValueKind, ColumnValue> = {
  integer: (text) => {
    const value = Number(text);
    // Beyond 2^53 a JSON number would be another integer: the digits are kept as text.
    return Number.isSafeInteger(value) ? value : text;
  },
  number: exactNumber,
  float: (text) => {
    const value = Number(text);
    // NaN and the infinities have no JSON number; Airbyte writes them as strings.
    return Number.isFinite(value) ? value : text;
  },
  boolean: (text) => text === "t",
  string: (text) => text,
  date: (text) => text,
  timestamp: (text) => isoTimestamp(text, false),
  timestamptz: (text) => isoTimestamp(text, true),
  time: (text) => isoTime(text),
  timetz: (text) => isoTime(text),
  json: (text) => JSON.parse(text) as unknown,
  // Postgres prints bytea as \x and hex digits; Airbyte sends base64.
  bytea: (text) => Buffer.from(text.slice(2), "hex").toString("base64"),
  // Arrays are selected through to_json (postgres-read.ts).
  array: (text) => JSON.parse(text) as unknown,
};

/**
 * A numeric as a JSON number when the double is exactly its decimal value, else its digits as
 * text: a JSON number must not quietly become another number.
 */
function exactNumber(text: string): number | string {
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  return String(value) === canonicalDecimal(text) ? value : text;
}

/** `-001.2300` as JS prints the same number: `-1.23`. */
function canonicalDecimal(text: string): string {
  const negative = text.startsWith("-");
  let digits = negative ? text.slice(1) : text;
  if (digits.includes(".")) digits = digits.replace(/0+$/, "").replace(/\.$/, "");
  digits = digits.replace(/^0+(?=\d)/, "");
  return negative && digits !== "0" ? `-${digits}` : digits;
}

const FRACTION_DIGITS = 6;

/**
 * `2024-01-02 03:04:05.5+00` to `2024-01-02T03:04:05.500000Z` (with time zone) and
 * `2024-01-02 03:04:05` to `2024-01-02T03:04:05.000000` (without): Airbyte's
 * `yyyy-MM-dd'T'HH:mm:ss.SSSSSS[XXX]`. `infinity` and BC dates stay as Postgres writes them.
 */
function isoTimestamp(text: string, withZone: boolean): string {
  if (text.length < 19 || text[10] !== " " || text.endsWith(" BC")) return text;
  const date = text.slice(0, 10);
  const rest = withZone ? text.slice(11).replace(/\+00$/, "") : text.slice(11);
  return `${date}T${padFraction(rest)}${withZone ? "Z" : ""}`;
}

/** `03:04:05.5` to `03:04:05.500000`, `03:04:05+02` to `03:04:05.000000+02:00`. */
function isoTime(text: string): string {
  const match = /^(\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})?(?::?(\d{2}))?$/.exec(text);
  if (!match) return text;
  const [, clock, zoneHours, zoneMinutes] = match;
  const zone = zoneHours === undefined ? "" : `${zoneHours}:${zoneMinutes ?? "00"}`;
  return `${padFraction(clock as string)}${zone}`;
}

function padFraction(clock: string): string {
  const dot = clock.indexOf(".");
  if (dot === -1) return `${clock}.${"0".repeat(FRACTION_DIGITS)}`;
  return clock.padEnd(dot + 1 + FRACTION_DIGITS, "0");
}
