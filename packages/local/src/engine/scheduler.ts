/**
 * The scheduler: while the server runs, it creates the syncs of active connections at their
 * scheduled times. A cron connection syncs whenever its expression fires (UTC); a legacy basic
 * one every N units after its previous sync started, and at once when it never synced. A time
 * that comes while a job of the connection has not finished is skipped, as Airbyte skips it.
 * Times the server was not running for are not made up afterwards.
 */
import { type BasicSchedule, nextRun as quartzNextRun } from "../services/schedules.js";
import type { ScheduledConnection, SyncSchedule } from "./ports.js";

export type NextRun = (cronExpression: string, after: Date) => Date | undefined;

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly syncSchedule: SyncSchedule,
    /** Schedules are evaluated from this time on. */
    private lastCheck: number,
    private readonly report: (message: string) => void,
    private readonly nextRun: NextRun = quartzNextRun,
  ) {}

  start(intervalMs: number): this {
    this.timer = setInterval(() => {
      // A timer's exception would end the server: the store failing here is reported instead.
      try {
        this.check(Date.now());
      } catch (error) {
        this.report(`the scheduler could not look for due syncs: ${(error as Error).stack ?? String(error)}`);
      }
    }, intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Creates the syncs that came due since the previous check; answers the jobs' ids. */
  check(now: number): number[] {
    const since = this.lastCheck;
    this.lastCheck = now;
    const created: number[] = [];
    for (const connection of this.syncSchedule.scheduledConnections()) {
      try {
        if (!this.isDue(connection, since, now)) continue;
        const jobId = this.syncSchedule.createScheduledSync(connection.id);
        if (jobId !== undefined) created.push(jobId);
      } catch (error) {
        this.report(`the scheduled sync of connection ${connection.id} failed to start: ${(error as Error).message}`);
      }
    }
    return created;
  }

  private isDue({ id, schedule }: ScheduledConnection, since: number, now: number): boolean {
    if (schedule.type === "cron") {
      const next = this.nextRun(schedule.cronExpression, new Date(since));
      return next !== undefined && next.getTime() <= now;
    }
    const previous = this.syncSchedule.latestSyncCreatedAt(id);
    return previous === undefined || addUnits(previous, schedule.basic) <= now;
  }
}

/** `from` plus N minutes, hours, days, weeks or calendar months. */
export function addUnits(from: number, { units, timeUnit }: BasicSchedule): number {
  const minute = 60_000;
  switch (timeUnit) {
    case "minutes":
      return from + units * minute;
    case "hours":
      return from + units * 60 * minute;
    case "days":
      return from + units * 24 * 60 * minute;
    case "weeks":
      return from + units * 7 * 24 * 60 * minute;
    case "months": {
      const date = new Date(from);
      date.setUTCMonth(date.getUTCMonth() + units);
      return date.getTime();
    }
  }
}
