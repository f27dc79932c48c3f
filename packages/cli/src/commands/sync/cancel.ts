import { isUnfinishedJobStatus } from "airbyte-ts";
import type { Context } from "../../context.js";
import { jobColumns, jobRecord } from "../../output/records.js";
import { connectionOf, jobIdOf } from "../../util/resources.js";

export async function run(ctx: Context, [idOrName]: [string], options: { job?: string }) {
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  let sync = options.job !== undefined ? connection.getSyncResult(jobIdOf(options.job)) : undefined;
  if (!sync) {
    const recent = await connection.getPreviousSyncLogs({ limit: 10 });
    for (const candidate of recent) {
      if (isUnfinishedJobStatus((await candidate.getJobInfo()).status)) {
        sync = candidate;
        break;
      }
    }
  }
  if (!sync || !isUnfinishedJobStatus(await sync.getJobStatus())) {
    const what = sync
      ? `Sync job ${sync.jobId} has already finished`
      : `No sync of connection ${connection.connectionId} is running`;
    if (ctx.out.machine) {
      await ctx.out.item({ connectionId: connection.connectionId, jobId: sync?.jobId ?? null, cancelled: false }, []);
    }
    ctx.out.message(`${what}; nothing to cancel.`);
    return;
  }
  await sync.cancel();
  await ctx.out.item(jobRecord(await sync.getJobInfo()), jobColumns);
  ctx.out.message(`Cancelled sync job ${sync.jobId} of connection ${connection.connectionId}.`);
}
