/**
 * Sync throughput: faker `users` -> DuckDB and faker `users` -> Postgres, 1,000,000 records, a
 * full sync through the local server (job created through the SDK, attempt in the forked
 * worker), beside the ceiling measured in the same run: the same rows written straight with the
 * driver's bulk path, DuckDB's appender (data chunks) and Postgres' `COPY ... FROM STDIN`, no
 * engine in between. Rounds alternate ceiling and engine for each destination, so both see the
 * same machine load.
 *
 * Ceiling: the rows are the faker source's own (its generator, seed 7), with the four
 * `_airbyte_*` columns the engine adds (a random UUID, the extraction time, the meta JSON, the
 * generation), into a table of the same column types as the engine's final table, in one
 * transaction, DuckDB with the writer's memory limit. Generating the users is timed apart and
 * left out of the ceiling; turning them into the driver's values (timestamps parsed, the address
 * as JSON text, COPY's text lines) is in it. The engine's figure includes everything: the source
 * generating the records, the worker's batches, the writer, the commit and the swap of the
 * staging table, the fork of the worker and its connection.
 *
 * CPU time is reported beside wall time (per record, in microseconds): this process (the
 * ceiling's code, or the local server), the sync worker, PostgreSQL. On a machine shared with
 * other work, wall times move with the load; CPU times much less.
 *
 * Run: node --import tsx bench/sync-throughput.ts [records] [rounds]   (after `npm run build`:
 * the worker runs from packages/local/dist)
 */
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BIGINT,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTimestampTZValue,
  type DuckDBType,
  TIMESTAMPTZ,
  VARCHAR,
} from "@duckdb/node-api";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { AirbyteApi, type Config, selfManaged } from "airbyte-ts";
import { type LocalServer, startLocalServer } from "@airbyte-ts/local";
import {
  type ColumnKind,
  columnKind,
  DUCKDB_TYPES,
  POSTGRES_TYPES,
} from "../packages/local/src/connectors/destinations/sql/column-types.js";
import {
  type BenchPostgres,
  benchPostgres,
  type Measured,
  measure,
  SEED,
  type User,
  userBatch,
  usersColumns,
} from "./support.js";

const DEFAULT_RECORDS = 1_000_000;
const DEFAULT_ROUNDS = 3;
/** DuckDB's vector size: rows per data chunk. */
const CHUNK_ROWS = 2048;
/** Rows per string written to the COPY stream. */
const COPY_PIECE_ROWS = 1000;
/** The DuckDB writer's memory limit (duckdb-session.ts). */
const DUCKDB_MEMORY_LIMIT = "256MB";

type Destination = "duckdb" | "postgres";
const DESTINATIONS: Destination[] = ["duckdb", "postgres"];

/** CPU time per record, in microseconds. */
interface CpuPerRecord {
  /** This process: the ceiling's code, or the local server during a sync. */
  bench: number;
  /** The sync worker (engine runs only). */
  worker?: number;
  /** PostgreSQL's processes (Postgres runs only). */
  postgres?: number;
}

interface CeilingRun {
  /** Writing, generation left out. */
  ms: number;
  generationMs: number;
  recordsPerSecond: number;
  /** Generation left out of this process's figure. */
  cpuMicrosPerRecord: CpuPerRecord;
  peakRssMb: number;
}

interface EngineRun {
  recordsCommitted: number;
  /** From the job's creation to the client seeing it succeed (polled every 100 ms). */
  jobMs: number;
  recordsPerSecond: number;
  /** The attempt, as its logs time it: from "Starting sync" to "The sync succeeded" (fork and connect included). */
  attemptMs: number;
  /** From the stream's first record to its totals, after the final commit: the worker's own copy time. */
  streamMs: number;
  cpuMicrosPerRecord: CpuPerRecord;
  /** "Peak memory of the sync worker", from the attempt's log. */
  workerPeakMb: number;
  /** Peak RSS of this process (the local server) during the sync. */
  serverPeakRssMb: number;
}

interface Round {
  ceiling: CeilingRun;
  engine: EngineRun;
  /** Engine records/s over ceiling records/s. */
  ratio: number;
}

// ---------------------------------------------------------------------------------------------
// The rows, as both ceilings write them

