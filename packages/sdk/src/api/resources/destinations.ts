import type { ApiPromise } from "../../http/api-promise.js";
import type { PagePromise } from "../../http/pagination.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  DestinationCreateRequest,
  DestinationPatchRequest,
  DestinationPutRequest,
  DestinationResponse,
} from "../models.gen.js";
import type { DestinationIdParams } from "../params.js";
import { ApiResource } from "../resource.js";

export interface ListDestinationsParams {
  workspaceIds?: string[];
  includeDeleted?: boolean;
  limit?: number;
  offset?: number;
}

export interface GetDestinationParams {
  destinationId: string;
  includeSecretCoordinates?: boolean;
}

export class Destinations extends ApiResource {
  /** `GET /destinations` */
  listDestinations(params: ListDestinationsParams = {}, options?: RequestOptions): PagePromise<DestinationResponse> {
    return this.client.list({
      operation: "listDestinations",
      method: "GET",
      path: "/destinations{?workspaceIds,includeDeleted,limit,offset}",
      params,
      options,
    });
  }

  /** `POST /destinations` */
  createDestination(body: DestinationCreateRequest, options?: RequestOptions): ApiPromise<DestinationResponse> {
    return this.client.request({
      operation: "createDestination",
      method: "POST",
      path: "/destinations",
      body,
      options,
    });
  }

  /** `GET /destinations/{destinationId}` */
  getDestination(params: GetDestinationParams, options?: RequestOptions): ApiPromise<DestinationResponse> {
    return this.client.request({
      operation: "getDestination",
      method: "GET",
      path: "/destinations/{destinationId}{?includeSecretCoordinates}",
      params,
      options,
    });
  }

  /** `DELETE /destinations/{destinationId}` */
  deleteDestination(params: DestinationIdParams, options?: RequestOptions): ApiPromise<void> {
    return this.client.request({
      operation: "deleteDestination",
      method: "DELETE",
      path: "/destinations/{destinationId}",
      params,
      response: "empty",
      options,
    });
  }

  /** `PATCH /destinations/{destinationId}` */
  patchDestination(
    params: DestinationIdParams,
    body: DestinationPatchRequest,
    options?: RequestOptions,
  ): ApiPromise<DestinationResponse> {
    return this.client.request({
      operation: "patchDestination",
      method: "PATCH",
      path: "/destinations/{destinationId}",
      params,
      body,
      options,
    });
  }

  /** `PUT /destinations/{destinationId}` */
  putDestination(
    params: DestinationIdParams,
    body: DestinationPutRequest,
    options?: RequestOptions,
  ): ApiPromise<DestinationResponse> {
    return this.client.request({
      operation: "putDestination",
      method: "PUT",
      path: "/destinations/{destinationId}",
      params,
      body,
      options,
    });
  }
}
