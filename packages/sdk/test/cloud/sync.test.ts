/**
 * Syncs through the high-level objects against the local server's real engine: running and
 * waiting, results and their counts, previous jobs, attempts and logs in both of Airbyte's log
 * shapes, failures, timeouts, cancelling, aborting a wait, following logs, and what `runSync`
 * does when a sync is already running.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  type CloudConnection,
  type CloudJobInfo,
  ConnectionSyncActiveError,
  ConnectionSyncError,
  ConnectionSyncTimeoutError,
  InputError,
  type SyncResult,
} from "airbyte-ts";
import { type CloudHarness, rejection, seedConnection, useCloudServer } from "./harness.js";

const SILENT = { destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } };
/** A destination that takes ten seconds per record: its syncs run until cancelled. */
const SLOW = {
  destinationType: "dev-null",
  test_destination: { test_destination_type: "THROTTLED", millis_per_record: 10_000 },
};
const FAILING = {
  destinationType: "dev-null",
  test_destination: { test_destination_type: "FAILING", num_messages: 0 },
};

async function connectionTo(harness: CloudHarness, destinationConfiguration: Record<string, unknown>) {
  const workspace = harness.workspace();
  const seeded = await seedConnection(harness.admin(), workspace.workspaceId, { destinationConfiguration });
  return workspace.getConnection(seeded.connection.connectionId);
}

/** Runs `check` with a sync that stays running, and cancels it afterwards. */
async function withRunningSync(
  harness: CloudHarness,
  check: (connection: CloudConnection, sync: SyncResult) => Promise<void>,
): Promise<void> {
  const connection = await connectionTo(harness, SLOW);
  const sync = await connection.runSync({ wait: false });
  try {
    await check(connection, sync);
  } finally {
    if (!(await sync.isJobComplete())) await sync.cancel();
  }
}

