import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AirbyteApi, type Config, selfManaged } from "airbyte-ts";
import { startLocalServer } from "@airbyte-ts/local";
import { eventually, nextTurn } from "@airbyte-ts/test-support";
import { afterEach, describe, expect, test } from "vitest";
import { resolveConfig, type LocalServerOptions } from "../src/config.js";
import { type Engine, startEngine } from "../src/engine/index.js";
import { ServiceError } from "../src/services/errors.js";
import { createServices, enginePorts } from "../src/services/index.js";
import { ConnectionRecords } from "../src/store/connection-records.js";
import { openStore } from "../src/store/db.js";
import type { JobRow } from "../src/store/rows.js";
import {
  ADMIN,
  ControlledExecutor,
  insertConnection,
  SNOWFLAKE_DESTINATION,
  testServices,
  type TestServices,
} from "./helpers/engine.js";

let t: TestServices;
let engines: Engine[] = [];

function setup(options: LocalServerOptions = {}, now?: () => number): TestServices {
  t = testServices(options, now);
  return t;
}

function run(executor?: ControlledExecutor, options: LocalServerOptions = {}): Engine {
  const config = resolveConfig({ inMemory: true, scheduler: false, log: () => undefined, ...options });
  const engine = startEngine(enginePorts(t.services), config, executor ? { executor } : {});
  engines.push(engine);
  return engine;
}

afterEach(async () => {
  for (const engine of engines) await engine.stop();
  engines = [];
  t.close();
});

const job = (id: number) => t.store.db.prepare("SELECT * FROM jobs WHERE id = ?").get(id) as JobRow;
const info = (id: number) => t.services.jobs.jobInfo(ADMIN, id);
const messages = (id: number, attempt = 0) =>
  ((info(id).attempts[attempt]?.logs as Config.LogEvents | undefined)?.events ?? []).map((e) => e.message);
const waitForStatus = (id: number, status: string, timeoutMs = 20_000) =>
  eventually(() => expect(job(id).status).toBe(status), { timeoutMs });

