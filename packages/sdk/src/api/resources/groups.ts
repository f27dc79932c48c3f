import type { ApiPromise } from "../../http/api-promise.js";
import type { PagePromise } from "../../http/pagination.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  GroupCreateRequest,
  GroupMemberAddRequest,
  GroupMemberResponse,
  GroupPermissionCreateRequest,
  GroupPermissionResponse,
  GroupPermissionsResponse,
  GroupResponse,
  GroupUpdateRequest,
} from "../models.gen.js";
import type { GroupIdParams, GroupMemberParams, GroupPermissionParams } from "../params.js";
import { ApiResource } from "../resource.js";

export interface ListGroupsParams {
  organizationId: string;
  limit?: number;
  offset?: number;
}

export interface ListGroupMembersParams {
  groupId: string;
  limit?: number;
  offset?: number;
}

export class Groups extends ApiResource {
  /** `GET /groups` */
  listGroups(params: ListGroupsParams, options?: RequestOptions): PagePromise<GroupResponse> {
    return this.client.list({
      operation: "listGroups",
      method: "GET",
      path: "/groups{?organizationId,limit,offset}",
      params,
      options,
    });
  }

  /** `POST /groups` */
  createGroup(body: GroupCreateRequest, options?: RequestOptions): ApiPromise<GroupResponse> {
    return this.client.request({ operation: "createGroup", method: "POST", path: "/groups", body, options });
  }

  /** `GET /groups/{groupId}` */
  getGroup(params: GroupIdParams, options?: RequestOptions): ApiPromise<GroupResponse> {
    return this.client.request({ operation: "getGroup", method: "GET", path: "/groups/{groupId}", params, options });
  }

  /** `PATCH /groups/{groupId}` */
  updateGroup(params: GroupIdParams, body: GroupUpdateRequest, options?: RequestOptions): ApiPromise<GroupResponse> {
    return this.client.request({
      operation: "updateGroup",
      method: "PATCH",
      path: "/groups/{groupId}",
      params,
      body,
      options,
    });
  }

  /** `DELETE /groups/{groupId}` */
  deleteGroup(params: GroupIdParams, options?: RequestOptions): ApiPromise<void> {
    return this.client.request({
      operation: "deleteGroup",
      method: "DELETE",
      path: "/groups/{groupId}",
      params,
      response: "empty",
      options,
    });
  }

  /** `GET /groups/{groupId}/members` */
  listGroupMembers(params: ListGroupMembersParams, options?: RequestOptions): PagePromise<GroupMemberResponse> {
    return this.client.list({
      operation: "listGroupMembers",
      method: "GET",
      path: "/groups/{groupId}/members{?limit,offset}",
      params,
      options,
    });
  }

  /** `POST /groups/{groupId}/members` */
  addGroupMember(
    params: GroupIdParams,
    body: GroupMemberAddRequest,
    options?: RequestOptions,
  ): ApiPromise<GroupMemberResponse> {
    return this.client.request({
      operation: "addGroupMember",
      method: "POST",
      path: "/groups/{groupId}/members",
      params,
      body,
      options,
    });
  }

  /** `DELETE /groups/{groupId}/members/{userId}` */
  removeGroupMember(params: GroupMemberParams, options?: RequestOptions): ApiPromise<void> {
    return this.client.request({
      operation: "removeGroupMember",
      method: "DELETE",
      path: "/groups/{groupId}/members/{userId}",
      params,
      response: "empty",
      options,
    });
  }

  /** `GET /groups/{groupId}/permissions` */
  listGroupPermissions(params: GroupIdParams, options?: RequestOptions): ApiPromise<GroupPermissionsResponse> {
    return this.client.request({
      operation: "listGroupPermissions",
      method: "GET",
      path: "/groups/{groupId}/permissions",
      params,
      options,
    });
  }

  /** `POST /groups/{groupId}/permissions` */
  createGroupPermission(
    params: GroupIdParams,
    body: GroupPermissionCreateRequest,
    options?: RequestOptions,
  ): ApiPromise<GroupPermissionResponse> {
    return this.client.request({
      operation: "createGroupPermission",
      method: "POST",
      path: "/groups/{groupId}/permissions",
      params,
      body,
      options,
    });
  }

  /** `DELETE /groups/{groupId}/permissions/{permissionId}` */
  deleteGroupPermission(params: GroupPermissionParams, options?: RequestOptions): ApiPromise<void> {
    return this.client.request({
      operation: "deleteGroupPermission",
      method: "DELETE",
      path: "/groups/{groupId}/permissions/{permissionId}",
      params,
      response: "empty",
      options,
    });
  }
}
