import type { ApiPromise } from "../../http/api-promise.js";
import type { RequestOptions } from "../../http/request-options.js";
import type { UserIdRequestBody, UserRead, UserUpdate } from "./models.gen.js";
import { ConfigResource } from "./resource.js";

export class ConfigUsers extends ConfigResource {
  /** `POST /users/get`: a user by id (email, name, default workspace). */
  get(body: UserIdRequestBody, options?: RequestOptions): ApiPromise<UserRead> {
    return this.post("/users/get", body, options);
  }

  /** `POST /users/update`: sets the fields given (e.g. `defaultWorkspaceId`); answers the user. */
  update(body: UserUpdate, options?: RequestOptions): ApiPromise<UserRead> {
    return this.post("/users/update", body, options);
  }
}
