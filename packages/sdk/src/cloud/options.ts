/** Options shared by the entry points of the high-level API. */
import type { AirbyteApi, AirbyteApiOptions } from "../api/client.js";
import type { OpenDestinationOptions } from "../datasets/reader.js";
import type { Env } from "../internal/env.js";
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

/** The behaviour options of a `getInfo` and of the methods that read one of its fields. */
export interface GetInfoOptions {
  /** Fetch again even when the info is known. */
  forceRefresh?: boolean;
}

/** The options of `new CloudWorkspace()`. */
export type CloudWorkspaceOptions = CloudAuthOptions &
  CloudTuning & {
    workspaceId: string;
    /** The public API root. Default Airbyte Cloud's; for a self-managed Airbyte `http://host:8000/api/public/v1`. */
    apiRoot?: string;
    /** The Config API root. Default: derived from `apiRoot` (Cloud, or `/api/public/v1` -> `/api/v1`). */
    configApiRoot?: string;
    /**
     * The low-level client to send every request through, instead of a new one built from these
     * options (whose `apiOptions` it then replaces). `CloudClient.getWorkspace()` passes its own, so
     * one client, and one token, serves the whole object graph.
     */
    api?: AirbyteApi;
  };

/** The options of `CloudWorkspace.fromEnv()`. */
export type CloudWorkspaceFromEnvOptions = CloudAuthFromEnv &
  CloudTuning & {
    workspaceId?: string;
    apiRoot?: string;
    configApiRoot?: string;
    /** Where variables are read. Default `process.env`. */
    env?: Env;
  };
