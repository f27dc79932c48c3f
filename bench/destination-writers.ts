/**
 * Destination writers: 1,000,000 faker `users` records (the faker source's own generator and
 * schema, 17 columns with two timestamps and an address object) written through
 * `DestinationConnector.open` into a DuckDB file and a throwaway PostgreSQL cluster, as the
 * engine writes them for faker's defaults: full refresh in batches of 1,000 committed at the
 * end; incremental streams in slices of 1,000 records, each committed with its checkpoint.
 * Each mode is timed from `open` to `close`; making the records is measured apart and left out.
 *
 * Run: node --import tsx bench/destination-writers.ts [rows]
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DestinationRecord, StreamTarget } from "../packages/local/src/connectors/protocol.js";
import { duckdbDestination } from "../packages/local/src/connectors/destinations/duckdb.js";
import { postgresDestination } from "../packages/local/src/connectors/destinations/postgres.js";
import type { DestinationConnector } from "../packages/local/src/connectors/types.js";
import { benchPostgres, userBatch, usersColumns } from "./support.js";

const ROWS = Number(process.argv[2] ?? 1_000_000);
/** The engine's batch size. */
const BATCH = 1_000;
/** Faker's `records_per_slice` default: a state message, so a commit, every this many records. */
const SLICE = 1_000;

type Mode = Pick<StreamTarget, "syncMode" | "destinationSyncMode">;
const MODES: Mode[] = [
  { syncMode: "full_refresh", destinationSyncMode: "overwrite" },
  { syncMode: "incremental", destinationSyncMode: "append" },
  { syncMode: "incremental", destinationSyncMode: "append_dedup" },
];

/** The faker source's users (ids from 0: firstId + 1 ...), as the engine hands them to a writer. */
function batch(firstId: number, size: number): DestinationRecord[] {
  const meta = { changes: [], sync_id: 1 };
  return userBatch(firstId + 1, size).map((user) => ({
    rawId: randomUUID(),
    extractedAt: Date.now(),
    data: user,
    meta,
  }));
}

async function timeGeneration(): Promise<number> {
  const started = performance.now();
  for (let first = 0; first < ROWS; first += BATCH) batch(first, Math.min(BATCH, ROWS - first));
  return performance.now() - started;
}

async function timeWrites(
  destination: DestinationConnector,
  config: Record<string, unknown>,
  localDirectory: string,
  target: StreamTarget,
): Promise<number> {
  let generating = 0;
  const incremental = target.syncMode === "incremental";
  const size = incremental ? SLICE : BATCH;
  const started = performance.now();
  const writer = await destination.open!({ config, streams: [target], localDirectory, checkpointScope: "bench" });
  for (let first = 0; first < ROWS; first += size) {
    const made = performance.now();
    const records = batch(first, Math.min(size, ROWS - first));
    generating += performance.now() - made;
    await writer.write(target.key, records);
    if (incremental) await writer.commit(`checkpoint-${first}`);
  }
  await writer.commit();
  await writer.finish();
  await writer.close(true);
  return performance.now() - started - generating;
}

async function main(): Promise<void> {
  const columns = await usersColumns();
  const localDirectory = mkdtempSync(join(tmpdir(), "bench-destinations-"));
  const postgres = await benchPostgres();
  const rate = (ms: number) => Math.round(ROWS / (ms / 1000)).toLocaleString("en-US");
  try {
    console.log(
      `${ROWS.toLocaleString("en-US")} users records, Node ${process.version}, ${process.execArgv.join(" ")}`,
    );
    console.log(`making the records alone: ${(await timeGeneration()).toFixed(0)} ms (left out below)`);
    const destinations: [string, DestinationConnector, Record<string, unknown>][] = [
      ["duckdb", duckdbDestination, { destination_path: "/local/bench.duckdb" }],
      ["postgres", postgresDestination, postgres.connectorConfig()],
    ];
    for (const [name, destination, config] of destinations) {
      for (const mode of MODES) {
        const table = `users_${mode.destinationSyncMode}`;
        const target: StreamTarget = {
          key: table,
          stream: { name: table },
          schema: "",
          table,
          columns,
          ...mode,
          primaryKey: [["id"]],
          cursorField: ["updated_at"],
          generationId: 1,
        };
        const ms = await timeWrites(destination, config, localDirectory, target);
        console.log(
          `${name.padEnd(9)} ${`${mode.syncMode} ${mode.destinationSyncMode}`.padEnd(26)} ${(ms / 1000).toFixed(2)} s  ${rate(ms)} rows/s`,
        );
      }
    }
    console.log(`DuckDB file: ${(statSync(join(localDirectory, "bench.duckdb")).size / 1e6).toFixed(0)} MB`);
    // maxRSS is in kilobytes; the whole run stays near one batch's worth plus DuckDB's buffers.
    console.log(`peak memory of this process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  } finally {
    await postgres.close();
    rmSync(localDirectory, { recursive: true, force: true });
  }
}

await main();
