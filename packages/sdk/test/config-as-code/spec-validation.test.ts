/**
 * The SDK's check of a configuration against its connector's spec, beside Ajv with the
 * standard formats (what the local server validates with, and a reading of draft-07 as
 * Airbyte's server has it). Generated configurations near each spec, valid and broken in every
 * way the keywords allow: the SDK never refuses what Ajv accepts (a plan must not block a
 * configuration the server takes), and on these specs, which use only keywords it reads, it
 * refuses everything Ajv refuses.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { connectorSpecCheck } from "@airbyte-ts/test-support/json-schema";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { specProblems } from "../../src/config-as-code/spec-validation.js";

type Schema = Record<string, unknown>;

/** A spec in the shape of Airbyte's source-postgres: options by a const, bounds, patterns, formats, secrets. */
const POSTGRES_LIKE: Schema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  required: ["host", "port", "database", "username"],
  additionalProperties: true,
  properties: {
    host: { type: "string", order: 0, title: "Host" },
    port: { type: "integer", minimum: 0, maximum: 65536, default: 5432 },
    database: { type: "string", minLength: 1, maxLength: 63 },
    schemas: { type: "array", items: { type: "string" }, minItems: 0, uniqueItems: true },
    username: { type: "string" },
    password: { type: "string", airbyte_secret: true },
    jdbc_url_params: { type: "string", pattern: "^([^=&]+=[^=&]*)(&[^=&]+=[^=&]*)*$" },
    start_date: { type: "string", format: "date-time" },
    end_date: { type: "string", format: "date", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
    ssl_mode: {
      type: "object",
      oneOf: [
        { title: "disable", required: ["mode"], properties: { mode: { type: "string", const: "disable" } } },
        {
          title: "verify-full",
          required: ["mode", "ca_certificate"],
          additionalProperties: false,
          properties: {
            mode: { type: "string", const: "verify-full" },
            ca_certificate: { type: "string", airbyte_secret: true },
            client_key_password: { type: "string", airbyte_secret: true },
          },
        },
      ],
    },
    replication_method: {
      type: "object",
      oneOf: [
        { required: ["method"], properties: { method: { type: "string", enum: ["Standard"] } } },
        {
          required: ["method", "replication_slot", "publication"],
          properties: {
            method: { type: "string", enum: ["CDC"] },
            replication_slot: { type: "string" },
            publication: { type: "string" },
            initial_waiting_seconds: { type: "integer", minimum: 120, maximum: 2400 },
            lsn_commit_behaviour: {
              type: "string",
              enum: ["While reading Data", "After loading Data in the destination"],
            },
          },
        },
      ],
    },
    tunnel_method: { $ref: "#/definitions/tunnel" },
    ratio: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
    flags: { type: ["boolean", "null"] },
    tags: { type: "object", additionalProperties: { type: "string", maxLength: 5 } },
  },
  definitions: {
    tunnel: {
      type: "object",
      anyOf: [
        { required: ["tunnel_method"], properties: { tunnel_method: { const: "NO_TUNNEL" } } },
        {
          required: ["tunnel_method", "tunnel_host", "tunnel_port"],
          properties: {
            tunnel_method: { const: "SSH_KEY_AUTH" },
            tunnel_host: { type: "string" },
            tunnel_port: { type: "integer", minimum: 0, maximum: 65536 },
          },
        },
      ],
    },
  },
};

/** A destination in the shape of Airbyte's S3 ones: a closed object, formats by a const, allOf. */
const S3_LIKE: Schema = {
  type: "object",
  required: ["bucket", "format"],
  additionalProperties: false,
  properties: {
    bucket: { type: "string", pattern: "^[a-z0-9.-]{3,63}$" },
    path_format: { type: "string", examples: ["${NAMESPACE}/${STREAM_NAME}/"] },
    part_size_mb: { type: "integer", minimum: 5, maximum: 525, allOf: [{ maximum: 100 }] },
    format: {
      type: "object",
      oneOf: [
        {
          required: ["format_type"],
          properties: {
            format_type: { const: "CSV" },
            flattening: { enum: ["No flattening", "Root level flattening"] },
          },
        },
        {
          required: ["format_type"],
          properties: { format_type: { const: "Parquet" }, page_size_kb: { type: "integer", minimum: 1 } },
        },
      ],
    },
    uuid: { type: "string", format: "uuid" },
  },
};

