/**
 * The public API's `/jobs` and the Config API's `jobs/*`, `attempt/get_for_job` and `state/*`
 * over HTTP, through the SDK, every answer checked against Airbyte's OpenAPI documents. The
 * engine runs a controlled executor, so a test decides when an attempt ends.
 */
import { AirbyteApi, type Config, type JobResponse, selfManaged, SyncAlreadyRunningError } from "airbyte-ts";
import { clockPast, eventually } from "@airbyte-ts/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { ConnectionRow } from "../src/store/rows.js";
import { ControlledExecutor, type EngineServer, insertConnection, startServerWithExecutor } from "./helpers/engine.js";
import { failure } from "@airbyte-ts/test-support/local-server";
import { specCheck } from "@airbyte-ts/test-support/spec-check";

const UNKNOWN = "7d2c4e1a-9b3f-4c5d-8e6f-0a1b2c3d4e5f";
const START_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?Z$/;

const executor = new ControlledExecutor();
const mismatches: string[] = [];
let server: EngineServer;
let admin: AirbyteApi;
let stranger: AirbyteApi;
let token: string;

beforeAll(async () => {
  server = await startServerWithExecutor(executor, { retryBackoffMs: 10 });
  admin = client(server.clientId, server.clientSecret);
  const other = server.services.identity.createUser({ email: "stranger@example.com" });
  stranger = client(other.clientId, other.clientSecret);
  const credentials = {
    client_id: server.clientId,
    client_secret: server.clientSecret,
    grant_type: "client_credentials" as const,
  };
  token = (await admin.applications.createAccessToken(credentials)).access_token;
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  expect(mismatches.splice(0), "responses that do not match Airbyte's OpenAPI documents").toEqual([]);
});

function client(clientId: string, clientSecret: string): AirbyteApi {
  return new AirbyteApi({
    ...selfManaged(server.url),
    clientId,
    clientSecret,
    logLevel: "off",
    retries: false,
    hooks: specCheck(mismatches),
  });
}

function connection(spec: Partial<Parameters<typeof insertConnection>[1]> = {}): ConnectionRow {
  return insertConnection(server, { workspaceId: server.workspaceId, ...spec });
}

/** Ends every attempt the executor is running, successfully. */
async function finishRunning(jobId: number): Promise<void> {
  await eventually(() => expect(executor.isRunning(jobId)).toBe(true));
  executor.finish({ status: "succeeded" }, jobId);
  await eventually(() => expect(statusOf(jobId)).toBe("succeeded"));
}

const statusOf = (jobId: number) =>
  (server.store.db.prepare("SELECT status FROM jobs WHERE id = ?").get(jobId) as { status: string }).status;