function serviceErrorOf(work: () => unknown): ServiceError {
  try {
    work();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error("no error was thrown");
}

describe("a sync with the local executor", () => {
  test("goes pending -> running -> succeeded with one attempt, logs and counts per stream", async () => {
    setup();
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const created = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    expect(created).toMatchObject({ status: "pending", jobType: "sync", connectionId: connection.id });
    expect(created).not.toHaveProperty("duration");
    expect(created).not.toHaveProperty("lastUpdatedAt");

    run();
    await waitForStatus(created.jobId, "succeeded");

    const { job: read, attempts } = info(created.jobId);
    expect(read).toMatchObject({
      id: created.jobId,
      configType: "sync",
      configId: connection.id,
      status: "succeeded",
      enabledStreams: [{ name: "users" }, { name: "purchases" }],
      aggregatedStats: { recordsEmitted: 2300, recordsCommitted: 2300, recordsRejected: 0 },
    });
    expect(read.aggregatedStats?.bytesCommitted).toBe(read.aggregatedStats?.bytesEmitted);
    expect(read.startedAt).toBeTypeOf("number");
    expect(read.streamAggregatedStats?.map((s) => s.streamName)).toEqual(["users", "purchases"]);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.attempt).toMatchObject({
      id: 0,
      status: "succeeded",
      recordsSynced: 2300,
      bytesSynced: read.aggregatedStats?.bytesCommitted,
    });
    expect(attempts[0]?.attempt.endedAt).toBeTypeOf("number");
    expect(attempts[0]?.logType).toBe("structured");
    const lines = messages(created.jobId);
    expect(lines[0]).toBe(
      `Starting sync of 2 streams of connection "my source <> my destination" (${connection.id}), attempt 1: source "my source" -> destination "my destination".`,
    );
    expect(lines).toContain("Stream users (full_refresh | overwrite) -> public.users: reading.");
    expect(lines).toContain("Stream users: 1000 records read, 1000 committed to public.users.");
    expect(lines).toContain("Stream purchases (incremental | append) -> public.purchases: reading.");
    expect(lines).toContain("Stream purchases: 1300 records read, 1300 committed to public.purchases.");
    expect(lines).toContainEqual(expect.stringMatching(/^Peak memory of the sync worker: \d+ MB\.$/));
    expect(lines.at(-1)).toBe(
      `The sync succeeded: 2300 records (${read.aggregatedStats?.bytesCommitted} bytes) committed.`,
    );

    const response = t.services.jobs.get(ADMIN, created.jobId);
    expect(response).toMatchObject({ status: "succeeded", rowsSynced: 2300 });
    expect(response.lastUpdatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?Z$/);
    expect(response.duration).toMatch(/^PT/);
  });

  test("a connector the local server cannot run fails each attempt; the job retries, then fails", async () => {
    setup({ maxAttempts: 3, retryBackoffMs: 150 });
    const connection = insertConnection(t, {
      workspaceId: t.workspaceId,
      destinationDefinitionId: SNOWFLAKE_DESTINATION,
    });
    const { jobId } = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    run();
    // Between attempts the job waits out its backoff as incomplete.
    await waitForStatus(jobId, "incomplete");
    expect(job(jobId).next_attempt_at).toBeGreaterThan(job(jobId).updated_at);
    expect(t.services.jobs.get(ADMIN, jobId)).not.toHaveProperty("lastUpdatedAt");
    await waitForStatus(jobId, "failed");

    const { attempts } = info(jobId);
    expect(attempts.map((a) => a.attempt.status)).toEqual(["failed", "failed", "failed"]);
    const failure = attempts[0]?.attempt.failureSummary?.failures[0];
    expect(failure).toMatchObject({ failureOrigin: "destination", failureType: "system_error", retryable: false });
    expect(failure?.externalMessage).toMatch(/Snowflake/);
    expect(failure?.timestamp).toBeGreaterThan(1e12);
    expect(attempts[0]?.attempt.failureSummary?.partialSuccess).toBe(false);
    // Backoff: 150 ms, then three times more.
    const created = attempts.map((a) => a.attempt.createdAt);
    expect(created[2]! - created[0]!).toBeGreaterThanOrEqual(0);
    const rows = t.store.db.prepare("SELECT created_at FROM attempts WHERE job_id = ? ORDER BY number").all(jobId) as {
      created_at: number;
    }[];
    expect(rows[1]!.created_at - rows[0]!.created_at).toBeGreaterThanOrEqual(150);
    expect(rows[2]!.created_at - rows[1]!.created_at).toBeGreaterThanOrEqual(450);

    expect(messages(jobId, 0)).toContainEqual(expect.stringMatching(/^Attempt 1 of 3 failed: .*Snowflake/));
    expect(messages(jobId, 0)).toContain("Retrying in 0 s (attempt 2 of 3).");
    expect(messages(jobId, 2).at(-1)).toBe("The job failed after 3 attempts.");
    // The attempts reported no numbers, so the job shows none.
    const response = t.services.jobs.get(ADMIN, jobId);
    expect(response.status).toBe("failed");
    expect(response).not.toHaveProperty("bytesSynced");
    expect(response).not.toHaveProperty("rowsSynced");
  });

  test("an executor that throws fails the attempt as a platform error", async () => {
    setup({ maxAttempts: 1 });
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const { jobId } = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    const config = resolveConfig({ inMemory: true, scheduler: false, maxAttempts: 1, log: () => undefined });
    engines.push(
      startEngine(enginePorts(t.services), config, { executor: { run: () => Promise.reject(new Error("boom")) } }),
    );
    await waitForStatus(jobId, "failed");
    expect(info(jobId).attempts[0]?.attempt.failureSummary?.failures[0]).toMatchObject({
      failureOrigin: "airbyte_platform",
      failureType: "system_error",
      externalMessage: "Something went wrong in the local server: boom",
    });
  });
});

