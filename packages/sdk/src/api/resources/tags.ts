import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { TagCreateRequest, TagPatchRequest, TagResponse, TagsResponse } from "../models.gen.js";
import type { TagIdParams } from "../params.js";
import { ApiResource } from "../resource.js";

export interface ListTagsParams {
  workspaceIds?: string[];
}

export class Tags extends ApiResource {
  /** `GET /tags` */
  listTags(params: ListTagsParams = {}, options?: RequestOptions): ApiPromise<TagsResponse> {
    return this.client.request({ operation: "listTags", method: "GET", path: "/tags{?workspaceIds}", params, options });
  }

  /** `POST /tags` */
  createTag(body: TagCreateRequest, options?: RequestOptions): ApiPromise<TagResponse> {
    return this.client.request({ operation: "createTag", method: "POST", path: "/tags", body, options });
  }

  /** `GET /tags/{tagId}` */
  getTag(params: TagIdParams, options?: RequestOptions): ApiPromise<TagResponse> {
    return this.client.request({ operation: "getTag", method: "GET", path: "/tags/{tagId}", params, options });
  }

  /** `DELETE /tags/{tagId}` */
  deleteTag(params: TagIdParams, options?: RequestOptions): ApiPromise<void> {
    return this.client.request({
      operation: "deleteTag",
      method: "DELETE",
      path: "/tags/{tagId}",
      params,
      response: "empty",
      options,
    });
  }

  /** `PATCH /tags/{tagId}` */
  updateTag(params: TagIdParams, body: TagPatchRequest, options?: RequestOptions): ApiPromise<TagResponse> {
    return this.client.request({
      operation: "updateTag",
      method: "PATCH",
      path: "/tags/{tagId}",
      params,
      body,
      options,
    });
  }
}
