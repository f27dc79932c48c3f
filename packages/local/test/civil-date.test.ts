/**
 * The calendar arithmetic the destinations and the faker share, checked against the one
 * reference at hand: `Date`, which counts days of the same proleptic Gregorian calendar in UTC.
 */
import { describe, expect, test } from "vitest";
import { civilFromDays, daysFromCivil, daysInMonth, isCalendarDate, isLeapYear } from "../src/connectors/civil-date.js";

const MS_PER_DAY = 86_400_000;

/** Days since the epoch by `Date`; setUTCFullYear, unlike Date.UTC, takes years 0 to 99 as they are. */
function daysByDate(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() / MS_PER_DAY;
}

describe("the civil calendar", () => {
  test("agrees with Date on dates far before and after 1970, year 0 and negative years included", () => {
    const dates: [number, number, number][] = [
      [1970, 1, 1],
      [1969, 12, 31],
      [1582, 10, 15],
      [1066, 10, 14],
      [1, 1, 1],
      [0, 12, 31],
      [0, 2, 29],
      [-1, 3, 1],
      [-43, 3, 15],
      [-4713, 11, 24],
      [9999, 12, 31],
      [275_759, 1, 1],
    ];
    for (const [year, month, day] of dates) {
      const days = daysByDate(year, month, day);
      expect(daysFromCivil(year, month, day), `${year}-${month}-${day}`).toBe(days);
      expect(civilFromDays(days)).toEqual({ year, month, day });
    }
  });

  test("every day of eight centuries round-trips and is the day Date names", () => {
    const wrong: string[] = [];
    for (let days = daysByDate(1600, 1, 1); days <= daysByDate(2400, 12, 31); days++) {
      const date = new Date(days * MS_PER_DAY);
      const expected = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      const { year, month, day } = civilFromDays(days);
      const same = year === expected.year && month === expected.month && day === expected.day;
      if (!same || daysFromCivil(year, month, day) !== days) wrong.push(`${days}: ${year}-${month}-${day}`);
    }
    expect(wrong).toEqual([]);
  });

  test("leap days: every fourth year, except centuries not divisible by 400", () => {
    expect([1600, 2000, 2024, 0, -4, -400].map(isLeapYear)).toEqual([true, true, true, true, true, true]);
    expect([1700, 1900, 2100, 2023, -1, -100].map(isLeapYear)).toEqual([false, false, false, false, false, false]);
    expect(civilFromDays(daysFromCivil(2000, 2, 28) + 1)).toEqual({ year: 2000, month: 2, day: 29 });
    expect(civilFromDays(daysFromCivil(1900, 2, 28) + 1)).toEqual({ year: 1900, month: 3, day: 1 });
    expect([daysInMonth(2024, 2), daysInMonth(1900, 2), daysInMonth(2023, 4), daysInMonth(2023, 12)]).toEqual([
      29, 28, 30, 31,
    ]);
    expect(isCalendarDate(2024, 2, 29)).toBe(true);
    expect(isCalendarDate(1900, 2, 29)).toBe(false);
    expect(isCalendarDate(2023, 4, 31)).toBe(false);
    expect(isCalendarDate(2023, 13, 1)).toBe(false);
    expect(isCalendarDate(2023, 0, 1)).toBe(false);
    expect(isCalendarDate(2023, 1, 0)).toBe(false);
  });
});
