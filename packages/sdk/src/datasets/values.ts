/**
 * One spelling for every value a destination returns, so identical data reads back as
 * identical objects whichever database holds it: integers as numbers (bigint only beyond
 * Number.MAX_SAFE_INTEGER), decimals as numbers, timestamps as ISO-8601 in UTC, dates as
 * `YYYY-MM-DD`, bytes as base64. Dates are computed from day counts, not through `Date`, so
 * microseconds survive and years beyond `Date`'s range still print.
 */

const MICROS_PER_SECOND = 1_000_000n;
const MICROS_PER_DAY = 86_400n * MICROS_PER_SECOND;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of {@link daysFromCivil}. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (value: number | bigint, width: number) => String(value).padStart(width, "0");

/** Four digits within 0..9999, else ISO-8601's signed six-digit form (as `Date#toISOString`). */
function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return `${year < 0 ? "-" : "+"}${pad(Math.abs(year), 6)}`;
}

export function formatDate(epochDays: number): string {
  const { year, month, day } = civilFromDays(epochDays);
  return `${formatYear(year)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Floor division: BigInt division truncates toward zero, which is wrong before 1970. */
function floorDivide(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  return value % divisor !== 0n && value < 0n !== divisor < 0n ? quotient - 1n : quotient;
}

/** `.mmm` always (as `Date#toISOString`), `.ffffff` when there are microseconds. */
function formatFraction(micros: bigint, { always }: { always: boolean }): string {
  if (micros === 0n && !always) return "";
  return micros % 1000n === 0n ? `.${pad(micros / 1000n, 3)}` : `.${pad(micros, 6)}`;
}

function formatClock(microsOfDay: bigint, alwaysFraction: boolean): string {
  const seconds = microsOfDay / MICROS_PER_SECOND;
  const fraction = microsOfDay % MICROS_PER_SECOND;
  const clock = `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}`;
  return clock + formatFraction(fraction, { always: alwaysFraction });
}

/**
 * `2024-01-02T03:04:05.123Z` for microseconds since the epoch (`.123456Z` with microseconds).
 * Without `utc` (a timestamp without time zone) the `Z` is left off: the wall-clock time has no zone.
 */
export function formatTimestamp(epochMicros: bigint, utc: boolean): string {
  const days = floorDivide(epochMicros, MICROS_PER_DAY);
  const microsOfDay = epochMicros - days * MICROS_PER_DAY;
  return `${formatDate(Number(days))}T${formatClock(microsOfDay, true)}${utc ? "Z" : ""}`;
}

/** `03:04:05`, `03:04:05.123` or `03:04:05.123456`. */
export function formatTimeOfDay(microsOfDay: bigint): string {
  return formatClock(microsOfDay, false);
}

const TIMESTAMP_TEXT =
  /^([+-]?\d{4,})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?( BC)?$/i;

function fractionMicros(digits: string | undefined): bigint {
  return digits ? BigInt(digits.slice(0, 6).padEnd(6, "0")) : 0n;
}

function offsetSeconds(zone: string): number {
  if (zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(/:/g, "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || "0");
  const seconds = Number(digits.slice(4, 6) || "0");
  return sign * (hours * 3600 + minutes * 60 + seconds);
}

/** Postgres' `BC` years count from 1 BC = year 0 (astronomical numbering). */
function astronomicalYear(year: number, bc: boolean): number {
  return bc ? 1 - year : year;
}

/**
 * Parses a timestamp as databases print it (`2024-01-02 03:04:05.123456+00`, ISO-8601 with
 * `Z` or an offset, Postgres' `BC` suffix). Returns microseconds since the epoch in UTC and
 * whether the text carried a zone; undefined for anything else (`infinity`).
 */
function parseTimestamp(text: string): { epochMicros: bigint; zoned: boolean } | undefined {
  const match = TIMESTAMP_TEXT.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone, bc] = match;
  const days = daysFromCivil(astronomicalYear(Number(year), bc !== undefined), Number(month), Number(day));
  const secondsOfDay = Number(hour) * 3600 + Number(minute) * 60 + Number(second);
  const offset = zone === undefined ? 0 : offsetSeconds(zone);
  const epochMicros =
    BigInt(days) * MICROS_PER_DAY + BigInt(secondsOfDay - offset) * MICROS_PER_SECOND + fractionMicros(fraction);
  return { epochMicros, zoned: zone !== undefined };
}

/** Re-spells a timestamp text in the canonical form; text it cannot parse (`infinity`) stays as it is. */
export function normalizeTimestampText(text: string, utc: boolean): string {
  const parsed = parseTimestamp(text);
  return parsed === undefined ? text : formatTimestamp(parsed.epochMicros, utc);
}

const DATE_TEXT = /^([+-]?\d{4,})-(\d{2})-(\d{2})( BC)?$/i;

/** `2024-05-06` (and Postgres' `0044-03-15 BC`) in the canonical form; other text stays. */
export function normalizeDateText(text: string): string {
  const match = DATE_TEXT.exec(text.trim());
  if (!match) return text;
  const [, year, month, day, bc] = match;
  return formatDate(daysFromCivil(astronomicalYear(Number(year), bc !== undefined), Number(month), Number(day)));
}

const TIME_TEXT = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** `03:04:05.120000` -> `03:04:05.120`; other text (a time with a zone) stays. */
export function normalizeTimeText(text: string): string {
  const match = TIME_TEXT.exec(text.trim());
  if (!match) return text;
  const [, hour, minute, second, fraction] = match;
  const seconds = BigInt(Number(hour) * 3600 + Number(minute) * 60 + Number(second));
  return formatTimeOfDay(seconds * MICROS_PER_SECOND + fractionMicros(fraction));
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** A number when it is exact as one, else a bigint. */
export function integerValue(value: bigint | string | number): number | bigint {
  if (typeof value === "number") return value;
  const big = typeof value === "bigint" ? value : BigInt(value);
  return big >= MIN_SAFE && big <= MAX_SAFE ? Number(big) : big;
}

/** Decimals become numbers: JSON-friendly, and equal across databases for equal data. */
export function decimalValue(text: string): number {
  return Number(text);
}

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** JSON columns come back as objects; text that is not JSON stays text rather than failing a read. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
