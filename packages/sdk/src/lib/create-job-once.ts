/**
 * Starting a job at most once over an unreliable network. `POST /jobs` is not idempotent: a
 * timeout or a 5xx may come after the server started the job, and sending it again would start
 * a second one (or meet a 409). So the request is sent as is, and only after such an ambiguous
 * failure are the connection's jobs created since it was sent looked at: a job found is the one
 * the request started, else the request is sent again, as often and as late as the call's retry
 * policy (the client's unless the options give one) allows.
 */
import type { AirbyteApi } from "../api/client.js";
import { isUnfinishedJobStatus } from "../api/job-statuses.js";
import type { JobCreateRequest, JobResponse } from "../api/models.gen.js";
import { AirbyteApiError, SyncAlreadyRunningError } from "../http/errors.js";
import { isAmbiguousFailure } from "../http/failures.js";
import { retriesOf } from "../http/option-aliases.js";
import { backoffDelay, resolveRetryPolicy } from "../http/retry.js";
import type { RequestOptions } from "../http/request-options.js";
import { sleep } from "../internal/sleep.js";

/**
 * How far before the request was sent a job it started may seem to have been created: the
 * server's clock may be behind this machine's.
 */
const CLOCK_SKEW_MS = 30_000;

/** How many of the connection's newest jobs are looked at after an ambiguous failure. */
const LOOKUP_LIMIT = 20;

/**
 * `POST /jobs`, sent again after an ambiguous failure only once no job it may have started is
 * found. A 409 "sync already running" after such a failure is answered with the running job
 * (the first request's, which the lookup did not see yet). When the lookup fails too, the
 * original failure is thrown and nothing is sent again.
 *
 * ```ts
 * const job = await createJobOnce(api, { connectionId, jobType: "sync" });
 * ```
 */
export async function createJobOnce(
  api: AirbyteApi,
  body: JobCreateRequest,
  options: RequestOptions = {},
): Promise<JobResponse> {
  const policy = resolveRetryPolicy(retriesOf(options, "createJobOnce: "), api.retryPolicy);
  const sentAt = new Date();
  let ambiguousBefore = false;
  for (let resends = 0; ; resends++) {
    try {
      return await api.jobs.createJob(body, options);
    } catch (error) {
      if (!(error instanceof AirbyteApiError)) throw error;
      const ambiguous = isAmbiguousFailure(error);
      const refusedAfterAmbiguous = ambiguousBefore && error instanceof SyncAlreadyRunningError;
      if (!ambiguous && !refusedAfterAmbiguous) throw error;
      const found = await findStartedJob(api, body, sentAt, options.signal).catch(() => {
        // Without knowing whether the request took effect, sending it again could start two jobs.
        throw error;
      });
      if (found) return found;
      if (refusedAfterAmbiguous || resends >= policy.maxRetries) throw error;
      ambiguousBefore = true;
      await sleep(backoffDelay(policy, resends), options.signal);
    }
  }
}

/**
 * The job a request sent at `sentAt` started: the oldest of the connection's jobs of that type
 * that is still unfinished and was created around then, or that started after `sentAt` (a quick
 * job may already be over; a finished job from before the request is someone else's).
 */
async function findStartedJob(
  api: AirbyteApi,
  body: JobCreateRequest,
  sentAt: Date,
  signal: AbortSignal | undefined,
): Promise<JobResponse | undefined> {
  const page = await api.jobs.listJobs(
    {
      connectionId: body.connectionId,
      jobType: body.jobType,
      createdAtStart: new Date(sentAt.getTime() - CLOCK_SKEW_MS),
      orderBy: "createdAt|DESC",
      limit: LOOKUP_LIMIT,
    },
    signal ? { signal } : {},
  );
  const candidates = page.data.filter(
    (job) => isUnfinishedJobStatus(job.status) || Date.parse(job.startTime) >= sentAt.getTime(),
  );
  return candidates.sort((a, b) => a.jobId - b.jobId)[0];
}
