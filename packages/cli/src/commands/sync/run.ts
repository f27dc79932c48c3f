import type { CloudConnection, JobStatusEnum, SyncProgress, SyncResult } from "airbyte-ts";
import type { Context } from "../../context.js";
import { bytes, count, isoDuration } from "../../output/human.js";
import { LiveLine } from "../../output/progress.js";
import { confirm } from "../../output/prompt.js";
import { jobColumns, jobRecord } from "../../output/records.js";
import { CliError, EXIT, usageError } from "../../util/errors.js";
import { oneOf, parseDuration } from "../../util/input.js";
import { connectionOf } from "../../util/resources.js";

interface Options {
  wait?: boolean;
  timeout?: string;
  ifRunning: string;
  cancelOnInterrupt?: boolean;
  cancelOnTimeout?: boolean;
}

const INTERRUPTED = Symbol("interrupted");

export async function run(ctx: Context, [idOrName]: [string], options: Options) {
  const ifRunning = oneOf(options.ifRunning, "--if-running", ["fail", "attach", "skip"] as const);
  if (!options.wait) {
    for (const flag of ["timeout", "cancelOnInterrupt", "cancelOnTimeout"] as const) {
      if (options[flag] !== undefined) throw usageError(`--${kebab(flag)} applies only with --wait.`);
    }
  }
  const { DEFAULT_SYNC_TIMEOUT_MS } = await import("airbyte-ts");
  const timeoutMs =
    options.timeout === undefined ? DEFAULT_SYNC_TIMEOUT_MS : parseDuration(options.timeout, "--timeout") * 1000;
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  const sync = await connection.runSync({ wait: false, ifRunning });
  if (!sync) {
    if (ctx.out.machine) await ctx.out.item({ connectionId: connection.connectionId, skipped: true }, []);
    ctx.out.message(`A sync of connection ${connection.connectionId} is already running; nothing was started.`);
    return;
  }
  const started = await sync.getJobInfo();
  // With --if-running attach the job may be one that was already running: say only what it is.
  ctx.out.message(
    ifRunning === "attach"
      ? `Sync job ${sync.jobId} of connection ${connection.connectionId} is ${started.status}.`
      : `Started sync job ${sync.jobId} of connection ${connection.connectionId}.`,
  );
  if (!options.wait) {
    await ctx.out.item(jobRecord(started), jobColumns);
    ctx.out.message(`Follow it with: airbyte-ts sync status ${connection.connectionId} --job ${sync.jobId}`);
    return;
  }
  return wait(ctx, connection, sync, { ...options, timeoutMs });
}

async function wait(
  ctx: Context,
  connection: CloudConnection,
  sync: SyncResult,
  options: Omit<Options, "timeout"> & { timeoutMs: number },
): Promise<number | void> {
  const line = LiveLine.onStderr(ctx.out, ctx.env);
  const name = await connection.getName().catch(() => connection.connectionId);
  line.start(`Syncing '${name}': job ${sync.jobId} starting`);
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.interrupted); // a second Ctrl-C while cancelling: go now
    controller.abort(INTERRUPTED);
  };
  process.on("SIGINT", onInterrupt);
  try {
    await sync.waitForCompletion(
      {
        waitTimeoutMs: options.timeoutMs,
        raiseFailure: true,
        raiseTimeout: true,
        cancelOnTimeout: options.cancelOnTimeout === true,
        pollIntervalMs: 500,
        maxPollIntervalMs: 2_000,
        onProgress: async (job) => {
          if (!line.wanted) return;
          const progress = await sync.getProgress({ signal: controller.signal }).catch(() => undefined);
          line.update(progressText(name, sync.jobId, job.status, progress));
        },
      },
      { signal: controller.signal },
    );
  } catch (error) {
    line.stop();
    if (error === INTERRUPTED) {
      process.removeListener("SIGINT", onInterrupt);
      return interrupted(ctx, connection, sync, options.cancelOnInterrupt === true);
    }
    await printJob(ctx, sync);
    throw error;
  } finally {
    line.stop();
    process.removeListener("SIGINT", onInterrupt);
  }
  const job = await printJob(ctx, sync);
  ctx.out.message(
    `Sync job ${job.jobId} ${job.status}: ${count(job.rowsSynced ?? 0)} records, ${bytes(job.bytesSynced ?? 0)}` +
      `${job.duration ? ` in ${isoDuration(job.duration)}` : ""}.`,
  );
}

/** `Syncing 'name': job 5 running · 120,000 records read, 100,000 committed (52 MB)` */
function progressText(name: string, jobId: number, status: JobStatusEnum, progress: SyncProgress | undefined): string {
  const figures = progress
    ? ` · ${count(progress.recordsEmitted)} records read, ${count(progress.recordsCommitted)} committed (${bytes(progress.bytesCommitted)})`
    : "";
  return `Syncing '${name}': job ${jobId} ${status}${figures}`;
}

/** Ctrl-C while waiting: cancel the job if asked to (or if the person says so), else leave it running. */
async function interrupted(
  ctx: Context,
  connection: CloudConnection,
  sync: SyncResult,
  cancelOnInterrupt: boolean,
): Promise<never> {
  let cancel = cancelOnInterrupt;
  if (!cancel && ctx.out.interactive) {
    const answer = await confirm(`Cancel sync job ${sync.jobId}?`);
    cancel = answer.kind === "answer" && answer.value;
  }
  if (cancel) {
    ctx.out.message(`Cancelling sync job ${sync.jobId}...`);
    await sync.cancel();
    await printJob(ctx, sync);
    throw new CliError(`Interrupted; sync job ${sync.jobId} was cancelled.`, EXIT.interrupted, {
      details: { connectionId: connection.connectionId, jobId: sync.jobId, jobStatus: "cancelled" },
    });
  }
  await printJob(ctx, sync);
  throw new CliError(`Interrupted; sync job ${sync.jobId} keeps running.`, EXIT.interrupted, {
    hint: `Follow it with: airbyte-ts sync status ${connection.connectionId} --job ${sync.jobId}`,
    details: { connectionId: connection.connectionId, jobId: sync.jobId },
  });
}

async function printJob(ctx: Context, sync: SyncResult) {
  const job = await sync.getJobInfo();
  await ctx.out.item(jobRecord(job), jobColumns);
  return job;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
