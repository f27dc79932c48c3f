/**
 * Secrets of a destination's configuration come back masked (`**********`) from the API. The
 * readers take them from the `secrets` option first, then from the configuration when it holds
 * the real value, then from the environment under the names PyAirbyte reads
 * (`SNOWFLAKE_PASSWORD`, `BIGQUERY_CREDENTIALS_PATH`) or sensible ones for the others.
 */
import { MissingSecretError } from "./errors.js";

/** Secrets to use instead of the masked values of a destination's configuration. */
export interface DestinationSecrets {
  /** Postgres `password`; Snowflake `credentials.password`. */
  password?: string;
  /** MotherDuck `motherduck_api_key` (also DuckDB destinations with an `md:` path). */
  motherduckApiKey?: string;
  /** Snowflake key pair: the PEM private key (`credentials.private_key`). */
  privateKey?: string;
  /** Snowflake key pair: the key's passphrase (`credentials.private_key_password`). */
  privateKeyPassword?: string;
  /** BigQuery `credentials_json`: the service account key as JSON text. */
  credentialsJson?: string;
  /** BigQuery: a path to the service account key file, instead of `credentialsJson`. */
  credentialsPath?: string;
  /** Postgres `ssl_mode.ca_certificate` (verify-ca, verify-full). */
  sslCaCertificate?: string;
  /** Postgres `ssl_mode.client_key`. */
  sslClientKey?: string;
  /** Postgres `ssl_mode.client_key_password`. */
  sslClientKeyPassword?: string;
}

export type Environment = Record<string, string | undefined>;

export interface SecretSources {
  secrets: DestinationSecrets;
  env: Environment;
}

/** Airbyte masks secrets as `**********`; PyAirbyte treats any value containing `****` as masked. */
export function isMasked(value: unknown): boolean {
  return typeof value === "string" && value.includes("****");
}

export interface SecretSpec {
  destinationType: string;
  /** The configuration field, for the error message (`password`, `credentials.password`). */
  field: string;
  option: keyof DestinationSecrets;
  environmentVariable: string;
  /** Whether the reader cannot work without it even when the configuration has no such field. */
  required?: boolean;
}

function environmentValue(env: Environment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
}

/**
 * The secret to use: `options.secrets`, else the configuration's value unless masked, else the
 * environment. Undefined when the configuration has no such field and nothing supplies one
 * (unless it is required); a masked value with nothing to replace it is a {@link MissingSecretError}.
 */
export function resolveSecret(spec: SecretSpec, configValue: unknown, sources: SecretSources): string | undefined {
  const given = sources.secrets[spec.option];
  if (given !== undefined && given !== "") return given;
  if (typeof configValue === "string" && configValue !== "" && !isMasked(configValue)) return configValue;
  const fromEnvironment = environmentValue(sources.env, spec.environmentVariable);
  if (fromEnvironment !== undefined) return fromEnvironment;
  if (isMasked(configValue) || spec.required) {
    throw new MissingSecretError({
      destinationType: spec.destinationType,
      field: spec.field,
      option: `options.secrets.${spec.option}`,
      environmentVariable: spec.environmentVariable,
    });
  }
  return undefined;
}
