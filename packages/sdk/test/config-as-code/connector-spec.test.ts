import { describe, expect, it } from "vitest";
import { typeConfiguration } from "../../src/config-as-code/connector-spec.js";

// The shape of Airbyte's source-postgres spec, cut down to the parts these cases need.
const POSTGRES = {
  type: "object",
  properties: {
    host: { type: "string" },
    port: { type: "integer" },
    database: { type: "string" },
    password: { type: "string", airbyte_secret: true },
    schemas: { type: "array", items: { type: "string" } },
    check_privileges: { type: "boolean" },
    ratio: { type: "number" },
    ssl_mode: {
      type: "object",
      oneOf: [
        { properties: { mode: { type: "string", const: "disable" } } },
        {
          properties: {
            mode: { type: "string", const: "verify-full" },
            ca_certificate: { type: "string", airbyte_secret: true },
            client_key_password: { type: "string", airbyte_secret: true },
          },
        },
      ],
    },
  },
};

describe("typeConfiguration", () => {
  it("converts values the way the spec types them", () => {
    const typed = typeConfiguration(
      { host: "db", port: "5432", database: 123, check_privileges: "false", ratio: "0.5", schemas: [1, "b"] },
      POSTGRES,
      new Map([['["database"]', { line: 1, column: 1, plainText: "0123" }]]),
    );
    expect(typed.value).toEqual({
      host: "db",
      port: 5432,
      // A string per the spec, in the text it was written in.
      database: "0123",
      check_privileges: false,
      ratio: 0.5,
      schemas: ["1", "b"],
    });
  });

  it("takes fields named like secrets as secrets where no spec describes them", () => {
    const typed = typeConfiguration(
      { password: "p", nested: { api_key: "k", host: "h" }, client_secret: "s", port: 1 },
      undefined,
    );
    expect([...typed.secretPaths].sort()).toEqual(['["client_secret"]', '["nested","api_key"]', '["password"]']);
    // Described by the spec and not secret there: the spec decides.
    expect([
      ...typeConfiguration({ tokenizer: "x" }, { type: "object", properties: { tokenizer: { type: "string" } } })
        .secretPaths,
    ]).toEqual([]);
  });

  it("leaves values the spec does not type, or that do not fit the type, as written", () => {
    expect(typeConfiguration({ port: "fifty", extra: "5" }, POSTGRES).value).toEqual({ port: "fifty", extra: "5" });
    expect(typeConfiguration({ port: "5" }, undefined).value).toEqual({ port: "5" });
  });

  it("finds the secrets, inside the oneOf branch the value takes", () => {
    const typed = typeConfiguration(
      { password: "p", ssl_mode: { mode: "verify-full", ca_certificate: "c", client_key_password: "k" } },
      POSTGRES,
    );
    expect([...typed.secretPaths].sort()).toEqual([
      '["password"]',
      '["ssl_mode","ca_certificate"]',
      '["ssl_mode","client_key_password"]',
    ]);
    const disabled = typeConfiguration({ ssl_mode: { mode: "disable" } }, POSTGRES);
    expect([...disabled.secretPaths]).toEqual([]);
  });
});
