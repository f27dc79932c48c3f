/**
 * The job tools over stdio against the local server's real syncs: a job's log by page, a
 * running job's log followed as it grows (a throttled dev-null destination keeps the job running
 * until it is cancelled), the troubleshooting report of a connection whose destination fails on
 * purpose, and the connection's catalog and state as artifacts. Every answer is checked against
 * what the SDK reads from the local server.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { ConnectionSyncError, type SyncResult } from "airbyte-ts";
import { beforeAll, describe, expect, it } from "vitest";
import { built, seedConnection, useMcpServer } from "./helpers/mcp.js";

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const JOB_TOOLS = {
  get_cloud_sync_logs: READ_ONLY,
  follow_cloud_sync_logs: READ_ONLY,
  troubleshoot_cloud_connection: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  get_connection_artifact: READ_ONLY,
  get_connection_state: READ_ONLY,
  read_synced_records: READ_ONLY,
};

/** A destination that takes 10 s a record: its syncs run until cancelled. */
const STUCK = {
  destinationType: "dev-null",
  test_destination: { test_destination_type: "THROTTLED", millis_per_record: 10_000 },
};
/** A destination that fails at its first record. */
const FAILING = {
  destinationType: "dev-null",
  test_destination: { test_destination_type: "FAILING", num_messages: 0 },
};

interface LogPage {
  job_id: number;
  attempt_number: number;
  log_text: string;
  log_text_start_line: number;
  log_text_line_count: number;
  total_log_lines_available: number;
}
interface FollowPage {
  job_id: number;
  status: string;
  lines: string[];
  next_line: number;
  job_finished: boolean;
}
interface Report {
  connection: { id: string; status: string; selected_streams: string[] };
  source_check: { connector_id: string; succeeded: boolean | null; message: string | null };
  destination_check: { connector_id: string; succeeded: boolean | null; message: string | null };
  recent_jobs: { job_id: number; status: string }[];
  latest_failed_job: {
    job: { job_id: number; status: string };
    attempts: { attempt_number: number; status: string; failures: Record<string, unknown>[] }[];
  } | null;
  log_tail: {
    job_id: number;
    attempt_number: number;
    lines: string[];
    matching_line_count: number;
    total_log_lines_available: number;
  } | null;
  guidance: string;
}
/** Every line of a job's log, every attempt's in turn, as the SDK reads them. */
async function sdkLogLines(result: SyncResult): Promise<string[]> {
  return (await result.getAttempts()).flatMap((attempt) => attempt.getFullLogText().split("\n"));
}