async function raw(
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe("POST /jobs", () => {
  test("starts a sync and answers the pending job at once; the job then runs and succeeds", async () => {
    const { id } = connection();
    const created = await admin.jobs.createJob({ connectionId: id, jobType: "sync" });
    expect(Object.keys(created).sort()).toEqual(["connectionId", "jobId", "jobType", "startTime", "status"]);
    expect(created).toMatchObject({ status: "pending", jobType: "sync", connectionId: id });
    expect(created.startTime).toMatch(START_TIME);

    await finishRunning(created.jobId);
    const done = await admin.jobs.getJob({ jobId: created.jobId });
    expect(done).toMatchObject({ jobId: created.jobId, status: "succeeded", startTime: created.startTime });
    expect(done.lastUpdatedAt).toMatch(START_TIME);
    expect(done.duration).toMatch(/^PT(\d+H)?(\d+M)?(\d+S)?$/);
  });

  test("a second sync while one has not finished: 409 try-again-later, the SDK's SyncAlreadyRunningError", async () => {
    const { id } = connection();
    const first = await admin.jobs.createJob({ connectionId: id, jobType: "sync" });
    const error = await failure(admin.jobs.createJob({ connectionId: id, jobType: "sync" }));
    expect(error).toBeInstanceOf(SyncAlreadyRunningError);
    expect((error as SyncAlreadyRunningError).connectionId).toBe(id);
    expect(error.status).toBe(409);
    expect(error.title).toBe("try-again-later");
    expect(error.data).toEqual({ message: `A sync is already running for: ${id}` });
    await finishRunning(first.jobId);
  });

  test("reset and clear jobs; a reset cancels the running sync", async () => {
    const { id } = connection();
    const sync = await admin.jobs.createJob({ connectionId: id, jobType: "sync" });
    await eventually(() => expect(statusOf(sync.jobId)).toBe("running"));
    const reset = await admin.jobs.createJob({ connectionId: id, jobType: "reset" });
    expect(reset).toMatchObject({ jobType: "reset", status: "pending" });
    expect((await admin.jobs.getJob({ jobId: sync.jobId })).status).toBe("cancelled");
    await finishRunning(reset.jobId);
    const clear = await admin.jobs.createJob({ connectionId: id, jobType: "clear" });
    expect(clear.jobType).toBe("clear");
    await finishRunning(clear.jobId);
  });

  test("refresh: 422, the public API does not offer refreshes", async () => {
    const { id } = connection();
    const error = await failure(admin.jobs.createJob({ connectionId: id, jobType: "refresh" }));
    expect(error.status).toBe(422);
    expect(error.title).toBe("unprocessable-entity");
    expect(error.data).toEqual({ message: "Refreshes are not supported in the public API" });
  });

  test("an inactive connection: 409 state-conflict", async () => {
    const { id } = connection({ status: "inactive" });
    const error = await failure(admin.jobs.createJob({ connectionId: id, jobType: "sync" }));
    expect(error.status).toBe(409);
    expect(error.title).toBe("state-conflict");
  });

  test("unknown connection: 404 for the admin, 403 for anyone else; another organization's connection: 403", async () => {
    const unknown = await failure(admin.jobs.createJob({ connectionId: UNKNOWN, jobType: "sync" }));
    expect(unknown.status).toBe(404);
    expect(unknown.data).toMatchObject({ resourceType: "connection", resourceId: UNKNOWN });
    expect((await failure(stranger.jobs.createJob({ connectionId: UNKNOWN, jobType: "sync" }))).status).toBe(403);
    const { id } = connection();
    const forbidden = await failure(stranger.jobs.createJob({ connectionId: id, jobType: "sync" }));
    expect(forbidden.status).toBe(403);
    expect(forbidden.title).toBe("forbidden");
  });

  test("runners may sync and reset; clearing takes an editor", async () => {
    const runner = server.services.identity.createUser({
      email: "runner@example.com",
      organizationId: "00000000-0000-0000-0000-000000000000",
      organizationRole: "organization_runner",
    });
    const api = client(runner.clientId, runner.clientSecret);
    const { id } = connection();
    const error = await failure(api.jobs.createJob({ connectionId: id, jobType: "clear" }));
    expect(error.status).toBe(403);
    expect(error.data?.message).toMatch(/WORKSPACE_EDITOR/);
    const sync = await api.jobs.createJob({ connectionId: id, jobType: "sync" });
    expect((await api.jobs.cancelJob({ jobId: sync.jobId })).status).toBe("cancelled");
  });

  test("malformed bodies: 400 or 422 with a problem, never 500", async () => {
    const { id } = connection();
    const cases: [string, number][] = [
      ["{not json", 422],
      ["", 400],
      [JSON.stringify({ connectionId: id }), 400],
      [JSON.stringify({ jobType: "sync" }), 400],
      [JSON.stringify({ connectionId: id, jobType: "nope" }), 422],
      [JSON.stringify({ connectionId: 42, jobType: "sync" }), 422],
      [JSON.stringify({ connectionId: "not-a-uuid", jobType: "sync" }), 400],
      [JSON.stringify([]), 422],
    ];
    for (const [body, status] of cases) {
      const answer = await raw("POST", "/api/public/v1/jobs", body);
      expect({ body, status: answer.status }).toEqual({ body, status });
      expect(answer.json.type).toEqual(expect.any(String));
    }
  });
});

describe("GET /jobs/{jobId} and DELETE /jobs/{jobId}", () => {
  test("a running job is cancelled: 200 with the cancelled job; then 409 'Job is not currently running'", async () => {
    const { id } = connection();
    const { jobId } = await admin.jobs.createJob({ connectionId: id, jobType: "sync" });
    await eventually(() => expect(statusOf(jobId)).toBe("running"));
    expect(await admin.jobs.getJob({ jobId })).not.toHaveProperty("lastUpdatedAt");
    const cancelled = await admin.jobs.cancelJob({ jobId });
    expect(cancelled).toMatchObject({ jobId, status: "cancelled", jobType: "sync", connectionId: id });
    expect(cancelled.lastUpdatedAt).toMatch(START_TIME);
    const again = await failure(admin.jobs.cancelJob({ jobId }));
    expect(again.status).toBe(409);
    expect(again.title).toBe("state-conflict");
    expect(again.data).toEqual({ message: "Job is not currently running" });
  });

  test("unknown job: 404 for the admin, 403 for others; another organization's job: 403", async () => {
    const missing = await failure(admin.jobs.getJob({ jobId: 987654 }));
    expect(missing.status).toBe(404);
    expect(missing.data).toMatchObject({ resourceType: "job", resourceId: "987654" });
    expect((await failure(admin.jobs.cancelJob({ jobId: 987654 }))).status).toBe(404);
    expect((await failure(stranger.jobs.getJob({ jobId: 987654 }))).status).toBe(403);
    const { id } = connection();
    const { jobId } = await admin.jobs.createJob({ connectionId: id, jobType: "sync" });
    expect((await failure(stranger.jobs.getJob({ jobId }))).status).toBe(403);
    expect((await failure(stranger.jobs.cancelJob({ jobId }))).status).toBe(403);
    await admin.jobs.cancelJob({ jobId });
  });

  test("a job id that is not a whole number: 400", async () => {
    for (const path of ["/api/public/v1/jobs/abc", "/api/public/v1/jobs/1.5", "/api/public/v1/jobs/-1"]) {
      const answer = await raw("GET", path);
      expect(answer.status).toBe(400);
      expect((await raw("DELETE", path)).status).toBe(400);
    }
  });
});

describe("GET /jobs", () => {
  let connectionId: string;
  let jobs: JobResponse[];

  beforeAll(async () => {
    connectionId = connection().id;
    jobs = [];
    for (const jobType of ["sync", "reset", "sync"] as const) {
      const job = await admin.jobs.createJob({ connectionId, jobType });
      await finishRunning(job.jobId);
      jobs.push(await admin.jobs.getJob({ jobId: job.jobId }));
      // Distinct creation times, for the orderings below: the next job is created a millisecond later at least.
      await clockPast(Date.now());
    }
  });

  test("a connection's jobs, oldest first by default, with Airbyte's envelope and links", async () => {
    const page = await admin.jobs.listJobs({ connectionId, limit: 2 });
    expect(page.data.map((j) => j.jobId)).toEqual(jobs.slice(0, 2).map((j) => j.jobId));
    expect(page.data[0]).toEqual(jobs[0]);
    const base = `${server.url}/api/public/v1/jobs`;
    expect(page.nextLink).toBe(`${base}?connectionId=${connectionId}&limit=2&offset=2`);
    expect(page.previousLink).toBe("");
    const second = await admin.jobs.listJobs({ connectionId, limit: 2, offset: 2 });
    expect(second.data.map((j) => j.jobId)).toEqual([jobs[2]?.jobId]);
    expect(second.previousLink).toBe(`${base}?connectionId=${connectionId}&limit=2&offset=0`);
    const typed = await admin.jobs.listJobs({ connectionId, jobType: "sync", status: "succeeded", limit: 5 });
    expect(typed.data.map((j) => j.jobType)).toEqual(["sync", "sync"]);
    expect(typed.nextLink).toBe(`${base}?jobType=sync&connectionId=${connectionId}&limit=5&offset=5`);
    const empty = await admin.jobs.listJobs({ connectionId, offset: 10 });
    expect(empty.data).toEqual([]);
    expect(empty.nextLink).toBe("");
  });

  test("filters: job type, status, creation and update times", async () => {
    const resets = await admin.jobs.listJobs({ connectionId, jobType: "reset" });
    expect(resets.data.map((j) => j.jobId)).toEqual([jobs[1]?.jobId]);
    expect((await admin.jobs.listJobs({ connectionId, status: "failed" })).data).toEqual([]);
    const createdTimes = server.store.db
      .prepare("SELECT id, created_at FROM jobs WHERE connection_id = ? ORDER BY id")
      .all(connectionId) as { id: number; created_at: number }[];
    const second = createdTimes[1] as { created_at: number };
    const since = await admin.jobs.listJobs({ connectionId, createdAtStart: new Date(second.created_at) });
    expect(since.data.map((j) => j.jobId)).toEqual([jobs[1]?.jobId, jobs[2]?.jobId]);
    const until = await admin.jobs.listJobs({ connectionId, createdAtEnd: new Date(second.created_at) });
    expect(until.data.map((j) => j.jobId)).toEqual([jobs[0]?.jobId, jobs[1]?.jobId]);
    const updated = await admin.jobs.listJobs({ connectionId, updatedAtStart: new Date(Date.now() + 60_000) });
    expect(updated.data).toEqual([]);
    expect((await admin.jobs.listJobs({ connectionId, updatedAtEnd: new Date() })).data).toHaveLength(3);
  });

  test("orderBy <field>|<ASC|DESC>, the field in any case; anything else is 400", async () => {
    const ids = jobs.map((j) => j.jobId);
    const desc = await admin.jobs.listJobs({ connectionId, orderBy: "createdAt|DESC" });
    expect(desc.data.map((j) => j.jobId)).toEqual([...ids].reverse());
    const byUpdate = await admin.jobs.listJobs({ connectionId, orderBy: "UPDATEDAT|ASC" });
    expect(byUpdate.data.map((j) => j.jobId)).toEqual(ids);
    const answer = await raw("GET", `/api/public/v1/jobs?connectionId=${connectionId}&orderBy=name%7CASC`);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      title: "bad-request",
      data: { message: "Invalid order by clause provided: name|ASC" },
    });
    expect((await raw("GET", "/api/public/v1/jobs?orderBy=createdAt%7Cdesc")).status).toBe(400);
  });

  test("workspaces: the caller's own by default; someone else's workspace is 403", async () => {
    const all = await admin.jobs.listJobs({ workspaceIds: [server.workspaceId], limit: 100 });
    expect(all.data.map((j) => j.jobId)).toEqual(expect.arrayContaining(jobs.map((j) => j.jobId)));
    expect(all.nextLink).toContain(`workspaceIds=${server.workspaceId}&limit=100&offset=100`);
    expect((await stranger.jobs.listJobs()).data).toEqual([]);
    expect((await failure(stranger.jobs.listJobs({ workspaceIds: [server.workspaceId] }))).status).toBe(403);
    expect((await failure(stranger.jobs.listJobs({ connectionId }))).status).toBe(403);
    expect((await failure(admin.jobs.listJobs({ connectionId: UNKNOWN }))).status).toBe(404);
  });

  test("bad query parameters: 400", async () => {
    for (const query of [
      "jobType=nope",
      "status=done",
      "createdAtStart=yesterday",
      "limit=0",
      "limit=101",
      "offset=-1",
      "connectionId=abc",
      "workspaceIds=abc",
    ]) {
      const answer = await raw("GET", `/api/public/v1/jobs?${query}`);
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
    }
  });
});

