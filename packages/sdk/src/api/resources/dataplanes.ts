import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  DataplaneCreateRequest,
  DataplaneCreateResponseBody,
  DataplanePatchRequest,
  DataplaneResponse,
  DataplanesResponse,
  RegionCreateRequest,
  RegionPatchRequest,
  RegionResponse,
} from "../models.gen.js";
import type { DataplaneIdParams, RegionIdParams } from "../params.js";
import { ApiResource } from "../resource.js";

export interface ListDataplanesParams {
  regionIds?: string[];
}

export class Dataplanes extends ApiResource {
  /** `POST /regions` */
  createRegion(body: RegionCreateRequest, options?: RequestOptions): ApiPromise<RegionResponse> {
    return this.client.request({ operation: "createRegion", method: "POST", path: "/regions", body, options });
  }

  /** `PATCH /regions/{regionId}` */
  updateRegion(params: RegionIdParams, body: RegionPatchRequest, options?: RequestOptions): ApiPromise<RegionResponse> {
    return this.client.request({
      operation: "updateRegion",
      method: "PATCH",
      path: "/regions/{regionId}",
      params,
      body,
      options,
    });
  }

  /** `GET /dataplanes` */
  listDataplanes(params: ListDataplanesParams = {}, options?: RequestOptions): ApiPromise<DataplanesResponse> {
    return this.client.request({
      operation: "listDataplanes",
      method: "GET",
      path: "/dataplanes{?regionIds}",
      params,
      options,
    });
  }

  /** `POST /dataplanes` */
  createDataplane(body: DataplaneCreateRequest, options?: RequestOptions): ApiPromise<DataplaneCreateResponseBody> {
    return this.client.request({ operation: "createDataplane", method: "POST", path: "/dataplanes", body, options });
  }

  /** `GET /dataplanes/{dataplaneId}` */
  getDataplane(params: DataplaneIdParams, options?: RequestOptions): ApiPromise<DataplaneResponse> {
    return this.client.request({
      operation: "getDataplane",
      method: "GET",
      path: "/dataplanes/{dataplaneId}",
      params,
      options,
    });
  }

  /** `PATCH /dataplanes/{dataplaneId}` */
  updateDataplane(
    params: DataplaneIdParams,
    body: DataplanePatchRequest,
    options?: RequestOptions,
  ): ApiPromise<DataplaneResponse> {
    return this.client.request({
      operation: "updateDataplane",
      method: "PATCH",
      path: "/dataplanes/{dataplaneId}",
      params,
      body,
      options,
    });
  }

  /** `DELETE /dataplanes/{dataplaneId}` */
  deleteDataplane(params: DataplaneIdParams, options?: RequestOptions): ApiPromise<DataplaneResponse> {
    return this.client.request({
      operation: "deleteDataplane",
      method: "DELETE",
      path: "/dataplanes/{dataplaneId}",
      params,
      options,
    });
  }
}
