/**
 * BigQuery destinations, read through `@google-cloud/bigquery` (an optional peer dependency):
 * a query job whose results are fetched page by page. The project is the "database" and the
 * dataset the schema; identifiers keep their case (BigQuery's are case-sensitive).
 */
import { readFileSync } from "node:fs";
import type { BackendDescription, Row, SqlBackend, StreamQueryOptions, TableReference } from "./backend.js";
import { loadDriver } from "./drivers.js";
import { DestinationReadError, MissingSecretError } from "./errors.js";
import { normalizeSchemaName } from "./naming.js";
import type { ReaderContext } from "./reader.js";
import { isMasked } from "./secrets.js";
import {
  base64,
  decimalValue,
  integerValue,
  normalizeDateText,
  normalizeTimestampText,
  normalizeTimeText,
  parseJson,
} from "./values.js";

/** A field of a BigQuery table or result schema. */
export interface BigQueryField {
  name: string;
  type?: string;
  mode?: string;
  fields?: BigQueryField[];
}

/** The parts of @google-cloud/bigquery the reader uses (its types are not installed with the SDK). */
interface BigQueryJob {
  getQueryResults(
    options: Record<string, unknown>,
  ): Promise<
    [unknown[], { pageToken?: string } | null | undefined, { schema?: { fields?: BigQueryField[] } } | undefined]
  >;
}

interface BigQueryClient {
  createQueryJob(options: Record<string, unknown>): Promise<[BigQueryJob, ...unknown[]]>;
  dataset(
    id: string,
    options?: Record<string, unknown>,
  ): {
    table(id: string): { getMetadata(): Promise<[{ schema?: { fields?: BigQueryField[] } }, ...unknown[]]> };
  };
}

interface BigQueryModule {
  BigQuery: new (options: Record<string, unknown>) => BigQueryClient;
}

type BigQueryCredentials =
  | { kind: "keyJson"; key: Record<string, unknown> }
  | { kind: "keyFile"; path: string }
  /** Application default credentials (`GOOGLE_APPLICATION_CREDENTIALS`, gcloud, the metadata server). */
  | { kind: "applicationDefault" };

export interface BigQuerySettings {
  projectId: string;
  datasetId: string;
  location: string | undefined;
  credentials: BigQueryCredentials;
}

/** PyAirbyte's name for a key file path. */
const CREDENTIALS_PATH_VARIABLE = "BIGQUERY_CREDENTIALS_PATH";

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function parseKey(json: string, destinationType: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Reported below without the text: it is a secret.
  }
  throw new DestinationReadError(
    destinationType,
    "The BigQuery service account key (credentials_json) is not a JSON object.",
  );
}

/**
 * `options.secrets.credentialsJson` or `credentialsPath`, else the configuration's
 * `credentials_json` when not masked, else the key file at `BIGQUERY_CREDENTIALS_PATH`, else
 * (no key configured) application default credentials.
 */
function credentials(configuration: Record<string, unknown>, context: ReaderContext): BigQueryCredentials {
  const { secrets, env, destinationType } = context;
  if (secrets.credentialsJson) return { kind: "keyJson", key: parseKey(secrets.credentialsJson, destinationType) };
  if (secrets.credentialsPath) return { kind: "keyFile", path: secrets.credentialsPath };
  const configured = text(configuration.credentials_json);
  if (configured !== undefined && !isMasked(configured))
    return { kind: "keyJson", key: parseKey(configured, destinationType) };
  const path = text(env[CREDENTIALS_PATH_VARIABLE]);
  if (path !== undefined) return { kind: "keyFile", path };
  if (configured !== undefined) {
    throw new MissingSecretError({
      destinationType,
      field: "credentials_json",
      option: "options.secrets.credentialsJson (or credentialsPath)",
      environmentVariable: CREDENTIALS_PATH_VARIABLE,
    });
  }
  return { kind: "applicationDefault" };
}

/** The client settings of a BigQuery destination's configuration, credentials resolved. */
export function bigquerySettings(configuration: Record<string, unknown>, context: ReaderContext): BigQuerySettings {
  return {
    projectId: text(configuration.project_id) ?? "",
    datasetId: text(configuration.dataset_id) ?? "",
    location: text(configuration.dataset_location),
    credentials: credentials(configuration, context),
  };
}

/** The options for `new BigQuery(...)`. */
export function bigqueryClientOptions(settings: BigQuerySettings): Record<string, unknown> {
  const auth =
    settings.credentials.kind === "keyJson"
      ? { credentials: settings.credentials.key }
      : settings.credentials.kind === "keyFile"
        ? { keyFilename: settings.credentials.path }
        : {};
  return {
    projectId: settings.projectId,
    ...(settings.location === undefined ? {} : { location: settings.location }),
    ...auth,
  };
}

