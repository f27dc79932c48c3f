/**
 * Postgres destinations, read through `pg`: a pool whose clients parse values into the shared
 * spelling (bigint and numeric as numbers, timestamps as ISO-8601 in UTC, dates as text, never
 * `Date` objects in local time), and iteration through a server-side cursor in a read-only
 * transaction, fetching one batch per round trip.
 */
import type * as Pg from "pg";
import { type BackendDescription, quoteAnsi, type Row, type SqlBackend, type StreamQueryOptions } from "./backend.js";
import { loadDriver } from "./drivers.js";
import { DestinationReadError } from "./errors.js";
import { normalizeSchemaName } from "./naming.js";
import type { ReaderContext } from "./reader.js";
import { resolveSecret } from "./secrets.js";
import {
  base64,
  decimalValue,
  integerValue,
  normalizeDateText,
  normalizeTimestampText,
  normalizeTimeText,
  parseJson,
} from "./values.js";

type PgModule = typeof Pg;

const DEFAULT_PORT = 5432;
const DEFAULT_SCHEMA = "public";

/** The TLS options `pg` takes, for the modes libpq knows (`ssl_mode.mode`). */
interface PostgresTls {
  rejectUnauthorized: boolean;
  ca?: string;
  cert?: string;
  key?: string;
  passphrase?: string;
  /** verify-ca checks the chain but not the host name. */
  checkServerIdentity?: () => undefined;
}

interface PostgresSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | undefined;
  ssl: PostgresTls | false;
  /** `prefer`: TLS when the server offers it, plain otherwise. */
  fallbackToPlain: boolean;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function sslMode(configuration: Record<string, unknown>): string {
  const mode = (configuration.ssl_mode as { mode?: unknown } | undefined)?.mode;
  if (typeof mode === "string") return mode;
  return configuration.ssl === true ? "require" : "disable";
}

function tlsOptions(configuration: Record<string, unknown>, context: ReaderContext): PostgresTls | false {
  const mode = sslMode(configuration);
  const sslConfig = (configuration.ssl_mode ?? {}) as Record<string, unknown>;
  switch (mode) {
    case "disable":
    case "allow":
      return false;
    case "prefer":
    case "require":
      return { rejectUnauthorized: false };
    case "verify-ca":
    case "verify-full": {
      const secret = (
        field: string,
        option: "sslCaCertificate" | "sslClientKey" | "sslClientKeyPassword",
        variable: string,
      ) =>
        resolveSecret(
          {
            destinationType: context.destinationType,
            field: `ssl_mode.${field}`,
            option,
            environmentVariable: variable,
          },
          sslConfig[field],
          context,
        );
      const ca = secret("ca_certificate", "sslCaCertificate", "POSTGRES_SSL_CA_CERTIFICATE");
      const key = secret("client_key", "sslClientKey", "POSTGRES_SSL_CLIENT_KEY");
      const passphrase = secret("client_key_password", "sslClientKeyPassword", "POSTGRES_SSL_CLIENT_KEY_PASSWORD");
      const cert = text(sslConfig.client_certificate);
      return {
        rejectUnauthorized: true,
        ...(ca === undefined ? {} : { ca }),
        ...(cert === undefined ? {} : { cert }),
        ...(key === undefined ? {} : { key }),
        ...(passphrase === undefined ? {} : { passphrase }),
        ...(mode === "verify-ca" ? { checkServerIdentity: () => undefined } : {}),
      };
    }
    default:
      throw new DestinationReadError(
        context.destinationType,
        `Unknown ssl_mode ${JSON.stringify(mode)} in the Postgres destination's configuration.`,
      );
  }
}

function rejectTunnels(configuration: Record<string, unknown>, destinationType: string): void {
  const tunnel = (configuration.tunnel_method as { tunnel_method?: unknown } | undefined)?.tunnel_method;
  if (tunnel === undefined || tunnel === "NO_TUNNEL") return;
  throw new DestinationReadError(
    destinationType,
    "The Postgres destination connects through an SSH tunnel, which the reader does not open: start one yourself (ssh -L) and pass a configuration whose host and port are its local end.",
  );
}

