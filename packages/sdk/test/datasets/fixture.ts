/**
 * One typed table as a sync writes it (Airbyte's final-table layout: the stream's columns plus
 * `_airbyte_raw_id`, `_airbyte_extracted_at`, `_airbyte_meta`, `_airbyte_generation_id`), in the
 * DuckDB and Postgres dialects, and the rows both must read back as: the same objects.
 */

export type Dialect = "duckdb" | "postgres";

const types = {
  duckdb: { text: "VARCHAR", json: "JSON", double: "DOUBLE" },
  postgres: { text: "TEXT", json: "JSONB", double: "DOUBLE PRECISION" },
} as const;

/** CREATE TABLE and INSERT statements for `<schema>.<table>`. */
export function typedTableSql(dialect: Dialect, qualifiedTable: string): string[] {
  const t = types[dialect];
  return [
    `CREATE TABLE ${qualifiedTable} (
      "id" BIGINT,
      "name" ${t.text},
      "score" ${t.double},
      "active" BOOLEAN,
      "created_at" TIMESTAMP WITH TIME ZONE,
      "birthday" DATE,
      "address" ${t.json},
      "tags" ${t.json},
      "big" BIGINT,
      "_airbyte_raw_id" ${t.text} NOT NULL,
      "_airbyte_extracted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "_airbyte_meta" ${t.json} NOT NULL,
      "_airbyte_generation_id" BIGINT
    )`,
    `INSERT INTO ${qualifiedTable} VALUES
      (1, 'Ada', 1.5, true, '2024-01-02 03:04:05.123456+00', '1990-05-06', '{"city": "Paris", "zip": "75001"}', '["a", "b"]',
       9007199254740993, '0f8fad5b-d9cb-469f-a165-70867728950e', '2024-06-01 00:00:00+00', '{"changes": [], "sync_id": 7}', 7),
      (2, NULL, NULL, false, '1969-12-31 23:59:59.999+00', NULL, NULL, '[]',
       -42, '7c9e6679-7425-40de-944b-e07fc1f90ae7', '2024-06-01 00:00:00.5+02:00',
       '{"changes": [{"field": "score", "change": "NULLED", "reason": "DESTINATION_TYPECAST_ERROR"}], "sync_id": 7}', 7)`,
  ];
}

export const EXPECTED_COLUMNS = [
  "id",
  "name",
  "score",
  "active",
  "created_at",
  "birthday",
  "address",
  "tags",
  "big",
  "_airbyte_raw_id",
  "_airbyte_extracted_at",
  "_airbyte_meta",
  "_airbyte_generation_id",
];

export const EXPECTED_ROWS = [
  {
    id: 1,
    name: "Ada",
    score: 1.5,
    active: true,
    created_at: "2024-01-02T03:04:05.123456Z",
    birthday: "1990-05-06",
    address: { city: "Paris", zip: "75001" },
    tags: ["a", "b"],
    big: 9007199254740993n,
    _airbyte_raw_id: "0f8fad5b-d9cb-469f-a165-70867728950e",
    _airbyte_extracted_at: "2024-06-01T00:00:00.000Z",
    _airbyte_meta: { changes: [], sync_id: 7 },
    _airbyte_generation_id: 7,
  },
  {
    id: 2,
    name: null,
    score: null,
    active: false,
    created_at: "1969-12-31T23:59:59.999Z",
    birthday: null,
    address: null,
    tags: [],
    big: -42,
    _airbyte_raw_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    _airbyte_extracted_at: "2024-05-31T22:00:00.500Z",
    _airbyte_meta: {
      changes: [{ field: "score", change: "NULLED", reason: "DESTINATION_TYPECAST_ERROR" }],
      sync_id: 7,
    },
    _airbyte_generation_id: 7,
  },
];

/** Rows of the large table: `id`, a payload of about 1 KB, and the Airbyte columns. */
export const LARGE_ROW_COUNT = 200_000;
export const PAYLOAD_BYTES = 1000;

let collect: (() => void) | undefined;

/** Heap in use after a full collection, to tell retained memory from garbage not yet collected. */
export async function retainedHeap(): Promise<number> {
  if (!collect) {
    const { setFlagsFromString } = await import("node:v8");
    const { runInNewContext } = await import("node:vm");
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as () => void;
  }
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/** Types syncs do not write but tables may hold: each must read the same from both databases. */
export function otherTypesSql(dialect: Dialect, qualifiedTable: string): string[] {
  const blob = dialect === "duckdb" ? "BLOB" : "BYTEA";
  return [
    `CREATE TABLE ${qualifiedTable} (
      "local_time" TIMESTAMP,
      "clock" TIME,
      "amount" DECIMAL(10, 2),
      "duration" INTERVAL,
      "bytes" ${blob},
      "forever" TIMESTAMP WITH TIME ZONE,
      "ancient" TIMESTAMP WITH TIME ZONE,
      "counts" BIGINT[]
    )`,
    `INSERT INTO ${qualifiedTable} VALUES (
      '2024-01-02 03:04:05.5', '13:14:15.25', 12.34, INTERVAL '1 year 2 months 3 days 4 hours 5 minutes 6.5 seconds',
      'hi', 'infinity', '1901-02-03 04:05:06.000007+00', ARRAY[1, 9007199254740993]
    )`,
  ];
}

export const EXPECTED_OTHER_ROW = {
  local_time: "2024-01-02T03:04:05.500",
  clock: "13:14:15.250",
  amount: 12.34,
  duration: "P1Y2M3DT4H5M6.5S",
  bytes: "aGk=",
  forever: "infinity",
  ancient: "1901-02-03T04:05:06.000007Z",
  counts: [1, 9007199254740993n],
};
