import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { ConnectorDefinitionsResponse, ConnectorType } from "../models.gen.js";
import { ApiResource } from "../resource.js";

export interface ListConnectorDefinitionsParams {
  type: ConnectorType;
  workspaceId?: string;
}

export class ConnectorDefinitions extends ApiResource {
  /** `GET /connector_definitions` */
  listConnectorDefinitions(
    params: ListConnectorDefinitionsParams,
    options?: RequestOptions,
  ): ApiPromise<ConnectorDefinitionsResponse> {
    return this.client.request({
      operation: "listConnectorDefinitions",
      method: "GET",
      path: "/connector_definitions{?type,workspaceId}",
      params,
      options,
    });
  }
}
