/**
 * The DuckDB destination on its own: where `destination_path` leads, the configured schema,
 * and a writer process killed with SIGKILL in the middle of its writes and commits (the file
 * must reopen with exactly what was committed, records and checkpoint together).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { duckdbDestination } from "../src/connectors/destinations/duckdb.js";
import {
  killOnceItPrints,
  numberedRecords as records,
  queryDuckdb as query,
  streamTarget as target,
} from "./helpers/destinations.js";
import type { StreamTarget } from "../src/connectors/protocol.js";

const localDirectory = mkdtempSync(join(tmpdir(), "destination-duckdb-"));
afterAll(() => rmSync(localDirectory, { recursive: true, force: true }));

const DUCKDB_MODULE = fileURLToPath(new URL("../src/connectors/destinations/duckdb.ts", import.meta.url));
const REPOSITORY = fileURLToPath(new URL("../../..", import.meta.url));

describe("where the DuckDB destination writes", () => {
  test("a /local path or a relative one lands in the local directory, in the configured schema", async () => {
    for (const [path, file, schema] of [
      ["/local/nested/a.duckdb", "nested/a.duckdb", undefined],
      ["relative.duckdb", "relative.duckdb", "analytics"],
    ] as const) {
      const writer = await duckdbDestination.open!({
        config: { destination_path: path, ...(schema ? { schema } : {}) },
        streams: [target("placed")],
        localDirectory,
        checkpointScope: "c",
      });
      await writer.write("placed", records(0, 2));
      await writer.commit();
      await writer.finish();
      await writer.close(true);
      const rows = await query(join(localDirectory, file), `SELECT count(*) AS n FROM "${schema ?? "main"}"."placed"`);
      expect(rows).toEqual([{ n: 2 }]);
    }
  });

  test("a stream's own schema (its namespace) wins over the configured one", async () => {
    const writer = await duckdbDestination.open!({
      config: { destination_path: "/local/namespaced.duckdb", schema: "ignored" },
      streams: [target("spaced", { schema: "from_namespace" })],
      localDirectory,
      checkpointScope: "c",
    });
    await writer.write("spaced", records(0, 1));
    await writer.commit();
    await writer.close(true);
    expect(await query(join(localDirectory, "namespaced.duckdb"), `SELECT id FROM from_namespace.spaced`)).toEqual([
      { id: 0 },
    ]);
  });

  test("paths outside /local and MotherDuck are refused, :memory: works for one sync", async () => {
    const open = (destination_path: string) =>
      duckdbDestination.open!({
        config: { destination_path },
        streams: [target("x")],
        localDirectory,
        checkpointScope: "c",
      });
    await expect(open("/etc/out.duckdb")).rejects.toThrow(
      "destination_path=/etc/out.duckdb is not a valid path. A valid path shall start with /local or no / prefix.",
    );
    await expect(open("md:analytics")).rejects.toThrow(/cannot reach MotherDuck/);
    const memory = await open(":memory:");
    await memory.write("x", records(0, 3));
    await memory.commit("m");
    expect(await memory.lastCheckpoint()).toBe("m");
    await memory.close(true);
  });
});

describe("a DuckDB file another process holds", () => {
  test("cannot be written, and the message says why", async () => {
    const file = join(localDirectory, "held.duckdb");
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { DuckDBInstance } = (await import("@duckdb/node-api")).default;
         await DuckDBInstance.create(process.argv[1]);
         process.stdout.write("open\\n");
         setInterval(() => {}, 1000);`,
        file,
      ],
      { cwd: REPOSITORY, stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("open") && resolve());
        holder.once("error", reject);
      });
      await expect(
        duckdbDestination.open!({
          config: { destination_path: "/local/held.duckdb" },
          streams: [target("held")],
          localDirectory,
          checkpointScope: "c",
        }),
      ).rejects.toThrow(
        /^Could not open the DuckDB database .*held\.duckdb: .*Another process has it open; DuckDB lets one process write/s,
      );
    } finally {
      holder.kill("SIGKILL");
    }
  });
});

// ---------------------------------------------------------------------------------------------
// A writer killed with SIGKILL

/**
 * The child writes 1,000 records and commits them, then loops: in `commits` mode it writes
 * 500 more and commits them under `batch-<n>`; in `uncommitted` mode it only writes. It says
 * "running" once the loop has started, and is killed while it goes.
 */