/** `` `part` `` with backslashes and backticks escaped. */
export function quoteBigQuery(name: string): string {
  return `\`${name.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``;
}

/** The client wraps some values (`BigQueryTimestamp`, `BigQueryInt`, ...) in objects holding `value`. */
function unwrap(value: unknown): unknown {
  if (value !== null && typeof value === "object" && "value" in value && !Array.isArray(value)) return value.value;
  return value;
}

function convertScalar(value: unknown, field: BigQueryField): unknown {
  const raw = unwrap(value);
  if (raw === null || raw === undefined) return null;
  switch ((field.type ?? "").toUpperCase()) {
    case "INTEGER":
    case "INT64":
      return integerValue(typeof raw === "number" ? raw : String(raw));
    case "NUMERIC":
    case "BIGNUMERIC":
      return decimalValue(String(raw));
    case "TIMESTAMP":
      return normalizeTimestampText(String(raw), true);
    case "DATETIME":
      return normalizeTimestampText(String(raw), false);
    case "DATE":
      return normalizeDateText(String(raw));
    case "TIME":
      return normalizeTimeText(String(raw));
    case "JSON":
      return typeof raw === "string" ? parseJson(raw) : raw;
    case "BYTES":
      return raw instanceof Uint8Array ? base64(raw) : raw;
    case "RECORD":
    case "STRUCT":
      return convertRecord(raw as Record<string, unknown>, field.fields ?? []);
    default:
      return raw;
  }
}

export function convertBigQueryValue(value: unknown, field: BigQueryField): unknown {
  if (field.mode?.toUpperCase() === "REPEATED" && Array.isArray(value))
    return value.map((item) => convertScalar(item, field));
  return convertScalar(value, field);
}

function convertRecord(raw: Record<string, unknown>, fields: BigQueryField[]): Row {
  const row: Row = {};
  for (const field of fields) row[field.name] = convertBigQueryValue(raw[field.name], field);
  return row;
}

class BigQueryBackend implements SqlBackend {
  readonly #configuration: Record<string, unknown>;
  readonly #context: ReaderContext;
  #client: Promise<{ client: BigQueryClient; settings: BigQuerySettings }> | undefined;

  constructor(configuration: Record<string, unknown>, context: ReaderContext) {
    this.#configuration = configuration;
    this.#context = context;
  }

  quoteIdentifier(name: string): string {
    return quoteBigQuery(name);
  }

  /** From the table's metadata: free, where a query would be billed. */
  async columnNames(table: TableReference): Promise<string[]> {
    const { client } = await this.#connect();
    const [metadata] = await client
      .dataset(table.schema, { projectId: table.database })
      .table(table.table)
      .getMetadata();
    return (metadata.schema?.fields ?? []).map((field) => field.name);
  }

  async query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const batch of this.stream(sql, { ...(params === undefined ? {} : { params }), batchSize: 10_000 })) {
      rows.push(...batch);
    }
    return rows;
  }

  /** One page of `batchSize` rows per request, following page tokens. */
  async *stream(sql: string, options: StreamQueryOptions): AsyncGenerator<Row[]> {
    const { client, settings } = await this.#connect();
    const [job] = await client.createQueryJob({
      query: sql,
      useLegacySql: false,
      ...(settings.location === undefined ? {} : { location: settings.location }),
      ...(options.params === undefined ? {} : { params: [...options.params] }),
    });
    let pageToken: string | undefined;
    do {
      const [rows, next, response] = await job.getQueryResults({
        maxResults: options.batchSize,
        autoPaginate: false,
        wrapIntegers: true,
        ...(pageToken === undefined ? {} : { pageToken }),
      });
      const fields = response?.schema?.fields ?? [];
      if (rows.length > 0) yield rows.map((row) => convertRecord(row as Record<string, unknown>, fields));
      pageToken = next?.pageToken ?? undefined;
    } while (pageToken);
  }

  isMissingTable(error: unknown): boolean {
    const candidate = error as { code?: unknown; message?: unknown } | undefined;
    return (
      candidate?.code === 404 ||
      (typeof candidate?.message === "string" && /^Not found: (Table|Dataset)/.test(candidate.message))
    );
  }

  async connection(): Promise<BigQueryClient> {
    return (await this.#connect()).client;
  }

  /** The client holds no connection of its own (it speaks HTTP); closing forgets it. */
  async close(): Promise<void> {
    this.#client = undefined;
  }

  #connect() {
    this.#client ??= (async () => {
      const settings = bigquerySettings(this.#configuration, this.#context);
      if (settings.credentials.kind === "keyFile")
        readKeyFileOrFail(settings.credentials.path, this.#context.destinationType);
      const module = await loadDriver<BigQueryModule>({
        packageName: "@google-cloud/bigquery",
        destinationType: this.#context.destinationType,
        label: "BigQuery",
      });
      return { client: new module.BigQuery(bigqueryClientOptions(settings)), settings };
    })();
    this.#client.catch(() => (this.#client = undefined));
    return this.#client;
  }
}

/** A missing key file is reported by name before the client fails with a less direct message. */
function readKeyFileOrFail(path: string, destinationType: string): void {
  try {
    readFileSync(path);
  } catch (error) {
    throw new DestinationReadError(
      destinationType,
      `Cannot read the BigQuery service account key file ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`,
      { cause: error },
    );
  }
}

export function bigqueryBackend(configuration: Record<string, unknown>, context: ReaderContext): BackendDescription {
  const datasetId = text(configuration.dataset_id);
  if (datasetId === undefined) {
    throw new DestinationReadError(
      context.destinationType,
      "The BigQuery destination's configuration has no dataset_id.",
    );
  }
  return {
    databaseName: text(configuration.project_id) ?? "",
    defaultSchemaName: normalizeSchemaName(datasetId, context.destinationType),
    backend: new BigQueryBackend(configuration, context),
  };
}