describe("cancelling", () => {
  test("a running job: its attempt is told to stop and fails as a manual cancellation; the job stays cancelled", async () => {
    setup();
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const executor = new ControlledExecutor();
    run(executor);
    const { jobId } = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    const context = await executor.waitForAttempts(1);
    expect(job(jobId).status).toBe("running");

    const cancelled = t.services.jobs.cancel(ADMIN, jobId);
    expect(cancelled).toMatchObject({ jobId, status: "cancelled" });
    expect(cancelled.lastUpdatedAt).toBeDefined();
    expect(context.signal.aborted).toBe(true);
    // The aborted attempt has ended in the executor; once the runner has handled that end, the
    // job must still be cancelled and its attempt failed as a cancellation, not overwritten.
    await nextTurn();
    expect(job(jobId).status).toBe("cancelled");
    const { attempts } = info(jobId);
    expect(attempts[0]?.attempt.status).toBe("failed");
    expect(attempts[0]?.attempt.failureSummary?.failures).toEqual([
      expect.objectContaining({
        failureType: "manual_cancellation",
        externalMessage: "This attempt was cancelled",
        internalMessage: "Setting attempt to FAILED because the job was cancelled",
      }),
    ]);
    expect(messages(jobId)).toContain("Sync cancelled by the user.");

    const again = serviceErrorOf(() => t.services.jobs.cancel(ADMIN, jobId));
    expect(again.kind).toBe("state-conflict");
    expect(again.message).toBe("Job is not currently running");
  });

  test("a pending job is cancelled before any attempt", () => {
    setup();
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const { jobId } = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    expect(t.services.jobs.cancel(ADMIN, jobId)).toMatchObject({ status: "cancelled", duration: "PT0S" });
    expect(info(jobId).attempts).toEqual([]);
  });

  test("an incomplete job waiting for its next attempt is cancelled and never retried", async () => {
    // The services' clock is the test's, so "after the backoff" is a fact, not a wait.
    let clock = Date.now();
    setup({ retryBackoffMs: 200 }, () => clock);
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const executor = new ControlledExecutor();
    run(executor, { retryBackoffMs: 200 });
    const { jobId } = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    await executor.waitForAttempts(1);
    executor.finish({ status: "failed", failure: { origin: "source", type: "system_error", message: "flaky" } });
    await waitForStatus(jobId, "incomplete");
    expect(t.services.jobQueue.nextRetryAt()).toBe(clock + 200);
    t.services.jobs.cancel(ADMIN, jobId);
    expect(t.services.jobQueue.nextRetryAt()).toBeUndefined();
    clock += 10_000;
    expect(t.services.jobQueue.startableJobs().map((row) => row.id)).not.toContain(jobId);
    // A job of another connection makes the runner look for startable jobs, past the backoff:
    // once that one has started, the runner has looked and left the cancelled job alone.
    const other = insertConnection(t, { workspaceId: t.workspaceId });
    const next = t.services.jobs.create(ADMIN, { connectionId: other.id, jobType: "sync" });
    await executor.waitForAttempts(2);
    expect(executor.started.map((context) => context.job.id)).toEqual([jobId, next.jobId]);
    expect(job(jobId).status).toBe("cancelled");
  });

  test("the next job of a cancelled one waits until its attempt has really ended", async () => {
    setup();
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const executor = new ControlledExecutor({ slowToStop: true });
    run(executor);
    const first = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    const context = await executor.waitForAttempts(1);
    t.services.jobs.cancel(ADMIN, first.jobId);
    expect(context.signal.aborted).toBe(true);
    expect(executor.isRunning(first.jobId)).toBe(true);
    const second = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    // A job of another connection starts: the runner has looked, and left the second one waiting.
    const other = insertConnection(t, { workspaceId: t.workspaceId });
    const elsewhere = t.services.jobs.create(ADMIN, { connectionId: other.id, jobType: "sync" });
    await executor.waitForAttempts(2);
    expect(executor.started.map((started) => started.job.id)).toEqual([first.jobId, elsewhere.jobId]);
    expect(job(second.jobId).status).toBe("pending");
    executor.finish(
      { status: "failed", failure: { origin: "airbyte_platform", type: "manual_cancellation", message: "stopped" } },
      first.jobId,
    );
    const next = await executor.waitForAttempts(3);
    expect(next.job.id).toBe(second.jobId);
    expect(job(first.jobId).status).toBe("cancelled");
  });
});

