import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { OrganizationOAuthCredentialsRequest, OrganizationsResponse } from "../models.gen.js";
import type { OrganizationIdParams, OrganizationOAuthCredentialsParams } from "../params.js";
import { ApiResource } from "../resource.js";

export class Organizations extends ApiResource {
  /** `GET /organizations` */
  listOrganizationsForUser(options?: RequestOptions): ApiPromise<OrganizationsResponse> {
    return this.client.request({
      operation: "listOrganizationsForUser",
      method: "GET",
      path: "/organizations",
      options,
    });
  }

  /** `PUT /organizations/{organizationId}/oauthCredentials` */
  createOrUpdateOrganizationOAuthCredentials(
    params: OrganizationIdParams,
    body: OrganizationOAuthCredentialsRequest,
    options?: RequestOptions,
  ): ApiPromise<void> {
    return this.client.request({
      operation: "createOrUpdateOrganizationOAuthCredentials",
      method: "PUT",
      path: "/organizations/{organizationId}/oauthCredentials",
      params,
      body,
      response: "empty",
      options,
    });
  }

  /** `DELETE /organizations/{organizationId}/oauthCredentials/{actorType}/{name}` */
  deleteOrganizationOAuthCredentials(
    params: OrganizationOAuthCredentialsParams,
    options?: RequestOptions,
  ): ApiPromise<void> {
    return this.client.request({
      operation: "deleteOrganizationOAuthCredentials",
      method: "DELETE",
      path: "/organizations/{organizationId}/oauthCredentials/{actorType}/{name}",
      params,
      response: "empty",
      options,
    });
  }
}
