/**
 * How destinations type columns and shape values: JSON Schema to column kinds, the coercions
 * that turn a misfit into NULL plus an `_airbyte_meta` change, and exact timestamps.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { columnKind, kindOfSqlType } from "../src/connectors/destinations/sql/column-types.js";
import {
  COERCIONS,
  DOES_NOT_FIT,
  formatDate,
  formatTimestamp,
  jsonText,
  parseDateDays,
  parseTimestampMicros,
} from "../src/connectors/destinations/sql/column-values.js";
import { encodeRecords, layoutColumns } from "../src/connectors/destinations/sql/record-encoding.js";

describe("column kinds", () => {
  test("follow Airbyte's typing of JSON Schemas", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: "integer" }, "integer"],
      [{ type: ["null", "integer"] }, "integer"],
      [{ type: "number" }, "number"],
      [{ type: "number", airbyte_type: "integer" }, "integer"],
      [{ type: "boolean" }, "boolean"],
      [{ type: "string" }, "string"],
      [{ type: ["string", "null"] }, "string"],
      [{ type: "string", format: "date-time" }, "timestamptz"],
      [{ type: ["null", "string"], format: "date-time", airbyte_type: "timestamp_with_timezone" }, "timestamptz"],
      [{ type: "string", format: "date" }, "date"],
      [{ type: "object", properties: {} }, "json"],
      [{ type: "array", items: { type: "string" } }, "json"],
      [{ type: ["string", "integer"] }, "json"],
      [{ type: ["null", "string", "integer"] }, "json"],
      [{ oneOf: [{ type: "string" }, { type: "integer" }] }, "json"],
      [{ anyOf: [{ type: "string" }] }, "json"],
      [{}, "json"],
      [{ type: "null" }, "json"],
    ];
    for (const [schema, kind] of cases) expect(columnKind(schema), JSON.stringify(schema)).toBe(kind);
  });

  test("existing columns keep the kind of their database type", () => {
    expect(kindOfSqlType("BIGINT")).toBe("integer");
    expect(kindOfSqlType("bigint")).toBe("integer");
    expect(kindOfSqlType("double precision")).toBe("number");
    expect(kindOfSqlType("DOUBLE")).toBe("number");
    expect(kindOfSqlType("timestamp with time zone")).toBe("timestamptz");
    expect(kindOfSqlType("jsonb")).toBe("json");
    expect(kindOfSqlType("JSON")).toBe("json");
    expect(kindOfSqlType("date")).toBe("date");
    expect(kindOfSqlType("character varying")).toBe("string");
    // Types the writer never makes are written as text, which the database converts.
    expect(kindOfSqlType("integer")).toBe("string");
    expect(kindOfSqlType("numeric")).toBe("string");
  });
});

describe("coercions", () => {
  test("keep values that fit and refuse the others", () => {
    expect(COERCIONS.integer(42)).toBe(42);
    expect(COERCIONS.integer(-9007199254740993n)).toBe(-9007199254740993n);
    for (const misfit of ["42", 4.5, true, 2 ** 63, 2n ** 63n, { a: 1 }]) {
      expect(COERCIONS.integer(misfit), String(misfit)).toBe(DOES_NOT_FIT);
    }
    expect(COERCIONS.number(4.5)).toBe(4.5);
    expect(COERCIONS.number(7n)).toBe(7);
    expect(COERCIONS.number("4.5")).toBe(DOES_NOT_FIT);
    expect(COERCIONS.boolean(false)).toBe(false);
    expect(COERCIONS.boolean("true")).toBe(DOES_NOT_FIT);
    expect(COERCIONS.date("2024-02-29")).toBe(19782);
    expect(COERCIONS.date("2023-02-29")).toBe(DOES_NOT_FIT);
    expect(COERCIONS.date(20240229)).toBe(DOES_NOT_FIT);
    expect(COERCIONS.timestamptz("nope")).toBe(DOES_NOT_FIT);
    expect(COERCIONS.timestamptz(1_700_000_000)).toBe(DOES_NOT_FIT);
  });

  test("any JSON value fits a string column, as its JSON text", () => {
    expect(COERCIONS.string("plain")).toBe("plain");
    expect(COERCIONS.string(12)).toBe("12");
    expect(COERCIONS.string({ a: [1, "b"] })).toBe('{"a":[1,"b"]}');
    expect(COERCIONS.string(false)).toBe("false");
  });

  test("JSON columns hold JSON text, bigints as numbers", () => {
    expect(COERCIONS.json({ a: 1 })).toBe('{"a":1}');
    expect(COERCIONS.json("text")).toBe('"text"');
    expect(jsonText({ big: 12345678901234567890n, list: [-1n] })).toBe('{"big":12345678901234567890,"list":[-1]}');
    expect(jsonText({ note: "\u0000bigint:1" })).toBe('{"note":"\\u0000bigint:1"}');
  });
});

describe("timestamps", () => {
  const micros = (iso: string, extra = 0) => BigInt(Date.parse(iso)) * 1000n + BigInt(extra);

  test("parse ISO-8601 forms to exact microseconds", () => {
    expect(parseTimestampMicros("2024-03-05T10:11:12Z")).toBe(micros("2024-03-05T10:11:12Z"));
    expect(parseTimestampMicros("2024-03-05T10:11:12.123456Z")).toBe(micros("2024-03-05T10:11:12.123Z", 456));
    expect(parseTimestampMicros("2024-03-05T10:11:12.1Z")).toBe(micros("2024-03-05T10:11:12.100Z"));
    expect(parseTimestampMicros("2024-03-05T10:11:12.123456789Z")).toBe(micros("2024-03-05T10:11:12.123Z", 456));
    expect(parseTimestampMicros("2024-03-05 10:11:12+02:00")).toBe(micros("2024-03-05T08:11:12Z"));
    expect(parseTimestampMicros("2024-03-05T10:11:12-0530")).toBe(micros("2024-03-05T15:41:12Z"));
    expect(parseTimestampMicros("2024-03-05T10:11:12+02")).toBe(micros("2024-03-05T08:11:12Z"));
    expect(parseTimestampMicros("2024-03-05T10:11")).toBe(micros("2024-03-05T10:11:00Z"));
    expect(parseTimestampMicros("2024-03-05t10:11:12,5 z")).toBe(micros("2024-03-05T10:11:12.500Z"));
    expect(parseTimestampMicros("2024-03-05")).toBe(micros("2024-03-05T00:00:00Z"));
    expect(parseTimestampMicros("1969-12-31T23:59:59.999999Z")).toBe(-1n);
    expect(parseTimestampMicros("0001-01-01T00:00:00Z")).toBe(micros("0001-01-01T00:00:00Z"));
    expect(parseTimestampMicros("9999-12-31T23:59:59.999999Z")).toBe(micros("9999-12-31T23:59:59.999Z", 999));
  });

  test("refuse what is not a timestamp", () => {
    for (const text of [
      "",
      "2024",
      "2024-13-01T00:00:00Z",
      "2024-02-30T00:00:00Z",
      "0000-01-01T00:00:00Z",
      "2024-01-01T24:00:00Z",
      "2024-01-01T10:60:00Z",
      "2024-01-01T10:00:60Z",
      "2024-01-01T10:00:00.Z",
      "2024-01-01T10:00:00.1234567890Z",
      "2024-01-01T10:00:00+16:00",
      "2024-01-01T10:00:00+05:30:00",
      "2024-01-01T10:00:00 UTC",
      "2024-01-01X10:00:00",
      "2024-01-01T1:00:00",
      " 2024-01-01T10:00:00Z",
      "yesterday",
    ]) {
      expect(parseTimestampMicros(text), text).toBeUndefined();
    }
  });

  test("format back to the same instant, every microsecond kept", () => {
    expect(formatTimestamp(micros("2024-03-05T10:11:12.123Z", 456))).toBe("2024-03-05 10:11:12.123456+00");
    expect(formatTimestamp(-1n)).toBe("1969-12-31 23:59:59.999999+00");
    expect(formatTimestamp(micros("0001-01-01T00:00:00Z"))).toBe("0001-01-01 00:00:00.000000+00");
    for (let day = -719_162; day <= 2_932_896; day += 9_973) {
      expect(parseDateDays(formatDate(day))).toBe(day);
    }
    const someInstants = [0n, 1n, 951782400000000n, 253402300799999999n, -62135596800000000n];
    for (const instant of someInstants)
      expect(parseTimestampMicros(formatTimestamp(instant).replace("+00", "Z"))).toBe(instant);
  });
});

describe("encoded records", () => {
  test("carry the _airbyte_* columns first and record each value that did not fit", () => {
    const layout = {
      dataColumns: [
        { name: "id", kind: "integer" as const },
        { name: "at", kind: "timestamptz" as const },
        { name: "tags", kind: "json" as const },
      ],
      generationId: 7,
      withSequence: true,
    };
    expect(layoutColumns(layout).map((c) => c.name)).toEqual([
      "_airbyte_raw_id",
      "_airbyte_extracted_at",
      "_airbyte_meta",
      "_airbyte_generation_id",
      "id",
      "at",
      "tags",
      "_airbyte_write_sequence",
    ]);
    const rawId = randomUUID();
    const sourceChange = { field: "tags", change: "TRUNCATED", reason: "SOURCE_FIELD_SIZE_LIMITATION" };
    const batch = encodeRecords(
      layout,
      [
        {
          rawId,
          extractedAt: 1_700_000_000_123,
          data: { id: "x", at: "bad", tags: null },
          meta: { changes: [sourceChange], sync_id: 7 },
        },
        { rawId, extractedAt: 1_700_000_000_000, data: { id: 2 }, meta: { changes: [], sync_id: 7 } },
      ],
      100,
    );
    expect(batch.rowCount).toBe(2);
    expect(batch.columns.map((column) => column[0])).toEqual([
      rawId,
      1_700_000_000_123_000n,
      JSON.stringify({
        sync_id: 7,
        changes: [
          sourceChange,
          { field: "id", change: "NULLED", reason: "DESTINATION_TYPECAST_ERROR" },
          { field: "at", change: "NULLED", reason: "DESTINATION_TYPECAST_ERROR" },
        ],
      }),
      7,
      null,
      null,
      null,
      100,
    ]);
    expect(batch.columns.map((column) => column[1])).toEqual([
      rawId,
      1_700_000_000_000_000n,
      '{"sync_id":7,"changes":[]}',
      7,
      2,
      null,
      null,
      101,
    ]);
  });
});
