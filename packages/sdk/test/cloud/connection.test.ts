/**
 * A connection's settings against the local server: rename, table prefix, selected streams,
 * enabled, schedules (Quartz and converted Unix cron, refused before any request when invalid
 * or more than hourly), with the requests each makes.
 */
import { describe, expect, it } from "vitest";
import { type CloudConnection, InputError, toQuartzCron } from "airbyte-ts";
import { rejection, seedConnection, useCloudServer } from "./harness.js";

const harness = useCloudServer();

async function connection(streams = ["users"]): Promise<CloudConnection> {
  const workspace = harness.workspace();
  const seeded = await seedConnection(harness.admin(), workspace.workspaceId, { streams });
  return workspace.getConnection(seeded.connection.connectionId);
}

describe("settings", () => {
  it("rename and setTablePrefix: one PATCH each, whose answer serves later reads", async () => {
    const target = await connection();
    const renamed = await harness.count(() => target.rename("renamed connection"));
    expect(renamed).toEqual({ result: target, requests: { patchConnection: 1 } });
    expect(await harness.count(() => target.getName())).toEqual({ result: "renamed connection", requests: {} });
    expect((await harness.count(() => target.setTablePrefix("pre_"))).requests).toEqual({ patchConnection: 1 });
    expect(await harness.count(() => target.getTablePrefix())).toEqual({ result: "pre_", requests: {} });
    const fresh = harness.workspace().getConnection(target.connectionId);
    expect([await fresh.getName(), await fresh.getTablePrefix()]).toEqual(["renamed connection", "pre_"]);
  });

  it("setSelectedStreams keeps the configuration of the streams that stay", async () => {
    const target = await connection();
    await harness
      .admin()
      .connections.patchConnection(
        { connectionId: target.connectionId },
        { configurations: { streams: [{ name: "users", syncMode: "full_refresh_append" }] } },
      );
    const { requests } = await harness.count(() => target.setSelectedStreams(["users", "products"]));
    expect(requests).toEqual({ getConnection: 1, patchConnection: 1 });
    const streams = (await target.getInfo()).streams;
    expect(streams.map((s) => [s.name, s.syncMode])).toEqual([
      ["users", "full_refresh_append"],
      ["products", expect.any(String)],
    ]);
    expect(await harness.count(() => target.setSelectedStreams(["products"]))).toMatchObject({
      requests: { patchConnection: 1 },
    });
    expect(await target.getStreamNames()).toEqual(["products"]);
    expect(await rejection(target.setSelectedStreams("users" as never))).toBeInstanceOf(InputError);
  });

  it("isEnabled always asks; setEnabled reads the status, then changes it only when needed", async () => {
    const target = await connection();
    expect(await harness.count(() => target.isEnabled())).toEqual({ result: true, requests: { getConnection: 1 } });
    const disable = await harness.count(() => target.setEnabled({ enabled: false }));
    expect(disable.requests).toEqual({ getConnection: 1, patchConnection: 1 });
    expect(await target.isEnabled()).toBe(false);
    const noop = await harness.count(() => target.setEnabled({ enabled: false }));
    expect(noop.requests).toEqual({ getConnection: 1 });
    const strict = await rejection(target.setEnabled({ enabled: false, ignoreNoop: false }));
    expect(strict).toBeInstanceOf(InputError);
    expect(strict.message).toBe("Connection is already disabled. Current status: inactive");
    await target.setEnabled({ enabled: true });
    expect(await target.isEnabled()).toBe(true);
  });

  it("setSchedule sends Quartz as given and converts Unix cron; setManualSchedule clears it", async () => {
    const target = await connection();
    const quartz = await harness.count(() => target.setSchedule("0 30 2 * * ?"));
    expect(quartz.requests).toEqual({ patchConnection: 1 });
    // Airbyte answers the expression with its time zone.
    expect((await target.getInfo()).raw.schedule).toMatchObject({
      scheduleType: "cron",
      cronExpression: "0 30 2 * * ? UTC",
    });

    await target.setSchedule("0 */6 * * *");
    expect((await target.getInfo()).raw.schedule.cronExpression).toBe("0 0 0/6 * * ? UTC");
    await target.setSchedule("15 8 * * 1-5");
    expect((await target.getInfo()).raw.schedule.cronExpression).toBe("0 15 8 ? * 2-6 UTC");

    expect((await harness.count(() => target.setManualSchedule())).requests).toEqual({ patchConnection: 1 });
    expect((await target.getInfo({ forceRefresh: true })).raw.schedule.scheduleType).toBe("manual");
  });

  it("an invalid or more-than-hourly expression is an InputError before any request", async () => {
    const target = await connection();
    for (const expression of [
      "*/30 * * * *",
      "0 * * * * ?",
      "0 0,30 * * * ?",
      "0 0 25 * * ?",
      "0 0 12 * * MON",
      "nope",
      "",
    ]) {
      const { result, requests } = await harness.count(() => rejection(target.setSchedule(expression)));
      expect(result, expression).toBeInstanceOf(InputError);
      expect(requests).toEqual({});
    }
    expect((await rejection(target.setSchedule("*/30 * * * *"))).message).toMatch(
      /runs more than once an hour; Airbyte's minimum interval is one hour/,
    );
  });
});

