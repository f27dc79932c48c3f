import { ApiPromise } from "../../http/api-promise.js";
import { AirbyteApiError, InvalidArgumentError } from "../../http/errors.js";
import type { PagePromise } from "../../http/pagination.js";
import type { ApiResult, RequestOptions } from "../../http/transport.js";
import type { JobCreateRequest, JobResponse, JobStatusEnum, JobTypeEnum } from "../models.gen.js";
import type { JobIdParams } from "../params.js";
import { isUnfinishedJobStatus } from "../job-statuses.js";
import { ApiResource } from "../resource.js";

export interface ListJobsParams {
  connectionId?: string;
  limit?: number;
  offset?: number;
  jobType?: JobTypeEnum;
  workspaceIds?: string[];
  status?: JobStatusEnum;
  createdAtStart?: string | Date;
  createdAtEnd?: string | Date;
  updatedAtStart?: string | Date;
  updatedAtEnd?: string | Date;
  /** `<field>|<ASC|DESC>`, e.g. `createdAt|DESC`. The server's default is `createdAt|ASC`. */
  orderBy?: string;
}

/** How far back, before the request was sent, a found job may have been created (clock skew). */
const CLOCK_SKEW_MS = 30_000;

export class Jobs extends ApiResource {
  /**
   * `GET /jobs`. The server drops some job types after paging, so a short page does not mean
   * the last one: iteration stops only at an empty page.
   */
  listJobs(params: ListJobsParams = {}, options?: RequestOptions): PagePromise<JobResponse> {
    const path =
      "/jobs{?connectionId,limit,offset,jobType,workspaceIds,status,createdAtStart,createdAtEnd,updatedAtStart,updatedAtEnd,orderBy}";
    const check = () => checkOrderBy(params.orderBy);
    return this.client.list(
      { operation: "listJobs", method: "GET", path, params, check, options },
      { shortPageEnds: false },
    );
  }

  /**
   * `POST /jobs`: starts a sync, reset or clear of a connection, and is never sent twice by a
   * retry. Before sending, the client notes the connection's newest job; if the request then
   * times out or fails with a 5xx, a job of the connection newer than that one is the one this
   * request created (whatever its status: a quick sync may already be over), and it is returned
   * instead of sending the request again. A 409 "sync already running" is a
   * `SyncAlreadyRunningError`.
   */
  createJob(body: JobCreateRequest, options?: RequestOptions): ApiPromise<JobResponse> {
    return new ApiPromise(this.#createJob(body, options));
  }

  /** `GET /jobs/{jobId}` */
  getJob(params: JobIdParams, options?: RequestOptions): ApiPromise<JobResponse> {
    return this.client.request({ operation: "getJob", method: "GET", path: "/jobs/{jobId}", params, options });
  }

  /** `DELETE /jobs/{jobId}`: cancels a running job and returns it. */
  cancelJob(params: JobIdParams, options?: RequestOptions): ApiPromise<JobResponse> {
    return this.client.request({ operation: "cancelJob", method: "DELETE", path: "/jobs/{jobId}", params, options });
  }

  async #createJob(body: JobCreateRequest, options?: RequestOptions): Promise<ApiResult<JobResponse>> {
    const baseline = await this.#newestJobId(body, options);
    const reconcile = ({ startedAt, signal }: { startedAt: Date; signal?: AbortSignal }) =>
      this.#findCreatedJob(body, baseline, startedAt, signal);
    return this.client
      .request<JobResponse>({ operation: "createJob", method: "POST", path: "/jobs", body, reconcile, options })
      .withResponse();
  }

  /** The id of the connection's newest job (0 for none), or undefined when it cannot be known. */
  async #newestJobId(body: JobCreateRequest, options?: RequestOptions): Promise<number | undefined> {
    if (!body || typeof body.connectionId !== "string") return undefined; // the POST reports the mistake
    try {
      const page = await this.listJobs(
        { connectionId: body.connectionId, orderBy: "createdAt|DESC", limit: 1 },
        options,
      );
      return page.data[0]?.jobId ?? 0;
    } catch (error) {
      if (error instanceof AirbyteApiError) return undefined; // the POST will meet the same problem, or not
      throw error;
    }
  }

  /**
   * The job the failed request created: the oldest job of the connection newer than the
   * baseline. Without a baseline, only an unfinished job created around the request counts.
   */
  async #findCreatedJob(
    body: JobCreateRequest,
    baseline: number | undefined,
    startedAt: Date,
    signal?: AbortSignal,
  ): Promise<JobResponse | undefined> {
    const since = new Date(startedAt.getTime() - CLOCK_SKEW_MS);
    const page = await this.listJobs(
      {
        connectionId: body.connectionId,
        jobType: body.jobType,
        createdAtStart: since,
        orderBy: "createdAt|DESC",
        limit: 20,
      },
      signal ? { signal } : {},
    );
    const candidates =
      baseline === undefined
        ? page.data.filter((job) => isUnfinishedJobStatus(job.status))
        : page.data.filter((job) => job.jobId > baseline);
    return candidates.sort((a, b) => a.jobId - b.jobId)[0];
  }
}

function checkOrderBy(orderBy: string | undefined): void {
  if (orderBy !== undefined && !/^[A-Za-z0-9]+\|(ASC|DESC)$/.test(orderBy)) {
    throw new InvalidArgumentError(
      `listJobs: orderBy must be "<field>|ASC" or "<field>|DESC", e.g. "createdAt|DESC" or "updatedAt|ASC"; got "${orderBy}".`,
    );
  }
}
