import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { OrganizationIdRequestBody, OrganizationInfoRead } from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigOrganizations extends ConfigResource {
  /** `POST /organizations/get_organization_info` */
  getOrganizationInfo(body: OrganizationIdRequestBody, options?: RequestOptions): ApiPromise<OrganizationInfoRead> {
    return this.post("/organizations/get_organization_info", body, options);
  }
}
