/**
 * @airbyte-ts/local: a local Airbyte that speaks the public API and the Config API on loopback.
 *
 * ```ts
 * import { startLocalServer } from "@airbyte-ts/local";
 * import { AirbyteApi, selfManaged } from "airbyte-ts";
 *
 * const local = await startLocalServer({ inMemory: true });
 * const api = new AirbyteApi({ ...selfManaged(local.url), clientId: local.clientId, clientSecret: local.clientSecret });
 * ```
 */
export { startLocalServer, type LocalServer } from "./server.js";
export type { AuthMode, LocalServerOptions } from "./config.js";
export type { FaultOptions } from "./faults.js";
export type { CreatedUser, NewUser } from "./services/identity.js";
