/**
 * What the destination benchmarks share: the faker source's `users` stream (its columns, and its
 * records made by the source's own generator), a throwaway PostgreSQL server that is stopped
 * even when the bench is interrupted, and the memory and CPU time a piece of work takes in this
 * process, in the processes it forked (the sync worker) and in PostgreSQL.
 */
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import type { StreamTarget } from "../packages/local/src/connectors/protocol.js";
import { fakerSource } from "../packages/local/src/connectors/sources/faker.js";
import { fixedClock } from "../packages/local/src/connectors/sources/faker/clock.js";
import { type User, users } from "../packages/local/src/connectors/sources/faker/users.js";
import type { JsonSchema } from "../packages/local/src/connectors/types.js";
import { type PostgresServer, startPostgres } from "@airbyte-ts/test-support/postgres";

export type { User };

/** The seed of every bench's users: the same records in every run. */
export const SEED = 7;

/** The `users` stream's top-level properties, as the engine gives them to a destination. */
export async function usersColumns(): Promise<StreamTarget["columns"]> {
  const streams = await fakerSource.discover({ count: 1 }, { localDirectory: "/tmp/airbyte_local" });
  const properties = streams.find((stream) => stream.name === "users")?.jsonSchema?.properties as Record<
    string,
    JsonSchema
  >;
  return Object.entries(properties).map(([name, schema]) => ({ name, schema }));
}

/**
 * The faker source's users `firstId..firstId+size-1`, as its reader makes them (seed 7, the
 * fixed clock of `always_updated: false`), into an array.
 */
export function userBatch(firstId: number, size: number): User[] {
  const batch: User[] = [];
  for (const user of users(SEED, firstId - 1, firstId - 1 + size, fixedClock())) batch.push(user);
  return batch;
}

export interface BenchPostgres extends PostgresServer {
  /** CPU time PostgreSQL's processes have used so far, in ms (Linux; NaN elsewhere). */
  cpuMs(): number;
}

/** A PostgreSQL server for the bench, stopped on SIGINT and SIGTERM too (exit handlers do not run on signals). */
export async function benchPostgres(): Promise<BenchPostgres> {
  const postgres = await startPostgres();
  const stop = () => void postgres.close().finally(() => process.exit(130));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, stop);
  const close = postgres.close.bind(postgres);
  const postmaster = await postmasterPid(postgres);
  return Object.assign(postgres, {
    close: async () => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.removeListener(signal, stop);
      await close();
    },
    cpuMs: () => postgresCpuMs(postmaster),
  });
}

async function postmasterPid(postgres: PostgresServer): Promise<number> {
  const client = new pg.Client({
    host: postgres.host,
    port: postgres.port,
    database: postgres.database,
    user: postgres.user,
  });
  await client.connect();
  try {
    const [{ pid }] = (await client.query("SELECT pg_backend_pid() AS pid")).rows as [{ pid: number }];
    return procStat(pid)?.ppid ?? Number.NaN;
  } finally {
    await client.end();
  }
}

interface ProcStat {
  ppid: number;
  /** utime + stime, in clock ticks. */
  own: number;
  /** cutime + cstime: children that exited and were waited for. */
  children: number;
}

/** Linux's /proc/<pid>/stat (undefined when it cannot be read). */
function procStat(pid: number | "self"): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return {
      ppid: Number(fields[1]),
      own: Number(fields[11]) + Number(fields[12]),
      children: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

/** The postmaster, the backends it has reaped, and those still running. */
function postgresCpuMs(postmaster: number): number {
  const main = procStat(postmaster);
  if (main === undefined) return Number.NaN;
  let ticks = main.own + main.children;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat?.ppid === postmaster) ticks += stat.own;
  }
  return ticks * TICK_MS;
}

export interface Measured<T> {
  result: T;
  /** Peak resident memory of this process while the work ran, sampled every 50 ms. */
  peakRssMb: number;
  /** CPU time while the work ran, in ms: this process, its forked children that ended (the sync worker), PostgreSQL. */
  cpuMs: { self: number; children: number; postgres: number };
}

/** Runs `work`, watching this process's memory and everyone's CPU time. */
export async function measure<T>(work: () => Promise<T>, postgres?: BenchPostgres): Promise<Measured<T>> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const self = process.cpuUsage();
  const children = procStat("self")?.children ?? Number.NaN;
  const database = postgres?.cpuMs() ?? Number.NaN;
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    const { user, system } = process.cpuUsage(self);
    return {
      result,
      peakRssMb: Math.round(peak / 2 ** 20),
      cpuMs: {
        self: Math.round((user + system) / 1000),
        children: ((procStat("self")?.children ?? Number.NaN) - children) * TICK_MS,
        postgres: (postgres?.cpuMs() ?? Number.NaN) - database,
      },
    };
  } finally {
    clearInterval(timer);
  }
}
