import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { startEngine } from "../src/engine/index.js";
import { addUnits, Scheduler } from "../src/engine/scheduler.js";
import { resolveConfig } from "../src/config.js";
import { enginePorts } from "../src/services/index.js";
import { eventually } from "@airbyte-ts/test-support";
import {
  ADMIN,
  ControlledExecutor,
  FAILED_ATTEMPT,
  insertConnection,
  runAttempt,
  testServices,
  type TestServices,
} from "./helpers/engine.js";

let t: TestServices;
beforeEach(() => {
  // One attempt per job, so that a failed attempt fails its job.
  t = testServices({ maxAttempts: 1 });
});
afterEach(() => t.close());

const at = (iso: string) => Date.parse(iso);
const jobsOf = (connectionId: string, { store } = t) =>
  store.db.prepare("SELECT * FROM jobs WHERE connection_id = ? ORDER BY id").all(connectionId) as {
    id: number;
    config_type: string;
    status: string;
    created_at: number;
  }[];

describe("cron schedules (Quartz, UTC)", () => {
  test("a sync starts when the expression fires, once per firing", () => {
    const connection = insertConnection(t, {
      workspaceId: t.workspaceId,
      scheduleType: "cron",
      cronExpression: "0 0 * * * ?",
    });
    const scheduler = new Scheduler(t.services.jobQueue, at("2024-01-01T10:30:00Z"), () => undefined);
    expect(scheduler.check(at("2024-01-01T10:59:59Z"))).toEqual([]);
    const [jobId] = scheduler.check(at("2024-01-01T11:00:00Z"));
    expect(jobsOf(connection.id)).toEqual([
      expect.objectContaining({ id: jobId, config_type: "sync", status: "pending" }),
    ]);
    expect(runAttempt(t.services, jobId as number, { status: "succeeded" }).status).toBe("succeeded");
    expect(scheduler.check(at("2024-01-01T11:30:00Z"))).toEqual([]);
    expect(scheduler.check(at("2024-01-01T12:00:01Z"))).toHaveLength(1);
  });

  test("a firing while a job of the connection has not finished is skipped, not made up later", () => {
    const connection = insertConnection(t, {
      workspaceId: t.workspaceId,
      scheduleType: "cron",
      cronExpression: "0 0 * * * ?",
    });
    const { jobId } = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    const scheduler = new Scheduler(t.services.jobQueue, at("2024-01-01T10:30:00Z"), () => undefined);
    expect(scheduler.check(at("2024-01-01T11:00:00Z"))).toEqual([]);
    expect(runAttempt(t.services, jobId, FAILED_ATTEMPT).status).toBe("failed");
    expect(scheduler.check(at("2024-01-01T11:10:00Z"))).toEqual([]);
    expect(jobsOf(connection.id)).toHaveLength(1);
  });

  test("inactive, deleted and manual connections are not scheduled", () => {
    for (const status of ["inactive", "deprecated"]) {
      insertConnection(t, {
        workspaceId: t.workspaceId,
        status,
        scheduleType: "cron",
        cronExpression: "0 0 * * * ?",
      });
    }
    insertConnection(t, { workspaceId: t.workspaceId, scheduleType: "manual" });
    const scheduler = new Scheduler(t.services.jobQueue, at("2024-01-01T10:30:00Z"), () => undefined);
    expect(scheduler.check(at("2024-01-02T10:30:00Z"))).toEqual([]);
  });

  test("the server starts the syncs itself while the scheduler runs", async () => {
    const connection = insertConnection(t, {
      workspaceId: t.workspaceId,
      scheduleType: "cron",
      cronExpression: "* * * * * ?",
    });
    const config = resolveConfig({ inMemory: true, scheduler: true, schedulerIntervalMs: 50, log: () => undefined });
    const executor = new ControlledExecutor();
    const engine = startEngine(enginePorts(t.services), config, { executor });
    try {
      await eventually(() => expect(jobsOf(connection.id).length).toBeGreaterThan(0), { timeoutMs: 3000 });
    } finally {
      await engine.stop();
    }
  });

  test("a stopped scheduler creates nothing more", async () => {
    // The clock and the scheduler's timer are Vitest's: the seconds pass at once, and whether a
    // check ran depends on nothing but the timers (setImmediate stays real for the job runner).
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout", "Date"] });
    try {
      const connection = insertConnection(t, {
        workspaceId: t.workspaceId,
        scheduleType: "cron",
        cronExpression: "* * * * * ?",
      });
      const config = resolveConfig({ inMemory: true, scheduler: true, schedulerIntervalMs: 20, log: () => undefined });
      // Each attempt succeeds at once, so nothing but the schedule holds the next job back.
      const executor = { run: async () => ({ status: "succeeded" as const }) };
      const engine = startEngine(enginePorts(t.services), config, { executor });
      // Running, it creates the every-second job as the seconds pass: the timers do move it.
      await vi.advanceTimersByTimeAsync(3_500);
      const created = jobsOf(connection.id).length;
      expect(created).toBeGreaterThan(1);
      await engine.stop();
      await vi.advanceTimersByTimeAsync(5_000);
      expect(jobsOf(connection.id)).toHaveLength(created);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("basic schedules (every N units)", () => {
  test("a connection that never synced syncs at once, then every N units after the previous sync began", () => {
    const now = Date.now();
    // The services' clock stands still at `now`, so the first sync is created exactly then.
    const clocked = testServices({}, () => now);
    try {
      const connection = insertConnection(clocked, {
        workspaceId: clocked.workspaceId,
        scheduleType: "basic",
        basicSchedule: { units: 2, timeUnit: "hours" },
      });
      const scheduler = new Scheduler(clocked.services.jobQueue, now, () => undefined);
      const [first] = scheduler.check(now + 1);
      expect(jobsOf(connection.id, clocked)).toEqual([expect.objectContaining({ id: first, created_at: now })]);
      expect(runAttempt(clocked.services, first as number, { status: "succeeded" }).status).toBe("succeeded");
      expect(scheduler.check(now + 2 * 3600_000 - 1)).toEqual([]);
      expect(scheduler.check(now + 2 * 3600_000)).toHaveLength(1);
    } finally {
      clocked.close();
    }
  });

  test("units add up as Airbyte's time units do; months are calendar months", () => {
    const from = at("2024-01-31T08:00:00Z");
    expect(addUnits(from, { units: 30, timeUnit: "minutes" })).toBe(at("2024-01-31T08:30:00Z"));
    expect(addUnits(from, { units: 24, timeUnit: "hours" })).toBe(at("2024-02-01T08:00:00Z"));
    expect(addUnits(from, { units: 1, timeUnit: "days" })).toBe(at("2024-02-01T08:00:00Z"));
    expect(addUnits(from, { units: 1, timeUnit: "weeks" })).toBe(at("2024-02-07T08:00:00Z"));
    expect(addUnits(at("2024-01-15T08:00:00Z"), { units: 1, timeUnit: "months" })).toBe(at("2024-02-15T08:00:00Z"));
  });
});
