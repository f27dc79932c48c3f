import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigFileError } from "../../src/config-as-code/errors.js";
import {
  emptyLockFile,
  formatLockFile,
  lockFilePath,
  readLockFile,
  takeEntry,
  writeLockFile,
} from "../../src/config-as-code/lock-file.js";

const WORKSPACE = "3f2a9c1e-0000-4000-8000-000000000001";
let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "airbyte-ts-lock-"));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe("lock files", () => {
  it("are one per workspace beside the project, and a missing one is empty", async () => {
    const path = lockFilePath(folder, WORKSPACE);
    expect(path).toBe(join(folder, ".airbyte-ts", `${WORKSPACE}.lock.json`));
    expect(await readLockFile(path, WORKSPACE)).toEqual(emptyLockFile(WORKSPACE));
  });

  it("round-trip, written in a stable order with no temporary file left", async () => {
    const path = lockFilePath(folder, WORKSPACE);
    const lock = emptyLockFile(WORKSPACE);
    lock.resources["source.b"] = { id: "s-b", secrets: { '["z"]': "scrypt$1", '["a"]': "scrypt$2" } };
    lock.resources["connection.a"] = { id: "c-a", secrets: {} };
    lock.retiring = [
      { address: "source.b", id: "s-old-2" },
      { address: "connection.a", id: "c-old" },
    ];
    await writeLockFile(path, lock);
    expect(await readLockFile(path, WORKSPACE)).toEqual({
      ...lock,
      resources: { "connection.a": { id: "c-a" }, "source.b": lock.resources["source.b"] },
      retiring: [
        { address: "connection.a", id: "c-old" },
        { address: "source.b", id: "s-old-2" },
      ],
    });
    const text = await readFile(path, "utf8");
    expect(text).toBe(formatLockFile(lock));
    expect(text.indexOf("connection.a")).toBeLessThan(text.indexOf("source.b"));
    expect(text.indexOf('[\\"a\\"]')).toBeLessThan(text.indexOf('[\\"z\\"]'));
    expect(text.endsWith("}\n")).toBe(true);
    expect(await readdir(join(folder, ".airbyte-ts"))).toEqual([`${WORKSPACE}.lock.json`]);
  });

  it.each([
    ["not JSON", "{", /is not valid JSON/],
    [
      "another version",
      JSON.stringify({ version: 2, workspaceId: WORKSPACE, resources: {} }),
      /is not a version 1 lock file/,
    ],
    [
      "another workspace",
      JSON.stringify({ version: 1, workspaceId: "other", resources: {} }),
      /belongs to workspace other, not /,
    ],
    [
      "an unknown kind",
      JSON.stringify({ version: 1, workspaceId: WORKSPACE, resources: { "job.x": { id: "1" } } }),
      /cannot read: "job\.x"/,
    ],
    [
      "an entry without an id",
      JSON.stringify({ version: 1, workspaceId: WORKSPACE, resources: { "source.x": {} } }),
      /cannot read/,
    ],
    [
      "a retiring entry without an id",
      JSON.stringify({ version: 1, workspaceId: WORKSPACE, resources: {}, retiring: [{ address: "source.x" }] }),
      /has a retiring entry it cannot read/,
    ],
    [
      "retiring entries that are no list",
      JSON.stringify({ version: 1, workspaceId: WORKSPACE, resources: {}, retiring: { "source.x": "1" } }),
      /has a retiring entry that is not a list/,
    ],
  ])("refuse %s, saying how to recover", async (_name, text, message) => {
    const path = lockFilePath(folder, WORKSPACE);
    await writeLockFile(path, emptyLockFile(WORKSPACE));
    await writeFile(path, text);
    const error = await readLockFile(path, WORKSPACE).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as ConfigFileError).message).toMatch(message);
    expect((error as ConfigFileError).message).toMatch(/Restore it from version control/);
  });

  it("find a resource by its key, or by a key it was renamed from", () => {
    const lock = emptyLockFile(WORKSPACE);
    lock.resources["source.old"] = { id: "s1" };
    expect(takeEntry(lock, "source.new", ["source.old"])).toEqual({ entry: { id: "s1" }, from: "source.old" });
    lock.resources["source.new"] = { id: "s2" };
    expect(takeEntry(lock, "source.new", ["source.old"])).toEqual({ entry: { id: "s2" }, from: "source.new" });
    expect(takeEntry(lock, "source.other", [])).toBeUndefined();
  });
});
