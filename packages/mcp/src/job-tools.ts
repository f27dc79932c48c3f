/**
 * The tools an agent debugs a connection's jobs with: a job's log, a page at a time
 * (get_cloud_sync_logs, PyAirbyte's) or followed as it grows (follow_cloud_sync_logs, ours), and
 * a diagnosis of a failing connection (troubleshoot_cloud_connection, PyAirbyte's). Over the
 * SDK's `SyncResult` and `SyncAttempt`; the state, catalog and synced-records tools are in
 * data-tools.ts, whose table is appended to this one.
 */
import { setTimeout as sleep } from "node:timers/promises";
import {
  AirbyteError,
  type CloudConnection,
  type CloudDestination,
  type CloudSource,
  InputError,
  isFinalJobStatus,
  type SyncAttempt,
  type SyncResult,
} from "airbyte-ts";
import { z } from "zod";
import { DATA_TOOLS } from "./data-tools.js";
import { ToolError } from "./results.js";
import { defineTool, READ_ONLY, type Tool, workspaceIdArg } from "./tool.js";
import { connectionIdArg, job, jobSummary, type ToolRequest } from "./tools.js";
import { GUIDANCE, specificGuidance } from "./troubleshoot-guidance.js";
import { connection as connectionSchema } from "./connection-tools.js";

const jobIdArg = z.number().int().positive().optional().describe("The job; default the connection's newest.");

/** The job named, checked to be the connection's; without an id, the connection's newest job. */
async function jobOf(
  connection: CloudConnection,
  jobId: number | undefined,
  request: ToolRequest,
): Promise<SyncResult> {
  if (jobId !== undefined) {
    const result = connection.getSyncResult(jobId);
    // Fetches the job: an unknown id is not_found, another connection's job invalid_argument.
    await result.getJobInfo(request);
    return result;
  }
  // The jobs endpoint answers an empty list for an unknown connection: ask for it first.
  await connection.getInfo({}, request);
  const newest = await connection.getSyncResult(undefined, request);
  if (newest) return newest;
  throw new ToolError({
    code: "not_found",
    message: `Connection '${connection.connectionId}' has no job yet.`,
    hint: "Start one with run_cloud_sync.",
    details: { connection_id: connection.connectionId },
  });
}

/** An attempt's log as lines (none for an empty log), split as PyAirbyte splits the text. */
function logLines(attempt: SyncAttempt): string[] {
  const text = attempt.getFullLogText();
  return text === "" ? [] : text.split(/\r?\n/);
}

const getSyncLogs = defineTool({
  name: "get_cloud_sync_logs",
  title: "Read a job's log",
  description:
    "One attempt's log of a job (default the connection's newest job and its last attempt): the last max_lines lines, or with line_offset the lines from there on. log_text_start_line (1-based) and total_log_lines_available tell where the page is; ask again with line_offset for more. For a job that is still running, follow_cloud_sync_logs reads only the new lines.",
  input: z.object({
    connection_id: connectionIdArg,
    job_id: jobIdArg,
    attempt_number: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("The attempt, from 0 (get_cloud_sync_status with include_attempts lists them); default the last."),
    max_lines: z.number().int().min(0).default(4000).describe("At most this many lines; 0 for no limit."),
    from_tail: z
      .boolean()
      .optional()
      .describe("The last lines (the default unless line_offset is given). Not together with line_offset."),
    line_offset: z.number().int().min(0).optional().describe("Lines to skip from the start of the log."),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    job_id: z.number().int(),
    attempt_number: z.number().int(),
    log_text: z.string(),
    log_text_start_line: z.number().int(),
    log_text_line_count: z.number().int(),
    total_log_lines_available: z.number().int(),
  }),
  annotations: READ_ONLY,
  async run(args, { workspace, request }) {
    if (args.line_offset !== undefined && args.from_tail) {
      throw new InputError("Pass line_offset or from_tail: true, not both.", {
        context: { line_offset: args.line_offset, from_tail: args.from_tail },
      });
    }
    const connection = workspace(args.workspace_id).getConnection(args.connection_id);
    const result = await jobOf(connection, args.job_id, request);
    const attempt = pickAttempt(await result.getAttempts(request), result.jobId, args.attempt_number);
    const found = { job_id: result.jobId, attempt_number: attempt.attemptNumber };
    const lines = logLines(attempt);
    if (lines.length === 0) {
      return {
        ...found,
        log_text: `[No logs available for job '${result.jobId}', attempt ${attempt.attemptNumber}.]`,
        log_text_start_line: 1,
        log_text_line_count: 0,
        total_log_lines_available: 0,
      };
    }
    const count = args.max_lines === 0 ? lines.length : args.max_lines;
    const fromTail = args.from_tail ?? args.line_offset === undefined;
    const start = fromTail ? Math.max(0, lines.length - count) : (args.line_offset ?? 0);
    const page = lines.slice(start, start + count);
    return {
      ...found,
      log_text: page.join("\n"),
      log_text_start_line: start + 1,
      log_text_line_count: page.length,
      total_log_lines_available: lines.length,
    };
  },
});