interface TableColumn {
  name: string;
  kind: ColumnKind;
  required: boolean;
}

/** The engine's final table: `_airbyte_*` columns, then the stream's, typed by the same rules. */
export async function tableLayout(): Promise<TableColumn[]> {
  const airbyte: TableColumn[] = [
    { name: "_airbyte_raw_id", kind: "string", required: true },
    { name: "_airbyte_extracted_at", kind: "timestamptz", required: true },
    { name: "_airbyte_meta", kind: "json", required: true },
    { name: "_airbyte_generation_id", kind: "integer", required: false },
  ];
  const data = (await usersColumns()).map(({ name, schema }) => ({ name, kind: columnKind(schema), required: false }));
  return [...airbyte, ...data];
}

function createTable(layout: TableColumn[], types: Record<ColumnKind, string>, table: string): string {
  const columns = layout.map(
    (column) =>
      `"${column.name}" ${column.name === "_airbyte_raw_id" ? "VARCHAR" : types[column.kind]}${column.required ? " NOT NULL" : ""}`,
  );
  return `CREATE TABLE ${table} (${columns.join(", ")})`;
}

const META = '{"sync_id":1,"changes":[]}';

/** The faker generator, timed: the ceilings call it batch by batch and leave its time out. */
class TimedUsers {
  ms = 0;
  cpuMs = 0;
  private next = 1;
  constructor(private readonly records: number) {}

  take(size: number): User[] {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const batch = userBatch(this.next, Math.min(size, this.records - this.next + 1));
    const { user, system } = process.cpuUsage(cpu);
    this.cpuMs += (user + system) / 1000;
    this.next += batch.length;
    this.ms += performance.now() - started;
    return batch;
  }
}

// ---------------------------------------------------------------------------------------------
// Ceilings

export async function duckdbCeiling(
  records: number,
  layout: TableColumn[],
  directory: string,
  round: number,
): Promise<CeilingRun> {
  const instance = await DuckDBInstance.create(join(directory, `ceiling-${round}.duckdb`));
  const connection = await instance.connect();
  await connection.run(`SET memory_limit = '${DUCKDB_MEMORY_LIMIT}'`);
  await connection.run(createTable(layout, DUCKDB_TYPES, "users"));
  const generator = new TimedUsers(records);
  const vectorType = (kind: ColumnKind): DuckDBType =>
    kind === "integer" ? BIGINT : kind === "timestamptz" ? TIMESTAMPTZ : VARCHAR;
  const dataColumns = layout.slice(4);
  const measured = await measure(async () => {
    const started = performance.now();
    await connection.run("BEGIN");
    const appender = await connection.createAppender("users");
    const chunk = DuckDBDataChunk.create(layout.map((column) => vectorType(column.kind)));
    for (let done = 0; done < records;) {
      const users = generator.take(CHUNK_ROWS);
      const size = users.length;
      const extractedAt = new DuckDBTimestampTZValue(BigInt(Date.now()) * 1000n);
      chunk.reset();
      chunk.rowCount = size;
      const airbyte = [0, 1, 2, 3].map((index) => chunk.getColumnVector(index));
      const [rawIds, extracted, meta, generation] = airbyte as [
        (typeof airbyte)[0],
        (typeof airbyte)[0],
        (typeof airbyte)[0],
        (typeof airbyte)[0],
      ];
      for (let row = 0; row < size; row++) {
        rawIds.setItem(row, randomUUID());
        extracted.setItem(row, extractedAt);
        meta.setItem(row, META);
        generation.setItem(row, 1n);
      }
      for (const vector of airbyte) vector.flush();
      dataColumns.forEach((column, index) => {
        const vector = chunk.getColumnVector(4 + index);
        const name = column.name as keyof User;
        for (let row = 0; row < size; row++) {
          const value = (users[row] as User)[name];
          switch (column.kind) {
            case "integer":
              vector.setItem(row, BigInt(value as number));
              break;
            case "timestamptz":
              vector.setItem(row, new DuckDBTimestampTZValue(BigInt(Date.parse(value as string)) * 1000n));
              break;
            case "json":
              vector.setItem(row, JSON.stringify(value));
              break;
            default:
              vector.setItem(row, value as string);
          }
        }
        vector.flush();
      });
      appender.appendDataChunk(chunk);
      done += size;
    }
    appender.closeSync();
    await connection.run("COMMIT");
    return performance.now() - started - generator.ms;
  });
  const count = await connection.runAndReadAll("SELECT count(*)::INTEGER AS n FROM users");
  if (count.getRowObjectsJS()[0]?.n !== records) throw new Error("the DuckDB ceiling lost rows");
  connection.closeSync();
  instance.closeSync();
  return ceilingRun(records, measured, generator);
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const copyEscape = (text: string) =>
  COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c] as string) : text;

