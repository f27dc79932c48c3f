import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { EmbeddedOrganizationsList, EmbeddedWidgetRequest, EmbeddedWidgetResponse } from "../models.gen.js";
import { ApiResource } from "../resource.js";

export class EmbeddedWidget extends ApiResource {
  /** `POST /embedded/widget_token` */
  getEmbeddedWidget(body: EmbeddedWidgetRequest, options?: RequestOptions): ApiPromise<EmbeddedWidgetResponse> {
    return this.client.request({
      operation: "getEmbeddedWidget",
      method: "POST",
      path: "/embedded/widget_token",
      body,
      idempotent: true,
      options,
    });
  }

  /** `GET /embedded/organizations` */
  listEmbeddedOrganizationsByUser(options?: RequestOptions): ApiPromise<EmbeddedOrganizationsList> {
    return this.client.request({
      operation: "listEmbeddedOrganizationsByUser",
      method: "GET",
      path: "/embedded/organizations",
      options,
    });
  }
}