function pickAttempt(attempts: SyncAttempt[], jobId: number, attemptNumber: number | undefined): SyncAttempt {
  const attempt = attemptNumber === undefined ? attempts.at(-1) : attempts[attemptNumber];
  if (attempt) return attempt;
  throw new ToolError({
    code: "not_found",
    message:
      attempts.length === 0
        ? `Job ${jobId} has no attempt yet: it has not started.`
        : `Job ${jobId} has no attempt ${attemptNumber}; its attempts are 0 to ${attempts.length - 1}.`,
    hint:
      attempts.length === 0
        ? "follow_cloud_sync_logs with wait_seconds waits for its first lines."
        : "Pass an attempt_number from that range, or leave it out for the last.",
    details: { job_id: jobId },
  });
}

/** The longest wait: under the 60 s an MCP client waits for an answer by default. */
const MAX_FOLLOW_WAIT_SECONDS = 50;
const FOLLOW_POLL_MS = 1000;

const followSyncLogs = defineTool({
  name: "follow_cloud_sync_logs",
  title: "Follow a job's log",
  description:
    "The lines of a job's log (every attempt's, in order) after line after_line, waiting up to wait_seconds for new ones or for the job's end. Call it in a loop, passing the next_line it returns as after_line, until job_finished is true (the job has ended and every line has been returned). Default the connection's newest job; start one with run_cloud_sync (wait: false).",
  input: z.object({
    connection_id: connectionIdArg,
    job_id: jobIdArg,
    after_line: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe("The lines already read: the next_line of the previous call; 0 for the start."),
    wait_seconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_FOLLOW_WAIT_SECONDS)
      .default(0)
      .describe(
        `Wait up to this many seconds (0 to ${MAX_FOLLOW_WAIT_SECONDS}) when there is no new line and the job runs.`,
      ),
    max_lines: z.number().int().min(1).max(4000).default(1000).describe("At most this many lines (1 to 4000)."),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    job_id: z.number().int(),
    status: z.string(),
    lines: z.array(z.string()),
    next_line: z.number().int(),
    job_finished: z.boolean(),
  }),
  annotations: READ_ONLY,
  async run(args, { workspace, request }) {
    const connection = workspace(args.workspace_id).getConnection(args.connection_id);
    const result = await jobOf(connection, args.job_id, request);
    const deadline = Date.now() + args.wait_seconds * 1000;
    for (;;) {
      // The status first: once it is final, the attempts read after it hold the whole log.
      const status = await result.getJobStatus(request);
      const lines = (await result.getAttempts(request)).flatMap(logLines);
      if (args.after_line > lines.length) {
        throw new InputError(
          `after_line ${args.after_line} is past the end of job ${result.jobId}'s log, which has ${lines.length} lines.`,
          { guidance: "Pass the next_line the previous call returned, or 0 to start again." },
        );
      }
      const ended = isFinalJobStatus(status);
      const remaining = deadline - Date.now();
      if (lines.length > args.after_line || ended || remaining <= 0) {
        const page = lines.slice(args.after_line, args.after_line + args.max_lines);
        const next_line = args.after_line + page.length;
        const job_finished = ended && next_line === lines.length;
        return { job_id: result.jobId, status, lines: page, next_line, job_finished };
      }
      // The client's cancellation ends the wait (and the call) at once.
      await sleep(Math.min(FOLLOW_POLL_MS, remaining), undefined, { signal: request.signal });
    }
  },
});

