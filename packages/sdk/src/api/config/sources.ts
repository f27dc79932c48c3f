import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type {
  CheckConnectionRead,
  SourceDiscoverSchemaRead,
  SourceDiscoverSchemaRequestBody,
  SourceIdRequestBody,
} from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigSources extends ConfigResource {
  /** `POST /sources/check_connection`: runs the connector's check; `status` is succeeded or failed. */
  checkConnection(body: SourceIdRequestBody, options?: RequestOptions): ApiPromise<CheckConnectionRead> {
    return this.post("/sources/check_connection", body, options);
  }

  /** `POST /sources/discover_schema`: the source's catalog (cached unless `disable_cache`). */
  discoverSchema(
    body: SourceDiscoverSchemaRequestBody,
    options?: RequestOptions,
  ): ApiPromise<SourceDiscoverSchemaRead> {
    return this.post("/sources/discover_schema", body, options);
  }
}
