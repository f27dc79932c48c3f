import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { StreamPropertiesResponse } from "../models.gen.js";
import { ApiResource } from "../resource.js";

export interface GetStreamPropertiesParams {
  sourceId: string;
  destinationId?: string;
  ignoreCache?: boolean;
}

export class Streams extends ApiResource {
  /** `GET /streams` */
  getStreamProperties(
    params: GetStreamPropertiesParams,
    options?: RequestOptions,
  ): ApiPromise<StreamPropertiesResponse> {
    return this.client.request({
      operation: "getStreamProperties",
      method: "GET",
      path: "/streams{?sourceId,destinationId,ignoreCache}",
      params,
      options,
    });
  }
}