describe.skipIf(!built)("airbyte-ts-mcp job tools", () => {
  const harness = useMcpServer();
  let client: Client;
  let tools: Tool[];
  let seeded: Awaited<ReturnType<typeof seedConnection>>;
  let synced: SyncResult;

  beforeAll(async () => {
    seeded = await seedConnection(harness.workspace());
    synced = await harness.workspace().getConnection(seeded.connection.connectionId).runSync({ pollIntervalMs: 100 });
    client = await harness.connect();
    tools = (await client.listTools()).tools;
  });

  const ok = <T>(name: string, args: Record<string, unknown>) => harness.ok<T>(client, name, args);
  const refused = (name: string, args: Record<string, unknown>) => harness.refused(client, name, args);
  const refusedBySchema = (name: string, args: Record<string, unknown>) => harness.refusedBySchema(client, name, args);

  /** The seeded source's users into a new destination of this configuration. */
  async function connectionTo(name: string, destinationConfiguration: Record<string, unknown>) {
    const workspace = harness.workspace();
    const destination = await workspace.deployDestination(`${name} sink`, destinationConfiguration);
    const connection = await workspace.deployConnection(`${name} connection`, {
      source: seeded.source,
      destination,
      selectedStreams: ["users"],
    });
    return { connection, destination };
  }

  it("lists the job tools with their annotations and schemas; read-only mode hides only troubleshooting", async () => {
    const listed = tools.filter((tool) => tool.name in JOB_TOOLS);
    expect(listed.map((tool) => tool.name)).toEqual(Object.keys(JOB_TOOLS));
    for (const tool of listed) {
      const { title: _title, ...annotations } = tool.annotations ?? {};
      expect(annotations, tool.name).toEqual(JOB_TOOLS[tool.name as keyof typeof JOB_TOOLS]);
      expect(tool.description?.length, tool.name).toBeGreaterThan(80);
      expect(tool.outputSchema?.type, tool.name).toBe("object");
    }
    const readOnly = await harness.connect({ AIRBYTE_CLOUD_MCP_READONLY_MODE: "1" });
    const visible = (await readOnly.listTools()).tools.map((tool) => tool.name);
    expect(Object.keys(JOB_TOOLS).filter((name) => visible.includes(name))).toEqual(
      Object.keys(JOB_TOOLS).filter((name) => name !== "troubleshoot_cloud_connection"),
    );
  });

  it("get_cloud_sync_logs gives the newest job's last attempt as the SDK reads it, a page at a time", async () => {
    const connection_id = seeded.connection.connectionId;
    const lines = await sdkLogLines(synced);
    expect(lines.length).toBeGreaterThan(3);
    const whole = await ok<LogPage>("get_cloud_sync_logs", { connection_id });
    expect(whole).toEqual({
      job_id: synced.jobId,
      attempt_number: 0,
      log_text: lines.join("\n"),
      log_text_start_line: 1,
      log_text_line_count: lines.length,
      total_log_lines_available: lines.length,
    });
    const tail = await ok<LogPage>("get_cloud_sync_logs", { connection_id, max_lines: 2 });
    expect(tail).toMatchObject({ log_text: lines.slice(-2).join("\n"), log_text_start_line: lines.length - 1 });
    const page = await ok<LogPage>("get_cloud_sync_logs", {
      connection_id,
      job_id: synced.jobId,
      attempt_number: 0,
      line_offset: 1,
      max_lines: 2,
    });
    expect(page).toMatchObject({
      log_text: lines.slice(1, 3).join("\n"),
      log_text_start_line: 2,
      log_text_line_count: 2,
    });
    const unlimited = await ok<LogPage>("get_cloud_sync_logs", { connection_id, max_lines: 0, from_tail: false });
    expect(unlimited.log_text).toBe(lines.join("\n"));
  });

  it("get_cloud_sync_logs refuses contradictory arguments and names what does not exist", async () => {
    const connection_id = seeded.connection.connectionId;
    const both = await refused("get_cloud_sync_logs", { connection_id, line_offset: 2, from_tail: true });
    expect(both.code).toBe("invalid_argument");
    const attempt = await refused("get_cloud_sync_logs", { connection_id, attempt_number: 3 });
    expect(attempt).toMatchObject({ code: "not_found", message: expect.stringMatching(/attempts are 0 to 0/) });
    expect((await refused("get_cloud_sync_logs", { connection_id, job_id: 99_999 })).code).toBe("not_found");
    const unknown = await refused("get_cloud_sync_logs", { connection_id: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.code).toBe("not_found");
    const fresh = await harness.workspace().deployConnection("never synced", {
      source: seeded.source,
      destination: seeded.destination,
      selectedStreams: ["users"],
    });
    const none = await refused("get_cloud_sync_logs", { connection_id: fresh.connectionId });
    expect(none).toMatchObject({ code: "not_found", hint: expect.stringMatching(/run_cloud_sync/) });
    await refusedBySchema("get_cloud_sync_logs", { connection_id, max_lines: -1 });
  });

  it("follow_cloud_sync_logs follows a running job's log, through its cancellation, to the end", async () => {
    const { connection: stuck } = await connectionTo("stuck", STUCK);
    const connection_id = stuck.connectionId;
    const started = await ok<{ job: { job_id: number } }>("run_cloud_sync", { connection_id, wait: false });
    const job = stuck.getSyncResult(started.job.job_id);
    const follow = (args: Record<string, unknown>) =>
      ok<FollowPage>("follow_cloud_sync_logs", { connection_id, ...args });

    // Each call waits for new lines; the stream is reading once its third line is out.
    const lines: string[] = [];
    for (let call = 0; call < 10 && !lines.some((line) => line.includes("reading.")); call += 1) {
      const page = await follow({ after_line: lines.length, wait_seconds: 10 });
      expect(page).toMatchObject({
        job_id: job.jobId,
        next_line: lines.length + page.lines.length,
        job_finished: false,
      });
      lines.push(...page.lines);
    }
    expect(lines.at(-1)).toMatch(/Stream users .* reading\./);
    expect(lines).toEqual(await sdkLogLines(job));

    // The throttled destination logs nothing more: the call waits, then answers no line.
    const quiet = await follow({ after_line: lines.length, wait_seconds: 1 });
    expect(quiet).toEqual({
      job_id: job.jobId,
      status: "running",
      lines: [],
      next_line: lines.length,
      job_finished: false,
    });

    // A client that gives up on a long wait cancels the call; the server goes on answering.
    const controller = new AbortController();
    const abandoned = client.callTool(
      { name: "follow_cloud_sync_logs", arguments: { connection_id, after_line: lines.length, wait_seconds: 50 } },
      undefined,
      { signal: controller.signal },
    );
    controller.abort();
    await expect(abandoned).rejects.toThrow();
    expect((await follow({ after_line: lines.length })).status).toBe("running");

    expect(await job.cancel()).toBe("cancelled");
    let last: FollowPage | undefined;
    for (let call = 0; call < 10 && !last?.job_finished; call += 1) {
      last = await follow({ after_line: lines.length, wait_seconds: 10, max_lines: 1 });
      lines.push(...last.lines);
    }
    expect(last).toMatchObject({ status: "cancelled", job_finished: true, next_line: lines.length });
    expect(lines.at(-1)).toMatch(/Sync cancelled by the user/);
    expect(lines).toEqual(await sdkLogLines(job));
    // A page of a finished job that leaves lines out does not say finished.
    expect(await follow({ max_lines: 1, job_id: job.jobId })).toMatchObject({ next_line: 1, job_finished: false });

    const past = await refused("follow_cloud_sync_logs", { connection_id, after_line: lines.length + 1 });
    expect(past).toMatchObject({ code: "invalid_argument", message: expect.stringMatching(/past the end/) });
    await refusedBySchema("follow_cloud_sync_logs", { connection_id, wait_seconds: 61 });
  });

  it("troubleshoot_cloud_connection reports a failing destination: checks, jobs, failure reasons, the log lines that matter", async () => {
    const { connection: failing, destination } = await connectionTo("failing", FAILING);
    const error = await failing.runSync({ pollIntervalMs: 100 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionSyncError);
    const failed = failing.getSyncResult((error as ConnectionSyncError).jobId!);
    const [attempt] = await failed.getAttempts();
    const logLines = await sdkLogLines(failed);

    const report = await ok<Report>("troubleshoot_cloud_connection", { connection_id: failing.connectionId });
    expect(report.connection).toMatchObject({
      id: failing.connectionId,
      status: "active",
      selected_streams: ["users"],
    });
    expect(report.source_check).toEqual({ connector_id: seeded.source.sourceId, succeeded: true, message: null });
    expect(report.destination_check).toEqual({
      connector_id: destination.destinationId,
      succeeded: true,
      message: null,
    });
    expect(report.recent_jobs).toEqual([expect.objectContaining({ job_id: failed.jobId, status: "failed" })]);
    expect(report.latest_failed_job).toEqual({
      job: expect.objectContaining({ job_id: failed.jobId, status: "failed" }),
      attempts: [
        {
          attempt_number: 0,
          status: "failed",
          failures: attempt!.failures.map((failure) => ({
            failure_origin: failure.failureOrigin,
            failure_type: failure.failureType,
            external_message: failure.externalMessage,
            retryable: failure.retryable,
          })),
        },
      ],
    });
    expect(report.latest_failed_job?.attempts[0]?.failures[0]).toMatchObject({
      failure_origin: "destination",
      external_message: expect.stringMatching(/failed on purpose/),
    });
    const tail = report.log_tail!;
    expect(tail).toMatchObject({ job_id: failed.jobId, attempt_number: 0, total_log_lines_available: logLines.length });
    expect(tail.lines.some((line) => line.includes("failed on purpose"))).toBe(true);
    expect(tail.lines.every((line) => logLines.includes(line) && /error|fail/i.test(line))).toBe(true);
    expect(tail.lines.length).toBe(tail.matching_line_count);
    expect(tail.lines.length).toBeLessThan(logLines.length);
    expect(report.guidance).toMatch(/get_cloud_sync_logs/);
    expect(report.guidance).toMatch(/retryable: run_cloud_sync may succeed/);
    expect(report.guidance).toMatch(/Leave to a person: credentials/);

    const short = await ok<Report>("troubleshoot_cloud_connection", {
      connection_id: failing.connectionId,
      max_log_lines: 1,
    });
    expect(short.log_tail).toMatchObject({
      lines: tail.lines.slice(-1),
      matching_line_count: tail.matching_line_count,
    });
    const tooMany = { connection_id: failing.connectionId, max_log_lines: 1001 };
    await refusedBySchema("troubleshoot_cloud_connection", tooMany);

    // Once the destination is fixed and a sync succeeds, the old failure is reported as such.
    await destination.updateConfig({
      destinationType: "dev-null",
      test_destination: { test_destination_type: "SILENT" },
    });
    const recovered = await failing.runSync({ pollIntervalMs: 100 });
    const after = await ok<Report>("troubleshoot_cloud_connection", { connection_id: failing.connectionId });
    expect(after.recent_jobs.map((summary) => summary.job_id)).toEqual([recovered.jobId, failed.jobId]);
    expect(after.latest_failed_job?.job.job_id).toBe(failed.jobId);
    expect(after.guidance).toMatch(/The newest job succeeded/);
    expect(after.guidance).not.toMatch(/retryable: run_cloud_sync/);
  });

  it("troubleshoot_cloud_connection on a healthy connection finds no failure; an unknown one is not_found", async () => {
    // Safe mode does not stop it: it changes nothing, even on a connection made before this session.
    const report = await ok<Report>("troubleshoot_cloud_connection", { connection_id: seeded.connection.connectionId });
    expect(report).toMatchObject({ latest_failed_job: null, log_tail: null });
    expect(report.recent_jobs[0]).toMatchObject({ job_id: synced.jobId, status: "succeeded" });
    expect(report.guidance).toMatch(/^No job of this connection has failed\./);
    const unknown = { connection_id: "00000000-0000-4000-8000-000000000000" };
    expect((await refused("troubleshoot_cloud_connection", unknown)).code).toBe("not_found");
  });

  it("get_connection_artifact gives the catalog and the state in protocol format, as the SDK dumps them", async () => {
    const connection_id = seeded.connection.connectionId;
    const sdk = harness.workspace().getConnection(connection_id);
    const catalog = await ok<{ artifact: unknown; message: string | null }>("get_connection_artifact", {
      connection_id,
      artifact_type: "catalog",
    });
    expect(catalog).toMatchObject({ artifact: await sdk.dumpRawCatalog(), message: null });
    // A full refresh of faker users leaves no state.
    const state = await ok<{ artifact: unknown; message: string | null }>("get_connection_artifact", {
      connection_id,
      artifact_type: "state",
    });
    expect(state).toEqual({
      connection_id,
      artifact_type: "state",
      artifact: [],
      message: expect.stringMatching(/No state is set/),
    });
    expect(await sdk.dumpRawState()).toEqual([]);
    const unknown = { connection_id: "00000000-0000-4000-8000-000000000000", artifact_type: "catalog" };
    expect((await refused("get_connection_artifact", unknown)).code).toBe("not_found");
    await refusedBySchema("get_connection_artifact", { connection_id, artifact_type: "logs" });
  });
});
