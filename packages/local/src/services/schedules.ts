/**
 * Connection schedules: Quartz cron expressions (seconds first, `?`, `L`, `W`, `#`, an optional
 * year), always in UTC, and the legacy "basic" schedules (every N units).
 *
 * Airbyte checks a schedule in two places, with different rules, and both are reproduced:
 * - the public API (`validatePublicSchedule`): a cron expression that does not parse is rejected
 *   with a link to the Quartz documentation, and "more often than hourly" means only that the
 *   seconds field (and, for a 7-field expression, the minutes field) is not a plain number;
 * - the Config API (`validateConfigSchedule`): it computes the next executions and rejects any two
 *   less than an hour apart, with the `error:cron-validation/*` problems.
 *
 * Parsing goes through croner in its Quartz mode; the rules croner does not enforce (exactly one
 * of day-of-month and day-of-week is `?`, weekdays 1-7, years 1970-2099) are checked here first.
 */
import type { AirbyteApiConnectionSchedule, Config } from "airbyte-ts";
import { Cron, type CronOptions } from "croner";
import { badRequest, ServiceError } from "./errors.js";

export const QUARTZ_DOCUMENTATION =
  "https://www.quartz-scheduler.org/documentation/quartz-2.3.0/tutorials/crontrigger.html";

/** The only time zone the local server schedules in. */
const SCHEDULE_TIME_ZONE = "UTC";

const CRONER_OPTIONS: CronOptions = {
  mode: "6-or-7-parts",
  alternativeWeekdays: true,
  // Quartz writes increments as `0/15`; croner calls that a "sloppy" range.
  sloppyRanges: true,
  timezone: SCHEDULE_TIME_ZONE,
};

const ONE_HOUR_SECONDS = 3600;
const ONE_MINUTE_SECONDS = 60;

type BasicTimeUnit = "minutes" | "hours" | "days" | "weeks" | "months";

export interface BasicSchedule {
  units: number;
  timeUnit: BasicTimeUnit;
}

/** A schedule as the connections table keeps it. */
export interface StoredSchedule {
  scheduleType: "manual" | "cron" | "basic";
  /** Quartz expression without the time zone. */
  cronExpression: string | null;
  basicSchedule: BasicSchedule | null;
}

export const MANUAL_SCHEDULE: StoredSchedule = { scheduleType: "manual", cronExpression: null, basicSchedule: null };

/** A Quartz expression that does not parse; the message says why. */
class InvalidQuartzExpression extends Error {}

/**
 * The next time a Quartz expression (UTC) fires strictly after `after`, or undefined when it never
 * fires again (e.g. a year in the past). For the scheduler.
 */
export function nextRun(cronExpression: string, after: Date): Date | undefined {
  return parseQuartz(cronExpression).nextRun(after) ?? undefined;
}

/** The next `count` times an expression fires after `after`. */
export function nextRuns(cronExpression: string, count: number, after: Date): Date[] {
  return parseQuartz(cronExpression).nextRuns(count, after);
}

/**
 * A public API schedule (`{scheduleType: manual|cron, cronExpression}`), checked as Airbyte's
 * public API does, as it will be stored. A trailing "UTC" is accepted and removed.
 */
export function validatePublicSchedule(schedule: AirbyteApiConnectionSchedule): StoredSchedule {
  if (schedule.scheduleType !== "cron") return MANUAL_SCHEDULE;
  const given = schedule.cronExpression;
  if (given === undefined || given === null) throw badRequest("Missing cron expression in the schedule.");
  const expression = withoutTimeZone(given);
  let fields: string[];
  try {
    parseQuartz(expression);
    fields = expression.split(/\s+/);
  } catch (error) {
    throw badRequest(
      `The cron expression ${given} is not valid. Error: ${(error as Error).message}. Please check the cron expression format at ${QUARTZ_DOCUMENTATION}`,
    );
  }
  const tooFrequent = !isPlainNumber(fields[0]) || (fields.length === 7 && !isPlainNumber(fields[1]));
  if (tooFrequent) {
    throw badRequest(
      `The cron expression ${given} is not valid or is less than the one hour minimum. The seconds and minutes values cannot be \`*\`.`,
    );
  }
  return { scheduleType: "cron", cronExpression: expression, basicSchedule: null };
}

/**
 * A Config API schedule (`scheduleType` with `scheduleData`, or the legacy `schedule`), checked
 * as Airbyte's connection handlers do. Only UTC cron schedules can be kept here.
 */
export function validateConfigSchedule(input: {
  scheduleType?: Config.ConnectionScheduleType | null;
  scheduleData?: Config.ConnectionScheduleData | null;
  schedule?: Config.ConnectionSchedule | null;
}): StoredSchedule {
  const type = input.scheduleType ?? (input.schedule ? "basic" : "manual");
  if (type === "manual") return MANUAL_SCHEDULE;
  if (type === "basic") {
    const basic = input.scheduleData?.basicSchedule ?? input.schedule;
    if (!basic) {
      throw new ServiceError(
        "unprocessable",
        "If schedule type is basic, then scheduleData.basicSchedule must be set.",
      );
    }
    return { scheduleType: "basic", cronExpression: null, basicSchedule: checkedBasicSchedule(basic) };
  }
  const cron = input.scheduleData?.cron;
  if (!cron) throw new ServiceError("cron-missing", "If schedule type is cron, scheduleData.cron must be provided.");
  if (cron.cronTimeZone !== SCHEDULE_TIME_ZONE) {
    throw badRequest(
      `The local server runs cron schedules in ${SCHEDULE_TIME_ZONE} only; cronTimeZone ${cron.cronTimeZone} cannot be used.`,
    );
  }
  checkConfigCronFrequency(cron.cronExpression);
  return { scheduleType: "cron", cronExpression: cron.cronExpression.trim(), basicSchedule: null };
}