describe("Config API: jobs/get, attempt/get_for_job, jobs/list", () => {
  test("jobs/get: the job with its attempts and their structured logs", async () => {
    const { id } = connection();
    const { jobId } = await admin.jobs.createJob({ connectionId: id, jobType: "sync" });
    await eventually(() => expect(executor.isRunning(jobId)).toBe(true));
    executor.finish(
      { status: "failed", failure: { origin: "source", type: "config_error", message: "bad password" } },
      jobId,
    );
    await finishRunning(jobId);

    const info = await admin.config.jobs.get({ id: jobId });
    expect(info.job).toMatchObject({ id: jobId, configType: "sync", configId: id, status: "succeeded" });
    expect(info.job.createdAt).toBeLessThan(1e11); // epoch seconds
    expect(info.attempts.map((a) => a.attempt.status)).toEqual(["failed", "succeeded"]);
    expect(info.attempts[0]?.attempt.failureSummary?.failures[0]).toMatchObject({
      failureOrigin: "source",
      failureType: "config_error",
      externalMessage: "bad password",
    });
    expect(info.attempts[0]?.logType).toBe("structured");
    const events = (info.attempts[0]?.logs as Config.LogEvents).events;
    expect(events[0]).toMatchObject({ level: "info", logSource: "platform" });
    expect(events[0]?.timestamp).toBeGreaterThan(1e12); // epoch milliseconds
    expect(events.map((e) => e.message)).toContain("Attempt 1 of 3 failed: bad password");

    const attempt = await admin.config.attempt.getForJob({ jobId, attemptNumber: 1 });
    expect(attempt.attempt).toMatchObject({ id: 1, status: "succeeded" });
    expect(attempt.logType).toBe("structured");
  });

  test("unknown jobs and attempts: 404 with a message; strangers: 403; bad bodies: 400/422", async () => {
    const missing = await failure(admin.config.jobs.get({ id: 424242 }));
    expect(missing.status).toBe(404);
    expect(typeof (missing.body as { message?: unknown }).message).toBe("string");
    const { id } = connection();
    const { jobId } = await admin.jobs.createJob({ connectionId: id, jobType: "sync" });
    expect((await failure(admin.config.attempt.getForJob({ jobId, attemptNumber: 7 }))).status).toBe(404);
    expect((await failure(stranger.config.jobs.get({ id: jobId }))).status).toBe(403);
    expect((await failure(stranger.config.attempt.getForJob({ jobId, attemptNumber: 0 }))).status).toBe(403);
    await admin.jobs.cancelJob({ jobId });
    for (const [path, body, status] of [
      ["/api/v1/jobs/get", "{", 422],
      ["/api/v1/jobs/get", "{}", 400],
      ["/api/v1/jobs/get", JSON.stringify({ id: "one" }), 422],
      ["/api/v1/attempt/get_for_job", JSON.stringify({ jobId }), 400],
      ["/api/v1/jobs/list", JSON.stringify({}), 400],
      ["/api/v1/jobs/list", JSON.stringify({ configTypes: ["nope"] }), 422],
      ["/api/v1/jobs/list", JSON.stringify({ configTypes: ["sync"], pagination: { pageSize: 0 } }), 400],
      ["/api/v1/jobs/list", JSON.stringify({ configTypes: ["sync"], createdAtStart: "soon" }), 400],
    ] as const) {
      const answer = await raw("POST", path, body);
      expect({ path, body, status: answer.status }).toEqual({ path, body, status });
      expect(answer.json.message).toEqual(expect.any(String));
    }
  });

  test("jobs/list: newest first, paged, counted; statuses, order and includingJobId", async () => {
    const { id } = connection();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { jobId } = await admin.jobs.createJob({ connectionId: id, jobType: "sync" });
      await finishRunning(jobId);
      ids.push(jobId);
      await clockPast(Date.now());
    }
    const list = await admin.config.jobs.list({ configTypes: ["sync"], configId: id, pagination: { pageSize: 2 } });
    expect(list.totalJobCount).toBe(3);
    expect(list.jobs.map((j) => j.job?.id)).toEqual([ids[2], ids[1]]);
    expect(list.jobs[0]?.attempts?.[0]).toMatchObject({ id: 0, status: "succeeded" });
    expect(list.jobs[0]?.attempts?.[0]).not.toHaveProperty("logs");

    const ascending = await admin.config.jobs.list({
      configTypes: ["sync", "reset_connection"],
      configId: id,
      orderByField: "updatedAt",
      orderByMethod: "ASC",
      pagination: { pageSize: 1, rowOffset: 1 },
    });
    expect(ascending.jobs.map((j) => j.job?.id)).toEqual([ids[1]]);
    const including = await admin.config.jobs.list({
      configTypes: ["sync"],
      configId: id,
      includingJobId: ids[0],
      pagination: { pageSize: 1 },
    });
    expect(including.jobs.map((j) => j.job?.id)).toEqual([ids[2], ids[1], ids[0]]);
    // A job the filters leave out does not stretch the page.
    const excluded = await admin.config.jobs.list({
      configTypes: ["sync"],
      configId: id,
      statuses: ["succeeded"],
      includingJobId: 999999,
      pagination: { pageSize: 1 },
    });
    expect(excluded.jobs).toHaveLength(1);
    expect((await admin.config.jobs.list({ configTypes: ["sync"], configId: id, statuses: ["failed"] })).jobs).toEqual(
      [],
    );
    expect((await admin.config.jobs.list({ configTypes: ["reset_connection"], configId: id })).totalJobCount).toBe(0);
    expect((await failure(stranger.config.jobs.list({ configTypes: ["sync"], configId: id }))).status).toBe(403);
  });
});

