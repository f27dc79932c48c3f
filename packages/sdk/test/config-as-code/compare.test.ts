import { describe, expect, it } from "vitest";
import { canonical, compareDesired, SECRET_MASK } from "../../src/config-as-code/compare.js";
import type { Path } from "../../src/config-as-code/file-reader.js";

const setLike = (path: Path) => path.at(-1) === "tags" || path.at(-1) === "selectedFields";

describe("compareDesired", () => {
  it("compares only what the desired value holds: server defaults and added keys are no change", () => {
    expect(
      compareDesired(
        { host: "db", port: 5432, ssl: { mode: "require" } },
        { host: "db", port: 5432, ssl: { mode: "require", added: true }, replication: "standard", timeout: 30 },
      ),
    ).toEqual([]);
  });

  it("reports changed, added and cleared fields by path, objects field by field", () => {
    expect(
      compareDesired(
        { host: "db2", database: "app", ssl: { mode: "verify-full" }, prefix: null },
        { host: "db", ssl: { mode: "require", ca: "x" }, prefix: "raw_" },
      ),
    ).toEqual([
      { path: ["database"], op: "add", after: "app" },
      { path: ["host"], op: "change", before: "db", after: "db2" },
      { path: ["prefix"], op: "remove", before: "raw_" },
      { path: ["ssl", "mode"], op: "change", before: "require", after: "verify-full" },
    ]);
  });

  it("takes null, absent and [] as the same empty list", () => {
    expect(compareDesired({ a: [], b: null, c: [] }, { a: null, b: [], c: undefined })).toEqual([]);
    expect(compareDesired({ a: [] }, { a: ["x"] })).toEqual([{ path: ["a"], op: "remove", before: ["x"] }]);
    expect(compareDesired({ a: ["x"] }, { a: null })).toEqual([{ path: ["a"], op: "add", after: ["x"] }]);
  });

  it("compares set-like lists as sets, and says what was added and removed", () => {
    const rules = { isSet: setLike };
    expect(compareDesired({ tags: ["b", "a"] }, { tags: ["a", "b"] }, rules)).toEqual([]);
    expect(
      compareDesired(
        { selectedFields: [["id"], ["customer", "id"]] },
        { selectedFields: [["customer", "id"], ["id"]] },
        rules,
      ),
    ).toEqual([]);
    expect(compareDesired({ tags: ["a", "c"] }, { tags: ["a", "b"] }, rules)).toEqual([
      { path: ["tags"], op: "set", added: ["c"], removed: ["b"] },
    ]);
  });

  it("keeps order where it means something: primary key components, cursor paths, mappers", () => {
    const rules = { isSet: setLike };
    expect(compareDesired({ primaryKey: [["b"], ["a"]] }, { primaryKey: [["a"], ["b"]] }, rules)).toEqual([
      { path: ["primaryKey"], op: "change", before: [["a"], ["b"]], after: [["b"], ["a"]] },
    ]);
    const mapper = (field: string) => ({ type: "hashing", config: { targetField: field } });
    expect(
      compareDesired({ mappers: [mapper("a"), mapper("b")] }, { mappers: [mapper("b"), mapper("a")] }, rules),
    ).toHaveLength(1);
    // Key order inside an element is not order that means anything.
    expect(compareDesired({ mappers: [{ b: 1, a: 2 }] }, { mappers: [{ a: 2, b: 1 }] }, rules)).toEqual([]);
  });

  it('takes 5432, 5432.0 and, where no spec typed it, "5432" as one value', () => {
    expect(compareDesired({ port: 5432 }, { port: 5432.0 })).toEqual([]);
    expect(compareDesired({ port: "5432" }, { port: 5432 })).toEqual([]);
    expect(compareDesired({ port: 5432 }, { port: "5432" })).toEqual([]);
    expect(compareDesired({ port: "" }, { port: 0 })).toHaveLength(1);
    expect(compareDesired({ flag: true }, { flag: "true" })).toHaveLength(1);
  });

  it("never compares or holds a secret's value: the applied hash decides", () => {
    const isSecret = (path: Path) => path.at(-1) === "password";
    // The server masks it; the hash says it is the one applied.
    expect(
      compareDesired({ password: "s3cret" }, { password: SECRET_MASK }, { isSecret, secretChanged: () => false }),
    ).toEqual([]);
    // The hash says it changed.
    const changed = compareDesired(
      { password: "new" },
      { password: SECRET_MASK },
      { isSecret, secretChanged: () => true },
    );
    expect(changed).toEqual([{ path: ["password"], op: "secret" }]);
    expect(JSON.stringify(changed)).not.toContain("new");
    // No hash (an imported workspace): not compared, so no drift that never ends.
    expect(
      compareDesired({ password: "x" }, { password: SECRET_MASK }, { isSecret, secretChanged: () => undefined }),
    ).toEqual([]);
    // Not set on the server: it will be sent.
    expect(compareDesired({ password: "x" }, {}, { isSecret })).toEqual([{ path: ["password"], op: "secret" }]);
    // A masked value the spec did not mark is a secret too.
    expect(compareDesired({ token: "t" }, { token: SECRET_MASK }, { secretChanged: () => true })).toEqual([
      { path: ["token"], op: "secret" },
    ]);
    // Clearing one says so without the value.
    expect(compareDesired({ password: null }, { password: SECRET_MASK }, { isSecret })).toEqual([
      { path: ["password"], op: "remove", before: SECRET_MASK },
    ]);
  });
});

it("shows no value of a sensitive path (read from the environment), but still compares it", () => {
  const isSensitive = (path: Path) => path.at(-1) === "host";
  expect(compareDesired({ host: "db" }, { host: "db" }, { isSensitive })).toEqual([]);
  const changed = compareDesired({ host: "db-new" }, { host: "db-old" }, { isSensitive });
  expect(changed).toEqual([{ path: ["host"], op: "secret" }]);
  expect(JSON.stringify(changed)).not.toMatch(/db-/);
});

describe("canonical", () => {
  it("is the same text for objects whose keys are in another order, and keeps list order", () => {
    expect(canonical({ b: 1, a: { d: 2, c: 3 } })).toBe(canonical({ a: { c: 3, d: 2 }, b: 1 }));
    expect(canonical([1, 2])).not.toBe(canonical([2, 1]));
  });
});
