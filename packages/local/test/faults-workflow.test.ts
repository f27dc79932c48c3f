/**
 * A scripted workflow through the SDK against a server that fails one request in five (5xx
 * before or after doing the work, dropped connections, 429 with Retry-After): it completes,
 * and afterwards the server holds exactly what the workflow meant to create, with no job
 * started twice and none lost.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  AirbyteApi,
  AirbyteApiError,
  createJobOnce,
  type DestinationResponse,
  type JobResponse,
  selfManaged,
  type SourceResponse,
} from "airbyte-ts";
import { startLocalServer, type LocalServer } from "@airbyte-ts/local";
import { waitForJob } from "./helpers/sync.js";

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ inMemory: true, scheduler: false });
});
afterAll(async () => {
  await server.close();
});

const SYNCS = 30;

/**
 * Creating something is not idempotent, so a workflow that must survive failures looks for what
 * it wanted before creating it again (PyAirbyte's deploy helpers do the same with names).
 */
async function findOrCreate<T>(find: () => Promise<T | undefined>, create: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const found = await find();
    if (found) return found;
    try {
      return await create();
    } catch (error) {
      // An ambiguous failure: the thing may exist now. Look again before another try.
      if (!(error instanceof AirbyteApiError) || attempt > 20) throw error;
    }
  }
}

// A read that fails with the injected faults is simply tried again at the next look.
const waitFor = (api: AirbyteApi, jobId: number): Promise<JobResponse> => waitForJob(api, jobId, 60_000);

test("with 20% of requests failing, the workflow completes with nothing duplicated or lost", async () => {
  const workspaceId = server.workspaceId;
  server.setFaults({ seed: 20_26, errorRate: 0.12, dropRate: 0.04, rateLimitRate: 0.04, retryAfterSeconds: 1 });
  const api = new AirbyteApi({
    ...selfManaged(server.url),
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    logLevel: "off",
    retries: { maxRetries: 12, initialDelayMs: 5, maxDelayMs: 40 },
    hooks: { onError: () => void failures++ },
  });
  let failures = 0;
  const byName =
    <T extends { name: string }>(name: string) =>
    (items: T[]) =>
      items.find((item) => item.name === name);

  const source = await findOrCreate<SourceResponse>(
    async () =>
      byName<SourceResponse>("orders")(await api.sources.listSources({ workspaceIds: [workspaceId] }).toArray()),
    () => api.sources.createSource({ name: "orders", workspaceId, configuration: { sourceType: "faker", count: 50 } }),
  );
  const destination = await findOrCreate<DestinationResponse>(
    async () =>
      byName<DestinationResponse>("lake")(
        await api.destinations.listDestinations({ workspaceIds: [workspaceId] }).toArray(),
      ),
    () =>
      api.destinations.createDestination({
        name: "lake",
        workspaceId,
        configuration: { destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } },
      }),
  );
  const connection = await findOrCreate(
    async () =>
      (await api.connections.listConnections({ workspaceIds: [workspaceId] }).toArray()).find(
        (c) => c.name === "orders to lake",
      ),
    () =>
      api.connections.createConnection({
        name: "orders to lake",
        sourceId: source.sourceId,
        destinationId: destination.destinationId,
      }),
  );

  const started: number[] = [];
  for (let i = 0; i < SYNCS; i++) {
    const job = await createJobOnce(api, { connectionId: connection.connectionId, jobType: "sync" });
    started.push(job.jobId);
    expect((await waitFor(api, job.jobId)).status).toBe("succeeded");
  }

  server.setFaults(undefined);
  expect(failures, "requests that failed along the way").toBeGreaterThan(10);
  const check = new AirbyteApi({
    ...selfManaged(server.url),
    clientId: server.clientId,
    clientSecret: server.clientSecret,
  });
  const sources = await check.sources.listSources({ workspaceIds: [workspaceId] }).toArray();
  const destinations = await check.destinations.listDestinations({ workspaceIds: [workspaceId] }).toArray();
  const connections = await check.connections.listConnections({ workspaceIds: [workspaceId] }).toArray();
  expect(sources.map((s) => s.name)).toEqual(["orders"]);
  expect(destinations.map((d) => d.name)).toEqual(["lake"]);
  expect(connections.map((c) => c.name)).toEqual(["orders to lake"]);

  const jobs = await check.jobs.listJobs({ connectionId: connection.connectionId }).toArray();
  expect(jobs.map((j) => j.jobId).sort((a, b) => a - b)).toEqual([...started].sort((a, b) => a - b));
  expect(new Set(started).size).toBe(SYNCS);
  expect(jobs.every((j) => j.status === "succeeded")).toBe(true);
  // Most of its time is spent honouring `Retry-After: 1` and waiting for 30 jobs: about 20 s on
  // an idle machine, 90 to 120 s on a loaded one. The deadline is only there to end a hang.
}, 300_000);
