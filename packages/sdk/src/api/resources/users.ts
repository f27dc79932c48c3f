import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { UsersResponse } from "../models.gen.js";
import { ApiResource } from "../resource.js";

export interface ListUsersWithinAnOrganizationParams {
  organizationId: string;
  ids?: string[];
  emails?: string[];
}

export class Users extends ApiResource {
  /** `GET /users` */
  listUsersWithinAnOrganization(
    params: ListUsersWithinAnOrganizationParams,
    options?: RequestOptions,
  ): ApiPromise<UsersResponse> {
    return this.client.request({
      operation: "listUsersWithinAnOrganization",
      method: "GET",
      path: "/users{?organizationId,ids,emails}",
      params,
      options,
    });
  }
}