/** The connection settings of a Postgres destination's configuration, secrets resolved. */
function postgresSettings(configuration: Record<string, unknown>, context: ReaderContext): PostgresSettings {
  rejectTunnels(configuration, context.destinationType);
  const password = resolveSecret(
    {
      destinationType: context.destinationType,
      field: "password",
      option: "password",
      environmentVariable: "POSTGRES_PASSWORD",
    },
    configuration.password,
    context,
  );
  return {
    host: text(configuration.host) ?? "localhost",
    port: configuration.port === undefined || configuration.port === "" ? DEFAULT_PORT : Number(configuration.port),
    database: text(configuration.database) ?? "postgres",
    user: text(configuration.username) ?? "postgres",
    password,
    ssl: tlsOptions(configuration, context),
    fallbackToPlain: sslMode(configuration) === "prefer",
  };
}

const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  bytea: 17,
  int8Array: 1016,
  numericArray: 1231,
  dateArray: 1182,
  timeArray: 1183,
  timestampArray: 1115,
  timestamptzArray: 1185,
  byteaArray: 1001,
  json: 114,
  jsonb: 3802,
  interval: 1186,
  intervalArray: 1187,
} as const;

type TextParser = (text: string) => unknown;

interface ArrayParserModule {
  create(source: string, transform: TextParser): { parse(): unknown[] };
}

/** Parsers that give the shared spelling; every other type keeps `pg`'s own parser. */
function typeParsers(pg: PgModule): Pg.CustomTypesConfig {
  const bytea = pg.types.getTypeParser(OID.bytea, "text") as (text: string) => Buffer;
  const scalar: Record<number, TextParser> = {
    [OID.int8]: (value) => integerValue(value),
    [OID.numeric]: decimalValue,
    [OID.date]: normalizeDateText,
    [OID.time]: normalizeTimeText,
    [OID.timestamp]: (value) => normalizeTimestampText(value, false),
    [OID.timestamptz]: (value) => normalizeTimestampText(value, true),
    [OID.bytea]: (value) => base64(bytea(value)),
    [OID.json]: parseJson,
    [OID.jsonb]: parseJson,
    // The session prints intervals as ISO-8601 durations (IntervalStyle below): kept as text.
    [OID.interval]: (value) => value,
  };
  const arrays = pg.types.arrayParser as unknown as ArrayParserModule;
  const arrayOf = (elementOid: number): TextParser => {
    const element = scalar[elementOid] as TextParser;
    return (value) => arrays.create(value, element).parse();
  };
  const parsers: Record<number, TextParser> = {
    ...scalar,
    [OID.int8Array]: arrayOf(OID.int8),
    [OID.numericArray]: arrayOf(OID.numeric),
    [OID.dateArray]: arrayOf(OID.date),
    [OID.timeArray]: arrayOf(OID.time),
    [OID.timestampArray]: arrayOf(OID.timestamp),
    [OID.timestamptzArray]: arrayOf(OID.timestamptz),
    [OID.byteaArray]: arrayOf(OID.bytea),
    [OID.intervalArray]: arrayOf(OID.interval),
  };
  return {
    // pg types its parsers as any; the cast at the end gives the function pg's own type.
    getTypeParser: ((oid: number, format?: string) =>
      // eslint-disable-next-line @typescript-eslint/no-unsafe-return
      format === "binary"
        ? pg.types.getTypeParser(oid, "binary")
        : (parsers[oid] ?? pg.types.getTypeParser(oid, "text"))) as Pg.CustomTypesConfig["getTypeParser"],
  };
}

/** 42P01 undefined_table, 3F000 invalid_schema_name, 3D000 invalid_catalog_name. */
const MISSING_OBJECT_CODES = new Set(["42P01", "3F000", "3D000"]);

const isSslRefusal = (error: unknown) => error instanceof Error && /does not support SSL/i.test(error.message);

class PostgresBackend implements SqlBackend {
  readonly #configuration: Record<string, unknown>;
  readonly #context: ReaderContext;
  #pool: Promise<Pg.Pool> | undefined;