/** Values near a schema: mostly of its shape, sometimes broken in one of the ways its keywords check. */
function near(schema: Schema, root: Schema, depth = 0): fc.Arbitrary<unknown> {
  const resolved = typeof schema.$ref === "string" ? (ref(root, schema.$ref) ?? {}) : schema;
  const wrong = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.constant([]), fc.constant({}));
  const options = [resolved.oneOf, resolved.anyOf].find(Array.isArray) as Schema[] | undefined;
  if (options && depth < 4) {
    const { oneOf: _a, anyOf: _b, ...rest } = resolved;
    return fc.oneof(
      {
        weight: 9,
        arbitrary: fc.oneof(
          ...options.map((option) =>
            near(
              { ...rest, ...option, properties: { ...(rest.properties as Schema), ...(option.properties as Schema) } },
              root,
              depth + 1,
            ),
          ),
        ),
      },
      { weight: 1, arbitrary: wrong },
    );
  }
  const types = Array.isArray(resolved.type) ? (resolved.type as string[]) : [resolved.type as string | undefined];
  const shaped = types.map((type) => shapedValue(resolved, type, root, depth));
  return fc.oneof({ weight: 40, arbitrary: fc.oneof(...shaped) }, { weight: 1, arbitrary: wrong });
}

function shapedValue(schema: Schema, type: string | undefined, root: Schema, depth: number): fc.Arbitrary<unknown> {
  const constant = schema.const;
  if (constant !== undefined)
    return fc.oneof({ weight: 40, arbitrary: fc.constant(constant) }, { weight: 1, arbitrary: fc.string() });
  if (Array.isArray(schema.enum))
    return fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: fc.string() });
  switch (type) {
    case "integer":
    case "number": {
      const low = (schema.minimum ?? schema.exclusiveMinimum ?? -10) as number;
      const high = (schema.maximum ?? schema.exclusiveMaximum ?? 10) as number;
      const around = fc.integer({ min: Math.floor(low) - 2, max: Math.ceil(high) + 2 });
      const within = fc.double({ min: low - 1, max: high + 1, noNaN: true });
      return type === "integer"
        ? fc.oneof({ weight: 8, arbitrary: around }, { weight: 1, arbitrary: around.map((n) => n + 0.5) })
        : fc.oneof(around, within);
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(near((schema.items as Schema | undefined) ?? {}, root, depth + 1), { maxLength: 3 });
    case "string":
      return stringNear(schema);
    case "object":
    case undefined: {
      if (!schema.properties && !schema.additionalProperties && type === undefined) return fc.jsonValue();
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      // A required field is nearly always there, another one half the time.
      const fields = Object.entries(properties).map(([key, property]) =>
        fc.oneof(
          {
            weight: required.has(key) ? 40 : 1,
            arbitrary: near(property, root, depth + 1).map((value) => [key, value] as const),
          },
          { weight: 1, arbitrary: fc.constant(undefined) },
        ),
      );
      const extra = isObject(schema.additionalProperties)
        ? near(schema.additionalProperties, root, depth + 1)
        : fc.string();
      const more = fc.oneof(
        { weight: 12, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.dictionary(fc.constantFrom("extra", "other"), extra, { minKeys: 1, maxKeys: 1 }) },
      );
      return fc.tuple(fc.tuple(...fields), more).map(([present, added]) => ({
        ...added,
        ...Object.fromEntries(present.filter((field) => field !== undefined)),
      }));
    }
    default:
      return fc.jsonValue();
  }
}