export async function postgresCeiling(
  records: number,
  layout: TableColumn[],
  postgres: BenchPostgres,
  round: number,
): Promise<CeilingRun> {
  const client = new pg.Client({
    host: postgres.host,
    port: postgres.port,
    database: postgres.database,
    user: postgres.user,
  });
  await client.connect();
  const table = `ceiling_users_${round}`;
  await client.query(createTable(layout, POSTGRES_TYPES, table));
  const generator = new TimedUsers(records);
  const dataColumns = layout.slice(4);
  try {
    const measured = await measure(async () => {
      const started = performance.now();
      await client.query("BEGIN");
      const copy = client.query(copyFrom(`COPY ${table} FROM STDIN`));
      const finished = once(copy, "finish");
      for (let done = 0; done < records;) {
        const users = generator.take(COPY_PIECE_ROWS);
        const extractedAt = new Date().toISOString();
        let piece = "";
        for (const user of users) {
          piece += `${randomUUID()}\t${extractedAt}\t${META}\t1`;
          for (const column of dataColumns) {
            const value = user[column.name as keyof User];
            piece += "\t";
            piece +=
              column.kind === "json"
                ? copyEscape(JSON.stringify(value))
                : column.kind === "string"
                  ? copyEscape(value as string)
                  : String(value);
          }
          piece += "\n";
        }
        done += users.length;
        if (!copy.write(piece)) await once(copy, "drain");
      }
      copy.end();
      await finished;
      await client.query("COMMIT");
      return performance.now() - started - generator.ms;
    }, postgres);
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows as [{ n: number }];
    if (n !== records) throw new Error("the Postgres ceiling lost rows");
    await client.query(`DROP TABLE ${table}`);
    return ceilingRun(records, measured, generator);
  } finally {
    await client.end();
  }
}

const micros = (ms: number, records: number) => Math.round((ms * 1000 * 10) / records) / 10;

function ceilingRun(records: number, measured: Measured<number>, generator: TimedUsers): CeilingRun {
  const ms = measured.result;
  const { self, postgres } = measured.cpuMs;
  return {
    ms: Math.round(ms),
    generationMs: Math.round(generator.ms),
    recordsPerSecond: Math.round(records / (ms / 1000)),
    cpuMicrosPerRecord: {
      bench: micros(self - generator.cpuMs, records),
      ...(Number.isNaN(postgres) ? {} : { postgres: micros(postgres, records) }),
    },
    peakRssMb: measured.peakRssMb,
  };
}

// ---------------------------------------------------------------------------------------------
// The engine

interface EngineSetup {
  server: LocalServer;
  api: AirbyteApi;
  sourceId: string;
  destinations: Record<Destination, string>;
}

async function engineSetup(records: number, directory: string, postgres: BenchPostgres): Promise<EngineSetup> {
  const server = await startLocalServer({
    inMemory: true,
    scheduler: false,
    localDirectory: directory,
    maxAttempts: 1,
  });
  const api = new AirbyteApi({
    ...selfManaged(server.url),
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    logLevel: "off",
  });
  const { workspaceId } = server;
  const source = await api.sources.createSource({
    name: "bench faker",
    workspaceId,
    configuration: { sourceType: "faker", count: records, seed: SEED, always_updated: false },
  });
  const duckdb = await api.destinations.createDestination({
    name: "bench duckdb",
    workspaceId,
    configuration: { destinationType: "duckdb", destination_path: "/local/engine.duckdb" },
  });
  const postgresDestination = await api.destinations.createDestination({
    name: "bench postgres",
    workspaceId,
    configuration: { destinationType: "postgres", ...postgres.connectorConfig() },
  });
  return {
    server,
    api,
    sourceId: source.sourceId,
    destinations: { duckdb: duckdb.destinationId, postgres: postgresDestination.destinationId },
  };
}

