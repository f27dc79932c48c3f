import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { ConnectionIdRequestBody, ConnectionState, ConnectionStateCreateOrUpdate } from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigState extends ConfigResource {
  /** `POST /state/get`: the connection's state; `stateType: "not_set"` when it has none. */
  get(body: ConnectionIdRequestBody, options?: RequestOptions): ApiPromise<ConnectionState> {
    return this.post("/state/get", body, options);
  }

  /**
   * `POST /state/create_or_update_safe`: replaces the connection's state. The server answers
   * 423 (`LockedError`) while a sync of the connection is pending, running or incomplete.
   */
  createOrUpdateSafe(body: ConnectionStateCreateOrUpdate, options?: RequestOptions): ApiPromise<ConnectionState> {
    return this.post("/state/create_or_update_safe", body, options);
  }
}
