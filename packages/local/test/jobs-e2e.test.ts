/**
 * Jobs end to end on a local server as users get it: connections created through the public
 * API, the built-in executor, the runner's retries, and the Config API's logs in the formatted
 * shape (`logFormat: "formatted"`).
 */
import type { Config, JobResponse } from "airbyte-ts";
import { describe, expect, test } from "vitest";
import { failure, fakerToDevNull } from "./helpers/connections.js";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { waitForJob } from "./helpers/sync.js";
import { SNOWFLAKE_CONFIGURATION } from "./helpers/configurations.js";

const harness = useLocalServer({ maxAttempts: 2, retryBackoffMs: 20, logFormat: "formatted" });

const LOG_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (platform|source|destination|replication-orchestrator) > .+$/;
const finished = (jobId: number): Promise<JobResponse> => waitForJob(harness.admin(), jobId, 10_000);

async function fakerConnection(name: string): Promise<string> {
  const api = harness.admin();
  const { workspaceId } = await api.workspaces.createWorkspace({ name });
  const pair = await fakerToDevNull(api, workspaceId);
  const connection = await api.connections.createConnection({
    sourceId: pair.sourceId,
    destinationId: pair.destinationId,
  });
  return connection.connectionId;
}

describe("jobs of connections created through the API", () => {
  test("a sync runs to success; its attempt's logs come as formatted lines", async () => {
    const api = harness.admin();
    const connectionId = await fakerConnection("e2e-sync");
    const created = await api.jobs.createJob({ connectionId, jobType: "sync" });
    expect(created.status).toBe("pending");
    const done = await finished(created.jobId);
    expect(done).toMatchObject({ status: "succeeded" });
    expect((await api.jobs.listJobs({ connectionId })).data).toEqual([done]);

    const info = await api.config.jobs.get({ id: created.jobId });
    expect(info.job.enabledStreams).toEqual([{ name: "users" }, { name: "products" }, { name: "purchases" }]);
    const committed = info.job.streamAggregatedStats?.map((s) => [s.streamName, s.recordsCommitted]);
    // count: 10 users; faker's products are a fixed list; purchases follow the users.
    expect(committed?.[0]).toEqual(["users", 10]);
    expect(done.rowsSynced).toBe(committed?.reduce((sum, [, count]) => sum + Number(count), 0));
    const [attempt] = info.attempts;
    expect(attempt?.logType).toBe("formatted");
    const lines = (attempt?.logs as Config.LogRead).logLines;
    for (const line of lines) expect(line).toMatch(LOG_LINE);
    expect(lines[0]).toContain(`platform > Starting sync of 3 streams of connection "faker <> null" (${connectionId})`);
    expect(lines).toContainEqual(
      expect.stringContaining(
        "replication-orchestrator > Stream users: 10 records read, 10 committed to public.users.",
      ),
    );
    const single = await api.config.attempt.getForJob({ jobId: created.jobId, attemptNumber: 0 });
    expect(single).toEqual(attempt);
  });

  test("a destination the local server cannot run: each attempt fails, and the job fails after maxAttempts", async () => {
    const api = harness.admin();
    const { workspaceId } = await api.workspaces.createWorkspace({ name: "e2e-snowflake" });
    const { sourceId } = await fakerToDevNull(api, workspaceId);
    const destination = await api.destinations.createDestination({
      name: "warehouse",
      workspaceId,
      configuration: {
        destinationType: "snowflake",
        ...SNOWFLAKE_CONFIGURATION,
      },
    });
    const { connectionId } = await api.connections.createConnection({
      sourceId,
      destinationId: destination.destinationId,
    });
    const { jobId } = await api.jobs.createJob({ connectionId, jobType: "sync" });
    expect((await finished(jobId)).status).toBe("failed");
    const info = await api.config.jobs.get({ id: jobId });
    expect(info.attempts.map((a) => a.attempt.status)).toEqual(["failed", "failed"]);
    expect(info.attempts[1]?.attempt.failureSummary?.failures[0]).toMatchObject({
      failureOrigin: "destination",
      externalMessage: expect.stringContaining("cannot run the Snowflake destination"),
    });
    const lines = (info.attempts[1]?.logs as Config.LogRead).logLines;
    expect(lines.at(-1)).toMatch(/platform > The job failed after 2 attempts\.$/);
  });

  test("a reset clears the state; a deleted connection keeps its jobs but starts no new one", async () => {
    const api = harness.admin();
    const connectionId = await fakerConnection("e2e-reset");
    const connectionState: Config.ConnectionState = {
      stateType: "stream",
      connectionId,
      streamState: [{ streamDescriptor: { name: "purchases" }, streamState: { updated_at: "2024-05-01" } }],
    };
    await api.config.state.createOrUpdateSafe({ connectionId, connectionState });
    const reset = await api.jobs.createJob({ connectionId, jobType: "reset" });
    expect(reset.jobType).toBe("reset");
    expect((await finished(reset.jobId)).status).toBe("succeeded");
    expect(await api.config.state.get({ connectionId })).toEqual({ stateType: "not_set", connectionId });
    const info = await api.config.jobs.get({ id: reset.jobId });
    expect(info.job).toMatchObject({
      configType: "reset_connection",
      resetConfig: { streamsToReset: info.job.enabledStreams },
    });

    await api.connections.deleteConnection({ connectionId });
    const refused = await failure(api.jobs.createJob({ connectionId, jobType: "sync" }));
    expect(refused.status).toBe(409);
    expect((await api.jobs.getJob({ jobId: reset.jobId })).status).toBe("succeeded");
  });
});