describe("a sync that succeeds", () => {
  const harness = useCloudServer({ maxAttempts: 1 });
  let connection: CloudConnection;
  let sync: SyncResult;
  let runRequests: Record<string, number>;

  beforeAll(async () => {
    connection = await connectionTo(harness, SILENT);
    ({ result: sync, requests: runRequests } = await harness.count(() => connection.runSync({ pollIntervalMs: 100 })));
  });

  it("runSync starts the job (no lookup before it) and waits for it, polling the job", () => {
    expect(runRequests).toMatchObject({ createJob: 1 });
    expect(runRequests.getJob).toBeGreaterThanOrEqual(1);
    expect(Object.keys(runRequests).sort()).toEqual(["createJob", "getJob"]);
  });

  it("the finished job's status, counts and times cost no further request", async () => {
    const { result, requests } = await harness.count(async () => ({
      status: await sync.getJobStatus(),
      complete: await sync.isJobComplete(),
      records: await sync.getRecordsSynced(),
      bytes: await sync.getBytesSynced(),
      start: await sync.getStartTime(),
      info: await sync.getJobInfo(),
    }));
    expect(requests).toEqual({});
    expect(result).toMatchObject({ status: "succeeded", complete: true, records: 10 });
    expect(result.bytes).toBeGreaterThan(0);
    expect(result.start).toBeInstanceOf(Date);
    expect(Math.abs(result.start.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    expect(result.info).toMatchObject({ jobId: sync.jobId, jobType: "sync", connectionId: connection.connectionId });
    expect(sync.jobUrl).toBe(`${connection.jobHistoryUrl}#${sync.jobId}::0`);
    await sync.raiseFailureStatus();
  });

  it("getAttempts: one Config API request, kept once the job is over; the log as text", async () => {
    const first = await harness.count(() => sync.getAttempts());
    expect(first.requests).toEqual({ "config.jobs.get": 1 });
    const [attempt] = first.result;
    expect(attempt).toMatchObject({ attemptNumber: 0, status: "succeeded", recordsSynced: 10, jobId: sync.jobId });
    expect(attempt!.bytesSynced).toBeGreaterThan(0);
    expect(typeof attempt!.attemptId).toBe("number");
    expect(attempt!.createdAt).toBeInstanceOf(Date);
    expect(attempt!.failures).toEqual([]);
    const text = attempt!.getFullLogText();
    expect(text.split("\n").length).toBeGreaterThan(2);
    // Times as Airbyte prints them in its logs, in UTC: the first line's is this sync's.
    const firstLine = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) info platform > Starting sync/.exec(text);
    expect(firstLine).not.toBeNull();
    expect(Math.abs(Date.parse(`${firstLine![1]}T${firstLine![2]}Z`) - Date.now())).toBeLessThan(5 * 60_000);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} info replication-orchestrator > Stream users: /m);
    expect(text).toMatch(/The sync succeeded/);
    expect((await harness.count(() => sync.getAttempts())).requests).toEqual({});
  });

  it("followLogs on a finished job yields every line once, then ends", async () => {
    const lines: string[] = [];
    const { requests } = await harness.count(async () => {
      for await (const line of sync.followLogs()) lines.push(line);
    });
    expect(requests).toEqual({});
    expect(lines.join("\n")).toBe((await sync.getAttempts())[0]!.getFullLogText());
  });

  it("getSyncResult: the newest job (one request), or a job by id (none)", async () => {
    const newest = await harness.count(() => connection.getSyncResult());
    expect(newest.requests).toEqual({ listJobs: 1 });
    expect(newest.result?.jobId).toBe(sync.jobId);
    const byId = await harness.count(async () => connection.getSyncResult(sync.jobId));
    expect(byId.requests).toEqual({});
    expect(await harness.count(() => byId.result.getJobStatus())).toEqual({
      result: "succeeded",
      requests: { getJob: 1 },
    });
    expect(await harness.count(() => byId.result.getJobStatus())).toEqual({ result: "succeeded", requests: {} });
  });

  it("getPreviousSyncLogs: jobs newest first, each knowing its status", async () => {
    const second = await connection.runSync({ pollIntervalMs: 100 });
    const { result, requests } = await harness.count(() => connection.getPreviousSyncLogs({ limit: 1 }));
    expect(result.map((r) => r.jobId)).toEqual([second.jobId]);
    expect(requests).toEqual({ listJobs: 1 });
    expect(await harness.count(() => result[0]!.getJobStatus())).toEqual({ result: "succeeded", requests: {} });
    const oldestFirst = await connection.getPreviousSyncLogs({ fromTail: false });
    expect(oldestFirst.map((r) => r.jobId)).toEqual([sync.jobId, second.jobId]);
    expect((await connection.getPreviousSyncLogs({ offset: 1 })).map((r) => r.jobId)).toEqual([sync.jobId]);
    expect(await connection.getPreviousSyncLogs({ jobType: "reset" })).toEqual([]);
  });

  it("bad options of getPreviousSyncLogs are InputErrors before any request", async () => {
    for (const options of [{ limit: 0 }, { jobType: "bogus" as never }]) {
      const { result, requests } = await harness.count(() => rejection(connection.getPreviousSyncLogs(options)));
      expect(result).toBeInstanceOf(InputError);
      expect(requests).toEqual({});
    }
  });

  it("a job of another connection is not this connection's result", async () => {
    const other = await connectionTo(harness, SILENT);
    const error = await rejection(other.getSyncResult(sync.jobId).getJobStatus());
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/belongs to connection/);
  });
});

