import { describe, expect, it } from "vitest";
import { type Config, formatLogEvent, formatLogTimestamp } from "airbyte-ts";

describe("log lines as a person reads them", () => {
  it("times are UTC dates and times to the second, as Airbyte's log lines print them", () => {
    expect(formatLogTimestamp(Date.UTC(2024, 4, 1, 12, 34, 56, 999))).toBe("2024-05-01 12:34:56");
    expect(formatLogTimestamp(Date.UTC(1999, 11, 31, 0, 0, 0))).toBe("1999-12-31 00:00:00");
    // The example: an epoch-milliseconds time.
    expect(formatLogTimestamp(1796316663017)).toBe("2026-12-03 16:51:03");
  });

  it("an event is its time, level, source and message; its timestamp stays a number in the event", () => {
    const event: Config.LogEvent = {
      timestamp: Date.UTC(2024, 4, 1, 12, 34, 56),
      level: "error",
      logSource: "destination",
      message: "The destination failed: boom",
    };
    expect(formatLogEvent(event)).toBe("2024-05-01 12:34:56 error destination > The destination failed: boom");
    expect(event.timestamp).toBe(Date.UTC(2024, 4, 1, 12, 34, 56));
    expect(formatLogEvent({ message: "no time, level or source" })).toBe("info no time, level or source");
  });
});
