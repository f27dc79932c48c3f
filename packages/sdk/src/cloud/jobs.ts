/**
 * Listing jobs for the high-level objects (a workspace's, a connection's): the filters checked
 * before any request, then pages collected up to a limit.
 */
import type { AirbyteApi } from "../api/client.js";
import { JOB_STATUSES } from "../api/job-statuses.js";
import type { JobResponse, JobStatusEnum, JobTypeEnum } from "../api/models.gen.js";
import { InputError } from "./errors.js";
import { JobTypeEnum as JobTypes } from "./constants.js";
import type { RequestOptions } from "../http/request-options.js";
import { checkLimit } from "./names.js";

export interface JobQuery {
  workspaceId?: string;
  connectionId?: string;
  status?: JobStatusEnum;
  jobType?: JobTypeEnum;
  createdAfter?: Date | string;
  createdBefore?: Date | string;
  offset?: number;
  /** At most this many jobs. Default 20. */
  limit?: number;
  /** Newest first (default) or oldest first. */
  fromTail?: boolean;
}

const JOB_TYPES: readonly string[] = Object.values(JobTypes);

/** The jobs matching `query` (`GET /jobs`), up to its limit; the filters are checked first. */
export async function listJobsUpTo(
  api: AirbyteApi,
  query: JobQuery,
  request: RequestOptions | undefined,
): Promise<JobResponse[]> {
  const { workspaceId, connectionId, status, jobType, createdAfter, createdBefore, offset } = query;
  const { limit = 20, fromTail = true } = query;
  checkLimit(limit);
  checkOneOf("job status", status, JOB_STATUSES);
  checkOneOf("job type", jobType, JOB_TYPES);
  const pages = api.jobs.listJobs(
    {
      limit: Math.min(limit, 100),
      orderBy: fromTail ? "createdAt|DESC" : "createdAt|ASC",
      ...(workspaceId === undefined ? {} : { workspaceIds: [workspaceId] }),
      ...(connectionId === undefined ? {} : { connectionId }),
      ...(status === undefined ? {} : { status }),
      ...(jobType === undefined ? {} : { jobType }),
      ...(createdAfter === undefined ? {} : { createdAtStart: createdAfter }),
      ...(createdBefore === undefined ? {} : { createdAtEnd: createdBefore }),
      ...(offset === undefined ? {} : { offset }),
    },
    request,
  );
  const found: JobResponse[] = [];
  for await (const page of pages.pages()) {
    found.push(...page.data.slice(0, limit - found.length));
    if (found.length >= limit) break;
  }
  return found;
}

function checkOneOf(what: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new InputError(`Invalid ${what} ${JSON.stringify(value)}; expected one of ${allowed.join(", ")}.`, {
      inputValue: value,
    });
  }
}