describe("deleted connections", () => {
  test("a pending job of a connection deleted since is cancelled instead of started", async () => {
    setup();
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const { jobId } = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    // Deprecated as deleting it does, but before its jobs are cancelled: the queue must not start them.
    new ConnectionRecords(t.store).deprecate("id", connection.id, Date.now());
    const executor = new ControlledExecutor();
    run(executor);
    await waitForStatus(jobId, "cancelled");
    expect(executor.started).toEqual([]);
  });

  test("cancelJobsOfConnection stops the running sync and cancels what waits", async () => {
    setup();
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const executor = new ControlledExecutor();
    run(executor);
    const { jobId } = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    const context = await executor.waitForAttempts(1);
    const cancelled = t.services.jobs.cancelJobsOfConnection(connection.id);
    expect(cancelled.map((j) => [j.id, j.status])).toEqual([[jobId, "cancelled"]]);
    expect(context.signal.aborted).toBe(true);
    expect(messages(jobId)).toContain("Sync cancelled: the connection was deleted.");
  });
});

describe("one job per connection", () => {
  test("a second sync is refused with Airbyte's message while the first has not finished", async () => {
    setup();
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    const error = serviceErrorOf(() => t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" }));
    expect(error.kind).toBe("try-again-later");
    expect(error.data).toEqual({ message: `A sync is already running for: ${connection.id}` });
  });

  test("a reset cancels the unfinished sync, then runs and clears the state of the selected streams", async () => {
    setup();
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    t.services.state.write(connection.id, {
      stateType: "stream",
      connectionId: connection.id,
      streamState: [
        { streamDescriptor: { name: "purchases" }, streamState: { cursor: "2024" } },
        { streamDescriptor: { name: "not_selected" }, streamState: { cursor: "x" } },
      ],
    });
    const executor = new ControlledExecutor();
    run(executor);
    const sync = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    const syncContext = await executor.waitForAttempts(1);
    const reset = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "reset" });
    expect(syncContext.signal.aborted).toBe(true);
    expect(job(sync.jobId).status).toBe("cancelled");
    expect(messages(sync.jobId)).toContain("Sync cancelled: a reset of the connection was requested.");

    const resetContext = await executor.waitForAttempts(2);
    expect(resetContext.job).toEqual({
      id: reset.jobId,
      configType: "reset_connection",
      streams: [{ name: "users" }, { name: "purchases" }],
    });
    // A sync cannot start while the reset has not finished.
    expect(
      serviceErrorOf(() => t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" })).kind,
    ).toBe("try-again-later");
    executor.finish({ status: "succeeded" });
    await waitForStatus(reset.jobId, "succeeded");
    expect(t.services.state.read(connection.id).streamState).toEqual([
      { streamDescriptor: { name: "not_selected" }, streamState: { cursor: "x" } },
    ]);
    expect(info(reset.jobId).job.resetConfig).toEqual({ streamsToReset: [{ name: "users" }, { name: "purchases" }] });
  });

  test("jobs of different connections run at the same time", async () => {
    setup();
    const executor = new ControlledExecutor();
    run(executor);
    const jobIds = [0, 1].map(() => {
      const connection = insertConnection(t, { workspaceId: t.workspaceId });
      return t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" }).jobId;
    });
    await executor.waitForAttempts(2);
    // Both attempts are under way together: neither waited for the other to end.
    expect(jobIds.map((id) => executor.isRunning(id))).toEqual([true, true]);
    expect(jobIds.map((id) => job(id).status)).toEqual(["running", "running"]);
  });

  test("a sync needs an active connection; a reset an active or inactive one", () => {
    setup();
    const inactive = insertConnection(t, { workspaceId: t.workspaceId, status: "inactive" });
    const error = serviceErrorOf(() => t.services.jobs.create(ADMIN, { connectionId: inactive.id, jobType: "sync" }));
    expect(error.kind).toBe("state-conflict");
    expect(error.message).toBe("Could not fulfill request");
    expect(t.services.jobs.create(ADMIN, { connectionId: inactive.id, jobType: "clear" }).jobType).toBe("clear");
    const deleted = insertConnection(t, { workspaceId: t.workspaceId, status: "deprecated" });
    expect(
      serviceErrorOf(() => t.services.jobs.create(ADMIN, { connectionId: deleted.id, jobType: "reset" })).kind,
    ).toBe("state-conflict");
  });
});

