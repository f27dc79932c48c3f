/**
 * Record values shaped for their column's kind. A value that does not fit (a string in an
 * integer column, a malformed timestamp) is not an error of the sync: the cell becomes NULL
 * and the record's `_airbyte_meta.changes` says so, as Airbyte's destinations do.
 */
import { civilFromDays, daysFromCivil, isCalendarDate } from "../../civil-date.js";
import type { ColumnKind } from "./column-types.js";

/**
 * A cell ready for a database: integers as number or bigint, numbers, booleans, strings (JSON
 * columns hold JSON text), timestamps as epoch microseconds (bigint), dates as epoch days.
 */
export type CellValue = null | number | bigint | boolean | string;

/** Returned by a coercion when the value does not fit its column. */
export const DOES_NOT_FIT: unique symbol = Symbol("does not fit its column");

type Coercion = (value: unknown) => CellValue | typeof DOES_NOT_FIT;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
// The doubles nearest to the int64 bounds; beyond them a JSON number cannot be a BIGINT.
const INT64_MIN_NUMBER = -(2 ** 63);
const INT64_MAX_NUMBER = 2 ** 63; // the double nearest to 2^63 - 1

function toInteger(value: unknown): CellValue | typeof DOES_NOT_FIT {
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= INT64_MIN_NUMBER && value < INT64_MAX_NUMBER ? value : DOES_NOT_FIT;
  }
  if (typeof value === "bigint") return value >= INT64_MIN && value <= INT64_MAX ? value : DOES_NOT_FIT;
  return DOES_NOT_FIT;
}

function toNumber(value: unknown): CellValue | typeof DOES_NOT_FIT {
  if (typeof value === "number") return Number.isFinite(value) ? value : DOES_NOT_FIT;
  if (typeof value === "bigint") return Number(value);
  return DOES_NOT_FIT;
}

const toBoolean = (value: unknown) => (typeof value === "boolean" ? value : DOES_NOT_FIT);

/** Any JSON value fits a string column: non-strings are kept as their JSON text, as Airbyte does. */
const toText = (value: unknown) => (typeof value === "string" ? value : jsonText(value));

function toTimestamp(value: unknown): CellValue | typeof DOES_NOT_FIT {
  return typeof value === "string" ? (parseTimestampMicros(value) ?? DOES_NOT_FIT) : DOES_NOT_FIT;
}

function toDate(value: unknown): CellValue | typeof DOES_NOT_FIT {
  return typeof value === "string" ? (parseDateDays(value) ?? DOES_NOT_FIT) : DOES_NOT_FIT;
}

export const COERCIONS: Record<ColumnKind, Coercion> = {
  integer: toInteger,
  number: toNumber,
  boolean: toBoolean,
  string: toText,
  timestamptz: toTimestamp,
  date: toDate,
  json: jsonText,
};

/** JSON text of a value; bigints (which JSON.stringify refuses) become JSON numbers. */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return jsonTextWithBigints(value);
  }
}

// Node 20 has no JSON.rawJSON: bigints go out as marked strings, and the marks are unquoted after.
const BIGINT_MARK = "\u0000bigint:";
const MARKED_BIGINT = /"\\u0000bigint:(-?\d+)"/g;

function jsonTextWithBigints(value: unknown): string {
  const marked = JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "bigint" ? `${BIGINT_MARK}${item.toString()}` : item,
  );
  return marked.replace(MARKED_BIGINT, "$1");
}

// ---------------------------------------------------------------------------------------------
// Dates and timestamps, exact to the microsecond (a JS Date keeps milliseconds only).

const MICROS_PER_SECOND = 1_000_000n;
const SECONDS_PER_DAY = 86_400;

const DASH = 45;
const COLON = 58;
const PLUS = 43;
const SPACE = 32;

/**
 * Epoch microseconds of an ISO-8601 timestamp (`T` or a space between date and time, optional
 * seconds and fraction, `Z` or an offset; without one it is UTC), or undefined when the text
 * is not a valid timestamp. A plain date is its midnight UTC. Digits beyond the microsecond
 * are dropped: both databases keep microseconds. Read character by character, without a
 * regular expression: a sync parses millions of these.
 */
export function parseTimestampMicros(text: string): bigint | undefined {
  const days = text.length < 10 ? undefined : leadingDateDays(text);
  if (days === undefined) return undefined;
  if (text.length === 10) return BigInt(days * SECONDS_PER_DAY) * MICROS_PER_SECOND;
  const separator = text[10];
  if (separator !== "T" && separator !== "t" && separator !== " ") return undefined;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  if (text.charCodeAt(13) !== COLON || hour > 23 || minute > 59 || hour < 0 || minute < 0) return undefined;
  let position = 16;
  let second = 0;
  let micros = 0;
  if (text.charCodeAt(position) === COLON) {
    second = digitsAt(text, position + 1, 2);
    if (second < 0 || second > 59) return undefined;
    position += 3;
    if (text[position] === "." || text[position] === ",") {
      const fractionStart = position + 1;
      position = fractionStart;
      while (position < text.length && isDigit(text.charCodeAt(position))) position++;
      const fractionDigits = position - fractionStart;
      if (fractionDigits === 0 || fractionDigits > 9) return undefined;
      const kept = Math.min(6, fractionDigits);
      micros = digitsAt(text, fractionStart, kept) * (POWERS_OF_TEN[6 - kept] as number);
    }
  }
  while (text.charCodeAt(position) === SPACE) position++;
  const offset = offsetSecondsAt(text, position);
  if (offset === undefined) return undefined;
  const seconds = days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset;
  // One bigint instead of four where the count of microseconds is an exact double (years 1685 to 2255).
  if (Math.abs(seconds) < SAFE_SECONDS) return BigInt(seconds * 1_000_000 + micros);
  return BigInt(seconds) * MICROS_PER_SECOND + BigInt(micros);
}