/** The public API's rendering: `"<expression> UTC"`, or `"Every N HOURS"` for basic schedules. */
export function publicScheduleResponse(schedule: StoredSchedule): {
  scheduleType: "manual" | "cron" | "basic";
  cronExpression?: string;
  basicTiming?: string;
} {
  if (schedule.scheduleType === "cron" && schedule.cronExpression) {
    return { scheduleType: "cron", cronExpression: `${schedule.cronExpression} ${SCHEDULE_TIME_ZONE}` };
  }
  if (schedule.scheduleType === "basic" && schedule.basicSchedule) {
    const { units, timeUnit } = schedule.basicSchedule;
    return { scheduleType: "basic", basicTiming: `Every ${units} ${timeUnit.toUpperCase()}` };
  }
  return { scheduleType: schedule.scheduleType };
}

/** The Config API's rendering: `scheduleType`, `scheduleData` and, for basic ones, the legacy `schedule`. */
export function configScheduleFields(schedule: StoredSchedule): {
  scheduleType: Config.ConnectionScheduleType;
  scheduleData?: Config.ConnectionScheduleData;
  schedule?: Config.ConnectionSchedule;
} {
  if (schedule.scheduleType === "cron" && schedule.cronExpression) {
    return {
      scheduleType: "cron",
      scheduleData: { cron: { cronExpression: schedule.cronExpression, cronTimeZone: SCHEDULE_TIME_ZONE } },
    };
  }
  if (schedule.scheduleType === "basic" && schedule.basicSchedule) {
    return {
      scheduleType: "basic",
      scheduleData: { basicSchedule: { ...schedule.basicSchedule } },
      schedule: { ...schedule.basicSchedule },
    };
  }
  return { scheduleType: "manual" };
}

/** Airbyte removes every "UTC" when the expression ends with one. */
function withoutTimeZone(expression: string): string {
  return expression.endsWith(SCHEDULE_TIME_ZONE) ? expression.replaceAll(SCHEDULE_TIME_ZONE, "").trim() : expression;
}

/** Java's `Integer.valueOf`: an optional sign and digits. */
function isPlainNumber(field: string | undefined): boolean {
  return field !== undefined && /^[+-]?\d+$/.test(field);
}

function checkConfigCronFrequency(cronExpression: string): void {
  let runs: Date[];
  try {
    runs = nextRuns(cronExpression, 3, new Date());
    assertApart(runs, ONE_MINUTE_SECONDS, "1 minute");
  } catch (error) {
    throw new ServiceError("cron-invalid-expression", `Invalid cron expression: ${(error as Error).message}`, {
      cronExpression,
      validationErrorMessage: (error as Error).message,
    });
  }
  try {
    assertApart(runs, ONE_HOUR_SECONDS, "1 hour");
  } catch (error) {
    throw new ServiceError("cron-under-one-hour", (error as Error).message, {
      cronExpression,
      validationErrorMessage: (error as Error).message,
    });
  }
}

function assertApart(runs: Date[], minimumSeconds: number, description: string): void {
  for (let i = 1; i < runs.length; i++) {
    const gap = ((runs[i] as Date).getTime() - (runs[i - 1] as Date).getTime()) / 1000;
    if (gap < minimumSeconds) throw new Error(`Cron executions must be at least ${description} apart`);
  }
}

function checkedBasicSchedule(basic: BasicSchedule): BasicSchedule {
  if (basic.timeUnit === "minutes" && basic.units < 60) {
    throw new ServiceError("basic-schedule-under-one-hour", "Basic schedules must be at least 1 hour apart", {
      timeUnit: basic.timeUnit,
      units: basic.units,
      validationErrorMessage: "Basic schedules must be at least 1 hour apart",
    });
  }
  if (!Number.isSafeInteger(basic.units) || basic.units < 1) {
    throw badRequest(`A basic schedule needs a positive whole number of units; got ${basic.units}.`);
  }
  return { units: basic.units, timeUnit: basic.timeUnit };
}

/** Parses a Quartz expression (UTC); throws InvalidQuartzExpression with the reason. */
function parseQuartz(expression: string): Cron {
  const fields = expression.trim().split(/\s+/);
  if (expression.trim() === "") throw new InvalidQuartzExpression("Empty expression!");
  if (fields.length !== 6 && fields.length !== 7) {
    throw new InvalidQuartzExpression(`Cron expression contains ${fields.length} parts but we expect one of [6, 7]`);
  }
  const [seconds, minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  if ([seconds, minutes, hours, month, year ?? ""].some((field) => field.includes("?"))) {
    throw new InvalidQuartzExpression("'?' can only be used in the day-of-month and day-of-week fields.");
  }
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    throw new InvalidQuartzExpression("Both, a day-of-week AND a day-of-month parameter, are not supported.");
  }
  checkNumbersInRange(dayOfWeek, 1, 7, "day-of-week");
  if (year !== undefined) checkNumbersInRange(year, 1970, 2099, "year");
  try {
    return new Cron(expression.trim(), CRONER_OPTIONS);
  } catch (error) {
    throw new InvalidQuartzExpression((error as Error).message.replace(/^CronPattern: /, ""));
  }
}

/** Values of a field (not the `n` of `#n` or the step of `/n`) must lie in [min, max]. */
function checkNumbersInRange(field: string, min: number, max: number, name: string): void {
  for (const match of field.matchAll(/(^|[^#/\d])(\d+)/g)) {
    const value = Number(match[2]);
    if (value < min || value > max) {
      throw new InvalidQuartzExpression(`Value ${value} of the ${name} field is not in range [${min}, ${max}]`);
    }
  }
}
