import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { RegionResponse, RegionsResponse } from "../models.gen.js";
import type { RegionIdParams } from "../params.js";
import { ApiResource } from "../resource.js";

export interface ListRegionsParams {
  organizationId: string;
}

export class Regions extends ApiResource {
  /** `GET /regions` */
  listRegions(params: ListRegionsParams, options?: RequestOptions): ApiPromise<RegionsResponse> {
    return this.client.request({
      operation: "listRegions",
      method: "GET",
      path: "/regions{?organizationId}",
      params,
      options,
    });
  }

  /** `GET /regions/{regionId}` */
  getRegion(params: RegionIdParams, options?: RequestOptions): ApiPromise<RegionResponse> {
    return this.client.request({ operation: "getRegion", method: "GET", path: "/regions/{regionId}", params, options });
  }

  /** `DELETE /regions/{regionId}` */
  deleteRegion(params: RegionIdParams, options?: RequestOptions): ApiPromise<RegionResponse> {
    return this.client.request({
      operation: "deleteRegion",
      method: "DELETE",
      path: "/regions/{regionId}",
      params,
      options,
    });
  }
}
