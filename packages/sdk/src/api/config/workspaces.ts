import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  ListWorkspacesInOrganizationRequestBody,
  OrganizationInfoRead,
  WorkspaceIdRequestBody,
  WorkspaceReadList,
} from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigWorkspaces extends ConfigResource {
  /** `POST /workspaces/get_organization_info`: the organization a workspace belongs to. */
  getOrganizationInfo(body: WorkspaceIdRequestBody, options?: RequestOptions): ApiPromise<OrganizationInfoRead> {
    return this.post("/workspaces/get_organization_info", body, options);
  }

  /** `POST /workspaces/list_by_organization_id`, paged by `pagination: { pageSize, rowOffset }`. */
  listByOrganizationId(
    body: ListWorkspacesInOrganizationRequestBody,
    options?: RequestOptions,
  ): ApiPromise<WorkspaceReadList> {
    return this.post("/workspaces/list_by_organization_id", body, options);
  }
}
