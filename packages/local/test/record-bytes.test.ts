import { expect, test } from "vitest";
import { recordBytes } from "../src/engine/sync/record-bytes.js";

test("a record's bytes are its JSON length, bigints counted as JSON numbers", () => {
  const plain = { id: 1, name: "Ada", tags: ["a"], nested: { ok: true } };
  expect(recordBytes(plain)).toBe(JSON.stringify(plain).length);
  const big = { id: 2n ** 63n - 1n, nested: { also: -(2n ** 60n) }, list: [1n], name: "x" };
  const asNumbers = '{"id":9223372036854775807,"nested":{"also":-1152921504606846976},"list":[1],"name":"x"}';
  expect(recordBytes(big)).toBe(asNumbers.length);
});
