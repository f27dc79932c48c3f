import type { Context } from "../../context.js";
import { bytes, count } from "../../output/human.js";
import { jobColumns, jobRecord } from "../../output/records.js";
import { connectionOf, jobIdOf } from "../../util/resources.js";

export async function run(ctx: Context, [idOrName]: [string], options: { job?: string }) {
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  const sync =
    options.job !== undefined ? connection.getSyncResult(jobIdOf(options.job)) : await connection.getSyncResult();
  if (!sync) {
    if (ctx.out.machine) await ctx.out.document(null);
    ctx.out.message(`Connection ${connection.connectionId} has not synced yet.`);
    return;
  }
  const [job, progress] = await Promise.all([sync.getJobInfo(), sync.getProgress()]);
  const record = {
    ...jobRecord(job),
    recordsEmitted: progress.recordsEmitted,
    bytesEmitted: progress.bytesEmitted,
    recordsCommitted: progress.recordsCommitted,
    bytesCommitted: progress.bytesCommitted,
  };
  await ctx.out.item(record, [
    ...jobColumns,
    { key: "recordsEmitted", header: "Records read", get: (row) => count(row.recordsEmitted) },
    { key: "bytesEmitted", header: "Bytes read", get: (row) => bytes(row.bytesEmitted) },
  ]);
}
