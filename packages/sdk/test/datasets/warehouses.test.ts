/**
 * Snowflake, BigQuery and MotherDuck: how their configurations map to the drivers' settings and
 * where masked secrets come from. Their drivers are not installed here (snowflake-sdk and
 * @google-cloud/bigquery are optional peers), which is also what the MissingDriverError tests use.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import {
  AirbyteError,
  DestinationReadError,
  MissingDriverError,
  MissingSecretError,
  UnsupportedDestinationError,
} from "airbyte-ts";
import { openDestination, READABLE_DESTINATION_TYPES } from "airbyte-ts/datasets";
import {
  bigqueryClientOptions,
  bigquerySettings,
  convertBigQueryValue,
  quoteBigQuery,
} from "../../src/datasets/bigquery.js";
import { loadDriver } from "../../src/datasets/drivers.js";
import { motherduckSettings } from "../../src/datasets/duckdb.js";
import type { ReaderContext } from "../../src/datasets/reader.js";
import type { DestinationSecrets, Environment } from "../../src/datasets/secrets.js";
import {
  convertSnowflakeValue,
  quoteSnowflake,
  snowflakeAccount,
  snowflakeColumnKey,
  snowflakeConnectionOptions,
  snowflakeSettings,
} from "../../src/datasets/snowflake.js";

const MASK = "**********";

const context = (
  destinationType: ReaderContext["destinationType"],
  secrets: DestinationSecrets = {},
  env: Environment = {},
): ReaderContext => ({ destinationType, secrets, env, localDirectory: undefined });

async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error("expected a rejection");
  return outcome;
}

describe("Snowflake", () => {
  const configuration = {
    host: "abc123.us-east-2.aws.snowflakecomputing.com",
    role: "AIRBYTE_ROLE",
    warehouse: "AIRBYTE_WAREHOUSE",
    database: "AIRBYTE_DATABASE",
    schema: "AIRBYTE_SCHEMA",
    username: "AIRBYTE_USER",
    credentials: { auth_type: "Username and Password", password: MASK },
  };

  test("names: the database, the schema, upper-case quoting as Snowflake stores unquoted names", () => {
    const reader = openDestination({ destinationType: "snowflake", configuration });
    expect(reader.databaseName).toBe("AIRBYTE_DATABASE");
    expect(reader.defaultSchemaName).toBe("airbyte_schema");
    const users = reader.dataset("users", { prefix: "faker_" });
    expect(users.tableName).toBe("faker_users");
    expect(users.fullyQualifiedName).toBe('"AIRBYTE_DATABASE"."AIRBYTE_SCHEMA"."FAKER_USERS"');
    expect(quoteSnowflake("_airbyte_raw_id")).toBe('"_AIRBYTE_RAW_ID"');
    expect(quoteSnowflake("Mixed Case")).toBe('"Mixed Case"');
    expect(quoteSnowflake('a"b')).toBe('"a""b"');
  });

  test("account = the host before .snowflakecomputing (PyAirbyte's rule)", () => {
    expect(snowflakeAccount("abc123.us-east-2.aws.snowflakecomputing.com")).toBe("abc123.us-east-2.aws");
    expect(snowflakeAccount("myorg-account1.snowflakecomputing.com")).toBe("myorg-account1");
    expect(snowflakeAccount("https://acme.snowflakecomputing.com")).toBe("acme");
  });

  test("a masked password comes from options.secrets, then SNOWFLAKE_PASSWORD; options win", () => {
    const fromOptions = snowflakeSettings(
      configuration,
      context("snowflake", { password: "from-options" }, { SNOWFLAKE_PASSWORD: "from-env" }),
    );
    expect(fromOptions).toEqual({
      account: "abc123.us-east-2.aws",
      database: "AIRBYTE_DATABASE",
      schema: "AIRBYTE_SCHEMA",
      warehouse: "AIRBYTE_WAREHOUSE",
      role: "AIRBYTE_ROLE",
      username: "AIRBYTE_USER",
      authentication: { kind: "password", password: "from-options" },
    });
    const fromEnv = snowflakeSettings(configuration, context("snowflake", {}, { SNOWFLAKE_PASSWORD: "from-env" }));
    expect(fromEnv.authentication).toEqual({ kind: "password", password: "from-env" });
    expect(snowflakeConnectionOptions(fromEnv)).toEqual({
      account: "abc123.us-east-2.aws",
      username: "AIRBYTE_USER",
      database: "AIRBYTE_DATABASE",
      schema: "AIRBYTE_SCHEMA",
      warehouse: "AIRBYTE_WAREHOUSE",
      role: "AIRBYTE_ROLE",
      application: "airbyte-ts",
      password: "from-env",
    });
  });

  test("a clear password in the configuration is used; without credentials the password is required", () => {
    const clear = { ...configuration, credentials: { password: "in-config" } };
    expect(snowflakeSettings(clear, context("snowflake")).authentication).toEqual({
      kind: "password",
      password: "in-config",
    });
    const none = { ...configuration, credentials: undefined };
    expect(() => snowflakeSettings(none, context("snowflake"))).toThrow(MissingSecretError);
  });

  test("nothing to replace a masked password: the error names the option and SNOWFLAKE_PASSWORD", () => {
    const error = (() => {
      try {
        snowflakeSettings(configuration, context("snowflake"));
      } catch (caught) {
        return caught as MissingSecretError;
      }
      throw new Error("expected a MissingSecretError");
    })();
    expect(error).toBeInstanceOf(MissingSecretError);
    expect(error.message).toBe(
      "The snowflake destination's credentials.password is masked in its configuration: pass it as options.secrets.password or set the SNOWFLAKE_PASSWORD environment variable.",
    );
  });

  test("key pair authentication: the key from the options or SNOWFLAKE_PRIVATE_KEY, decrypted with its passphrase", () => {
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "key-pass" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const keyPair = {
      ...configuration,
      credentials: { auth_type: "Key Pair Authentication", private_key: MASK, private_key_password: MASK },
    };
    const settings = snowflakeSettings(
      keyPair,
      context("snowflake", { privateKeyPassword: "key-pass" }, { SNOWFLAKE_PRIVATE_KEY: privateKey }),
    );
    expect(settings.authentication).toEqual({ kind: "keyPair", privateKey, privateKeyPassword: "key-pass" });
    const options = snowflakeConnectionOptions(settings);
    expect(options.authenticator).toBe("SNOWFLAKE_JWT");
    expect(options.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(options).not.toHaveProperty("password");

    expect(() => snowflakeSettings(keyPair, context("snowflake", {}, { SNOWFLAKE_PRIVATE_KEY: privateKey }))).toThrow(
      "pass it as options.secrets.privateKeyPassword or set the SNOWFLAKE_PRIVATE_KEY_PASSWORD environment variable",
    );
    expect(() => snowflakeSettings(keyPair, context("snowflake"))).toThrow(/credentials\.private_key is masked/);
  });

  test("values: exact integers from text, dates and timestamps in UTC, VARIANT parsed, upper-case names in lower case", () => {
    const column = (kind: string, scale = 0) => ({
      getName: () => "X",
      getScale: () => scale,
      isNumber: () => kind === "number",
      isDate: () => kind === "date",
      isTime: () => kind === "time",
      isTimestamp: () => kind.startsWith("timestamp"),
      isTimestampNtz: () => kind === "timestamp_ntz",
      isVariant: () => kind === "variant",
      isObject: () => kind === "object",
      isArray: () => kind === "array",
      isBinary: () => kind === "binary",
    });
    expect(convertSnowflakeValue("42", column("number"))).toBe(42);
    expect(convertSnowflakeValue("9007199254740993", column("number"))).toBe(9007199254740993n);
    expect(convertSnowflakeValue("12.50", column("number", 2))).toBe(12.5);
    expect(convertSnowflakeValue(null, column("number"))).toBeNull();
    const sfDate = Object.assign(new Date("2024-01-02T03:04:05.123Z"), {
      getEpochSeconds: () => 1704164645,
      getNanoSeconds: () => 123456789,
    });
    expect(convertSnowflakeValue(sfDate, column("timestamp_tz"))).toBe("2024-01-02T03:04:05.123456Z");
    expect(convertSnowflakeValue(sfDate, column("timestamp_ntz"))).toBe("2024-01-02T03:04:05.123456");
    expect(convertSnowflakeValue(new Date("1969-07-20T00:00:00Z"), column("date"))).toBe("1969-07-20");
    expect(convertSnowflakeValue('{"a": [1]}', column("variant"))).toEqual({ a: [1] });
    expect(convertSnowflakeValue(new Uint8Array([104, 105]), column("binary"))).toBe("aGk=");
    expect(snowflakeColumnKey("_AIRBYTE_RAW_ID")).toBe("_airbyte_raw_id");
    expect(snowflakeColumnKey("MixedCase")).toBe("MixedCase");
    expect(snowflakeColumnKey("123")).toBe("123");
  });

  test("reading without the driver: MissingDriverError with the install command (secrets resolved first)", async () => {
    const reader = openDestination(
      { destinationType: "snowflake", configuration },
      { secrets: { password: "pw-Value-1" } },
    );
    const error = await failure(reader.dataset("users").count());
    expect(error).toBeInstanceOf(MissingDriverError);
    expect(error).toBeInstanceOf(AirbyteError);
    expect(error.message).toBe(
      'Reading a Snowflake destination needs the "snowflake-sdk" package: npm install snowflake-sdk',
    );
    expect((error as MissingDriverError).packageName).toBe("snowflake-sdk");
    const unresolved = openDestination({ destinationType: "snowflake", configuration }, { env: {} });
    expect(await failure(unresolved.connection())).toBeInstanceOf(MissingSecretError);
  });
});

describe("BigQuery", () => {
  const configuration = {
    project_id: "my-project",
    dataset_id: "Analytics",
    dataset_location: "EU",
    credentials_json: MASK,
    loading_method: { method: "Standard" },
  };
  const key = {
    type: "service_account",
    project_id: "my-project",
    private_key: "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n",
    client_email: "sa@my-project.iam.gserviceaccount.com",
  };

  test("names: the project is the database, the dataset the schema, case kept, backtick quoting", () => {
    const reader = openDestination({ destinationType: "bigquery", configuration });
    expect(reader.databaseName).toBe("my-project");
    expect(reader.defaultSchemaName).toBe("Analytics");
    const users = reader.dataset("Users", { prefix: "raw_" });
    expect(users.tableName).toBe("raw_Users");
    expect(users.fullyQualifiedName).toBe("`my-project`.`Analytics`.`raw_Users`");
    expect(quoteBigQuery("a`b\\c")).toBe("`a\\`b\\\\c`");
  });

  test("credentials: options (JSON or path), the configuration in clear, BIGQUERY_CREDENTIALS_PATH, else default credentials", () => {
    const settings = (config: Record<string, unknown>, secrets: DestinationSecrets = {}, env: Environment = {}) =>
      bigquerySettings(config, context("bigquery", secrets, env));
    expect(
      settings(configuration, { credentialsJson: JSON.stringify(key) }, { BIGQUERY_CREDENTIALS_PATH: "/env/key.json" }),
    ).toEqual({
      projectId: "my-project",
      datasetId: "Analytics",
      location: "EU",
      credentials: { kind: "keyJson", key },
    });
    expect(settings(configuration, { credentialsPath: "/opt/key.json" }).credentials).toEqual({
      kind: "keyFile",
      path: "/opt/key.json",
    });
    expect(settings(configuration, {}, { BIGQUERY_CREDENTIALS_PATH: "/env/key.json" }).credentials).toEqual({
      kind: "keyFile",
      path: "/env/key.json",
    });
    expect(
      settings(
        { ...configuration, credentials_json: JSON.stringify(key) },
        {},
        { BIGQUERY_CREDENTIALS_PATH: "/env/key.json" },
      ).credentials,
    ).toEqual({
      kind: "keyJson",
      key,
    });
    expect(settings({ ...configuration, credentials_json: undefined }).credentials).toEqual({
      kind: "applicationDefault",
    });
  });

  test("client options for new BigQuery(...)", () => {
    const base = { projectId: "p", datasetId: "d", location: "EU" };
    expect(bigqueryClientOptions({ ...base, credentials: { kind: "keyJson", key } })).toEqual({
      projectId: "p",
      location: "EU",
      credentials: key,
    });
    expect(bigqueryClientOptions({ ...base, credentials: { kind: "keyFile", path: "/k.json" } })).toEqual({
      projectId: "p",
      location: "EU",
      keyFilename: "/k.json",
    });
    expect(
      bigqueryClientOptions({ ...base, location: undefined, credentials: { kind: "applicationDefault" } }),
    ).toEqual({ projectId: "p" });
  });

  test("a masked key with nothing to replace it, and a key that is not JSON, say so without the key", () => {
    expect(() => bigquerySettings(configuration, context("bigquery"))).toThrow(
      "The bigquery destination's credentials_json is masked in its configuration: pass it as options.secrets.credentialsJson (or credentialsPath) or set the BIGQUERY_CREDENTIALS_PATH environment variable.",
    );
    const notJson = "not-json-secret-material";
    const error = (() => {
      try {
        bigquerySettings(configuration, context("bigquery", { credentialsJson: notJson }));
      } catch (caught) {
        return caught as Error;
      }
      throw new Error("expected an error");
    })();
    expect(error).toBeInstanceOf(DestinationReadError);
    expect(error.message).not.toContain(notJson);
  });

  test("values: the client's wrappers unwrapped, integers exact, timestamps in UTC, JSON parsed, records and arrays", () => {
    const wrapped = (value: string) => ({ type: "wrapper", value });
    expect(convertBigQueryValue(wrapped("9007199254740993"), { name: "n", type: "INTEGER" })).toBe(9007199254740993n);
    expect(convertBigQueryValue(wrapped("12"), { name: "n", type: "INT64" })).toBe(12);
    expect(convertBigQueryValue(wrapped("2024-01-02T03:04:05.123456Z"), { name: "t", type: "TIMESTAMP" })).toBe(
      "2024-01-02T03:04:05.123456Z",
    );
    expect(convertBigQueryValue(wrapped("2024-01-02T03:04:05"), { name: "t", type: "DATETIME" })).toBe(
      "2024-01-02T03:04:05.000",
    );
    expect(convertBigQueryValue(wrapped("2024-01-02"), { name: "d", type: "DATE" })).toBe("2024-01-02");
    expect(convertBigQueryValue('{"changes":[],"sync_id":3}', { name: "_airbyte_meta", type: "JSON" })).toEqual({
      changes: [],
      sync_id: 3,
    });
    expect(convertBigQueryValue({ toString: () => "1.25" }, { name: "x", type: "NUMERIC" })).toBe(1.25);
    expect(
      convertBigQueryValue([{ city: "Paris", since: wrapped("2020-01-01") }], {
        name: "addresses",
        type: "RECORD",
        mode: "REPEATED",
        fields: [
          { name: "city", type: "STRING" },
          { name: "since", type: "DATE" },
        ],
      }),
    ).toEqual([{ city: "Paris", since: "2020-01-01" }]);
    expect(convertBigQueryValue(null, { name: "x", type: "STRING" })).toBeNull();
  });

  test("reading without the driver: MissingDriverError; a key file that is not there is named first", async () => {
    const dir = mkdtempSync(join(tmpdir(), "airbyte-ts-bq-"));
    try {
      const keyFile = join(dir, "key.json");
      writeFileSync(keyFile, JSON.stringify(key));
      const reader = openDestination(
        { destinationType: "bigquery", configuration },
        { env: { BIGQUERY_CREDENTIALS_PATH: keyFile } },
      );
      const error = await failure(reader.dataset("users").toArray());
      expect(error).toBeInstanceOf(MissingDriverError);
      expect(error.message).toBe(
        'Reading a BigQuery destination needs the "@google-cloud/bigquery" package: npm install @google-cloud/bigquery',
      );
      const absent = openDestination(
        { destinationType: "bigquery", configuration },
        { env: { BIGQUERY_CREDENTIALS_PATH: join(dir, "absent.json") } },
      );
      expect((await failure(absent.connection())).message).toContain(`key file ${join(dir, "absent.json")}: ENOENT`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a configuration without dataset_id is refused at once", () => {
    expect(() => openDestination({ destinationType: "bigquery", configuration: { project_id: "p" } })).toThrow(
      /no dataset_id/,
    );
  });
});

describe("MotherDuck", () => {
  const configuration = { destination_path: "md:analytics", schema: "Main", motherduck_api_key: MASK };

  test("names: the database after md:, the schema, ANSI quoting", () => {
    const reader = openDestination({ destinationType: "motherduck", configuration });
    expect(reader.destinationType).toBe("motherduck");
    expect(reader.databaseName).toBe("analytics");
    expect(reader.defaultSchemaName).toBe("main");
    expect(reader.dataset("users").fullyQualifiedName).toBe('"analytics"."main"."users"');
    expect(
      openDestination({ destinationType: "motherduck", configuration: { destination_path: "md:" } }).databaseName,
    ).toBe("my_db");
    expect(
      openDestination({ destinationType: "motherduck", configuration: { destination_path: "motherduck:db?x=1" } })
        .databaseName,
    ).toBe("db");
  });

  test("a DuckDB destination with an md: path reads MotherDuck", () => {
    const reader = openDestination({ destinationType: "duckdb", configuration: { destination_path: "md:lake" } });
    expect(reader.destinationType).toBe("motherduck");
    expect(reader.databaseName).toBe("lake");
  });

  test("the token (motherduck_api_key) comes from options.secrets, then MOTHERDUCK_API_KEY; it is required", () => {
    expect(
      motherduckSettings(
        configuration,
        context("motherduck", { motherduckApiKey: "opt-token" }, { MOTHERDUCK_API_KEY: "env-token" }),
      ),
    ).toEqual({
      database: "analytics",
      token: "opt-token",
    });
    expect(
      motherduckSettings(configuration, context("motherduck", {}, { MOTHERDUCK_API_KEY: "env-token" })).token,
    ).toBe("env-token");
    expect(
      motherduckSettings({ ...configuration, motherduck_api_key: "clear-token" }, context("motherduck")).token,
    ).toBe("clear-token");
    expect(() => motherduckSettings(configuration, context("motherduck"))).toThrow(
      "pass it as options.secrets.motherduckApiKey or set the MOTHERDUCK_API_KEY environment variable",
    );
    expect(() => motherduckSettings({ destination_path: "md:x" }, context("motherduck"))).toThrow(MissingSecretError);
  });

  test("reading without a token fails before anything is opened", async () => {
    const reader = openDestination({ destinationType: "motherduck", configuration }, { env: {} });
    expect(await failure(reader.dataset("users").count())).toBeInstanceOf(MissingSecretError);
  });
});

describe("every destination", () => {
  test("an unsupported type lists the readable ones", () => {
    expect(() => openDestination({ destinationType: "s3", configuration: {} })).toThrow(
      'Reading a "s3" destination is not supported; the readable destination types are bigquery, duckdb, motherduck, postgres, snowflake.',
    );
    expect(() => openDestination({ destinationType: "dev-null", configuration: {} })).toThrow(
      UnsupportedDestinationError,
    );
    expect(READABLE_DESTINATION_TYPES).toEqual(["bigquery", "duckdb", "motherduck", "postgres", "snowflake"]);
    expect(
      openDestination({ destinationType: "destination-postgres", configuration: { database: "db" } }).destinationType,
    ).toBe("postgres");
  });

  test("a driver that is not installed is a MissingDriverError naming the package", async () => {
    const error = await failure(
      loadDriver({ packageName: "airbyte-ts-no-such-driver", destinationType: "x", label: "X" }),
    );
    expect(error).toBeInstanceOf(MissingDriverError);
    expect(error.message).toBe(
      'Reading a X destination needs the "airbyte-ts-no-such-driver" package: npm install airbyte-ts-no-such-driver',
    );
  });

  test("secrets given as options never show in inspect output or JSON", () => {
    const secrets = {
      password: "pw-Visible-Never",
      motherduckApiKey: "md-Visible-Never",
      credentialsJson: '{"k":"bq-Visible-Never"}',
    };
    const readers = [
      openDestination(
        { destinationType: "postgres", configuration: { host: "h", database: "d", password: "pw-Visible-Never" } },
        { secrets },
      ),
      openDestination(
        {
          destinationType: "snowflake",
          configuration: {
            host: "a.snowflakecomputing.com",
            database: "D",
            schema: "S",
            credentials: { password: "pw-Visible-Never" },
          },
        },
        { secrets },
      ),
      openDestination(
        {
          destinationType: "motherduck",
          configuration: { destination_path: "md:x", motherduck_api_key: "md-Visible-Never" },
        },
        { secrets },
      ),
      openDestination(
        { destinationType: "bigquery", configuration: { project_id: "p", dataset_id: "d" } },
        { secrets },
      ),
    ];
    for (const reader of readers) {
      for (const shown of [
        inspect(reader, { depth: 10, showHidden: true }),
        inspect(reader.dataset("users"), { depth: 10, showHidden: true }),
        JSON.stringify(reader),
        JSON.stringify(reader.dataset("users")),
      ]) {
        expect(shown).not.toMatch(/Visible-Never/);
      }
    }
  });
});
