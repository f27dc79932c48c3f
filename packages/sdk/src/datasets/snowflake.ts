/**
 * Snowflake destinations, read through `snowflake-sdk` (an optional peer dependency). Airbyte's
 * Snowflake destination stores identifiers unquoted, so Snowflake keeps them upper-case: the
 * reader quotes lower-case names in upper case, and returns upper-case column names in lower
 * case (as SQLAlchemy's Snowflake dialect does for PyAirbyte), so rows look as they do
 * elsewhere. Password and key-pair authentication are supported.
 */
import { createPrivateKey } from "node:crypto";
import { scrubSecrets } from "../internal/redact.js";
import type { BackendDescription, Row, SqlBackend, StreamQueryOptions } from "./backend.js";
import { loadDriver } from "./drivers.js";
import { DestinationReadError } from "./errors.js";
import { normalizeSchemaName } from "./naming.js";
import type { ReaderContext } from "./reader.js";
import { resolveSecret } from "./secrets.js";
import { decimalValue, formatDate, formatTimeOfDay, formatTimestamp, integerValue, parseJson } from "./values.js";

/** The parts of snowflake-sdk the reader uses (its types are not installed with the SDK). */
interface SnowflakeColumn {
  getName(): string;
  getScale(): number;
  isNumber(): boolean;
  isDate(): boolean;
  isTime(): boolean;
  isTimestamp(): boolean;
  isTimestampNtz(): boolean;
  isVariant(): boolean;
  isObject(): boolean;
  isArray(): boolean;
  isBinary(): boolean;
}

interface SnowflakeStatement {
  getColumns(): SnowflakeColumn[] | undefined;
  streamRows(options?: { start?: number; end?: number }): AsyncIterable<Record<string, unknown>>;
}

interface SnowflakeConnection {
  connect(callback: (error: Error | undefined) => void): void;
  execute(options: {
    sqlText: string;
    binds?: unknown[];
    streamResult?: boolean;
    fetchAsString?: string[];
    complete: (error: Error | undefined, statement: SnowflakeStatement) => void;
  }): SnowflakeStatement;
  destroy(callback: (error: Error | undefined) => void): void;
}

interface SnowflakeModule {
  createConnection(options: Record<string, unknown>): SnowflakeConnection;
}

type SnowflakeAuthentication =
  | { kind: "password"; password: string }
  | { kind: "keyPair"; privateKey: string; privateKeyPassword: string | undefined };