describe("stats", () => {
  test("progress shows while running; a job counts full refreshes once and incremental streams over all attempts", async () => {
    setup({ retryBackoffMs: 10 });
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const executor = new ControlledExecutor();
    run(executor, { retryBackoffMs: 10 });
    const { jobId } = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    const stats = (users: number, purchases: number) => {
      const s = (n: number): Config.AttemptStats => ({
        recordsEmitted: n,
        bytesEmitted: n * 10,
        recordsCommitted: n,
        bytesCommitted: n * 10,
        recordsRejected: 0,
      });
      return {
        total: s(users + purchases),
        streams: [
          { streamName: "users", stats: s(users) },
          { streamName: "purchases", stats: s(purchases) },
        ],
      };
    };
    const first = await executor.waitForAttempts(1);
    first.progress(stats(10, 5));
    expect(info(jobId).attempts[0]?.attempt.totalStats?.recordsCommitted).toBe(15);
    expect(t.services.jobs.get(ADMIN, jobId)).toMatchObject({ status: "running", rowsSynced: 15, bytesSynced: 150 });
    executor.finish({ status: "failed", failure: { origin: "source", type: "transient_error", message: "lost" } });
    await executor.waitForAttempts(2);
    expect(info(jobId).attempts[0]?.attempt.failureSummary?.partialSuccess).toBe(true);
    executor.finish({ status: "succeeded", stats: stats(7, 3) });
    await waitForStatus(jobId, "succeeded");
    // users (full refresh): the last attempt's 7; purchases (incremental): 5 + 3.
    expect(info(jobId).job.streamAggregatedStats).toEqual([
      {
        streamName: "users",
        recordsEmitted: 7,
        bytesEmitted: 70,
        recordsCommitted: 7,
        bytesCommitted: 70,
        recordsRejected: 0,
      },
      {
        streamName: "purchases",
        recordsEmitted: 8,
        bytesEmitted: 80,
        recordsCommitted: 8,
        bytesCommitted: 80,
        recordsRejected: 0,
      },
    ]);
    expect(t.services.jobs.get(ADMIN, jobId)).toMatchObject({ rowsSynced: 15, bytesSynced: 150 });
  });

  test("an executor saves state in two phases through its context", async () => {
    setup();
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const executor = new ControlledExecutor();
    run(executor);
    t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    const context = await executor.waitForAttempts(1);
    const notSet = { stateType: "not_set", connectionId: connection.id };
    expect(context.state).toEqual(notSet);
    const state = (at: number) => ({ stateType: "legacy" as const, connectionId: connection.id, state: { at } });
    context.checkpoints.prepare("c1", state(1));
    expect(t.services.state.read(connection.id)).toEqual(notSet); // pending is not the state yet
    context.checkpoints.confirm("c1");
    expect(t.services.state.read(connection.id)).toEqual(state(1));
    context.checkpoints.confirm("c1"); // a repeated confirmation changes nothing
    expect(t.services.state.read(connection.id)).toEqual(state(1));
  });

  test("a checkpoint left pending by a crash is kept only if the destination committed it", () => {
    setup();
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const state = (at: number) => ({ stateType: "legacy" as const, connectionId: connection.id, state: { at } });
    t.services.state.prepareCheckpoint(connection.id, "c1", state(1));
    expect(t.services.state.settleCheckpoint(connection.id, "c0")).toEqual({
      stateType: "not_set",
      connectionId: connection.id,
    });
    t.services.state.prepareCheckpoint(connection.id, "c2", state(2));
    expect(t.services.state.settleCheckpoint(connection.id, "c2")).toEqual(state(2));
    // No checkpoint committed yet (a crash before the first commit), or a destination that keeps none.
    t.services.state.prepareCheckpoint(connection.id, "c3", state(3));
    expect(t.services.state.settleCheckpoint(connection.id, null)).toEqual(state(2));
    t.services.state.prepareCheckpoint(connection.id, "c4", state(4));
    t.services.state.createOrUpdateSafe(ADMIN, connection.id, state(9)); // the user's edit wins
    expect(t.services.state.settleCheckpoint(connection.id, "c4")).toEqual(state(9));
  });
});

