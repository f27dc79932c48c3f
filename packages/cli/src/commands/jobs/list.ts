import { JOB_STATUSES, type JobStatusEnum, type JobTypeEnum } from "airbyte-ts";
import type { Context } from "../../context.js";
import { jobColumns, jobRecord } from "../../output/records.js";
import { oneOf, parseInteger, parseTime } from "../../util/input.js";
import { connectionOf } from "../../util/resources.js";

interface Options {
  connection?: string;
  status?: string;
  type?: string;
  since?: string;
  until?: string;
  limit: string;
  oldestFirst?: boolean;
}

const TYPES = ["sync", "reset", "refresh", "clear"] as const;

export async function run(ctx: Context, _args: [], options: Options) {
  const filters = {
    limit: parseInteger(options.limit, "--limit", 1, 1000),
    fromTail: !options.oldestFirst,
    ...(options.status ? { status: oneOf<JobStatusEnum>(options.status, "--status", JOB_STATUSES) } : {}),
    ...(options.type ? { jobType: oneOf<JobTypeEnum>(options.type, "--type", TYPES) } : {}),
    ...(options.since ? { createdAfter: parseTime(options.since, "--since") } : {}),
    ...(options.until ? { createdBefore: parseTime(options.until, "--until") } : {}),
  };
  const workspace = await ctx.workspace();
  const connectionId = options.connection
    ? (await connectionOf(workspace, options.connection)).connectionId
    : undefined;
  const jobs = await workspace.listJobs({ ...filters, ...(connectionId ? { connectionId } : {}) });
  const rows = await Promise.all(jobs.map(async (job) => jobRecord(await job.getJobInfo())));
  await ctx.out.list(rows, jobColumns, "No jobs.");
}
