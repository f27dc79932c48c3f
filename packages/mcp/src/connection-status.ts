/**
 * A connection's sync status as PyAirbyte's list_cloud_connections reports it: the newest job
 * that has ended (its status, id and start) and, when a newer one is still running, that one.
 * Five jobs are looked at, as PyAirbyte: a connection whose last five jobs all run has no
 * ended job to report.
 */
import { type CloudConnection, FAILED_JOB_STATUSES, FINAL_JOB_STATUSES, type RequestOptions } from "airbyte-ts";
import { z } from "zod";

export const connectionStatus = z.object({
  last_job_status: z.string().nullable(),
  last_job_id: z.number().int().nullable(),
  last_job_time: z.string().nullable(),
  currently_running_job_id: z.number().int().nullable(),
  currently_running_job_start_time: z.string().nullable(),
});
export type ConnectionStatus = z.infer<typeof connectionStatus>;

const ended: ReadonlySet<string> = new Set(FINAL_JOB_STATUSES);
const failed: ReadonlySet<string> = new Set(FAILED_JOB_STATUSES);

export async function connectionStatusOf(
  connection: CloudConnection,
  request: RequestOptions,
): Promise<ConnectionStatus> {
  const status: ConnectionStatus = {
    last_job_status: null,
    last_job_id: null,
    last_job_time: null,
    currently_running_job_id: null,
    currently_running_job_start_time: null,
  };
  for (const result of await connection.getPreviousSyncLogs({ limit: 5, fromTail: true }, request)) {
    const job = await result.getJobInfo(request);
    if (!ended.has(job.status)) {
      // The newest running one: jobs come newest first.
      if (status.currently_running_job_id === null) {
        status.currently_running_job_id = job.jobId;
        status.currently_running_job_start_time = job.startTime;
      }
      continue;
    }
    return { ...status, last_job_status: job.status, last_job_id: job.jobId, last_job_time: job.startTime };
  }
  return status;
}

/** PyAirbyte's failing_connections_only: the newest ended job failed or was cancelled. */
export const isFailing = (status: ConnectionStatus) =>
  status.last_job_status !== null && failed.has(status.last_job_status);