describe("stopping and restarting", () => {
  test("stop() ends promptly; the interrupted attempt fails at the next start and the job goes on", async () => {
    setup();
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const executor = new ControlledExecutor();
    const engine = run(executor);
    const { jobId } = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    const context = await executor.waitForAttempts(1);
    const before = Date.now();
    await engine.stop();
    expect(Date.now() - before).toBeLessThan(1000);
    expect(context.signal.aborted).toBe(true);
    expect(job(jobId).status).toBe("running");

    run();
    await waitForStatus(jobId, "succeeded");
    const { attempts } = info(jobId);
    expect(attempts.map((a) => a.attempt.status)).toEqual(["failed", "succeeded"]);
    expect(attempts[0]?.attempt.failureSummary?.failures[0]).toMatchObject({
      failureOrigin: "airbyte_platform",
      failureType: "system_error",
      externalMessage: "The local server stopped during this attempt.",
    });
    expect(messages(jobId, 0)).toContain("The local server stopped during this attempt.");
  });

  test("after a crash, a file database's interrupted job is retried when the server starts again", async () => {
    setup();
    const dataDir = mkdtempSync(join(tmpdir(), "airbyte-local-crash-"));
    const config = resolveConfig({ dataDir, scheduler: false, log: () => undefined });
    const store = openStore({ dataDir });
    const services = createServices(store, config);
    const { workspaceId } = services.identity.ensureDefaults();
    const connection = insertConnection({ store, services }, { workspaceId });
    const { jobId } = services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    services.jobQueue.startAttempt(jobId);
    // The process dies here: the attempt is left running in the file.
    store.close();

    const server = await startLocalServer({ dataDir, scheduler: false });
    try {
      const api = new AirbyteApi({
        ...selfManaged(server.url),
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        logLevel: "off",
      });
      const info = await eventually(async () => {
        const read = await api.config.jobs.get({ id: jobId });
        expect(read.job.status).toBe("succeeded");
        return read;
      });
      expect(info.attempts.map((a) => a.attempt.status)).toEqual(["failed", "succeeded"]);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test("a job left running with no attempts left fails at the next start", async () => {
    setup({ maxAttempts: 1 });
    const connection = insertConnection(t, { workspaceId: t.workspaceId });
    const { jobId } = t.services.jobs.create(ADMIN, { connectionId: connection.id, jobType: "sync" });
    expect(t.services.jobQueue.startAttempt(jobId)?.attemptNumber).toBe(0);
    expect(job(jobId).status).toBe("running");
    run(undefined, { maxAttempts: 1 });
    await waitForStatus(jobId, "failed");
    expect(info(jobId).attempts).toHaveLength(1);
  });
});

describe("deleting what a running sync uses", () => {
  const cases = [
    ["the connection", (row: { id: string }) => t.services.connections.delete(ADMIN, row.id)],
    ["its source", (row: { source_id: string }) => t.services.actors.delete(ADMIN, "source", row.source_id)],
    ["its workspace", (row: { workspace_id: string }) => t.services.workspaces.delete(ADMIN, row.workspace_id)],
  ] as const;

  test.each(cases)("deleting %s cancels the sync and deprecates the connection", async (_what, remove) => {
    setup();
    const executor = new ControlledExecutor();
    run(executor);
    const { workspaceId } = t.services.workspaces.create(ADMIN, { name: "doomed" });
    const row = insertConnection(t, { workspaceId });
    const { jobId } = t.services.jobs.create(ADMIN, { connectionId: row.id, jobType: "sync" });
    await executor.waitForAttempts(1);
    remove(row);
    await waitForStatus(jobId, "cancelled");
    expect(executor.isRunning(jobId)).toBe(false);
    expect(t.services.connections.row(row.id).status).toBe("deprecated");
  });
});
