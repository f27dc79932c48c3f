import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import {
  AirbyteApi,
  ConflictError,
  createJobOnce,
  InternalServerError,
  SyncAlreadyRunningError,
  type JobResponse,
} from "airbyte-ts";
import { useScriptedServer, type ScriptedServer } from "../helpers/scripted-server.js";

const server = useScriptedServer({ beforeAll, afterAll, beforeEach });

const CONNECTION = "5a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

/**
 * A tiny stand-in for the jobs endpoints: POST /jobs creates a job, GET /jobs lists them. A job
 * made `ageMs` ago stands for one started before the request under test.
 */
function jobsBackend(s: ScriptedServer) {
  const jobs: (JobResponse & { createdAtMs: number })[] = [];
  const create = (ageMs = 0): JobResponse => {
    const createdAtMs = Date.now() - ageMs;
    const job = {
      jobId: jobs.length + 1,
      status: "running" as const,
      jobType: "sync" as const,
      startTime: new Date(createdAtMs).toISOString(),
      connectionId: CONNECTION,
      createdAtMs,
    };
    jobs.push(job);
    const { createdAtMs: _drop, ...response } = job;
    return response;
  };
  s.on("GET /jobs", (request) => {
    const since = Date.parse(request.query.get("createdAtStart") ?? "1970-01-01T00:00:00Z");
    const data = jobs
      .filter((j) => j.connectionId === request.query.get("connectionId") && j.createdAtMs >= since)
      .sort((a, b) => b.createdAtMs - a.createdAtMs)
      .map(({ createdAtMs: _drop, ...job }) => job);
    return { body: { data, next: "", previous: "" } };
  });
  return { jobs, create };
}

const api = (timeoutMs = 5000) =>
  new AirbyteApi({
    serverUrl: server().url,
    bearerToken: "t",
    timeoutMs,
    retries: { initialDelayMs: 5 },
    logLevel: "off",
  });

const SYNC = { connectionId: CONNECTION, jobType: "sync" } as const;

test("api.jobs.createJob sends the POST alone and throws an ambiguous failure as it is", async () => {
  const backend = jobsBackend(server());
  server().on("POST /jobs", () => {
    backend.create();
    return { status: 500, body: { status: 500, title: "unexpected-problem" } };
  });
  const error = await api()
    .jobs.createJob(SYNC)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InternalServerError);
  expect(server().requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /jobs"]);
});

