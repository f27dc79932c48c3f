/**
 * Cron schedules for `CloudConnection.setSchedule`. Airbyte wants Quartz expressions (seconds
 * first, `?` in one of the day fields, weekdays 1-7 from Sunday, an optional year) that fire at
 * most once an hour. A 5-field Unix expression (`0 12 * * *`) is converted to Quartz; anything
 * that does not parse, or fires more often than hourly, is an `InputError` before any request.
 */
import { InputError } from "./errors.js";

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  /** Names standing for numbers (JAN=1, SUN=1 in Quartz, SUN=0 in Unix). */
  names?: { list: string[]; first: number };
}

const SECONDS: FieldSpec = { label: "seconds", min: 0, max: 59 };
const MINUTES: FieldSpec = { label: "minutes", min: 0, max: 59 };
const HOURS: FieldSpec = { label: "hours", min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { label: "day-of-month", min: 1, max: 31 };
const MONTH: FieldSpec = { label: "month", min: 1, max: 12, names: { list: MONTHS, first: 1 } };
const QUARTZ_DAY_OF_WEEK: FieldSpec = { label: "day-of-week", min: 1, max: 7, names: { list: DAYS, first: 1 } };
const UNIX_DAY_OF_WEEK: FieldSpec = { label: "day-of-week", min: 0, max: 7, names: { list: DAYS, first: 0 } };
const YEAR: FieldSpec = { label: "year", min: 1970, max: 2099 };

const UNIX_MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/**
 * The Quartz expression to send for `expression`: a Quartz one (6 or 7 fields, optionally ending
 * in `UTC`) checked and returned as given; a Unix one (5 fields, or `@daily` and the like)
 * converted.
 */
export function toQuartzCron(expression: string): string {
  if (typeof expression !== "string" || expression.trim() === "") {
    throw cronError(String(expression), "A cron expression is required.");
  }
  const given = expression.trim();
  const macro = UNIX_MACROS[given.toLowerCase()];
  const fields = (macro ?? given).replace(/\s+UTC$/i, "").split(/\s+/);
  if (fields.length === 5) return unixToQuartz(given, fields);
  if (fields.length === 6 || fields.length === 7) {
    checkQuartz(given, fields);
    return fields.join(" ");
  }
  throw cronError(
    given,
    `It has ${fields.length} fields; use Quartz (6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year]) or Unix cron (5 fields).`,
  );
}

function checkQuartz(given: string, fields: string[]): void {
  const [seconds, minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  const secondValues = expand(given, seconds, SECONDS);
  const minuteValues = expand(given, minutes, MINUTES);
  expand(given, hours, HOURS);
  expand(given, month, MONTH);
  if (year !== undefined) expand(given, year, YEAR);
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    throw cronError(given, "Quartz needs `?` in exactly one of day-of-month and day-of-week, e.g. `0 0 12 * * ?`.");
  }
  if (dayOfMonth !== "?") checkDayOfMonth(given, dayOfMonth);
  if (dayOfWeek !== "?") checkQuartzDayOfWeek(given, dayOfWeek);
  requireHourly(given, secondValues, "seconds", minuteValues);
}

function unixToQuartz(given: string, fields: string[]): string {
  const [minutes, hours, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  for (const field of fields) {
    if (/[?LW#]/i.test(field.replace(/[A-Z]{3}/gi, ""))) {
      throw cronError(given, `Unix cron has no \`?\`, \`L\`, \`W\` or \`#\` (in "${field}"); write it in Quartz.`);
    }
  }
  const minuteValues = expand(given, minutes, MINUTES);
  expand(given, hours, HOURS);
  expand(given, dayOfMonth, DAY_OF_MONTH);
  expand(given, month, MONTH);
  const weekdays = expand(given, dayOfWeek, UNIX_DAY_OF_WEEK);
  requireHourly(given, new Set([0]), "minutes", minuteValues);

  const anyDayOfMonth = dayOfMonth === "*";
  const anyDayOfWeek = dayOfWeek === "*";
  if (!anyDayOfMonth && !anyDayOfWeek) {
    throw cronError(
      given,
      "It restricts both day-of-month and day-of-week, which Unix cron reads as either one and Quartz cannot express; keep one of them `*`.",
    );
  }
  const quartzDayOfMonth = anyDayOfMonth && !anyDayOfWeek ? "?" : quartzStep(dayOfMonth, "1");
  const quartzDayOfWeek = anyDayOfWeek ? "?" : quartzWeekdays(weekdays);
  return [
    "0",
    quartzStep(minutes, "0"),
    quartzStep(hours, "0"),
    quartzDayOfMonth,
    quartzStep(month.toUpperCase(), "1"),
    quartzDayOfWeek,
  ].join(" ");
}

/** `*` followed by a step is written from the field's first value, as Quartz documents it. */
function quartzStep(field: string, first: string): string {
  return field.replace(/^\*\//, `${first}/`);
}

/** Unix weekdays (0 or 7 = Sunday) as a Quartz list (1 = Sunday), ranges kept compact. */
function quartzWeekdays(unixDays: Set<number>): string {
  const quartz = [...new Set([...unixDays].map((day) => (day % 7) + 1))].sort((a, b) => a - b);
  if (quartz.length === 7) return "*";
  const parts: string[] = [];
  for (let i = 0; i < quartz.length;) {
    let j = i;
    while (j + 1 < quartz.length && (quartz[j + 1] as number) === (quartz[j] as number) + 1) j++;
    parts.push(j - i >= 2 ? `${quartz[i]}-${quartz[j]}` : quartz.slice(i, j + 1).join(","));
    i = j + 1;
  }
  return parts.join(",");
}

/** Fires at most once an hour: one value for seconds (or the implied 0) and one for minutes. */
function requireHourly(given: string, seconds: Set<number>, secondsLabel: string, minutes: Set<number>): void {
  if (seconds.size === 1 && minutes.size === 1) return;
  const field = minutes.size > 1 ? "minutes" : secondsLabel;
  throw new InputError(
    `The cron expression "${given}" runs more than once an hour; Airbyte's minimum interval is one hour.`,
    {
      guidance: `Give the ${field} field a single value, e.g. "0 0 * * * ?" (Quartz) or "0 * * * *" (Unix) for hourly.`,
      inputValue: given,
      context: { cronExpression: given },
    },
  );
}

function checkDayOfMonth(given: string, field: string): void {
  for (const item of field.split(",")) {
    if (/^(L|LW|L-\d{1,2}|\d{1,2}W)$/i.test(item)) {
      const day = Number(item.replace(/\D/g, "") || 1);
      if (day < 1 || day > 31) throw cronError(given, `"${item}" is not a day of the month.`);
      continue;
    }
    expand(given, item, DAY_OF_MONTH);
  }
}

function checkQuartzDayOfWeek(given: string, field: string): void {
  for (const item of field.split(",")) {
    const special = /^([A-Z]{3}|\d)(L|#[1-5])$/i.exec(item);
    if (special) {
      expand(given, special[1] as string, QUARTZ_DAY_OF_WEEK);
      continue;
    }
    if (item.toUpperCase() === "L") continue;
    expand(given, item, QUARTZ_DAY_OF_WEEK);
  }
}

/** The values a field (`*`, `5`, `1-5`, `0/15`, `*\/2`, `MON-FRI`, lists of these) stands for. */
function expand(given: string, field: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const item of field.split(",")) {
    const match = /^(\*|[A-Z0-9]+(?:-[A-Z0-9]+)?)(?:\/(\d+))?$/i.exec(item);
    if (!match) throw cronError(given, `"${item}" is not a valid ${spec.label} value.`);
    const [, range = "", stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw cronError(given, `The step in "${item}" must be at least 1.`);
    let [low, high] = [spec.min, spec.max];
    if (range !== "*") {
      const [from = "", to] = range.split("-");
      low = valueOf(given, from, spec);
      // `5/15` means "from 5 to the end, every 15".
      high = to !== undefined ? valueOf(given, to, spec) : stepText !== undefined ? spec.max : low;
      if (high < low) throw cronError(given, `The range "${item}" runs backwards.`);
    }
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return values;
}

function valueOf(given: string, text: string, spec: FieldSpec): number {
  const named = spec.names ? spec.names.list.indexOf(text.toUpperCase()) : -1;
  const value = named >= 0 && spec.names ? named + spec.names.first : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
    throw cronError(given, `"${text}" is not a valid ${spec.label} value (${spec.min}-${spec.max}).`);
  }
  return value;
}

function cronError(given: string, reason: string): InputError {
  return new InputError(`The cron expression "${given}" is not valid. ${reason}`, {
    inputValue: given,
    context: { cronExpression: given },
  });
}
