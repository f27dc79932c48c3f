import { describe, expect, test } from "vitest";
import { InvalidArgumentError, NameNormalizationError, schemaName, tableName } from "airbyte-ts";
import { normalizeName } from "airbyte-ts/datasets";

describe("normalizeName (PyAirbyte's LowerCaseNormalizer cases)", () => {
  const cases: [string, string][] = [
    ["_airbyte_meta", "_airbyte_meta"],
    ["Test_String", "test_string"],
    ["ANOTHER-TEST", "another_test"],
    ["another.test", "another_test"],
    ["sales(%)", "sales___"],
    ["something_-_-_-_else", "something_______else"],
    ["sales (%)", "sales____"],
    ["sales-%", "sales__"],
    ["sales(#)", "sales___"],
    ["sales (#)", "sales____"],
    ["sales--(#)", "sales_____"],
    ["sales-#", "sales__"],
    ["+1", "_1"],
    ["1", "_1"],
    ["2", "_2"],
    ["3", "_3"],
    ["-1", "_1"],
    ["some.col", "some_col"],
    ["a".repeat(60), "a".repeat(60)],
    ["a".repeat(70), "a".repeat(70)],
    ["a".repeat(100), "a".repeat(100)],
  ];
  test.each(cases)("%s -> %s", (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  test.each(["+#$", "+", "", "*", "!@$", "___"])("%j has nothing to keep", (input) => {
    expect(() => normalizeName(input)).toThrow(NameNormalizationError);
    try {
      normalizeName(input);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as NameNormalizationError).input).toBe(input);
      expect((error as Error).message).toContain(JSON.stringify(input));
    }
  });

  test("PostgresNormalizer's cases: truncation to 63, special characters and case", () => {
    expect(normalizeName("a".repeat(60), { maxLength: 63 })).toBe("a".repeat(60));
    expect(normalizeName("a".repeat(70), { maxLength: 63 })).toBe("a".repeat(63));
    expect(normalizeName("a".repeat(100), { maxLength: 63 })).toBe("a".repeat(63));
    expect(normalizeName("Test.String", { maxLength: 63 })).toBe("test_string");
  });

  test("a character outside the BMP becomes one underscore, as in Python", () => {
    expect(normalizeName("caf\u00e9 \u{1F600}x")).toBe("caf___x");
  });

  test("preserveCase keeps upper-case letters", () => {
    expect(normalizeName("My Stream", { preserveCase: true })).toBe("My_Stream");
  });
});

describe("tableName", () => {
  test("applies the connection's prefix before normalizing (PyAirbyte forgets it)", () => {
    expect(tableName("users")).toBe("users");
    expect(tableName("Users", { prefix: "faker_" })).toBe("faker_users");
    expect(tableName("users", { prefix: "Pre-" })).toBe("pre_users");
    expect(tableName("2024 sales", { prefix: "" })).toBe("_2024_sales");
    expect(tableName("sales", { prefix: "1_" })).toBe("_1_sales");
  });

  test("truncates to 63 characters for postgres only", () => {
    const long = "s".repeat(80);
    expect(tableName(long, { destinationType: "postgres" })).toHaveLength(63);
    expect(tableName(long, { prefix: "p_", destinationType: "postgres" })).toBe(`p_${"s".repeat(61)}`);
    expect(tableName(long, { destinationType: "duckdb" })).toHaveLength(80);
    expect(tableName(long, { destinationType: "snowflake" })).toHaveLength(80);
  });

  test("keeps the case of names for bigquery", () => {
    expect(tableName("Users", { prefix: "Raw-", destinationType: "bigquery" })).toBe("Raw_Users");
    expect(tableName("Users", { destinationType: "destination-bigquery" })).toBe("Users");
  });

  test("a prefix and stream with nothing usable throw", () => {
    expect(() => tableName("!!", { prefix: "-" })).toThrow(NameNormalizationError);
  });
});

describe("schemaName (Airbyte's namespace rules)", () => {
  test("destination: the destination's default schema, whatever the stream's namespace", () => {
    expect(schemaName({ namespaceDefinition: "destination", streamNamespace: "sales", defaultSchema: "public" })).toBe(
      "public",
    );
    expect(schemaName({ streamNamespace: "sales", defaultSchema: "main" })).toBe("main");
  });

  test("source: the stream's namespace, or the default when it has none", () => {
    expect(schemaName({ namespaceDefinition: "source", streamNamespace: "Sales-EU", defaultSchema: "public" })).toBe(
      "sales_eu",
    );
    expect(schemaName({ namespaceDefinition: "source", streamNamespace: null, defaultSchema: "public" })).toBe(
      "public",
    );
    expect(schemaName({ namespaceDefinition: "source", streamNamespace: "  ", defaultSchema: "public" })).toBe(
      "public",
    );
  });

  test("custom_format and customformat: ${SOURCE_NAMESPACE} replaced, blank falls back to the default", () => {
    const custom = (namespaceFormat: string | null, streamNamespace?: string) =>
      schemaName({
        namespaceDefinition: "custom_format",
        namespaceFormat,
        streamNamespace: streamNamespace ?? null,
        defaultSchema: "public",
      });
    expect(custom("airbyte_${SOURCE_NAMESPACE}", "crm")).toBe("airbyte_crm");
    expect(custom("${SOURCE_NAMESPACE}_${SOURCE_NAMESPACE}", "a")).toBe("a_a");
    expect(custom("raw_${SOURCE_NAMESPACE}")).toBe("raw_");
    expect(custom("${SOURCE_NAMESPACE}")).toBe("public");
    expect(custom("")).toBe("public");
    expect(custom(null, "crm")).toBe("public");
    expect(custom("Fixed Schema", "crm")).toBe("fixed_schema");
    expect(
      schemaName({
        namespaceDefinition: "customformat",
        namespaceFormat: "x_${SOURCE_NAMESPACE}",
        streamNamespace: "y",
        defaultSchema: "d",
      }),
    ).toBe("x_y");
  });

  test("normalizes the default schema too, per destination", () => {
    expect(schemaName({ defaultSchema: "AIRBYTE_SCHEMA", destinationType: "snowflake" })).toBe("airbyte_schema");
    expect(schemaName({ defaultSchema: "My Dataset", destinationType: "bigquery" })).toBe("My_Dataset");
    expect(schemaName({ defaultSchema: "2024data", destinationType: "bigquery" })).toBe("2024data");
    expect(schemaName({ defaultSchema: "2024data", destinationType: "postgres" })).toBe("_2024data");
    expect(schemaName({ defaultSchema: "n".repeat(70), destinationType: "postgres" })).toHaveLength(63);
  });

  test("an unknown namespace definition is an argument error", () => {
    expect(() => schemaName({ namespaceDefinition: "sideways", defaultSchema: "public" })).toThrow(
      InvalidArgumentError,
    );
  });
});
