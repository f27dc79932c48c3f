import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { ConnectionIdRequestBody, ConnectionRead } from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigConnections extends ConfigResource {
  /** `POST /connections/get` */
  get(body: ConnectionIdRequestBody, options?: RequestOptions): ApiPromise<ConnectionRead> {
    return this.post("/connections/get", body, options);
  }
}