/** What a log line that matters says: an error, an exception, a failure. */
const NOTABLE_LINE = /\b(error|exception|traceback|fatal|fail(ed|ure|ing)?|caused by|refused|denied|timed out)\b/i;
/** A stack trace's frame (Java, JavaScript, Python) or its tail, which follows a notable line. */
const STACK_FRAME = /^\s+(at |File "|\.\.\. \d+ more)|^Caused by:/;

/** The lines of a log that matter: the notable ones and the stack traces below them. */
function notableLines(lines: readonly string[]): string[] {
  let inTrace = false;
  return lines.filter((line) => {
    inTrace = NOTABLE_LINE.test(line) || (inTrace && STACK_FRAME.test(line));
    return inTrace;
  });
}

const check = z.object({
  connector_id: z.string(),
  succeeded: z.boolean().nullable().describe("null: the check could not be run (message says why)."),
  message: z.string().nullable(),
});

/** A connector's check as a finding: a check that cannot run is reported, not thrown. */
async function checkOf(
  connector: CloudSource | CloudDestination,
  request: ToolRequest,
): Promise<z.infer<typeof check>> {
  try {
    const result = await connector.check({ raiseOnError: false }, request);
    const message = result.success ? null : (result.errorMessage ?? result.internalError ?? "No reason given.");
    return { connector_id: connector.connectorId, succeeded: result.success, message };
  } catch (error) {
    if (!(error instanceof AirbyteError)) throw error;
    return { connector_id: connector.connectorId, succeeded: null, message: `${error.code}: ${error.message}` };
  }
}

const troubleshoot = defineTool({
  name: "troubleshoot_cloud_connection",
  title: "Troubleshoot a connection",
  description:
    "Everything that tells why a connection's syncs fail, in one call: the connection and its status, a check of its source and of its destination (run now), its recent jobs, its latest failed job with each attempt's failure reasons, the lines of that job's last attempt that matter (errors, exceptions, stack traces; the last max_log_lines of them), and guidance on what to do next and what to leave to a person. Runs the two connector checks, so read-only mode hides it; it changes nothing.",
  input: z.object({
    connection_id: connectionIdArg,
    max_log_lines: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(200)
      .describe("At most this many log lines that matter, the last ones (1 to 1000)."),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    connection: connectionSchema.pick({
      id: true,
      name: true,
      status: true,
      url: true,
      source_id: true,
      destination_id: true,
      selected_streams: true,
    }),
    source_check: check,
    destination_check: check,
    recent_jobs: z.array(job),
    latest_failed_job: z
      .object({
        job,
        attempts: z.array(
          z.object({
            attempt_number: z.number().int(),
            status: z.string(),
            failures: z.array(
              z.object({
                failure_origin: z.string().nullable(),
                failure_type: z.string().nullable(),
                external_message: z.string().nullable(),
                retryable: z.boolean().nullable(),
              }),
            ),
          }),
        ),
      })
      .nullable(),
    log_tail: z
      .object({
        job_id: z.number().int(),
        attempt_number: z.number().int(),
        lines: z.array(z.string()),
        matching_line_count: z.number().int(),
        total_log_lines_available: z.number().int(),
      })
      .nullable(),
    guidance: z.string(),
  }),
  // Not read-only: it runs connector checks (PyAirbyte's annotation). It changes no setting or
  // data, and a second call has the same effect as the first, so idempotent.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run({ connection_id, max_log_lines, workspace_id }, { workspace, request, session }) {
    const target = workspace(workspace_id);
    const connection = target.getConnection(connection_id);
    const info = await connection.getInfo({}, request);
    const [source, destination] = await Promise.all([
      connection.getSource({}, request),
      connection.getDestination({}, request),
    ]);
    const [source_check, destination_check, recent, [failed]] = await Promise.all([
      checkOf(source, request),
      checkOf(destination, request),
      connection.getPreviousSyncLogs({ limit: 5 }, request),
      target.listJobs({ connectionId: connection_id, status: "failed", limit: 1 }, request),
    ]);
    const recent_jobs = await Promise.all(recent.map((result) => jobSummary(result, request)));
    const attempts = failed ? await failed.getAttempts(request) : [];
    const last = attempts.at(-1);
    const lines = last ? logLines(last) : [];
    const notable = notableLines(lines);
    const failures = attempts.flatMap((attempt) => attempt.failures);
    const ownFailures = [
      { kind: "source", check: source_check },
      { kind: "destination", check: destination_check },
    ]
      .filter(({ check }) => check.succeeded === false && session.createdInSession(check.connector_id))
      .map(({ kind, check }) => ({ kind, id: check.connector_id }));
    const guidance = specificGuidance({
      checksFailed: source_check.succeeded === false || destination_check.succeeded === false,
      ownFailures,
      running: recent_jobs.some((summary) => !isFinalJobStatus(summary.status)),
      recovered: failed !== undefined && recent_jobs[0]?.status === "succeeded",
      failureTypes: failures.map((failure) => failure.failureType),
      retryable: failures.at(-1)?.retryable === true,
    });
    return {
      connection: {
        id: info.connectionId,
        name: info.name,
        status: info.status,
        url: connection.connectionUrl,
        source_id: info.sourceId,
        destination_id: info.destinationId,
        selected_streams: info.streams.map((stream) => stream.name),
      },
      source_check,
      destination_check,
      recent_jobs,
      latest_failed_job: failed
        ? {
            job: await jobSummary(failed, request),
            attempts: attempts.map((attempt) => ({
              attempt_number: attempt.attemptNumber,
              status: attempt.status,
              failures: attempt.failures.map((failure) => ({
                failure_origin: failure.failureOrigin ?? null,
                failure_type: failure.failureType ?? null,
                external_message: failure.externalMessage ?? null,
                retryable: failure.retryable ?? null,
              })),
            })),
          }
        : null,
      log_tail:
        failed && last
          ? {
              job_id: failed.jobId,
              attempt_number: last.attemptNumber,
              lines: notable.slice(-max_log_lines),
              matching_line_count: notable.length,
              total_log_lines_available: lines.length,
            }
          : null,
      guidance: [...(failed ? [] : ["No job of this connection has failed."]), ...guidance, ...GUIDANCE].join("\n"),
    };
  },
});

/** In the order listTools shows them. */
export const JOB_TOOLS: readonly Tool[] = [getSyncLogs, followSyncLogs, troubleshoot, ...DATA_TOOLS];