describe("a sync that fails", () => {
  const harness = useCloudServer({ maxAttempts: 1 });

  it("runSync throws ConnectionSyncError with the job, its status and its page", async () => {
    const connection = await connectionTo(harness, FAILING);
    const error = await rejection(connection.runSync({ pollIntervalMs: 100 }));
    expect(error).toBeInstanceOf(ConnectionSyncError);
    const failure = error as ConnectionSyncError;
    expect(failure).toMatchObject({ connectionId: connection.connectionId, jobStatus: "failed" });
    expect(failure.webUrl).toBe(`${connection.jobHistoryUrl}#${failure.jobId}::0`);
    // The message carries what the last attempt says went wrong.
    expect(failure.message).toMatch(
      new RegExp(
        `^Sync job ${failure.jobId} of connection '${connection.connectionId}' ended failed: .*failed on purpose`,
      ),
    );
    expect(failure.context.failureReason).toMatch(/failed on purpose/);

    const result = connection.getSyncResult(failure.jobId!);
    expect(await result.waitForCompletion()).toBe("failed");
    expect(await rejection(result.raiseFailureStatus())).toBeInstanceOf(ConnectionSyncError);
    expect(await rejection(result.waitForCompletion({ raiseFailure: true }))).toBeInstanceOf(ConnectionSyncError);
    const [attempt] = await result.getAttempts();
    expect(attempt!.status).toBe("failed");
    expect(attempt!.getFullLogText()).toMatch(/failed on purpose/);
    // The failure summary: where and why, the message for users and the one for developers.
    expect(attempt!.failures).toEqual([
      {
        failureOrigin: "destination",
        failureType: "system_error",
        externalMessage: expect.stringMatching(/failed on purpose/),
        internalMessage: expect.stringMatching(/failed on purpose/),
        retryable: true,
        streamName: undefined,
      },
    ]);
  });
});

