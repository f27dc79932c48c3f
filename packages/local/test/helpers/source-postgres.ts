/**
 * The Postgres source's test database: a table with a column of every type the source maps,
 * a view, a table without a primary key, a second schema, and the records the source must
 * read from them, in Airbyte's formats.
 */
import type { PostgresServer } from "@airbyte-ts/test-support/postgres";

const EVERY_TYPE_SQL = `
CREATE TABLE public.every_type (
  id serial PRIMARY KEY,
  small smallint, whole integer, big bigint, amount numeric(12,4), precise numeric, price money,
  ratio real, wide double precision, flag boolean, label text, code varchar(10), letters char(3),
  born date, seen_at timestamp, seen_tz timestamptz, at_time time, at_timetz timetz,
  doc json, docb jsonb, tags text[], scores integer[], raw bytea, uid uuid, span interval
);
INSERT INTO public.every_type (small, whole, big, amount, precise, price, ratio, wide, flag, label, code, letters,
  born, seen_at, seen_tz, at_time, at_timetz, doc, docb, tags, scores, raw, uid, span)
VALUES (-32768, 2147483647, 9007199254740993, 12345.6789, 3.141592653589793238462643383279, 1234.56,
  1.5, 2.718281828459045, true, 'héllo 世界 🌍 "quoted"', 'abc', 'ab',
  '2024-02-29', '2024-03-01 12:34:56.789012', '2024-03-01 12:34:56.5+02', '23:59:59.25', '10:00:00+02',
  '{"a": [1, 2, {"b": null}]}', '{"k": "v", "n": 1.5}', ARRAY['a', 'b c', NULL], ARRAY[1, 2, 3], '\\x00ff10',
  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '1 day 02:03:04');
INSERT INTO public.every_type (id) VALUES (2);
SELECT setval('every_type_id_seq', 2);
CREATE VIEW public.flags AS SELECT id, flag FROM public.every_type;
CREATE TABLE public.no_key (name text NOT NULL, n integer);
INSERT INTO public.no_key VALUES ('x', 1), ('y', NULL);
CREATE SCHEMA shop;
CREATE TABLE shop.orders (id bigint, region text, PRIMARY KEY (region, id));
`;

export async function createSourceTables(server: PostgresServer): Promise<void> {
  await server.query(EVERY_TYPE_SQL);
}

/** The first row of every_type as the source reads it. */
export const FULL_ROW = {
  id: 1,
  small: -32768,
  whole: 2147483647,
  big: "9007199254740993",
  amount: 12345.6789,
  precise: "3.141592653589793238462643383279",
  price: 1234.56,
  ratio: 1.5,
  wide: 2.718281828459045,
  flag: true,
  label: 'héllo 世界 🌍 "quoted"',
  code: "abc",
  letters: "ab ",
  born: "2024-02-29",
  seen_at: "2024-03-01T12:34:56.789012",
  seen_tz: "2024-03-01T10:34:56.500000Z",
  at_time: "23:59:59.250000",
  at_timetz: "10:00:00.000000+02:00",
  doc: { a: [1, 2, { b: null }] },
  docb: { k: "v", n: 1.5 },
  tags: ["a", "b c", null],
  scores: [1, 2, 3],
  raw: "AP8Q",
  uid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
  span: "1 day 02:03:04",
};

/** The second row: only its id. */
export const NULL_ROW = Object.fromEntries(Object.keys(FULL_ROW).map((name) => [name, name === "id" ? 2 : null]));
