import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { ApiCore } from "../resource.js";
import type {
  WebBackendConnectionRead,
  WebBackendConnectionRequestBody,
  WebBackendConnectionUpdate,
} from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigWebBackendConnections extends ConfigResource {
  /** `POST /web_backend/connections/get`: the connection with its catalog, source and destination. */
  get(body: WebBackendConnectionRequestBody, options?: RequestOptions): ApiPromise<WebBackendConnectionRead> {
    return this.post("/web_backend/connections/get", body, options);
  }

  /**
   * `POST /web_backend/connections/update`. A `syncCatalog` given here replaces the whole
   * catalog: to change one stream, send all of them.
   */
  update(body: WebBackendConnectionUpdate, options?: RequestOptions): ApiPromise<WebBackendConnectionRead> {
    return this.post("/web_backend/connections/update", body, options);
  }
}

export class ConfigWebBackend {
  readonly connections: ConfigWebBackendConnections;
  constructor(client: ApiCore) {
    this.connections = new ConfigWebBackendConnections(client);
  }
}