export interface SnowflakeSettings {
  account: string;
  database: string;
  schema: string;
  warehouse: string | undefined;
  role: string | undefined;
  username: string;
  authentication: SnowflakeAuthentication;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** `abc123.us-east-2.aws.snowflakecomputing.com` -> `abc123.us-east-2.aws` (PyAirbyte's rule; a scheme is dropped too). */
export function snowflakeAccount(host: string): string {
  return host.replace(/^https?:\/\//i, "").split(".snowflakecomputing")[0] ?? host;
}

function wantsKeyPair(credentials: Record<string, unknown>, context: ReaderContext): boolean {
  if (context.secrets.privateKey) return true;
  if (context.secrets.password) return false;
  return credentials.auth_type === "Key Pair Authentication" || credentials.private_key !== undefined;
}

function authentication(configuration: Record<string, unknown>, context: ReaderContext): SnowflakeAuthentication {
  const credentials = (configuration.credentials ?? {}) as Record<string, unknown>;
  const spec = (
    field: string,
    option: "password" | "privateKey" | "privateKeyPassword",
    environmentVariable: string,
    required: boolean,
  ) => ({
    destinationType: context.destinationType,
    field: `credentials.${field}`,
    option,
    environmentVariable,
    required,
  });
  if (wantsKeyPair(credentials, context)) {
    const privateKey = resolveSecret(
      spec("private_key", "privateKey", "SNOWFLAKE_PRIVATE_KEY", true),
      credentials.private_key,
      context,
    ) as string;
    const privateKeyPassword = resolveSecret(
      spec("private_key_password", "privateKeyPassword", "SNOWFLAKE_PRIVATE_KEY_PASSWORD", false),
      credentials.private_key_password,
      context,
    );
    return { kind: "keyPair", privateKey, privateKeyPassword };
  }
  const password = resolveSecret(
    spec("password", "password", "SNOWFLAKE_PASSWORD", true),
    credentials.password,
    context,
  ) as string;
  return { kind: "password", password };
}

/** The connection settings of a Snowflake destination's configuration, secrets resolved. */
export function snowflakeSettings(configuration: Record<string, unknown>, context: ReaderContext): SnowflakeSettings {
  return {
    account: snowflakeAccount(text(configuration.host) ?? ""),
    database: text(configuration.database) ?? "",
    schema: text(configuration.schema) ?? "PUBLIC",
    warehouse: text(configuration.warehouse),
    role: text(configuration.role),
    username: text(configuration.username) ?? "",
    authentication: authentication(configuration, context),
  };
}

/** snowflake-sdk wants an unencrypted PKCS#8 PEM; an encrypted key is decrypted with its passphrase here. */
function unencryptedKey(privateKey: string, passphrase: string | undefined): string {
  const key = createPrivateKey({ key: privateKey, format: "pem", ...(passphrase === undefined ? {} : { passphrase }) });
  return key.export({ format: "pem", type: "pkcs8" }).toString();
}

/** The options for `snowflake.createConnection`. */
export function snowflakeConnectionOptions(settings: SnowflakeSettings): Record<string, unknown> {
  const auth =
    settings.authentication.kind === "password"
      ? { password: settings.authentication.password }
      : {
          authenticator: "SNOWFLAKE_JWT",
          privateKey: unencryptedKey(settings.authentication.privateKey, settings.authentication.privateKeyPassword),
        };
  return {
    account: settings.account,
    username: settings.username,
    database: settings.database,
    schema: settings.schema,
    ...(settings.warehouse === undefined ? {} : { warehouse: settings.warehouse }),
    ...(settings.role === undefined ? {} : { role: settings.role }),
    application: "airbyte-ts",
    ...auth,
  };
}

/**
 * Airbyte's Snowflake destination creates every identifier unquoted, which Snowflake stores in
 * upper case: `users` is `"USERS"`. Names that are not valid unquoted identifiers keep their case.
 */
export function quoteSnowflake(name: string): string {
  const stored = /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? name.toUpperCase() : name;
  return `"${stored.replace(/"/g, '""')}"`;
}

/** SQLAlchemy's rule: an all-upper-case name is the case-insensitive one, shown in lower case. */
export function snowflakeColumnKey(name: string): string {
  return name === name.toUpperCase() && name !== name.toLowerCase() ? name.toLowerCase() : name;
}

/** Snowflake timestamps arrive as `Date`s extended with nanoseconds (`getEpochSeconds`, `getNanoSeconds`). */
function epochMicros(value: Date): bigint {
  const extended = value as Date & { getEpochSeconds?: () => number; getNanoSeconds?: () => number };
  if (typeof extended.getEpochSeconds === "function" && typeof extended.getNanoSeconds === "function") {
    return BigInt(extended.getEpochSeconds()) * 1_000_000n + BigInt(Math.floor(extended.getNanoSeconds() / 1000));
  }
  return BigInt(value.getTime()) * 1000n;
}

/** One value by its column's type. Numbers arrive as text (`fetchAsString`) so large integers stay exact. */
export function convertSnowflakeValue(value: unknown, column: SnowflakeColumn): unknown {
  if (value === null || value === undefined) return null;
  if (column.isNumber() && typeof value === "string") {
    return column.getScale() === 0 && /^-?\d+$/.test(value) ? integerValue(value) : decimalValue(value);
  }
  if (value instanceof Date) {
    const micros = epochMicros(value);
    if (column.isDate()) return formatDate(Math.floor(Number(micros) / 86_400_000_000));
    if (column.isTime()) return formatTimeOfDay(((micros % 86_400_000_000n) + 86_400_000_000n) % 86_400_000_000n);
    return formatTimestamp(micros, !column.isTimestampNtz());
  }
  if ((column.isVariant() || column.isObject() || column.isArray()) && typeof value === "string")
    return parseJson(value);
  if (column.isBinary() && value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  return value;
}

function convertRow(raw: Record<string, unknown>, columns: SnowflakeColumn[]): Row {
  const row: Row = {};
  for (const column of columns)
    row[snowflakeColumnKey(column.getName())] = convertSnowflakeValue(raw[column.getName()], column);
  return row;
}

const MISSING_OBJECT = /does not exist or not authorized/i;

class SnowflakeBackend implements SqlBackend {
  readonly #configuration: Record<string, unknown>;
  readonly #context: ReaderContext;
  #connection: Promise<SnowflakeConnection> | undefined;

  constructor(configuration: Record<string, unknown>, context: ReaderContext) {
    this.#configuration = configuration;
    this.#context = context;
  }

  quoteIdentifier(name: string): string {
    return quoteSnowflake(name);
  }

  async columnNames(_table: unknown, qualifiedName: string): Promise<string[]> {
    const { statement } = await this.#execute(`SELECT * FROM ${qualifiedName} LIMIT 0`, undefined);
    return (statement.getColumns() ?? []).map((column) => snowflakeColumnKey(column.getName()));
  }

  async query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const batch of this.stream(sql, { ...(params === undefined ? {} : { params }), batchSize: 10_000 })) {
      rows.push(...batch);
    }
    return rows;
  }

  /** The driver streams the result's chunks as it downloads them; rows are handed on in batches. */
  async *stream(sql: string, options: StreamQueryOptions): AsyncGenerator<Row[]> {
    const { statement } = await this.#execute(sql, options.params);
    const columns = statement.getColumns() ?? [];
    let batch: Row[] = [];
    for await (const raw of statement.streamRows()) {
      batch.push(convertRow(raw, columns));
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  isMissingTable(error: unknown): boolean {
    return error instanceof Error && MISSING_OBJECT.test(error.message);
  }

  connection(): Promise<SnowflakeConnection> {
    this.#connection ??= this.#connect();
    this.#connection.catch(() => (this.#connection = undefined));
    return this.#connection;
  }

  async close(): Promise<void> {
    const connection = this.#connection;
    this.#connection = undefined;
    const open = await connection?.catch(() => undefined);
    if (open) await new Promise<void>((resolve) => open.destroy(() => resolve()));
  }

  async #connect(): Promise<SnowflakeConnection> {
    const settings = snowflakeSettings(this.#configuration, this.#context);
    const snowflake = await loadDriver<SnowflakeModule>({
      packageName: "snowflake-sdk",
      destinationType: this.#context.destinationType,
      label: "Snowflake",
    });
    const connection = snowflake.createConnection(snowflakeConnectionOptions(settings));
    await new Promise<void>((resolve, reject) =>
      connection.connect((error) => (error ? reject(this.#scrubbed(error, settings)) : resolve())),
    );
    return connection;
  }

  async #execute(sql: string, params: readonly unknown[] | undefined): Promise<{ statement: SnowflakeStatement }> {
    const connection = await this.connection();
    return new Promise((resolve, reject) => {
      connection.execute({
        sqlText: sql,
        ...(params === undefined ? {} : { binds: [...params] }),
        streamResult: true,
        fetchAsString: ["Number"],
        complete: (error, statement) => (error ? reject(error) : resolve({ statement })),
      });
    });
  }

  #scrubbed(error: Error, settings: SnowflakeSettings): Error {
    const secrets =
      settings.authentication.kind === "password"
        ? [settings.authentication.password]
        : [settings.authentication.privateKey, settings.authentication.privateKeyPassword ?? ""];
    return new DestinationReadError(
      this.#context.destinationType,
      `Could not connect to Snowflake account ${settings.account}: ${scrubSecrets(error.message, secrets)}`,
    );
  }
}

export function snowflakeBackend(configuration: Record<string, unknown>, context: ReaderContext): BackendDescription {
  return {
    databaseName: text(configuration.database) ?? "",
    defaultSchemaName: normalizeSchemaName(text(configuration.schema) ?? "PUBLIC", context.destinationType),
    backend: new SnowflakeBackend(configuration, context),
  };
}