const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
/** Below this many seconds from the epoch, seconds * 10^6 + micros stays below 2^53. */
const SAFE_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1_000_000) - 1;

/** The UTC offset that ends a timestamp: nothing (UTC), `Z`, `±HH`, `±HHMM` or `±HH:MM`. */
function offsetSecondsAt(text: string, position: number): number | undefined {
  const rest = text.length - position;
  if (rest === 0) return 0;
  const sign = text.charCodeAt(position);
  if (rest === 1) return text[position] === "Z" || text[position] === "z" ? 0 : undefined;
  if (sign !== PLUS && sign !== DASH) return undefined;
  const hours = digitsAt(text, position + 1, 2);
  let minutes = 0;
  if (rest === 5 && text.charCodeAt(position + 3) !== COLON) minutes = digitsAt(text, position + 3, 2);
  else if (rest === 6 && text.charCodeAt(position + 3) === COLON) minutes = digitsAt(text, position + 4, 2);
  else if (rest !== 3) return undefined;
  if (hours < 0 || hours > 15 || minutes < 0 || minutes > 59) return undefined;
  return (sign === DASH ? -1 : 1) * (hours * 3600 + minutes * 60);
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** The number written by `count` digits at `start`, or -1 when one of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const code = text.charCodeAt(index);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - 48);
  }
  return value;
}

/** Epoch days of a `YYYY-MM-DD` date, or undefined when it is not a calendar date. */
export function parseDateDays(text: string): number | undefined {
  return text.length === 10 ? leadingDateDays(text) : undefined;
}

/** Epoch days of the `YYYY-MM-DD` the text starts with. */
function leadingDateDays(text: string): number | undefined {
  if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  // Years 1 to 9999: what four digits write and both databases take.
  if (year < 1 || !isCalendarDate(year, month, day)) return undefined;
  return daysFromCivil(year, month, day);
}

/** `YYYY-MM-DD` of epoch days. */
export function formatDate(epochDays: number): string {
  const { year, month, day } = civilFromDays(epochDays);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `YYYY-MM-DD HH:MM:SS.ffffff+00` of epoch microseconds: UTC, every digit kept. */
export function formatTimestamp(epochMicros: bigint): string {
  let wholeSeconds: number;
  let micros: number;
  if (epochMicros > -MAX_SAFE_MICROS && epochMicros < MAX_SAFE_MICROS) {
    // Exact in a double: no bigint arithmetic (each operation allocates).
    const value = Number(epochMicros);
    wholeSeconds = Math.floor(value / 1_000_000);
    micros = value - wholeSeconds * 1_000_000;
  } else {
    wholeSeconds = Number(epochMicros / MICROS_PER_SECOND);
    micros = Number(epochMicros % MICROS_PER_SECOND);
    if (micros < 0) {
      micros += 1_000_000;
      wholeSeconds -= 1;
    }
  }
  const days = Math.floor(wholeSeconds / SECONDS_PER_DAY);
  const secondOfDay = wholeSeconds - days * SECONDS_PER_DAY;
  // Pieces looked up rather than formatted: a sync writes millions of these.
  const fraction = micros % 1000 === 0 ? MILLISECOND_FRACTIONS[micros / 1000] : `.${pad(micros, 6)}+00`;
  return (
    (datePrefixes.get(days) ?? cacheDatePrefix(days)) +
    HOURS[Math.floor(secondOfDay / 3600)] +
    MINUTES_AND_SECONDS[secondOfDay % 3600] +
    fraction
  );
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");
const MAX_SAFE_MICROS = BigInt(Number.MAX_SAFE_INTEGER);
const HOURS = Array.from({ length: 24 }, (_, hour) => `${pad(hour, 2)}:`);
const MINUTES_AND_SECONDS = Array.from({ length: 3600 }, (_, s) => `${pad(Math.floor(s / 60), 2)}:${pad(s % 60, 2)}`);
/** `.mmm000+00`: timestamps are mostly whole milliseconds. */
const MILLISECOND_FRACTIONS = Array.from({ length: 1000 }, (_, ms) => `.${pad(ms, 3)}000+00`);
/** `YYYY-MM-DD ` by epoch day: a sync's timestamps fall on few days. */
const datePrefixes = new Map<number, string>();
const MAX_CACHED_DAYS = 100_000;

function cacheDatePrefix(days: number): string {
  if (datePrefixes.size >= MAX_CACHED_DAYS) datePrefixes.clear();
  const prefix = `${formatDate(days)} `;
  datePrefixes.set(days, prefix);
  return prefix;
}
