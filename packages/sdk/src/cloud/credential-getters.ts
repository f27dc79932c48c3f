/**
 * PyAirbyte's credential properties (`client_id`, `client_secret`, `bearer_token`,
 * `config_api_root`) on both entry points, `CloudClient` and `CloudWorkspace`, read from their
 * `config`: written once here.
 */
import type { CloudClientConfig } from "./client-config.js";
import type { SecretString } from "./secrets.js";

export abstract class CloudCredentialGetters {
  /** Credentials and roots. */
  abstract readonly config: CloudClientConfig;

  get clientId(): SecretString | undefined {
    return this.config.clientId;
  }

  get clientSecret(): SecretString | undefined {
    return this.config.clientSecret;
  }

  get bearerToken(): SecretString | undefined {
    return this.config.bearerToken;
  }

  get configApiRoot(): string | undefined {
    return this.config.configApiRoot;
  }
}
