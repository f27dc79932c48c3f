/**
 * Where a stream's records land: the table and schema names a destination gives them.
 *
 * Names follow PyAirbyte's `LowerCaseNormalizer` (lowercase, every character outside
 * `[a-z0-9]` becomes `_`, a leading digit gets a `_` prefix), which is also how the local
 * server's DuckDB and Postgres destinations name their tables. Two destinations differ as
 * Airbyte's own do: Postgres truncates identifiers to 63 characters, and BigQuery keeps the
 * case of names (its identifiers are case-sensitive). Unlike PyAirbyte, the connection's
 * table prefix is part of the table name, as it is in the destination.
 */
import { InvalidArgumentError } from "../http/errors.js";
import { NameNormalizationError } from "./errors.js";

export interface NormalizeNameOptions {
  /** Truncate the result to this many characters (Postgres: 63). */
  maxLength?: number;
  /** Keep upper-case letters (BigQuery) instead of lowercasing. */
  preserveCase?: boolean;
}

interface IdentifierRules {
  maxLength?: number;
  preserveCase: boolean;
  /** Whether a leading digit needs a `_` in front (not for BigQuery datasets). */
  digitPrefix: boolean;
}

const NOT_ALPHANUMERIC = /[^a-z0-9]/gu;
const NOT_ALPHANUMERIC_ANY_CASE = /[^A-Za-z0-9]/gu;

function normalizeWith(name: string, rules: IdentifierRules): string {
  const replaced = rules.preserveCase
    ? name.replace(NOT_ALPHANUMERIC_ANY_CASE, "_")
    : name.toLowerCase().replace(NOT_ALPHANUMERIC, "_");
  if (replaced.replace(/_/g, "") === "") throw new NameNormalizationError(name);
  const prefixed = rules.digitPrefix && /^[0-9]/.test(replaced) ? `_${replaced}` : replaced;
  return rules.maxLength === undefined ? prefixed : prefixed.slice(0, rules.maxLength);
}

/**
 * PyAirbyte's `LowerCaseNormalizer.normalize`: `"Test.String"` -> `"test_string"`, `"1"` -> `"_1"`.
 * A name with no letter or digit (`""`, `"+#$"`) throws {@link NameNormalizationError}.
 */
export function normalizeName(name: string, options: NormalizeNameOptions = {}): string {
  return normalizeWith(name, {
    ...(options.maxLength === undefined ? {} : { maxLength: options.maxLength }),
    preserveCase: options.preserveCase ?? false,
    digitPrefix: true,
  });
}

/** Postgres cuts identifiers at 63 bytes (NAMEDATALEN - 1); normalized names are ASCII. */
const POSTGRES_MAX_IDENTIFIER = 63;

function canonicalType(destinationType: string | undefined): string {
  return (destinationType ?? "").toLowerCase().replace(/^destination-/, "");
}

function tableRules(destinationType: string | undefined): IdentifierRules {
  switch (canonicalType(destinationType)) {
    case "postgres":
      return { maxLength: POSTGRES_MAX_IDENTIFIER, preserveCase: false, digitPrefix: true };
    case "bigquery":
      return { preserveCase: true, digitPrefix: true };
    default:
      return { preserveCase: false, digitPrefix: true };
  }
}

function schemaRules(destinationType: string | undefined): IdentifierRules {
  // BigQuery dataset names may start with a digit; Airbyte keeps them as they are.
  if (canonicalType(destinationType) === "bigquery") return { preserveCase: true, digitPrefix: false };
  return tableRules(destinationType);
}

export interface TableNameOptions {
  /** The connection's table prefix (`prefix` in the public API), applied before normalizing. */
  prefix?: string | null;
  /** `duckdb`, `postgres`, `snowflake`, `bigquery`, `motherduck`: decides truncation and case. */
  destinationType?: string;
}

/** The table a stream's records land in: `normalizeName(prefix + streamName)`, 63 characters at most on Postgres. */
export function tableName(streamName: string, options: TableNameOptions = {}): string {
  return normalizeWith(`${options.prefix ?? ""}${streamName}`, tableRules(options.destinationType));
}

/** Normalizes a schema (namespace) name for a destination, as {@link schemaName} does. */
export function normalizeSchemaName(name: string, destinationType?: string): string {
  return normalizeWith(name, schemaRules(destinationType));
}

/**
 * A connection's namespace definition: the public API spells the third one `custom_format`,
 * the Config API `customformat`.
 */
export type NamespaceDefinition = "source" | "destination" | "custom_format" | "customformat";

export interface SchemaNameOptions {
  /** Default `destination`, as Airbyte's. */
  // `string & Record<never, never>`: any string, while editors still offer Airbyte's names.
  namespaceDefinition?: NamespaceDefinition | (string & Record<never, never>) | null;
  /** For `custom_format`: `${SOURCE_NAMESPACE}` is replaced by the stream's namespace. */
  namespaceFormat?: string | null;
  /** The stream's namespace as the source reports it (absent for many sources). */
  streamNamespace?: string | null;
  /** The destination's default schema (`schema`, `dataset_id`, ...). */
  defaultSchema: string;
  destinationType?: string;
}

const SOURCE_NAMESPACE_VARIABLE = /\$\{SOURCE_NAMESPACE\}/g;

const isBlank = (value: string | null | undefined): value is null | undefined | "" =>
  value === undefined || value === null || value.trim() === "";

/**
 * The schema a stream's table lives in, after Airbyte's namespace rules: `destination` -> the
 * destination's default schema; `source` -> the stream's namespace, or the default when it has
 * none; `custom_format` -> the format with `${SOURCE_NAMESPACE}` replaced (by `""` when the
 * stream has none), or the default when that leaves nothing. The result is normalized.
 */
export function schemaName(options: SchemaNameOptions): string {
  const definition = (options.namespaceDefinition ?? "destination").toLowerCase().replace(/_/g, "");
  let namespace: string | null | undefined;
  switch (definition) {
    case "source":
      namespace = options.streamNamespace;
      break;
    case "customformat":
      namespace = isBlank(options.namespaceFormat)
        ? undefined
        : options.namespaceFormat.replace(SOURCE_NAMESPACE_VARIABLE, options.streamNamespace ?? "");
      break;
    case "destination":
      namespace = undefined;
      break;
    default:
      throw new InvalidArgumentError(
        `Unknown namespace definition ${JSON.stringify(options.namespaceDefinition)}: expected source, destination or custom_format.`,
      );
  }
  return normalizeSchemaName(isBlank(namespace) ? options.defaultSchema : namespace, options.destinationType);
}