describe("cron conversion", () => {
  it.each([
    ["0 0 * * *", "0 0 0 * * ?"],
    ["0 */6 * * *", "0 0 0/6 * * ?"],
    ["0 0 * * 0", "0 0 0 ? * 1"],
    ["0 0 * * 7", "0 0 0 ? * 1"],
    ["30 1 * * 1-5", "0 30 1 ? * 2-6"],
    ["0 9 * * 5-7", "0 0 9 ? * 1,6,7"],
    ["0 9 * * mon,wed,fri", "0 0 9 ? * 2,4,6"],
    ["0 9 * * */2", "0 0 9 ? * 1,3,5,7"],
    ["0 12 1,15 * *", "0 0 12 1,15 * ?"],
    ["0 0 1 jan *", "0 0 0 1 JAN ?"],
    ["@daily", "0 0 0 * * ?"],
    ["@hourly", "0 0 * * * ?"],
    ["@weekly", "0 0 0 ? * 1"],
  ])("Unix %s -> Quartz %s", (unix, quartz) => {
    expect(toQuartzCron(unix)).toBe(quartz);
  });

  it.each([
    "0 0 12 * * ?",
    "0 15 10 ? * MON-FRI",
    "0 0 12 L * ?",
    "0 0 12 15W * ?",
    "0 0 12 ? * 6#3",
    "0 0 12 ? * 6L",
    "0 0 0/2 * * ? 2030",
    "0 0 12 * * ?",
  ])("Quartz %s is kept as it is", (expression) => {
    expect(toQuartzCron(expression)).toBe(expression);
  });

  it("a trailing UTC is accepted", () => {
    expect(toQuartzCron("0 0 12 * * ? UTC")).toBe("0 0 12 * * ?");
  });

  it.each([
    ["*/15 * * * *", /more than once an hour/],
    ["0 0/30 * * * ?", /more than once an hour/],
    ["*/10 0 * * * ?", /more than once an hour/],
    ["0 0 12 * * *", /exactly one of day-of-month and day-of-week/],
    ["0 0 12 ? * ?", /exactly one of day-of-month and day-of-week/],
    ["0 12 1 * 1", /both day-of-month and day-of-week/],
    ["0 0 24 * * ?", /not a valid hours value/],
    ["0 0 12 ? * 8", /not a valid day-of-week value/],
    ["0 0 12 * 13 ?", /not a valid month value/],
    ["0 0 12 * * ? 1969", /not a valid year value/],
    ["0 0 L * *", /Unix cron has no/],
    ["0 0 5-1 * * ?", /runs backwards/],
    ["1 2 3", /It has 3 fields/],
  ])("%s is refused", (expression, message) => {
    expect(() => toQuartzCron(expression)).toThrow(message);
  });
});
