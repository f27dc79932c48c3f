import { describe, expect, test } from "vitest";
import { ServiceError } from "../src/services/errors.js";
import {
  configScheduleFields,
  nextRun,
  nextRuns,
  publicScheduleResponse,
  QUARTZ_DOCUMENTATION,
  validateConfigSchedule,
  validatePublicSchedule,
} from "../src/services/schedules.js";

function failure(run: () => unknown): ServiceError {
  try {
    run();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error("expected a ServiceError");
}

describe("public API schedules", () => {
  test("manual schedules ignore any expression", () => {
    expect(validatePublicSchedule({ scheduleType: "manual", cronExpression: "nonsense" })).toEqual({
      scheduleType: "manual",
      cronExpression: null,
      basicSchedule: null,
    });
  });

  test("a cron schedule needs an expression", () => {
    const error = failure(() => validatePublicSchedule({ scheduleType: "cron" }));
    expect(error.kind).toBe("bad-request");
    expect(error.message).toBe("Missing cron expression in the schedule.");
  });

  test.each([
    ["0 0 12 * * ?", "0 0 12 * * ?"],
    ["0 0 12 * * ? UTC", "0 0 12 * * ?"],
    ["0 15 10 ? * MON-FRI", "0 15 10 ? * MON-FRI"],
    ["0 0 12 ? * 6L", "0 0 12 ? * 6L"],
    ["0 0 12 ? * 6#3", "0 0 12 ? * 6#3"],
    ["0 0 12 L * ?", "0 0 12 L * ?"],
    ["0 0 12 15W * ?", "0 0 12 15W * ?"],
    ["0 30 2 * * ? 2030", "0 30 2 * * ? 2030"],
    // Airbyte only looks at the seconds field of a 6-field expression.
    ["0 */5 * * * ?", "0 */5 * * * ?"],
  ])("accepts %s and stores it without the time zone", (given, stored) => {
    expect(validatePublicSchedule({ scheduleType: "cron", cronExpression: given })).toEqual({
      scheduleType: "cron",
      cronExpression: stored,
      basicSchedule: null,
    });
  });

  test.each(["* 0 12 * * ?", "0/30 0 12 * * ?", "0 * 12 * * ? 2030", "5,10 0 12 * * ?", "0 0/15 * * * ? *"])(
    "rejects %s as more frequent than hourly",
    (expression) => {
      const error = failure(() => validatePublicSchedule({ scheduleType: "cron", cronExpression: expression }));
      expect(error.kind).toBe("bad-request");
      expect(error.message).toBe(
        `The cron expression ${expression} is not valid or is less than the one hour minimum. The seconds and minutes values cannot be \`*\`.`,
      );
    },
  );

  test.each([
    ["0 0 12 * * *", "Both, a day-of-week AND a day-of-month parameter, are not supported."],
    ["0 0 12 ? * ?", "Both, a day-of-week AND a day-of-month parameter, are not supported."],
    ["0 12 * * *", "Cron expression contains 5 parts but we expect one of [6, 7]"],
    ["0 0 12 ? * 8", "Value 8 of the day-of-week field is not in range [1, 7]"],
    ["0 0 12 * * ? 1969", "Value 1969 of the year field is not in range [1970, 2099]"],
    ["0 61 12 * * ?", "Invalid value for minute: 61"],
    ["", "Empty expression!"],
    ["0 ? 12 * * ?", "'?' can only be used in the day-of-month and day-of-week fields."],
  ])("rejects %j with the reason and a link to the Quartz documentation", (expression, reason) => {
    const error = failure(() => validatePublicSchedule({ scheduleType: "cron", cronExpression: expression }));
    expect(error.kind).toBe("bad-request");
    expect(error.message).toBe(
      `The cron expression ${expression} is not valid. Error: ${reason}. Please check the cron expression format at ${QUARTZ_DOCUMENTATION}`,
    );
  });

  test("responses carry the time zone, or the basic timing", () => {
    expect(
      publicScheduleResponse({ scheduleType: "cron", cronExpression: "0 0 12 * * ?", basicSchedule: null }),
    ).toEqual({ scheduleType: "cron", cronExpression: "0 0 12 * * ? UTC" });
    expect(
      publicScheduleResponse({
        scheduleType: "basic",
        cronExpression: null,
        basicSchedule: { units: 24, timeUnit: "hours" },
      }),
    ).toEqual({ scheduleType: "basic", basicTiming: "Every 24 HOURS" });
    expect(publicScheduleResponse({ scheduleType: "manual", cronExpression: null, basicSchedule: null })).toEqual({
      scheduleType: "manual",
    });
  });
});

describe("Config API schedules", () => {
  test("manual, basic and cron", () => {
    expect(validateConfigSchedule({ scheduleType: "manual" }).scheduleType).toBe("manual");
    expect(validateConfigSchedule({}).scheduleType).toBe("manual");
    expect(
      validateConfigSchedule({
        scheduleType: "basic",
        scheduleData: { basicSchedule: { units: 2, timeUnit: "hours" } },
      }),
    ).toEqual({ scheduleType: "basic", cronExpression: null, basicSchedule: { units: 2, timeUnit: "hours" } });
    // The legacy `schedule` alone means a basic schedule.
    expect(validateConfigSchedule({ schedule: { units: 1, timeUnit: "days" } }).basicSchedule).toEqual({
      units: 1,
      timeUnit: "days",
    });
    expect(
      validateConfigSchedule({
        scheduleType: "cron",
        scheduleData: { cron: { cronExpression: "0 0 6 * * ?", cronTimeZone: "UTC" } },
      }),
    ).toEqual({ scheduleType: "cron", cronExpression: "0 0 6 * * ?", basicSchedule: null });
  });

  test("cron problems: missing data, invalid expression, under one hour, other time zones", () => {
    expect(failure(() => validateConfigSchedule({ scheduleType: "cron", scheduleData: {} })).kind).toBe("cron-missing");
    const invalid = failure(() =>
      validateConfigSchedule({
        scheduleType: "cron",
        scheduleData: { cron: { cronExpression: "0 0 12 * * *", cronTimeZone: "UTC" } },
      }),
    );
    expect(invalid.kind).toBe("cron-invalid-expression");
    expect(invalid.data).toMatchObject({ cronExpression: "0 0 12 * * *" });
    const everySecond = failure(() =>
      validateConfigSchedule({
        scheduleType: "cron",
        scheduleData: { cron: { cronExpression: "* * * * * ?", cronTimeZone: "UTC" } },
      }),
    );
    expect(everySecond.kind).toBe("cron-invalid-expression");
    expect(everySecond.message).toBe("Invalid cron expression: Cron executions must be at least 1 minute apart");
    const everyFiveMinutes = failure(() =>
      validateConfigSchedule({
        scheduleType: "cron",
        scheduleData: { cron: { cronExpression: "0 */5 * * * ?", cronTimeZone: "UTC" } },
      }),
    );
    expect(everyFiveMinutes.kind).toBe("cron-under-one-hour");
    expect(everyFiveMinutes.data).toEqual({
      cronExpression: "0 */5 * * * ?",
      validationErrorMessage: "Cron executions must be at least 1 hour apart",
    });
    const zone = failure(() =>
      validateConfigSchedule({
        scheduleType: "cron",
        scheduleData: { cron: { cronExpression: "0 0 6 * * ?", cronTimeZone: "Europe/Paris" } },
      }),
    );
    expect(zone.kind).toBe("bad-request");
    expect(zone.message).toContain("UTC only");
  });

  test("basic problems: missing data and under one hour", () => {
    expect(failure(() => validateConfigSchedule({ scheduleType: "basic" })).kind).toBe("unprocessable");
    const fast = failure(() =>
      validateConfigSchedule({
        scheduleType: "basic",
        scheduleData: { basicSchedule: { units: 30, timeUnit: "minutes" } },
      }),
    );
    expect(fast.kind).toBe("basic-schedule-under-one-hour");
    expect(fast.data).toMatchObject({ timeUnit: "minutes", units: 30 });
  });

  test("Config API fields", () => {
    expect(configScheduleFields({ scheduleType: "cron", cronExpression: "0 0 6 * * ?", basicSchedule: null })).toEqual({
      scheduleType: "cron",
      scheduleData: { cron: { cronExpression: "0 0 6 * * ?", cronTimeZone: "UTC" } },
    });
    expect(
      configScheduleFields({
        scheduleType: "basic",
        cronExpression: null,
        basicSchedule: { units: 6, timeUnit: "hours" },
      }),
    ).toEqual({
      scheduleType: "basic",
      scheduleData: { basicSchedule: { units: 6, timeUnit: "hours" } },
      schedule: { units: 6, timeUnit: "hours" },
    });
  });
});

describe("nextRun, for the scheduler", () => {
  const after = new Date("2024-01-01T00:00:00Z");

  test("fires strictly after the given time, in UTC", () => {
    expect(nextRun("0 0 * * * ?", after)?.toISOString()).toBe("2024-01-01T01:00:00.000Z");
    expect(nextRun("0 30 12 * * ?", new Date("2024-01-01T12:30:00Z"))?.toISOString()).toBe("2024-01-02T12:30:00.000Z");
  });

  test("Quartz weekdays count from Sunday = 1", () => {
    // 2024-01-01 is a Monday.
    expect(nextRun("0 0 9 ? * 2", after)?.toISOString()).toBe("2024-01-01T09:00:00.000Z");
    expect(nextRun("0 0 9 ? * MON", after)?.toISOString()).toBe("2024-01-01T09:00:00.000Z");
    expect(nextRuns("0 0 9 ? * 6#3", 2, after).map((d) => d.toISOString())).toEqual([
      "2024-01-19T09:00:00.000Z",
      "2024-02-16T09:00:00.000Z",
    ]);
  });

  test("last day of the month, increments and years", () => {
    expect(nextRuns("0 0 0 L * ?", 2, after).map((d) => d.toISOString())).toEqual([
      "2024-01-31T00:00:00.000Z",
      "2024-02-29T00:00:00.000Z",
    ]);
    expect(nextRuns("0 0 0/8 * * ?", 3, after).map((d) => d.toISOString())).toEqual([
      "2024-01-01T08:00:00.000Z",
      "2024-01-01T16:00:00.000Z",
      "2024-01-02T00:00:00.000Z",
    ]);
    expect(nextRun("0 0 0 1 1 ? 2020", after)).toBeUndefined();
  });
});