describe("a sync that runs", () => {
  const harness = useCloudServer();

  it("runSync times out with ConnectionSyncTimeoutError; the job goes on", async () => {
    const connection = await connectionTo(harness, SLOW);
    const error = await rejection(connection.runSync({ waitTimeoutMs: 300, pollIntervalMs: 50 }));
    expect(error).toBeInstanceOf(ConnectionSyncTimeoutError);
    const timeout = error as ConnectionSyncTimeoutError;
    expect(timeout).toMatchObject({ timeoutMs: 300, connectionId: connection.connectionId });
    expect(["pending", "running"]).toContain(timeout.jobStatus);
    const sync = connection.getSyncResult(timeout.jobId!);
    expect(await sync.isJobComplete()).toBe(false);
    await sync.cancel();
  });

  it("with raiseTimeout false the wait returns the unfinished status", async () => {
    await withRunningSync(harness, async (_connection, sync) => {
      expect(["pending", "running"]).toContain(
        await sync.waitForCompletion({ waitTimeoutMs: 200, raiseTimeout: false, pollIntervalMs: 50 }),
      );
    });
  });

  it("cancelOnTimeout cancels the job when the time is up", async () => {
    await withRunningSync(harness, async (_connection, sync) => {
      const error = await rejection(
        sync.waitForCompletion({ waitTimeoutMs: 100, pollIntervalMs: 50, cancelOnTimeout: true }),
      );
      expect(error).toBeInstanceOf(ConnectionSyncTimeoutError);
      expect((error as ConnectionSyncTimeoutError).jobStatus).toBe("cancelled");
      expect(await sync.getJobStatus()).toBe("cancelled");
    });
  });

  it("polls with a growing pause, reporting each poll to onProgress", async () => {
    await withRunningSync(harness, async (_connection, sync) => {
      const seen: { at: number; job: CloudJobInfo }[] = [];
      const { requests } = await harness.count(() =>
        sync.waitForCompletion({
          waitTimeoutMs: 1200,
          raiseTimeout: false,
          pollIntervalMs: 100,
          maxPollIntervalMs: 400,
          onProgress: (job) => void seen.push({ at: Date.now(), job }),
        }),
      );
      // Pauses of 100, 150, 225, 337, 400, 400 ms: seven polls in 1.2 s, where a fixed 100 ms would make thirteen.
      expect(seen.length).toBeGreaterThanOrEqual(5);
      expect(seen.length).toBeLessThanOrEqual(8);
      expect(requests.getJob).toBe(seen.length);
      const gaps = seen.slice(1).map((entry, i) => entry.at - seen[i]!.at);
      expect(gaps.at(-2)!).toBeGreaterThan(gaps[0]! * 2);
      expect(seen[0]!.job.jobId).toBe(sync.jobId);
    });
  });

  it("an AbortSignal stops the wait with its reason; the job goes on", async () => {
    await withRunningSync(harness, async (_connection, sync) => {
      const reason = new Error("enough waiting");
      const timedOut = await rejection(
        sync.waitForCompletion({ pollIntervalMs: 50 }, { signal: AbortSignal.timeout(200) }),
      );
      expect(timedOut.name).toBe("TimeoutError");
      const controller = new AbortController();
      setTimeout(() => controller.abort(reason), 150);
      expect(await rejection(sync.waitForCompletion({ pollIntervalMs: 50 }, { signal: controller.signal }))).toBe(
        reason,
      );
      expect(await sync.isJobComplete()).toBe(false);
    });
  });

  it("an abort that comes while a request is on its way rejects with the signal's reason too", async () => {
    await withRunningSync(harness, async (_connection, sync) => {
      harness.local().setFaults({ latencyMs: 1_000, include: ["GET /api/public/v1/jobs/*"] });
      try {
        const reason = new Error("stop now");
        const controller = new AbortController();
        setTimeout(() => controller.abort(reason), 100);
        const started = Date.now();
        expect(await rejection(sync.waitForCompletion({}, { signal: controller.signal }))).toBe(reason);
        expect(Date.now() - started).toBeLessThan(900);
      } finally {
        harness.local().setFaults(undefined);
      }
    });
  });

  it("cancel stops the job", async () => {
    await withRunningSync(harness, async (_connection, sync) => {
      const { result, requests } = await harness.count(() => sync.cancel());
      expect(result).toBe("cancelled");
      expect(requests).toEqual({ cancelJob: 1 });
      expect(await sync.waitForCompletion()).toBe("cancelled");
      expect(await rejection(sync.raiseFailureStatus())).toBeInstanceOf(ConnectionSyncError);
    });
  });

  it("ifRunning: fail (default) throws, skip returns undefined, attach follows the running job", async () => {
    await withRunningSync(harness, async (connection, sync) => {
      const failed = await harness.count(() => rejection(connection.runSync()));
      expect(failed.result).toBeInstanceOf(ConnectionSyncActiveError);
      expect(failed.result).toMatchObject({
        code: "sync_already_running",
        connectionId: connection.connectionId,
        connectionUrl: connection.connectionUrl,
      });
      expect(failed.requests).toEqual({ createJob: 1 });

      expect(await connection.runSync({ ifRunning: "skip" })).toBeUndefined();

      const attached = await harness.count(() => connection.runSync({ ifRunning: "attach", wait: false }));
      expect(attached.result.jobId).toBe(sync.jobId);
      expect(attached.requests).toEqual({ createJob: 1, listJobs: 1 });
      expect(["pending", "running"]).toContain(await attached.result.getJobStatus());
    });
  });

  it("followLogs yields lines while the job runs and ends when it ends", async () => {
    await withRunningSync(harness, async (_connection, sync) => {
      const lines: string[] = [];
      for await (const line of sync.followLogs({ pollIntervalMs: 50 })) {
        lines.push(line);
        if (lines.length === 1) await sync.cancel();
      }
      expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} info platform > Starting sync/);
      expect(await sync.getJobStatus()).toBe("cancelled");
    });
  });

  it("invalid waiting options are InputErrors", async () => {
    const sync = (await connectionTo(harness, SILENT)).getSyncResult(1);
    for (const options of [
      { waitTimeoutMs: -1 },
      { pollIntervalMs: 0 },
      { pollIntervalMs: 500, maxPollIntervalMs: 100 },
    ]) {
      expect(await rejection(sync.waitForCompletion(options))).toBeInstanceOf(InputError);
    }
    expect(await rejection(sync.connection.runSync({ ifRunning: "later" as never }))).toBeInstanceOf(InputError);
  });
});

describe("logs in Airbyte's formatted shape", () => {
  const harness = useCloudServer({ logFormat: "formatted" });

  it("getFullLogText joins the formatted lines", async () => {
    const connection = await connectionTo(harness, SILENT);
    const sync = await connection.runSync({ pollIntervalMs: 100 });
    const [attempt] = await sync.getAttempts();
    const text = attempt!.getFullLogText();
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} platform > Starting sync/);
    expect(text).toMatch(/Starting sync/);
    expect(text.split("\n").length).toBeGreaterThan(2);
  });
});