async function engineRun(
  setup: EngineSetup,
  destination: Destination,
  records: number,
  postgres: BenchPostgres,
): Promise<EngineRun> {
  const { api } = setup;
  // A connection per run: full refresh overwrite of the users stream only.
  const connection = await api.connections.createConnection({
    sourceId: setup.sourceId,
    destinationId: setup.destinations[destination],
    configurations: { streams: [{ name: "users", syncMode: "full_refresh_overwrite" }] },
  });
  const measured = await measure(async () => {
    const started = performance.now();
    const { jobId } = await api.jobs.createJob({ connectionId: connection.connectionId, jobType: "sync" });
    for (;;) {
      const job = await api.jobs.getJob({ jobId });
      if (job.status === "succeeded") {
        const jobMs = performance.now() - started;
        // The worker's CPU time is counted once it has exited.
        await workersGone();
        return { jobId, jobMs };
      }
      if (job.status === "failed" || job.status === "cancelled") {
        const info = await api.config.jobs.get({ id: jobId });
        const failure = info.attempts.at(-1)?.attempt.failureSummary?.failures?.[0]?.externalMessage;
        throw new Error(`the ${destination} sync ${job.status}: ${failure ?? "no failure recorded"}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, postgres);
  const { jobId, jobMs } = measured.result;
  const info = await api.config.jobs.get({ id: jobId });
  const attempt = info.attempts.at(-1) as Config.AttemptInfoRead;
  const events = attempt.logs && "events" in attempt.logs ? (attempt.logs.events ?? []) : [];
  const at = (pattern: RegExp) => events.find((event) => pattern.test(event.message))?.timestamp ?? Number.NaN;
  const peak = events.map((event) => /Peak memory of the sync worker: (\d+) MB/.exec(event.message)).find(Boolean);
  const recordsCommitted = attempt.attempt.totalStats?.recordsCommitted ?? 0;
  const { self, children, postgres: database } = measured.cpuMs;
  return {
    recordsCommitted,
    jobMs: Math.round(jobMs),
    recordsPerSecond: Math.round(recordsCommitted / (jobMs / 1000)),
    attemptMs: at(/^The sync succeeded/) - at(/^Starting sync/),
    streamMs: at(/^Stream users: \d+ records read/) - at(/^Stream users \(.*reading\.$/),
    cpuMicrosPerRecord: {
      bench: micros(self, records),
      worker: micros(children, records),
      ...(destination === "postgres" ? { postgres: micros(database, records) } : {}),
    },
    workerPeakMb: Number(peak?.[1] ?? Number.NaN),
    serverPeakRssMb: measured.peakRssMb,
  };
}

/** Waits (a few seconds at most) until no child process of this one runs: the sync worker has exited. */
async function workersGone(): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    const alive = readdirSync("/proc").some((entry) => {
      if (!/^\d+$/.test(entry)) return false;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === process.pid;
      } catch {
        return false;
      }
    });
    if (!alive) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---------------------------------------------------------------------------------------------

export interface SyncThroughputResult {
  records: number;
  node: string;
  rounds: Record<Destination, Round[]>;
  /**
   * Per destination: the median ratio of the rounds (each round's engine over its own ceiling),
   * and the best ceiling and best engine run (least disturbed by other work on the machine).
   */
  summary: Record<
    Destination,
    {
      medianRatio: number;
      bestCeilingRecordsPerSecond: number;
      bestEngineRecordsPerSecond: number;
      bestRatio: number;
      goalMet: boolean;
    }
  >;
}

export async function benchSyncThroughput(
  records = DEFAULT_RECORDS,
  roundCount = DEFAULT_ROUNDS,
): Promise<SyncThroughputResult> {
  const directory = mkdtempSync(join(tmpdir(), "bench-sync-"));
  const postgres = await benchPostgres();
  let setup: EngineSetup | undefined;
  try {
    const layout = await tableLayout();
    setup = await engineSetup(records, directory, postgres);
    const rounds: Record<Destination, Round[]> = { duckdb: [], postgres: [] };
    console.log(`${records.toLocaleString("en-US")} users records, ${roundCount} rounds, Node ${process.version}`);
    for (let round = 1; round <= roundCount; round++) {
      for (const destination of DESTINATIONS) {
        const ceiling =
          destination === "duckdb"
            ? await duckdbCeiling(records, layout, directory, round)
            : await postgresCeiling(records, layout, postgres, round);
        const engine = await engineRun(setup, destination, records, postgres);
        if (engine.recordsCommitted !== records) {
          throw new Error(`the ${destination} sync committed ${engine.recordsCommitted} of ${records} records`);
        }
        const entry = { ceiling, engine, ratio: round2(engine.recordsPerSecond / ceiling.recordsPerSecond) };
        rounds[destination].push(entry);
        printRound(round, destination, entry);
      }
    }
    const summary = Object.fromEntries(
      DESTINATIONS.map((destination) => {
        const runs = rounds[destination];
        const ratios = runs.map((run) => run.ratio).sort((a, b) => a - b);
        const medianRatio = ratios[Math.floor(ratios.length / 2)] as number;
        const bestCeilingRecordsPerSecond = Math.max(...runs.map((run) => run.ceiling.recordsPerSecond));
        const bestEngineRecordsPerSecond = Math.max(...runs.map((run) => run.engine.recordsPerSecond));
        const bestRatio = round2(bestEngineRecordsPerSecond / bestCeilingRecordsPerSecond);
        return [
          destination,
          {
            medianRatio,
            bestCeilingRecordsPerSecond,
            bestEngineRecordsPerSecond,
            bestRatio,
            goalMet: medianRatio >= 0.5,
          },
        ];
      }),
    ) as SyncThroughputResult["summary"];
    printSummary(summary);
    return { records, node: process.version, rounds, summary };
  } finally {
    await setup?.server.close();
    await postgres.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const thousands = (value: number) => value.toLocaleString("en-US");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const cpuText = (cpu: CpuPerRecord) =>
  [
    `bench ${cpu.bench}`,
    ...(cpu.worker === undefined ? [] : [`worker ${cpu.worker}`]),
    ...(cpu.postgres === undefined ? [] : [`postgres ${cpu.postgres}`]),
  ].join(" + ") + " µs/rec";

function printRound(round: number, destination: Destination, { ceiling, engine, ratio }: Round): void {
  console.log(
    `round ${round} ${destination}: ratio ${ratio}\n` +
      `  ceiling ${thousands(ceiling.recordsPerSecond).padStart(7)} rec/s  ${seconds(ceiling.ms)} (+ ${seconds(ceiling.generationMs)} generating, left out)  ` +
      `cpu ${cpuText(ceiling.cpuMicrosPerRecord)}  rss ${ceiling.peakRssMb} MB\n` +
      `  engine  ${thousands(engine.recordsPerSecond).padStart(7)} rec/s  job ${seconds(engine.jobMs)}, attempt ${seconds(engine.attemptMs)}, stream ${seconds(engine.streamMs)}  ` +
      `cpu ${cpuText(engine.cpuMicrosPerRecord)}  worker peak ${engine.workerPeakMb} MB, server rss ${engine.serverPeakRssMb} MB`,
  );
}

function printSummary(summary: SyncThroughputResult["summary"]): void {
  console.log("\ndestination  median ratio  best ceiling rec/s  best engine rec/s  best ratio  goal (>= 0.5)");
  for (const destination of DESTINATIONS) {
    const s = summary[destination];
    console.log(
      `${destination.padEnd(11)}  ${String(s.medianRatio).padStart(12)}  ${thousands(s.bestCeilingRecordsPerSecond).padStart(18)}  ` +
        `${thousands(s.bestEngineRecordsPerSecond).padStart(17)}  ${String(s.bestRatio).padStart(10)}  ${s.goalMet ? "met" : "not met"}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchSyncThroughput(
    Number(process.argv[2] ?? DEFAULT_RECORDS),
    Number(process.argv[3] ?? DEFAULT_ROUNDS),
  );
  console.log(JSON.stringify(result.summary, null, 2));
}
