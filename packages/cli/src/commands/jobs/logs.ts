import type { Context } from "../../context.js";
import { usageError } from "../../util/errors.js";
import { parseInteger } from "../../util/input.js";
import { jobIdOf } from "../../util/resources.js";

export async function run(ctx: Context, [jobId]: [string], options: { follow?: boolean; attempt?: string }) {
  if (options.follow && options.attempt !== undefined)
    throw usageError("--follow prints every attempt; drop --attempt.");
  const workspace = await ctx.workspace();
  const sync = await workspace.getSyncResult(jobIdOf(jobId));
  if (options.follow) {
    // One line at a time as they come; with --json, one JSON object per line.
    for await (const line of sync.followLogs({ pollIntervalMs: 1_000 })) {
      ctx.out.write(ctx.out.format === "json" ? `${JSON.stringify({ line })}\n` : `${line}\n`);
    }
    return;
  }
  const attempts = await sync.getAttempts();
  const chosen =
    options.attempt === undefined
      ? attempts
      : attempts.filter((attempt) => attempt.attemptNumber === parseInteger(options.attempt as string, "--attempt", 0));
  if (options.attempt !== undefined && chosen.length === 0) {
    throw usageError(`Job ${sync.jobId} has no attempt ${options.attempt}; it has ${attempts.length}.`);
  }
  if (ctx.out.machine) {
    await ctx.out.document({
      jobId: sync.jobId,
      attempts: chosen.map((attempt) => ({
        attemptNumber: attempt.attemptNumber,
        status: attempt.status,
        lines: attempt.getFullLogText() === "" ? [] : attempt.getFullLogText().split("\n"),
      })),
    });
    return;
  }
  if (chosen.length === 0) ctx.out.message(`Job ${sync.jobId} has no attempts yet.`);
  for (const attempt of chosen) {
    if (attempts.length > 1 || options.attempt !== undefined) {
      ctx.out.message(`--- attempt ${attempt.attemptNumber} (${attempt.status}) ---`);
    }
    const text = attempt.getFullLogText();
    if (text !== "") ctx.out.write(`${text}\n`);
  }
}
