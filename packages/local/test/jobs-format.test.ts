import { describe, expect, test } from "vitest";
import { formattedLogLine, javaDuration, javaOffsetDateTime } from "../src/services/jobs/format.js";
import { canChangeStatus } from "../src/store/job-records.js";

describe("times as Java prints them", () => {
  test("OffsetDateTime.toString() in UTC: whole seconds, the seconds field dropped when zero", () => {
    expect(javaOffsetDateTime(Date.UTC(2023, 2, 25, 1, 30, 50))).toBe("2023-03-25T01:30:50Z");
    expect(javaOffsetDateTime(Date.UTC(2023, 2, 25, 1, 30, 0))).toBe("2023-03-25T01:30Z");
    // Airbyte renders from epoch seconds: milliseconds never show, even when seconds are zero.
    expect(javaOffsetDateTime(Date.UTC(2023, 2, 25, 1, 30, 0, 999))).toBe("2023-03-25T01:30Z");
    expect(javaOffsetDateTime(Date.UTC(2024, 11, 31, 23, 59, 9, 500))).toBe("2024-12-31T23:59:09Z");
  });

  test("Duration.toString(): hours, minutes and seconds, PT0S for nothing, no days", () => {
    expect(javaDuration(0)).toBe("PT0S");
    expect(javaDuration(8 * 60 + 42)).toBe("PT8M42S");
    expect(javaDuration(8 * 3600 + 6 * 60 + 12)).toBe("PT8H6M12S");
    expect(javaDuration(3600)).toBe("PT1H");
    expect(javaDuration(3600 + 5)).toBe("PT1H5S");
    expect(javaDuration(50 * 3600)).toBe("PT50H");
    expect(javaDuration(-3)).toBe("PT0S");
  });

  test("formatted log lines: UTC date and time, source, message", () => {
    expect(formattedLogLine(Date.UTC(2024, 4, 1, 10, 0, 4, 250), "platform", "Starting")).toBe(
      "2024-05-01 10:00:04 platform > Starting",
    );
  });
});

describe("Airbyte's job status transitions", () => {
  const statuses = ["pending", "queued", "running", "incomplete", "failed", "succeeded", "cancelled"] as const;
  const allowed: Record<string, string[]> = {
    pending: ["queued", "running", "failed", "cancelled", "incomplete"],
    queued: ["pending", "running", "cancelled", "failed"],
    running: ["incomplete", "succeeded", "failed", "cancelled"],
    incomplete: ["pending", "running", "failed", "cancelled", "incomplete", "succeeded"],
    succeeded: [],
    failed: ["failed"],
    cancelled: [],
  };
  for (const from of statuses) {
    test(`from ${from}`, () => {
      const reachable = statuses.filter((to) => canChangeStatus(from, to));
      expect(reachable.sort()).toEqual([...(allowed[from] ?? [])].sort());
    });
  }
});
