/** Options shared by the entry points of the high-level API. */
import type { AirbyteApiOptions } from "../api/client.js";
import type { OpenDestinationOptions } from "../datasets/reader.js";
import type { SecretString } from "./secrets.js";

type Secret = string | SecretString;

/** Exactly one way to authenticate: client credentials, or a bearer token. */
export type CloudAuthOptions =
  | { clientId: Secret; clientSecret: Secret; bearerToken?: undefined }
  | { bearerToken: Secret; clientId?: undefined; clientSecret?: undefined };

/** The same, all optional, for the `fromEnv` factories (what is missing comes from the environment). */
export interface CloudAuthFromEnv {
  clientId?: Secret;
  clientSecret?: Secret;
  bearerToken?: Secret;
}

/**
 * Options of the low-level client the high-level objects use (timeouts, retries, hooks, fetch,
 * logging); credentials and roots come from the high-level options.
 */
export type CloudApiOptions = Omit<
  AirbyteApiOptions,
  "serverUrl" | "configApiUrl" | "bearerToken" | "clientId" | "clientSecret" | "username" | "password" | "tokenProvider"
>;

export interface CloudTuning {
  /** Options of the underlying `AirbyteApi` (timeouts, retries, hooks, fetch, logging). */
  apiOptions?: CloudApiOptions;
  /** Defaults for reading synced tables (`SyncResult.getDataset`): secrets, environment, local directory. */
  datasetOptions?: OpenDestinationOptions;
}
