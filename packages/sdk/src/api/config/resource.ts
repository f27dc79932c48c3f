import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions, RequestSpec } from "../../http/request-options.js";
import { ApiResource } from "../resource.js";

/**
 * A family of the Config API: every call is `POST <configApiUrl>/<family>/<verb>` with a JSON
 * body. Reads, and writes that set a value, are safe to repeat and so are retried.
 */
export abstract class ConfigResource extends ApiResource {
  protected post<T>(
    path: string,
    body: unknown,
    options: RequestOptions | undefined,
    extra: Pick<RequestSpec, "idempotent" | "response"> = {},
  ): ApiPromise<T> {
    const operation = `config${path.replace(/\//g, ".")}`;
    return this.client.request({
      operation,
      method: "POST",
      api: "config",
      path,
      body,
      idempotent: true,
      ...extra,
      options,
    });
  }
}
