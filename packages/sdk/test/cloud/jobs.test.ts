/**
 * Jobs across a workspace: `workspace.listJobs` with its filters, `workspace.getSyncResult` by
 * job id alone, and `syncResult.getProgress` (records and bytes read and committed so far).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { InputError, isSafeToDelete, MissingResourceError, type SyncResult } from "airbyte-ts";
import { rejection, seedConnection, useCloudServer } from "./harness.js";

const SILENT = { destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } };
const FAILING = {
  destinationType: "dev-null",
  test_destination: { test_destination_type: "FAILING", num_messages: 0 },
};

describe("jobs of a workspace", () => {
  const harness = useCloudServer({ maxAttempts: 1 });
  let first: SyncResult;
  let second: SyncResult;
  let failed: SyncResult;
  let connectionId: string;

  beforeAll(async () => {
    const workspace = harness.workspace();
    const ok = await seedConnection(harness.admin(), workspace.workspaceId, { destinationConfiguration: SILENT });
    const bad = await seedConnection(harness.admin(), workspace.workspaceId, { destinationConfiguration: FAILING });
    connectionId = ok.connection.connectionId;
    const connection = workspace.getConnection(connectionId);
    first = await connection.runSync({ pollIntervalMs: 50 });
    second = await connection.runSync({ pollIntervalMs: 50 });
    failed = await workspace.getConnection(bad.connection.connectionId).runSync({ wait: false });
    await failed.waitForCompletion({ pollIntervalMs: 50 });
  });

  it("lists the workspace's jobs newest first, or oldest first, up to a limit", async () => {
    const workspace = harness.workspace();
    const { result: jobs, requests } = await harness.count(() => workspace.listJobs());
    expect(jobs.map((job) => job.jobId)).toEqual([failed.jobId, second.jobId, first.jobId]);
    // A short page of jobs is not the last one (the server filters after paging): an empty one is.
    expect(requests).toEqual({ listJobs: 2 });
    const { result: oldest, requests: limited } = await harness.count(() =>
      workspace.listJobs({ fromTail: false, limit: 2 }),
    );
    expect(oldest.map((job) => job.jobId)).toEqual([first.jobId, second.jobId]);
    expect(limited).toEqual({ listJobs: 1 });
  });

  it("filters by connection, status and type; jobs of one connection share its object", async () => {
    const workspace = harness.workspace();
    const ofConnection = await workspace.listJobs({ connectionId });
    expect(ofConnection.map((job) => job.jobId)).toEqual([second.jobId, first.jobId]);
    expect(ofConnection[0]?.connection).toBe(ofConnection[1]?.connection);
    const failures = await workspace.listJobs({ status: "failed" });
    expect(failures.map((job) => job.jobId)).toEqual([failed.jobId]);
    expect(await workspace.listJobs({ jobType: "reset" })).toEqual([]);
    const future = new Date(Date.now() + 60_000);
    expect(await workspace.listJobs({ createdAfter: future })).toEqual([]);
    expect((await workspace.listJobs({ createdBefore: future })).length).toBe(3);
  });

  it("refuses bad filters before any request", async () => {
    const workspace = harness.workspace();
    const { result: error, requests } = await harness.count(() =>
      rejection(workspace.listJobs({ status: "done" as never })),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('Invalid job status "done"');
    expect(requests).toEqual({});
    expect(await rejection(workspace.listJobs({ jobType: "backup" as never }))).toBeInstanceOf(InputError);
    expect(await rejection(workspace.listJobs({ limit: 0 }))).toBeInstanceOf(InputError);
  });

  it("gets a job by id alone, with its connection", async () => {
    const workspace = harness.workspace();
    const { result: job, requests } = await harness.count(() => workspace.getSyncResult(second.jobId));
    expect(requests).toEqual({ getJob: 1 });
    expect(job.connection.connectionId).toBe(connectionId);
    expect(await job.getJobStatus()).toBe("succeeded");
    const missing = await rejection(workspace.getSyncResult(987_654));
    expect(missing).toBeInstanceOf(MissingResourceError);
    expect(await rejection(workspace.getSyncResult(-1))).toBeInstanceOf(InputError);
  });

  it("reports a job's progress: records and bytes read and committed", async () => {
    const progress = await first.getProgress();
    expect(progress).toMatchObject({
      jobId: first.jobId,
      status: "succeeded",
      recordsEmitted: 10,
      recordsCommitted: 10,
    });
    expect(progress.bytesEmitted).toBeGreaterThan(0);
    expect(progress.bytesCommitted).toBe(progress.bytesEmitted);
    expect(await first.getRecordsSynced()).toBe(progress.recordsCommitted);
  });

  it("says which names safe mode lets go", () => {
    expect(isSafeToDelete("old (delete-me)")).toBe(true);
    expect(isSafeToDelete("DeleteMe")).toBe(true);
    expect(isSafeToDelete("production")).toBe(false);
    expect(isSafeToDelete(undefined)).toBe(false);
  });
});
