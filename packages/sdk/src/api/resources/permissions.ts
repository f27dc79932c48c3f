import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  PermissionCreateRequest,
  PermissionResponse,
  PermissionUpdateRequest,
  PermissionsResponse,
} from "../models.gen.js";
import type { PermissionIdParams } from "../params.js";
import { ApiResource } from "../resource.js";

export interface ListPermissionsParams {
  userId?: string;
  organizationId?: string;
}

export class Permissions extends ApiResource {
  /** `GET /permissions/{permissionId}` */
  getPermission(params: PermissionIdParams, options?: RequestOptions): ApiPromise<PermissionResponse> {
    return this.client.request({
      operation: "getPermission",
      method: "GET",
      path: "/permissions/{permissionId}",
      params,
      options,
    });
  }

  /** `PATCH /permissions/{permissionId}` */
  updatePermission(
    params: PermissionIdParams,
    body: PermissionUpdateRequest,
    options?: RequestOptions,
  ): ApiPromise<PermissionResponse> {
    return this.client.request({
      operation: "updatePermission",
      method: "PATCH",
      path: "/permissions/{permissionId}",
      params,
      body,
      options,
    });
  }

  /** `DELETE /permissions/{permissionId}` */
  deletePermission(params: PermissionIdParams, options?: RequestOptions): ApiPromise<void> {
    return this.client.request({
      operation: "deletePermission",
      method: "DELETE",
      path: "/permissions/{permissionId}",
      params,
      response: "empty",
      options,
    });
  }

  /** `GET /permissions` */
  listPermissions(params: ListPermissionsParams = {}, options?: RequestOptions): ApiPromise<PermissionsResponse> {
    return this.client.request({
      operation: "listPermissions",
      method: "GET",
      path: "/permissions{?userId,organizationId}",
      params,
      options,
    });
  }

  /** `POST /permissions` */
  createPermission(body: PermissionCreateRequest, options?: RequestOptions): ApiPromise<PermissionResponse> {
    return this.client.request({ operation: "createPermission", method: "POST", path: "/permissions", body, options });
  }
}
