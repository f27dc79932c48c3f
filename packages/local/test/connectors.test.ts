/**
 * The built-in connector catalog and what the server does with specifications: validation,
 * secret masking, DuckDB paths and the checks of the runnable connectors.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { duckdbLocation } from "../src/connectors/destinations/duckdb.js";
import { notRunnableSource } from "../src/connectors/not-runnable.js";
import {
  builtInConnectors,
  connectorByShortName,
  findConnector,
  isSourceConnector,
} from "../src/connectors/registry.js";
import {
  compileSpec,
  configurationErrors,
  keepMaskedSecrets,
  maskSecrets,
  SECRET_MASK,
} from "../src/connectors/spec.js";
import { fakerSource } from "../src/connectors/sources/faker.js";
import type { ConnectorContext, JsonSchema } from "../src/connectors/types.js";

const scratch = mkdtempSync(join(tmpdir(), "connectors-test-"));
const context: ConnectorContext = { localDirectory: join(scratch, "local") };
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const destination = (shortName: string) => {
  const connector = connectorByShortName("destination", shortName);
  if (!connector) throw new Error(`no destination ${shortName}`);
  return connector;
};

describe("the registry", () => {
  test("holds Airbyte's real definitions", () => {
    const ids = Object.fromEntries(
      builtInConnectors().map((c) => [
        `${c.definition.actorType}/${c.definition.shortName}`,
        c.definition.definitionId,
      ]),
    );
    expect(ids).toEqual({
      "source/faker": "dfd88b22-b603-4c3d-aad7-3701784586b1",
      "source/postgres": "decd338e-5647-4c0b-adf4-da0e75f5a750",
      "source/file": "778daa7c-feaf-4db6-96f3-70fd645acc77",
      "destination/dev-null": "a7bcc9d8-13b3-4e49-b80d-d020b90045e3",
      "destination/duckdb": "94bd199c-2ff0-4aa2-b98e-17f0acb72610",
      "destination/postgres": "25c5221d-dce2-4163-ade9-739ef790f503",
      "destination/motherduck": "042ee9b5-eb98-4e99-a4e5-3f0d573bee66",
      "destination/snowflake": "424892c4-daac-4491-b35d-c6688ba547ba",
      "destination/bigquery": "22f6c74f-5699-40ff-833c-4a879ea40133",
    });
    for (const { definition } of builtInConnectors()) {
      expect(definition.dockerRepository).toBe(`airbyte/${definition.actorType}-${definition.shortName}`);
      expect(definition.documentationUrl).toMatch(
        /^https:\/\/docs\.airbyte\.com\/integrations\/(sources|destinations)\//,
      );
      expect(typeof compileSpec(definition.connectionSpecification), definition.name).toBe("function");
      if (definition.actorType === "destination") expect(definition.supportedDestinationSyncModes).toContain("append");
    }
  });

  test("finds connectors by id (any case) and by short name within their type", () => {
    expect(findConnector("DFD88B22-B603-4C3D-AAD7-3701784586B1")?.definition.name).toBe("Sample Data (Faker)");
    expect(findConnector("00000000-0000-0000-0000-000000000001")).toBeUndefined();
    expect(connectorByShortName("source", "postgres")?.definition.definitionId).toBe(
      "decd338e-5647-4c0b-adf4-da0e75f5a750",
    );
    expect(connectorByShortName("destination", "postgres")?.definition.definitionId).toBe(
      "25c5221d-dce2-4163-ade9-739ef790f503",
    );
    expect(connectorByShortName("source", "dev-null")).toBeUndefined();
  });

  test("only faker, postgres, file, dev-null, duckdb and postgres run locally", () => {
    const runnable = builtInConnectors()
      .filter((c) => !c.definition.notRunnableReason)
      .map((c) => `${c.definition.actorType}/${c.definition.shortName}`);
    expect(runnable).toEqual([
      "source/faker",
      "source/postgres",
      "source/file",
      "destination/dev-null",
      "destination/duckdb",
      "destination/postgres",
    ]);
    expect(destination("snowflake").definition.notRunnableReason).toBe(
      "The local server cannot run the Snowflake destination; create it against Airbyte Cloud or a self-managed Airbyte to sync.",
    );
  });
});

describe("specifications", () => {
  const spec: JsonSchema = destination("snowflake").definition.connectionSpecification;

  test("a configuration is checked against its connector's JSON Schema", () => {
    const valid = {
      host: "acme.snowflakecomputing.com",
      role: "AIRBYTE",
      warehouse: "WH",
      database: "DB",
      schema: "PUBLIC",
      username: "airbyte",
      credentials: { auth_type: "Username and Password", password: "hunter2" },
    };
    expect(configurationErrors(spec, valid)).toEqual([]);
    expect(configurationErrors(spec, { ...valid, host: 42, role: undefined })).toEqual([
      "$.role: is missing but it is required",
      "$.host: must be string",
    ]);
    // A oneOf reports why the chosen branch fails, not only that no branch matched.
    expect(configurationErrors(spec, { ...valid, credentials: { auth_type: "Username and Password" } })).toContain(
      "$.credentials.password: is missing but it is required",
    );
  });

  test("secrets are masked in nested objects, oneOf branches and arrays", () => {
    const configuration = {
      host: "h",
      credentials: { auth_type: "Key Pair Authentication", private_key: "KEY", private_key_password: "PASS" },
      untouched: { private_key: "not a declared secret here" },
    };
    expect(maskSecrets(spec, configuration)).toEqual({
      host: "h",
      credentials: {
        auth_type: "Key Pair Authentication",
        private_key: SECRET_MASK,
        private_key_password: SECRET_MASK,
      },
      untouched: { private_key: "not a declared secret here" },
    });
    const arraySpec: JsonSchema = {
      type: "object",
      properties: {
        keys: { type: "array", items: { type: "object", properties: { token: { airbyte_secret: true } } } },
      },
    };
    expect(maskSecrets(arraySpec, { keys: [{ token: "a" }, { token: "b", id: 1 }] })).toEqual({
      keys: [{ token: SECRET_MASK }, { token: SECRET_MASK, id: 1 }],
    });
    // Absent and null secrets stay as they are.
    expect(maskSecrets(spec, { credentials: { private_key: null } })).toEqual({ credentials: { private_key: null } });
  });

  test("a mask sent back keeps the stored secret; a new value replaces it", () => {
    const stored = {
      credentials: { auth_type: "Key Pair Authentication", private_key: "KEY", private_key_password: "PASS" },
    };
    const incoming = {
      credentials: { auth_type: "Key Pair Authentication", private_key: SECRET_MASK, private_key_password: "NEW" },
    };
    expect(keepMaskedSecrets(spec, incoming, stored)).toEqual({
      credentials: { auth_type: "Key Pair Authentication", private_key: "KEY", private_key_password: "NEW" },
    });
    // Nothing stored: the mask is not a value and is dropped.
    expect(keepMaskedSecrets(spec, { credentials: { private_key: SECRET_MASK } }, undefined)).toEqual({
      credentials: {},
    });
  });

  test("an invalid JSON Schema is reported, not thrown", () => {
    expect(typeof compileSpec({ type: "no-such-type" })).toBe("string");
    expect(configurationErrors({ type: "no-such-type" }, {})[0]).toMatch(/not a valid JSON Schema/);
  });
});

describe("faker", () => {
  const faker = connectorByShortName("source", "faker");
  if (!faker || !isSourceConnector(faker)) throw new Error("faker missing");

  test("discovers users, products and purchases, incremental on updated_at with an id key", async () => {
    const streams = await faker.discover({ count: 10 }, { localDirectory: "/tmp/airbyte_local" });
    expect(streams.map((s) => s.name)).toEqual(["users", "products", "purchases"]);
    for (const stream of streams) {
      expect(stream).toMatchObject({
        supportedSyncModes: ["full_refresh", "incremental"],
        sourceDefinedCursor: true,
        defaultCursorField: ["updated_at"],
        sourceDefinedPrimaryKey: [["id"]],
      });
    }
    const users = streams[0]?.jsonSchema as { properties: Record<string, { type: unknown; properties?: object }> };
    expect(Object.keys(users.properties)).toEqual([
      "id",
      "created_at",
      "updated_at",
      "name",
      "title",
      "age",
      "email",
      "telephone",
      "gender",
      "language",
      "academic_degree",
      "nationality",
      "occupation",
      "height",
      "blood_type",
      "weight",
      "address",
    ]);
    expect(Object.keys(users.properties.address?.properties ?? {})).toEqual([
      "street_number",
      "street_name",
      "city",
      "state",
      "province",
      "postal_code",
      "country_code",
    ]);
    const purchases = streams[2]?.jsonSchema as { properties: Record<string, { type: unknown }> };
    expect(purchases.properties.returned_at?.type).toEqual(["null", "string"]);
    // Each discovery is a fresh copy.
    (streams[0] as { name: string }).name = "changed";
    expect((await faker.discover({}, { localDirectory: "/tmp/airbyte_local" }))[0]?.name).toBe("users");
  });

  test("its check validates the configuration", async () => {
    expect(await faker.check({ count: 5 }, context)).toEqual({ status: "succeeded" });
    const failed = await faker.check({ count: 0 }, context);
    expect(failed.status).toBe("failed");
    expect(failed.message).toBe("$.count: must be >= 1");
  });
});

describe("duckdb", () => {
  test("paths resolve inside Airbyte's /local mount", () => {
    const local = "/srv/local";
    expect(duckdbLocation("/local/out.duckdb", local)).toEqual({ kind: "file", path: "/srv/local/out.duckdb" });
    expect(duckdbLocation("nested/out.duckdb", local)).toEqual({ kind: "file", path: "/srv/local/nested/out.duckdb" });
    expect(duckdbLocation("md:analytics", local)).toEqual({ kind: "motherduck" });
    expect(duckdbLocation("motherduck:", local)).toEqual({ kind: "motherduck" });
    expect(duckdbLocation(":memory:", local)).toEqual({ kind: "memory" });
    for (const outside of ["/tmp/out.duckdb", "/local/../etc/out.duckdb", "../out.duckdb", "/localother/x.duckdb"]) {
      expect(duckdbLocation(outside, local).kind, outside).toBe("invalid");
    }
  });

  test("its check creates the directory and verifies it is writable", async () => {
    const duckdb = destination("duckdb");
    expect(await duckdb.check({ destination_path: "/local/deep/dir/out.duckdb" }, context)).toEqual({
      status: "succeeded",
    });
    mkdirSync(join(context.localDirectory, "a-directory.duckdb"), { recursive: true });
    const directory = await duckdb.check({ destination_path: "/local/a-directory.duckdb" }, context);
    expect(directory).toEqual({
      status: "failed",
      message: `${join(context.localDirectory, "a-directory.duckdb")} is a directory, not a DuckDB database file.`,
    });
    writeFileSync(join(context.localDirectory, "plain-file"), "");
    const blocked = await duckdb.check({ destination_path: "/local/plain-file/out.duckdb" }, context);
    expect(blocked.status).toBe("failed");
    expect(blocked.message).toMatch(/^Cannot write the DuckDB file .*: (ENOTDIR|EEXIST)$/);
    expect(await duckdb.check({ destination_path: "/etc/out.duckdb" }, context)).toEqual({
      status: "failed",
      message:
        "destination_path=/etc/out.duckdb is not a valid path. A valid path shall start with /local or no / prefix.",
    });
    expect((await duckdb.check({ destination_path: ":memory:" }, context)).status).toBe("succeeded");
    expect((await duckdb.check({ destination_path: "md:db" }, context)).message).toMatch(/cannot reach MotherDuck/);
  });
});

describe("not runnable connectors", () => {
  test("fail their check with the reason, and refuse to discover", async () => {
    // Every built-in source runs or may soon: a made-up one stands for those that cannot.
    const source = notRunnableSource({ ...fakerSource.definition, name: "Oracle DB", shortName: "oracle" });
    const check = await source.check({}, context);
    expect(check).toEqual({ status: "failed", message: source.definition.notRunnableReason });
    await expect(source.discover({}, { localDirectory: "/tmp/airbyte_local" })).rejects.toThrow(
      /cannot run the Oracle DB source/,
    );
    expect((await destination("bigquery").check({}, context)).message).toMatch(/cannot run the BigQuery destination/);
  });
});