const CHILD = `
import { randomUUID } from "node:crypto";
const { duckdbDestination } = await import(process.env.DUCKDB_MODULE);
const [config, stream, mode] = JSON.parse(process.argv[1]);
const records = (from, count) => Array.from({ length: count }, (_, i) => ({
  rawId: randomUUID(), extractedAt: Date.now(), data: { id: from + i, name: "row " + (from + i) }, meta: { changes: [], sync_id: 1 },
}));
const writer = await duckdbDestination.open({ config, streams: [stream], localDirectory: process.env.LOCAL_DIRECTORY, checkpointScope: "killed" });
await writer.write(stream.key, records(0, 1000));
await writer.commit("first");
let next = 1000;
for (let batch = 0; ; batch++) {
  await writer.write(stream.key, records(next, 500));
  next += 500;
  if (mode === "commits") await writer.commit("batch-" + batch);
  process.stdout.write("batch " + batch + "\\n");
}
`;

function startWriter(file: string, stream: StreamTarget, mode: "commits" | "uncommitted"): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      CHILD,
      JSON.stringify([{ destination_path: `/local/${file}` }, stream, mode]),
    ],
    {
      cwd: REPOSITORY,
      env: { ...process.env, DUCKDB_MODULE, LOCAL_DIRECTORY: localDirectory },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return child;
}

describe("a DuckDB writer killed with SIGKILL", () => {
  test("mid-write: the file reopens with the committed rows only", async () => {
    const stream = target("killed_writes");
    // Four batches of 500 written after the commit, none committed, when it dies.
    await killOnceItPrints(startWriter("killed-writes.duckdb", stream, "uncommitted"), "batch 3");
    const file = join(localDirectory, "killed-writes.duckdb");
    expect(await query(file, `SELECT count(*) AS n, max(id) AS top FROM main.killed_writes`)).toEqual([
      { n: 1000, top: 999 },
    ]);

    // The next attempt carries on from there.
    const writer = await duckdbDestination.open!({
      config: { destination_path: "/local/killed-writes.duckdb" },
      streams: [stream],
      localDirectory,
      checkpointScope: "killed",
    });
    expect(await writer.lastCheckpoint()).toBe("first");
    await writer.write(stream.key, records(1000, 10));
    await writer.commit("after");
    await writer.close(true);
    expect(await query(file, `SELECT count(*) AS n FROM main.killed_writes`)).toEqual([{ n: 1010 }]);
  });

  test("mid-commits: records and their checkpoint are always committed together", async () => {
    const stream = target("killed_commits");
    await killOnceItPrints(startWriter("killed-commits.duckdb", stream, "commits"), "batch 3");
    const file = join(localDirectory, "killed-commits.duckdb");
    expect(existsSync(file)).toBe(true);
    const [{ n }] = (await query(file, `SELECT count(*) AS n FROM main.killed_commits`)) as [{ n: number }];
    const checkpoint = await query(
      file,
      `SELECT checkpoint_id FROM airbyte_internal._airbyte_checkpoints WHERE scope = 'killed'`,
    );
    // It printed "batch 3" after committing batch 3, so at least four batches are in.
    const batches = (n - 1000) / 500;
    expect(Number.isInteger(batches) && batches >= 4).toBe(true);
    expect(checkpoint).toEqual([{ checkpoint_id: `batch-${batches - 1}` }]);
    expect(await query(file, `SELECT count(DISTINCT id) AS n FROM main.killed_commits`)).toEqual([{ n }]);
  });

  test("during a full refresh overwrite: the old table stays whole", async () => {
    const stream = target("killed_overwrite", { syncMode: "full_refresh", destinationSyncMode: "overwrite" });
    const first = await duckdbDestination.open!({
      config: { destination_path: "/local/killed-overwrite.duckdb" },
      streams: [stream],
      localDirectory,
      checkpointScope: "killed",
    });
    await first.write(stream.key, records(0, 42));
    await first.commit();
    await first.finish();
    await first.close(true);
    await killOnceItPrints(startWriter("killed-overwrite.duckdb", stream, "commits"), "batch 3");
    const file = join(localDirectory, "killed-overwrite.duckdb");
    expect(await query(file, `SELECT count(*) AS n, max(id) AS top FROM main.killed_overwrite`)).toEqual([
      { n: 42, top: 41 },
    ]);
  });
});