function stringNear(schema: Schema): fc.Arbitrary<string> {
  const candidates: fc.Arbitrary<string>[] = [fc.string({ maxLength: 8 }), fc.constantFrom("db", "app")];
  if (schema.format === "date-time") {
    candidates.push(
      fc
        .date({ min: new Date("1999-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constantFrom(
        "2024-02-29T10:00:00Z",
        "2023-02-29T10:00:00Z",
        "2024-01-01 10:00:00+05",
        "2024-01-01T10:00:00",
        "2016-12-31T23:59:60Z",
        "2024-01-01t10:00:00.5-03:30",
        "2024-01-01\t10:00:00Z",
      ),
    );
  }
  if (schema.format === "date")
    candidates.push(fc.constantFrom("2024-02-29", "2023-02-29", "2024-13-01", "2024-1-01", "2024-04-31"));
  if (schema.format === "uuid")
    candidates.push(fc.uuid(), fc.constantFrom("urn:uuid:8d3ef7f4-0000-4000-8000-000000000001", "8d3ef7f4-0000"));
  if (typeof schema.pattern === "string")
    candidates.push(fc.constantFrom("a=1", "a=1&b=2", "a", "=1", "my-bucket.v2", "UP", "ok.bucket", "2024-02-29"));
  if (typeof schema.maxLength === "number")
    candidates.push(fc.string({ minLength: schema.maxLength - 1, maxLength: schema.maxLength + 1 }));
  candidates.push(fc.constantFrom("", "é😀", "😀😀😀😀😀"));
  return fc.oneof(...candidates);
}

function ref(root: Schema, pointer: string): Schema | undefined {
  let target: unknown = root;
  for (const part of pointer.slice(1).split("/").filter(Boolean)) target = isObject(target) ? target[part] : undefined;
  return isObject(target) ? target : undefined;
}

const isObject = (value: unknown): value is Schema =>
  typeof value === "object" && value !== null && !Array.isArray(value);

describe.each([
  ["a Postgres-like source", POSTGRES_LIKE],
  ["an S3-like destination", S3_LIKE],
])("checking configurations of %s", (_, spec) => {
  const ajvAccepts = connectorSpecCheck(spec);

  it("refuses exactly what Ajv refuses, over generated configurations", () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(near(spec, spec), (configuration) => {
        const problems = specProblems(configuration, spec);
        const valid = ajvAccepts(configuration);
        if (valid) accepted++;
        else refused++;
        // Never a refusal the server would not make; and, with only keywords it reads, every refusal.
        expect({ problems, valid }).toEqual(
          valid ? { problems: [], valid } : { problems: expect.arrayContaining([expect.anything()]), valid },
        );
      }),
      { numRuns: 3000, seed: 20261206 },
    );
    // The generator reaches both sides, so the property says something.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});

describe("checking configurations of every built-in connector of the local server, by its served spec", () => {
  const harness = useLocalServer();

  it("never refuses what Ajv accepts, and refuses what it refuses", async () => {
    const api = harness.admin();
    const workspaceId = harness.local().workspaceId;
    const specs: [string, Schema][] = [];
    for (const definition of (await api.sourceDefinitions.listSourceDefinitions({ workspaceId })).data) {
      const read = await api.config.sourceDefinitionSpecifications.get({
        sourceDefinitionId: definition.id,
        workspaceId,
      });
      if (read.connectionSpecification) specs.push([definition.name, read.connectionSpecification]);
    }
    for (const definition of (await api.destinationDefinitions.listDestinationDefinitions({ workspaceId })).data) {
      const read = await api.config.destinationDefinitionSpecifications.get({
        destinationDefinitionId: definition.id,
        workspaceId,
      });
      if (read.connectionSpecification) specs.push([definition.name, read.connectionSpecification]);
    }
    expect(specs.length).toBeGreaterThan(3);
    for (const [name, spec] of specs) {
      const ajvAccepts = connectorSpecCheck(spec);
      fc.assert(
        fc.property(near(spec, spec), (configuration) => {
          const refused = specProblems(configuration, spec).length > 0;
          // Soundness always; completeness too, as these specs use only keywords the check reads.
          expect({ name, refused }).toEqual({ name, refused: !ajvAccepts(configuration) });
        }),
        { numRuns: 500, seed: 20261206 },
      );
    }
  });
});

describe("what a refusal says", () => {
  const valid = { host: "db", port: 5432, database: "app", username: "loader" };

  it("names each missing, mistyped or out-of-range field by its path, never its value", () => {
    expect(specProblems({ host: "db", port: 70000, database: "", schemas: ["a", 1] }, POSTGRES_LIKE)).toEqual([
      { path: ["username"], message: "is required" },
      { path: ["port"], message: "must be 65536 or less" },
      { path: ["database"], message: "must be at least 1 character(s)" },
      { path: ["schemas", 1], message: "must be a string, not a number" },
    ]);
  });

  it("reports the problems of the option a value names, or the options when it names none", () => {
    expect(specProblems({ ...valid, ssl_mode: { mode: "verify-full" } }, POSTGRES_LIKE)).toEqual([
      { path: ["ssl_mode", "ca_certificate"], message: "is required" },
    ]);
    expect(specProblems({ ...valid, ssl_mode: { mode: "require" } }, POSTGRES_LIKE)).toEqual([
      { path: ["ssl_mode"], message: 'matches none of its options (mode: "disable"; mode: "verify-full")' },
    ]);
    expect(
      specProblems(
        {
          ...valid,
          replication_method: { method: "CDC", replication_slot: "s", publication: "p", initial_waiting_seconds: 10 },
        },
        POSTGRES_LIKE,
      ),
    ).toEqual([{ path: ["replication_method", "initial_waiting_seconds"], message: "must be 120 or more" }]);
  });

  it("lists the fields a closed object has when it meets another", () => {
    expect(specProblems({ bucket: "my-bucket", format: { format_type: "CSV" }, buckt: "x" }, S3_LIKE)).toEqual([
      {
        path: ["buckt"],
        message: "is not a field of this connector (it has: bucket, path_format, part_size_mb, format, uuid)",
      },
    ]);
  });

  it("accepts what it cannot read: remote $refs, unknown formats, keywords outside its set", () => {
    const spec = {
      type: "object",
      properties: {
        a: { $ref: "https://example.com/schema.json" },
        b: { type: "string", format: "hostname" },
        c: { not: { type: "string" } },
        d: { type: "string", pattern: "(?<=a)b(" },
      },
    };
    expect(specProblems({ a: 1, b: "-not a host-", c: "text", d: "zzz" }, spec)).toEqual([]);
  });

  it("follows a $ref cycle no further than any spec nests", () => {
    const spec = {
      definitions: { node: { type: "object", properties: { next: { $ref: "#/definitions/node" } } } },
      $ref: "#/definitions/node",
    };
    let deep: Record<string, unknown> = { next: 1 };
    for (let i = 0; i < 200; i++) deep = { next: deep };
    expect(() => specProblems(deep, spec)).not.toThrow();
  });
});
