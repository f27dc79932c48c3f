/**
 * Syncs and jobs through the CLI against the local server's real engine: `sync run` with and
 * without --wait, its exit codes (6 when the sync fails, 7 on timeout), --if-running, status and
 * cancel; jobs list with filters, get and logs (--follow).
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { CloudConnection } from "airbyte-ts";
import { built, FAILING, json, jsonError, seedConnection, STUCK, useCliServer } from "./helpers/cli.js";

type Row = Record<string, unknown>;

describe.skipIf(!built)("sync and jobs", () => {
  const harness = useCliServer();
  const cli = harness.cli;
  let connection: CloudConnection;
  let firstJob: number;

  beforeAll(async () => {
    ({ connection } = await seedConnection(harness.workspace(), { count: 30, streams: ["users", "products"] }));
  });

  test("sync run --wait: the job's record on stdout, a summary on stderr, exit 0", async () => {
    const result = await cli(["--json", "sync", "run", connection.connectionId, "--wait"]);
    expect(result.code, result.stderr).toBe(0);
    const job = json(result);
    expect(job).toMatchObject({
      status: "succeeded",
      jobType: "sync",
      connectionId: connection.connectionId,
      rowsSynced: 60,
    });
    expect(job.bytesSynced).toBeGreaterThan(0);
    expect(result.stderr).toBe(""); // --json: no messages, no progress
    firstJob = job.jobId as number;

    const human = await cli(["sync", "run", await connection.getName(), "--wait"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Job ID +\d+\nType +sync\nStatus +succeeded\n/);
    expect(human.stderr).toMatch(
      /^Started sync job \d+ of connection .*\.\nSync job \d+ succeeded: 60 records, .* in .*\.\n$/,
    );
    expect(human.stderr).not.toContain("\r"); // nothing drawn when stderr is not a terminal
  });

  test("piped, --wait prints a plain progress line now and then, as the figures grow", async () => {
    // A destination taking 1 ms per record: 8,000 records take eight seconds, committed a batch a second.
    const { connection: slow } = await seedConnection(harness.workspace(), {
      count: 8_000,
      destination: {
        destinationType: "dev-null",
        test_destination: { test_destination_type: "THROTTLED", millis_per_record: 1 },
      },
    });
    const result = await cli(["sync", "run", slow.connectionId, "--wait"], {
      env: { AIRBYTE_TS_PROGRESS_INTERVAL: "0.1" },
      timeoutMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain("\r");
    const name = await slow.getName();
    const progress = result.stderr
      .split("\n")
      .filter((line) => line.startsWith("Syncing"))
      .map((line) => {
        const match = new RegExp(
          `^Syncing '${name}': job \\d+ (pending|running|succeeded) · ([\\d,]+) records read, ([\\d,]+) committed \\([\\d.]+ [KMG]?B\\) · \\d+:\\d\\d$`,
        ).exec(line);
        expect(match, line).not.toBeNull();
        return { read: Number(match![2]!.replaceAll(",", "")), committed: Number(match![3]!.replaceAll(",", "")) };
      });
    // The committed figure moved while the job ran: at least two values between nothing and everything.
    const moving = [...new Set(progress.map((line) => line.committed))].filter((n) => n > 0 && n < 8_000);
    expect(moving.length, result.stderr).toBeGreaterThanOrEqual(2);
    for (const [i, line] of progress.entries()) {
      expect(line.read).toBeGreaterThanOrEqual(line.committed);
      if (i > 0) expect(line.committed).toBeGreaterThanOrEqual(progress[i - 1]!.committed);
    }
    expect(result.stderr).toMatch(/\nSync job \d+ succeeded: 8,000 records, .* in .*\.\n$/);
  }, 60_000);

  test("a failing sync exits 6 with the job on stdout and the reason on stderr", async () => {
    const { connection: failing } = await seedConnection(harness.workspace(), { destination: FAILING });
    const result = await cli(["--json", "sync", "run", failing.connectionId, "--wait"]);
    expect(result.code).toBe(6);
    expect(json(result)).toMatchObject({ status: "failed", connectionId: failing.connectionId });
    const error = jsonError(result);
    expect(error).toMatchObject({
      code: "sync_failed",
      exitCode: 6,
      connectionId: failing.connectionId,
      jobStatus: "failed",
    });
    expect(error.hint).toBe(`See its log: airbyte-ts jobs logs ${String(error.jobId)}`);
  });

  test("a timeout exits 7 (the job goes on, or is cancelled with --cancel-on-timeout); --if-running", async () => {
    const { connection: stuck } = await seedConnection(harness.workspace(), { destination: STUCK });
    const id = stuck.connectionId;
    const timedOut = await cli(["sync", "run", id, "--wait", "--timeout", "1s"]);
    expect(timedOut.code).toBe(7);
    expect(timedOut.stdout).toMatch(/Status +(running|pending|incomplete)/);
    expect(timedOut.stderr).toMatch(
      /did not finish within 1 s .* The job goes on; follow it with: airbyte-ts sync status/,
    );

    const again = await cli(["--json", "sync", "run", id]);
    expect(again.code).toBe(1);
    expect(jsonError(again)).toMatchObject({ code: "sync_already_running" });
    expect(jsonError(again).hint).toContain("--if-running attach");
    const skipped = await cli(["--json", "sync", "run", id, "--if-running", "skip"]);
    expect(json(skipped)).toEqual({ connectionId: id, skipped: true });
    const attached = await cli([
      "--json",
      "sync",
      "run",
      id,
      "--if-running",
      "attach",
      "--wait",
      "--timeout",
      "1",
      "--cancel-on-timeout",
    ]);
    expect(attached.code).toBe(7);
    expect(json(attached).status).toBe("cancelled");
    expect(jsonError(attached).hint).toBeUndefined();

    const badIfRunning = await cli(["sync", "run", id, "--if-running", "wait"]);
    expect(badIfRunning.code).toBe(2);
    expect(badIfRunning.stderr).toBe('airbyte-ts: --if-running must be one of fail, attach, skip; got "wait".\n');
    const timeoutAlone = await cli(["sync", "run", id, "--timeout", "5m"]);
    expect(timeoutAlone.code).toBe(2);
    expect(timeoutAlone.stderr).toBe("airbyte-ts: --timeout applies only with --wait.\n");
  });

  test("sync run without --wait, status and cancel", async () => {
    const { connection: stuck } = await seedConnection(harness.workspace(), { destination: STUCK });
    const id = stuck.connectionId;
    const none = await cli(["--json", "sync", "status", id]);
    expect(none.code).toBe(0);
    expect(json(none)).toBeNull();
    const started = await cli(["--json", "sync", "run", id]);
    expect(started.code, started.stderr).toBe(0);
    const job = json(started);
    expect(["pending", "running"]).toContain(job.status);

    const status = json(await cli(["--json", "sync", "status", id]));
    expect(status).toMatchObject({ jobId: job.jobId, connectionId: id });
    expect(status).toHaveProperty("recordsEmitted");
    const cancelled = await cli(["--json", "sync", "cancel", id]);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(json(cancelled)).toMatchObject({ jobId: job.jobId, status: "cancelled" });
    const nothing = await cli(["sync", "cancel", id]);
    expect(nothing.code).toBe(0);
    expect(nothing.stderr).toBe(`No sync of connection ${id} is running; nothing to cancel.\n`);
    const byJob = await cli(["--json", "sync", "status", id, "--job", String(job.jobId)]);
    expect(json(byJob)).toMatchObject({ jobId: job.jobId, status: "cancelled" });
  });

  test("jobs list with filters, get, logs (all, one attempt, --follow, JSON)", async () => {
    const all = json<Row[]>(await cli(["--json", "jobs", "list", "--limit", "100"]));
    expect(all.length).toBeGreaterThanOrEqual(5);
    const ids = all.map((job) => job.jobId as number);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // Reads only: side by side.
    const [oldest, ofConnection, failed, resets, old, badStatus, table] = await Promise.all([
      cli(["--json", "jobs", "list", "--oldest-first", "--limit", "1"]),
      connection.getName().then((name) => cli(["--json", "jobs", "list", "--connection", name])),
      cli(["--json", "jobs", "list", "--status", "failed"]),
      cli(["--json", "jobs", "list", "--since", "1h", "--type", "reset"]),
      cli(["--json", "jobs", "list", "--until", "2000-01-01"]),
      cli(["jobs", "list", "--status", "done"]),
      cli(["jobs", "list", "--connection", connection.connectionId]),
    ]);
    expect(json<Row[]>(oldest)[0]?.jobId).toBe(Math.min(...ids));
    expect(json<Row[]>(ofConnection).map((job) => job.connectionId)).toEqual([
      connection.connectionId,
      connection.connectionId,
    ]);
    expect(json<Row[]>(failed).length).toBe(1);
    expect(json<Row[]>(resets)).toEqual([]);
    expect(json<Row[]>(old)).toEqual([]);
    expect(badStatus.code).toBe(2);
    expect(table.stdout).toMatch(/^JOB ID +TYPE +STATUS +CONNECTION ID +STARTED +DURATION +ROWS +BYTES\n/);

    const job = json(await cli(["--json", "jobs", "get", String(firstJob)]));
    expect(job).toMatchObject({ jobId: firstJob, status: "succeeded", recordsEmitted: 60, recordsCommitted: 60 });
    expect(job.attempts).toEqual([
      expect.objectContaining({ attemptNumber: 0, status: "succeeded", recordsSynced: 60 }),
    ]);
    const missing = await cli(["jobs", "get", "999999"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("airbyte-ts: No job '999999' was found. List them with: airbyte-ts jobs list\n");
    expect((await cli(["jobs", "get", "abc"])).code).toBe(2);

    const [logs, attempt, noAttempt, structuredRun, followed, followedJson] = await Promise.all([
      cli(["jobs", "logs", String(firstJob)]),
      cli(["jobs", "logs", String(firstJob), "--attempt", "0"]),
      cli(["jobs", "logs", String(firstJob), "--attempt", "3"]),
      cli(["--json", "jobs", "logs", String(firstJob)]),
      cli(["jobs", "logs", String(firstJob), "--follow"]),
      cli(["--json", "jobs", "logs", String(firstJob), "--follow"]),
    ]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain("Reading users");
    // Times a person reads, in UTC as Airbyte prints them: never raw epoch milliseconds.
    expect(logs.stdout).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} info platform > Starting sync/);
    expect(logs.stderr).toBe("");
    expect(attempt.stderr).toBe("--- attempt 0 (succeeded) ---\n");
    expect(attempt.stdout).toBe(logs.stdout);
    expect(noAttempt.code).toBe(2);
    const structured = json<{ jobId: number; attempts: { lines: string[] }[] }>(structuredRun);
    expect(structured.attempts[0]?.lines.join("\n")).toBe(logs.stdout.trimEnd());
    expect(followed.stdout).toBe(logs.stdout);
    const lines = followedJson.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { line: string });
    expect(lines.map((line) => line.line).join("\n")).toBe(logs.stdout.trimEnd());
  });
});