describe("Config API: state", () => {
  test("not_set, then a stored stream state; 423 while a sync runs", async () => {
    const { id } = connection();
    expect(await admin.config.state.get({ connectionId: id })).toEqual({ stateType: "not_set", connectionId: id });
    const connectionState: Config.ConnectionState = {
      stateType: "stream",
      connectionId: id,
      streamState: [{ streamDescriptor: { name: "users" }, streamState: { cursor: "2024-05-01" } }],
    };
    expect(await admin.config.state.createOrUpdateSafe({ connectionId: id, connectionState })).toEqual(connectionState);
    expect(await admin.config.state.get({ connectionId: id })).toEqual(connectionState);

    const { jobId } = await admin.jobs.createJob({ connectionId: id, jobType: "sync" });
    const locked = await failure(admin.config.state.createOrUpdateSafe({ connectionId: id, connectionState }));
    expect(locked.status).toBe(423);
    expect((locked.body as { message: string }).message).toBe(
      "State cannot be updated while a sync is running for this connection.",
    );
    await finishRunning(jobId);
    const global: Config.ConnectionState = {
      stateType: "global",
      connectionId: id,
      globalState: { shared_state: { lsn: 7 }, streamStates: [] },
    };
    expect(await admin.config.state.createOrUpdateSafe({ connectionId: id, connectionState: global })).toEqual(global);
  });

  test("unknown connection 404, strangers 403, malformed bodies 400/422", async () => {
    expect((await failure(admin.config.state.get({ connectionId: UNKNOWN }))).status).toBe(404);
    const { id } = connection();
    expect((await failure(stranger.config.state.get({ connectionId: id }))).status).toBe(403);
    const state = { stateType: "legacy", connectionId: id, state: {} };
    for (const [path, body, status] of [
      ["/api/v1/state/get", "{", 422],
      ["/api/v1/state/get", "{}", 400],
      ["/api/v1/state/get", JSON.stringify({ connectionId: 5 }), 422],
      ["/api/v1/state/create_or_update_safe", JSON.stringify({ connectionId: id }), 400],
      [
        "/api/v1/state/create_or_update_safe",
        JSON.stringify({ connectionId: id, connectionState: { ...state, stateType: "odd" } }),
        422,
      ],
      [
        "/api/v1/state/create_or_update_safe",
        JSON.stringify({ connectionId: id, connectionState: { ...state, state: [] } }),
        422,
      ],
      [
        "/api/v1/state/create_or_update_safe",
        JSON.stringify({ connectionId: id, connectionState: { stateType: "stream", connectionId: id } }),
        422,
      ],
      [
        "/api/v1/state/create_or_update_safe",
        JSON.stringify({
          connectionId: id,
          connectionState: { stateType: "stream", connectionId: id, streamState: [{ streamDescriptor: {} }] },
        }),
        400,
      ],
    ] as const) {
      const answer = await raw("POST", path, body);
      expect({ path, body, status: answer.status }).toEqual({ path, body, status });
      expect(answer.json.message).toEqual(expect.any(String));
    }
  });
});