  constructor(configuration: Record<string, unknown>, context: ReaderContext) {
    this.#configuration = configuration;
    this.#context = context;
  }

  quoteIdentifier(name: string): string {
    return quoteAnsi(name);
  }

  async columnNames(_table: unknown, qualifiedName: string): Promise<string[]> {
    const pool = await this.#connect();
    const result = await pool.query(`SELECT * FROM ${qualifiedName} LIMIT 0`);
    return result.fields.map((field) => field.name);
  }

  async query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    const pool = await this.#connect();
    const result = await pool.query(sql, params as unknown[] | undefined);
    return result.rows as Row[];
  }

  /**
   * A cursor in a read-only transaction on a client of its own, `batchSize` rows per FETCH. An
   * iteration stopped early rolls back, which closes the cursor.
   */
  async *stream(sql: string, options: StreamQueryOptions): AsyncGenerator<Row[]> {
    const pool = await this.#connect();
    const client = await pool.connect();
    let failure: unknown;
    let finished = false;
    try {
      await client.query("BEGIN READ ONLY");
      await client.query(
        `DECLARE airbyte_ts_rows NO SCROLL CURSOR FOR ${sql}`,
        options.params as unknown[] | undefined,
      );
      for (;;) {
        const batch = await client.query(`FETCH FORWARD ${options.batchSize} FROM airbyte_ts_rows`);
        if (batch.rows.length > 0) yield batch.rows as Row[];
        if (batch.rows.length < options.batchSize) break;
      }
      await client.query("COMMIT");
      finished = true;
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      if (!finished) {
        await client.query("ROLLBACK").catch((error: unknown) => (failure ??= error));
      }
      client.release(failure instanceof Error ? failure : undefined);
    }
  }

  isMissingTable(error: unknown): boolean {
    return MISSING_OBJECT_CODES.has(String((error as { code?: unknown } | undefined)?.code));
  }

  connection(): Promise<Pg.Pool> {
    return this.#connect();
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    if (pool) await (await pool.catch(() => undefined))?.end();
  }

  #connect(): Promise<Pg.Pool> {
    this.#pool ??= this.#createPool();
    this.#pool.catch(() => (this.#pool = undefined));
    return this.#pool;
  }

  async #createPool(): Promise<Pg.Pool> {
    const settings = postgresSettings(this.#configuration, this.#context);
    const pg = await loadDriver<PgModule>({
      packageName: "pg",
      destinationType: this.#context.destinationType,
      label: "Postgres",
    });
    const pool = this.#newPool(pg, settings, settings.ssl);
    if (!settings.fallbackToPlain) return pool;
    try {
      await pool.query("SELECT 1");
      return pool;
    } catch (error) {
      await pool.end();
      if (!isSslRefusal(error)) throw error;
      return this.#newPool(pg, settings, false);
    }
  }

  #newPool(pg: PgModule, settings: PostgresSettings, ssl: PostgresTls | false): Pg.Pool {
    const pool = new pg.Pool({
      host: settings.host,
      port: settings.port,
      database: settings.database,
      user: settings.user,
      ...(settings.password === undefined ? {} : { password: settings.password }),
      ssl,
      types: typeParsers(pg),
      // Intervals print as ISO-8601 durations, as the DuckDB reader spells them.
      options: "-c IntervalStyle=iso_8601",
      application_name: "airbyte-ts",
      // An idle pool must not keep the process alive.
      allowExitOnIdle: true,
    });
    // An idle client's error (a server restart) surfaces on the next query instead of crashing the process.
    pool.on("error", () => undefined);
    return pool;
  }
}

export function postgresBackend(configuration: Record<string, unknown>, context: ReaderContext): BackendDescription {
  const schema = text(configuration.schema) ?? DEFAULT_SCHEMA;
  return {
    databaseName: text(configuration.database) ?? "postgres",
    defaultSchemaName: normalizeSchemaName(schema, context.destinationType),
    backend: new PostgresBackend(configuration, context),
  };
}
