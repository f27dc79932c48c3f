/**
 * Authentication and roots for the high-level objects: exactly one of a bearer token or client
 * credentials, the public API root, and the Config API root.
 */
import type { AirbyteApiOptions } from "../api/client.js";
import { ConflictingCredentialsError, MissingCredentialsError } from "../http/errors.js";
import { type Env, processEnv } from "../internal/env.js";
import { type CloudSettings, type CloudSettingsInput, resolveCloudSettings } from "./credentials.js";
import type { CloudAuthOptions } from "./options.js";
import type { SecretString } from "./secrets.js";

export type CloudClientConfigOptions = Pick<
  CloudSettingsInput,
  "bearerToken" | "clientId" | "clientSecret" | "apiRoot" | "configApiRoot"
>;

export class CloudClientConfig {
  readonly clientId: SecretString | undefined;
  readonly clientSecret: SecretString | undefined;
  readonly bearerToken: SecretString | undefined;
  /** The public API root. */
  readonly apiRoot: string;
  /**
   * The Config API root; undefined when it cannot be derived from `apiRoot`, in which case the
   * low-level client falls back to `AIRBYTE_CLOUD_CONFIG_API_URL` when a Config API call is made.
   */
  readonly configApiRoot: string | undefined;

  /** Explicit values only; see `fromEnv` to read the environment. */
  constructor(options: CloudClientConfigOptions = {}) {
    const settings = resolveCloudSettings(options);
    checkAuthentication(settings, false);
    this.clientId = settings.clientId;
    this.clientSecret = settings.clientSecret;
    this.bearerToken = settings.bearerToken;
    this.apiRoot = settings.apiRoot;
    this.configApiRoot = settings.configApiRoot;
  }

  /**
   * Explicit values, then `AIRBYTE_*`, then `AIRBYTE_CLOUD_*` variables (`env` defaults to
   * `process.env`).
   */
  static fromEnv(options: CloudClientConfigOptions & { env?: Env } = {}): CloudClientConfig {
    const { env = processEnv(), ...explicit } = options;
    return CloudClientConfig.fromSettings(resolveCloudSettings(explicit, env), true);
  }

  /** A configuration from resolved settings; `fromEnv` says which guidance a missing credential gets. */
  static fromSettings(settings: CloudSettings, fromEnv: boolean): CloudClientConfig {
    checkAuthentication(settings, fromEnv);
    const { bearerToken, clientId, clientSecret, apiRoot, configApiRoot } = settings;
    return new CloudClientConfig({ bearerToken, clientId, clientSecret, apiRoot, configApiRoot });
  }

  get usesBearerToken(): boolean {
    return this.bearerToken !== undefined;
  }

  get usesClientCredentials(): boolean {
    return this.clientId !== undefined;
  }

  /** The credentials as the high-level constructors take them. */
  toAuthOptions(): CloudAuthOptions {
    return this.bearerToken
      ? { bearerToken: this.bearerToken }
      : { clientId: this.clientId as SecretString, clientSecret: this.clientSecret as SecretString };
  }

  /** The low-level client's options for these credentials and roots. */
  toApiOptions(): AirbyteApiOptions {
    const auth = this.bearerToken
      ? { bearerToken: this.bearerToken.reveal() }
      : { clientId: this.clientId?.reveal() ?? "", clientSecret: this.clientSecret?.reveal() ?? "" };
    return {
      serverUrl: this.apiRoot,
      ...(this.configApiRoot === undefined ? {} : { configApiUrl: this.configApiRoot }),
      ...auth,
    };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `CloudClientConfig { apiRoot: '${this.apiRoot}', auth: ${this.usesBearerToken ? "bearer token" : "client credentials"} }`;
  }

  toJSON(): Record<string, string | undefined> {
    return {
      apiRoot: this.apiRoot,
      configApiRoot: this.configApiRoot,
      auth: this.usesBearerToken ? "bearer token" : "client credentials",
    };
  }
}

/** Exactly one way to authenticate, with PyAirbyte's messages. */
function checkAuthentication(settings: CloudSettings, fromEnv: boolean): void {
  const { bearerToken, clientId, clientSecret } = settings;
  if (bearerToken && (clientId || clientSecret)) {
    throw new ConflictingCredentialsError("Cannot use both client credentials and bearer token authentication.", {
      given: ["bearerToken", "clientId/clientSecret"],
      guidance: "Pass either bearerToken, or clientId with clientSecret.",
    });
  }
  if (Boolean(clientId) !== Boolean(clientSecret)) {
    throw new MissingCredentialsError("Client ID and client secret are both required.", {
      missing: clientId ? "clientSecret" : "clientId",
      fromEnv,
    });
  }
  if (!bearerToken && !clientId) {
    throw new MissingCredentialsError("No Airbyte credentials were provided.", {
      missing: "credentials",
      fromEnv,
      guidance: fromEnv
        ? "Pass bearerToken, or both clientId and clientSecret, or set AIRBYTE_BEARER_TOKEN " +
          "(or AIRBYTE_CLOUD_BEARER_TOKEN), or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET " +
          "(or AIRBYTE_CLOUD_CLIENT_ID and AIRBYTE_CLOUD_CLIENT_SECRET)."
        : "Pass bearerToken, or both clientId and clientSecret (or use fromEnv() to read them from the environment).",
    });
  }
}
