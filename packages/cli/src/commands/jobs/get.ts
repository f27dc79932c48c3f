import type { Context } from "../../context.js";
import { bytes, count } from "../../output/human.js";
import { jobColumns, jobRecord } from "../../output/records.js";
import { jobIdOf } from "../../util/resources.js";

export async function run(ctx: Context, [jobId]: [string]) {
  const workspace = await ctx.workspace();
  const sync = await workspace.getSyncResult(jobIdOf(jobId));
  const [job, progress, attempts] = await Promise.all([sync.getJobInfo(), sync.getProgress(), sync.getAttempts()]);
  const record = {
    ...jobRecord(job),
    recordsEmitted: progress.recordsEmitted,
    bytesEmitted: progress.bytesEmitted,
    recordsCommitted: progress.recordsCommitted,
    bytesCommitted: progress.bytesCommitted,
    attempts: attempts.map((attempt) => ({
      attemptNumber: attempt.attemptNumber,
      status: attempt.status,
      recordsSynced: attempt.recordsSynced,
      bytesSynced: attempt.bytesSynced,
      createdAt: attempt.createdAt.toISOString(),
    })),
  };
  await ctx.out.item(record, [
    ...jobColumns,
    { key: "recordsEmitted", header: "Records read", get: (row) => count(row.recordsEmitted) },
    {
      key: "attempts",
      header: "Attempts",
      get: (row) =>
        (row.attempts as { attemptNumber: number; status: string; recordsSynced: number; bytesSynced: number }[])
          .map((a) => `#${a.attemptNumber} ${a.status} (${count(a.recordsSynced)} records, ${bytes(a.bytesSynced)})`)
          .join("; "),
    },
  ]);
}