test("createJobOnce sends no request before the POST", async () => {
  const backend = jobsBackend(server());
  backend.create(60_000);
  server().on("POST /jobs", () => ({ body: backend.create() }));
  const job = await createJobOnce(api(), SYNC);
  expect(job.jobId).toBe(2);
  expect(server().requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /jobs"]);
});

test("a POST /jobs that times out after creating the job returns that job instead of creating another", async () => {
  const backend = jobsBackend(server());
  server().on("POST /jobs", () => ({ delayMs: 600, body: backend.create() }));
  const job = await createJobOnce(api(200), SYNC);
  expect(job.jobId).toBe(1);
  expect(server().requestsTo("POST /jobs")).toHaveLength(1);
  expect(backend.jobs).toHaveLength(1);
  const lookups = server().requestsTo("GET /jobs");
  expect(lookups).toHaveLength(1);
  expect(lookups[0]?.query.get("connectionId")).toBe(CONNECTION);
  expect(lookups[0]?.query.get("jobType")).toBe("sync");
  expect(lookups[0]?.query.get("orderBy")).toBe("createdAt|DESC");
  expect(lookups[0]?.query.get("createdAtStart")).toMatch(/^\d{4}-\d\d-\d\dT/);
});

test("a POST /jobs that failed with a 5xx before creating anything is sent again once nothing is found", async () => {
  const backend = jobsBackend(server());
  server().on("POST /jobs", () => ({ body: backend.create() }));
  server().once("POST /jobs", { status: 502, body: "Bad Gateway" });
  const job = await createJobOnce(api(), SYNC);
  expect(job.jobId).toBe(1);
  expect(server().requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /jobs", "GET /jobs", "POST /jobs"]);
  expect(backend.jobs).toHaveLength(1);
});

test("a 500 after the job was created returns the created job", async () => {
  const backend = jobsBackend(server());
  server().on("POST /jobs", () => {
    backend.create();
    return { status: 500, body: { status: 500, title: "unexpected-problem" } };
  });
  const job = await createJobOnce(api(), SYNC);
  expect(job.jobId).toBe(1);
  expect(server().requestsTo("POST /jobs")).toHaveLength(1);
});

test("a job the failed request created that has already finished is still found", async () => {
  const backend = jobsBackend(server());
  backend.create(10_000); // an earlier sync, within the clock-skew window, already over
  (backend.jobs[0] as { status: string }).status = "succeeded";
  server().on("POST /jobs", () => {
    backend.create();
    (backend.jobs[1] as { status: string }).status = "succeeded"; // a quick sync, over before the client looks
    return { status: 502, body: "Bad Gateway" };
  });
  const job = await createJobOnce(api(), SYNC);
  expect(job).toMatchObject({ jobId: 2, status: "succeeded" });
  expect(server().requestsTo("POST /jobs")).toHaveLength(1);
});

test("a finished job of the connection from before the request is not mistaken for the one being created", async () => {
  const backend = jobsBackend(server());
  backend.create(10_000);
  (backend.jobs[0] as { status: string }).status = "succeeded";
  server().on("POST /jobs", () => ({ body: backend.create() }));
  server().once("POST /jobs", { status: 503, body: {} });
  const job = await createJobOnce(api(), SYNC);
  expect(job.jobId).toBe(2);
  expect(server().requestsTo("POST /jobs")).toHaveLength(2);
});

test("when the lookup fails too, the original failure is thrown and the POST is not sent again", async () => {
  server().on("POST /jobs", { status: 500, body: { status: 500, title: "unexpected-problem" } });
  server().on("GET /jobs", { status: 403, body: { status: 403, title: "forbidden" } });
  const error = await createJobOnce(api(), SYNC).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InternalServerError);
  expect(server().requestsTo("POST /jobs")).toHaveLength(1);
  expect(server().requestsTo("GET /jobs")).toHaveLength(1);
});

test("409 'sync already running' is a SyncAlreadyRunningError carrying the connection id, not retried", async () => {
  server().on("POST /jobs", {
    status: 409,
    body: {
      status: 409,
      type: "https://reference.airbyte.com/reference/errors#try-again-later",
      title: "try-again-later",
      detail: "The server is temporarily unable to fulfill your request. Please try again later.",
      data: { message: `A sync is already running for: ${CONNECTION}` },
    },
  });
  const error = await api()
    .jobs.createJob({ connectionId: CONNECTION, jobType: "sync" })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SyncAlreadyRunningError);
  expect(error).toBeInstanceOf(ConflictError);
  expect((error as SyncAlreadyRunningError).connectionId).toBe(CONNECTION);
  expect((error as Error).message).toContain("A sync is already running");
  expect(server().requestsTo("POST /jobs")).toHaveLength(1);
});

test("the Config API's plain { message } body is recognised too, taking the id from the request", async () => {
  server().on("POST /api/v1/connections/sync", {
    status: 409,
    body: { message: "A sync is already running for this connection", errorId: "x" },
  });
  const client = new AirbyteApi({ serverUrl: `${server().url}/api/public/v1`, bearerToken: "t", logLevel: "off" });
  const error = await client
    .request({
      operation: "sync",
      method: "POST",
      api: "config",
      path: "/connections/sync",
      body: { connectionId: CONNECTION },
    })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SyncAlreadyRunningError);
  expect((error as SyncAlreadyRunningError).connectionId).toBe(CONNECTION);
});

test("when the job appears only after a retry hit 409, the 409 leads to the job rather than an error", async () => {
  const backend = jobsBackend(server());
  let posts = 0;
  server().on("POST /jobs", () => {
    posts++;
    if (posts === 1) {
      // The first attempt creates the job, but the first lookup does not see it yet.
      backend.create();
      return { status: 504, body: "Gateway Timeout" };
    }
    return {
      status: 409,
      body: {
        status: 409,
        title: "try-again-later",
        data: { message: `A sync is already running for: ${CONNECTION}` },
      },
    };
  });
  // The first lookup does not see the job yet.
  server().once("GET /jobs", { body: { data: [], next: "", previous: "" } });
  const job = await createJobOnce(api(), SYNC);
  expect(job.jobId).toBe(1);
  expect(posts).toBe(2);
});
