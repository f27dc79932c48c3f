import { describe, expect, test } from "vitest";
import { formatInterval } from "../../src/datasets/duckdb-values.js";
import {
  civilFromDays,
  daysFromCivil,
  formatDate,
  formatTimestamp,
  integerValue,
  normalizeDateText,
  normalizeTimestampText,
  normalizeTimeText,
  parseJson,
} from "../../src/datasets/values.js";

describe("the shared spelling of values", () => {
  test("timestamps match Date#toISOString to the millisecond, and keep microseconds", () => {
    for (const iso of [
      "2024-01-02T03:04:05.123Z",
      "1969-12-31T23:59:59.999Z",
      "1900-02-28T00:00:00.000Z",
      "0001-01-01T00:00:00.000Z",
    ]) {
      const micros = BigInt(Date.parse(iso)) * 1000n;
      expect(formatTimestamp(micros, true)).toBe(iso);
    }
    expect(formatTimestamp(1_704_164_645_123_456n, true)).toBe("2024-01-02T03:04:05.123456Z");
    expect(formatTimestamp(-1n, true)).toBe("1969-12-31T23:59:59.999999Z");
    expect(formatTimestamp(0n, false)).toBe("1970-01-01T00:00:00.000");
  });

  test("years beyond Date's four digits use ISO-8601's signed form", () => {
    expect(formatDate(daysFromCivil(12345, 6, 7))).toBe("+012345-06-07");
    expect(formatDate(daysFromCivil(-43, 3, 15))).toBe("-000043-03-15");
  });

  test("day counts round-trip through the civil calendar", () => {
    for (const days of [-800_000, -1, 0, 59, 11_016, 19_849, 2_932_896]) {
      const { year, month, day } = civilFromDays(days);
      expect(daysFromCivil(year, month, day)).toBe(days);
    }
  });

  test("timestamp text from databases: offsets, Z, BC, and what cannot be parsed", () => {
    expect(normalizeTimestampText("2024-01-02 03:04:05.123456+00", true)).toBe("2024-01-02T03:04:05.123456Z");
    expect(normalizeTimestampText("2024-01-02 05:34:05+02:30", true)).toBe("2024-01-02T03:04:05.000Z");
    expect(normalizeTimestampText("2024-01-01 19:04:05-08", true)).toBe("2024-01-02T03:04:05.000Z");
    expect(normalizeTimestampText("1901-12-13 20:45:52+00:09:21", true)).toBe("1901-12-13T20:36:31.000Z");
    expect(normalizeTimestampText("2024-01-02T03:04:05.1Z", true)).toBe("2024-01-02T03:04:05.100Z");
    expect(normalizeTimestampText("2024-01-02 03:04:05", false)).toBe("2024-01-02T03:04:05.000");
    expect(normalizeTimestampText("0044-03-15 12:00:00+00 BC", true)).toBe("-000043-03-15T12:00:00.000Z");
    expect(normalizeTimestampText("infinity", true)).toBe("infinity");
    expect(normalizeTimestampText("-infinity", true)).toBe("-infinity");
  });

  test("dates and times", () => {
    expect(normalizeDateText("2024-05-06")).toBe("2024-05-06");
    expect(normalizeDateText("0044-03-15 BC")).toBe("-000043-03-15");
    expect(normalizeDateText("infinity")).toBe("infinity");
    expect(normalizeTimeText("13:14:15")).toBe("13:14:15");
    expect(normalizeTimeText("13:14:15.25")).toBe("13:14:15.250");
    expect(normalizeTimeText("13:14:15.000001")).toBe("13:14:15.000001");
  });

  test("integers are numbers while exact, bigints beyond", () => {
    expect(integerValue(42n)).toBe(42);
    expect(integerValue("-9007199254740991")).toBe(-9007199254740991);
    expect(integerValue("9007199254740992")).toBe(9007199254740992n);
    expect(integerValue(-9007199254740993n)).toBe(-9007199254740993n);
  });

  test("intervals as ISO-8601 durations, as Postgres prints them with IntervalStyle=iso_8601", () => {
    expect(formatInterval(14, 3, 14_706_500_000n)).toBe("P1Y2M3DT4H5M6.5S");
    expect(formatInterval(0, 0, 0n)).toBe("PT0S");
    expect(formatInterval(0, -1, 0n)).toBe("P-1D");
    expect(formatInterval(1, 0, 60_000_000n)).toBe("P1MT1M");
  });

  test("JSON text parses; text that is not JSON stays", () => {
    expect(parseJson('{"a": [1, null]}')).toEqual({ a: [1, null] });
    expect(parseJson("not json")).toBe("not json");
  });
});
