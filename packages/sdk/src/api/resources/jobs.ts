import type { ApiPromise } from "../../http/api-promise.js";
import { InvalidArgumentError } from "../../http/errors.js";
import type { PagePromise } from "../../http/pagination.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { JobCreateRequest, JobResponse, JobStatusEnum, JobTypeEnum } from "../models.gen.js";
import type { JobIdParams } from "../params.js";
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
   * `POST /jobs`: starts a sync, reset or clear of a connection. Never sent twice by a retry, since
   * a failure after sending may have started the job; `createJobOnce` looks for it before
   * sending again. A 409 "sync already running" is a `SyncAlreadyRunningError`.
   */
  createJob(body: JobCreateRequest, options?: RequestOptions): ApiPromise<JobResponse> {
    return this.client.request({ operation: "createJob", method: "POST", path: "/jobs", body, options });
  }

  /** `GET /jobs/{jobId}` */
  getJob(params: JobIdParams, options?: RequestOptions): ApiPromise<JobResponse> {
    return this.client.request({ operation: "getJob", method: "GET", path: "/jobs/{jobId}", params, options });
  }

  /** `DELETE /jobs/{jobId}`: cancels a running job and returns it. */
  cancelJob(params: JobIdParams, options?: RequestOptions): ApiPromise<JobResponse> {
    return this.client.request({ operation: "cancelJob", method: "DELETE", path: "/jobs/{jobId}", params, options });
  }
}

function checkOrderBy(orderBy: string | undefined): void {
  if (orderBy !== undefined && !/^[A-Za-z0-9]+\|(ASC|DESC)$/.test(orderBy)) {
    throw new InvalidArgumentError(
      `listJobs: orderBy must be "<field>|ASC" or "<field>|DESC", e.g. "createdAt|DESC" or "updatedAt|ASC"; got "${orderBy}".`,
    );
  }
}
