/**
 * Sync workers killed with SIGKILL at random points: right after the fork (before `start` is
 * read), in the middle of the copy (after any message of the worker), between a cancel and its
 * acknowledgement, after the acknowledgement, and after `done`. Four connections sync side by
 * side, round after round, each into its own schema of a throwaway PostgreSQL (a worker that
 * writes there does not load DuckDB, and starting workers is most of this test's work). After
 * each round the server must still answer, every job must have ended as the kills and cancels
 * predict (succeeded, failed, cancelled), each killed attempt must say how its worker stopped,
 * and the destination must hold exactly the source's records: nothing lost, nothing twice. A
 * run is reproducible from its seed (printed; WORKER_DEATHS_SEED=<n> replays it).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eventually, has } from "@airbyte-ts/test-support";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AirbyteApi, AirbyteApiError, selfManaged } from "airbyte-ts";
import type { SourceMessage } from "../src/connectors/protocol.js";
import { fakerSource } from "../src/connectors/sources/faker.js";
import { SeededRandom, streamKey } from "../src/connectors/sources/faker/random.js";
import { ForkedExecutor, type WorkerEntry, type WorkerEvent } from "../src/engine/sync/forked-executor.js";
import { type PostgresServer, startPostgres } from "@airbyte-ts/test-support/postgres";
import { type EngineServer, startServerWithExecutor } from "./helpers/engine.js";
import { fakerConnection, fakerUpdatedAt, range, waitForJob } from "./helpers/sync.js";

const SEED = Number(process.env.WORKER_DEATHS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const LANES = [
  "incremental_append",
  "incremental_append",
  "full_refresh_overwrite",
  "incremental_deduped_history",
] as const;
const ROUNDS = Number(process.env.WORKER_DEATHS_ROUNDS ?? 50);
const MAX_ATTEMPTS = 3;
const FIRST_COUNT = 150;
const MAX_GROWTH = 20;
const FAKER_SEED = 11;
/**
 * Some 110 s of CPU in all (most of it the workers' start-up): at best about a minute on two cores,
 * more when the machine is shared. Through tsx a worker starts on several times the CPU.
 */
const TIMEOUT_MS = 300_000;
const TSX_TIMEOUT_MS = 600_000;

type Mode = (typeof LANES)[number];

/** What the test does to one attempt's worker. */
type Fault =
  | { kind: "none" }
  | { kind: "afterFork" }
  /** Killed when its `at`-th message arrives (unless that is `done`). */
  | { kind: "midCopy"; at: number }
  /** The job is cancelled when the `at`-th message arrives (0: at the fork), then maybe a kill. */
  | { kind: "cancel"; at: number; kill: "none" | "whenSent" | "afterAck" }
  | { kind: "afterDone" };

function drawFault(random: SeededRandom): Fault {
  const roll = random.int(0, 99);
  if (roll < 30) return { kind: "none" };
  if (roll < 42) return { kind: "afterFork" };
  if (roll < 64) return { kind: "midCopy", at: random.int(1, 7) };
  if (roll < 88) return { kind: "cancel", at: random.int(0, 6), kill: random.pick(["none", "whenSent", "afterAck"]) };
  return { kind: "afterDone" };
}

/** One attempt's worker as the test saw it. */
interface WorkerSeen {
  attemptNumber: number;
  fault: Fault;
  received: number;
  cancelSent: boolean;
  killedAt?: string;
  done: boolean;
  exited: boolean;
}

const tally = {
  jobs: 0,
  attempts: 0,
  cancelsRequested: 0,
  cancelsAccepted: 0,
  kills: {} as Record<string, number>,
  outcomes: {} as Record<string, number>,
  /** Attempts that failed on their own (see `checkOutcome`). */
  collateral: [] as string[],
};
const count = (table: Record<string, number>, key: string) => (table[key] = (table[key] ?? 0) + 1);

/** One connection and its schema in Postgres, synced round after round, with the faults of its round. */
class Lane {
  private readonly random: SeededRandom;
  private faults: Fault[] = [];
  private seen: WorkerSeen[] = [];
  private readonly live = new Map<number, WorkerSeen>();
  private cancel: Promise<boolean> | undefined;
  private jobId = 0;
  private sourceCount = FIRST_COUNT;
  /** Incremental lanes: the records the destination held after the previous round. */
  private committed = 0;
  /** Full refresh overwrite: how many users the table held, whole, after the last job. */
  private wholeTableCount = 0;
  connectionId = "";
  private sourceId = "";
  private readonly schema: string;

  constructor(
    readonly index: number,
    readonly mode: Mode,
    private readonly api: () => AirbyteApi,
  ) {
    this.random = new SeededRandom().reseed(streamKey(SEED, index), 0);
    this.schema = `lane_${index}`;
  }

  async create(workspaceId: string): Promise<void> {
    const destination = await this.api().destinations.createDestination({
      name: `postgres ${this.index}`,
      workspaceId,
      configuration: { destinationType: "postgres", ...postgres.connectorConfig({ schema: this.schema }) },
    });
    const { connectionId, sourceId } = await fakerConnection(this.api(), {
      workspaceId,
      destinationId: destination.destinationId,
      count: this.sourceCount,
      mode: this.mode,
      streams: ["users"],
      recordsPerSlice: 25,
      seed: FAKER_SEED,
    });
    this.connectionId = connectionId;
    this.sourceId = sourceId;
  }

  /** Called by the executor's observer, synchronously, for this lane's workers. */
  observe(event: WorkerEvent): void {
    if (event.type === "forked") {
      const fault = this.faults[event.attemptNumber] ?? { kind: "none" };
      const worker: WorkerSeen = {
        attemptNumber: event.attemptNumber,
        fault,
        received: 0,
        cancelSent: false,
        done: false,
        exited: false,
      };
      this.seen.push(worker);
      this.live.set(event.pid, worker);
      tally.attempts++;
      if (fault.kind === "afterFork") this.kill(event.pid, worker, "after fork");
      if (fault.kind === "cancel" && fault.at === 0) this.requestCancel(event.jobId);
      return;
    }
    const worker = this.live.get(event.pid);
    if (!worker) return;
    const { fault } = worker;
    if (event.type === "exited") {
      worker.exited = true;
      this.live.delete(event.pid);
    } else if (event.type === "sent" && event.message === "cancel") {
      worker.cancelSent = true;
      if (fault.kind === "cancel" && fault.kill === "whenSent") this.kill(event.pid, worker, "after cancel sent");
    } else if (event.type === "received") {
      worker.received++;
      if (event.message === "done") worker.done = true;
      if (event.message === "done" && fault.kind === "afterDone") this.kill(event.pid, worker, "after done");
      if (event.message !== "done" && fault.kind === "midCopy" && worker.received === fault.at) {
        this.kill(event.pid, worker, `mid-copy (after ${event.message})`);
      }
      if (fault.kind === "cancel" && fault.at === worker.received) this.requestCancel(event.jobId);
      if (fault.kind === "cancel" && fault.kill === "afterAck" && worker.cancelSent) {
        this.kill(event.pid, worker, "after cancel acknowledged");
      }
    }
  }

  private kill(pid: number, worker: WorkerSeen, where: string): void {
    if (worker.killedAt || worker.exited) return;
    worker.killedAt = where;
    count(tally.kills, where);
    // Not reaped yet ('exited' has not come), so the pid is still this worker's.
    process.kill(pid, "SIGKILL");
  }

  private requestCancel(jobId: number): void {
    if (this.cancel) return;
    tally.cancelsRequested++;
    this.cancel = this.api()
      .jobs.cancelJob({ jobId })
      .then(
        () => true,
        (error: unknown) => {
          // The job had already ended: a 4xx problem, never a 5xx.
          if (error instanceof AirbyteApiError && (error.status ?? 500) < 500) return false;
          throw error;
        },
      );
  }

  async round(round: number): Promise<void> {
    if (round > 0) {
      this.sourceCount += this.random.int(0, MAX_GROWTH);
      await this.api().sources.patchSource(
        { sourceId: this.sourceId },
        { configuration: { sourceType: "faker", count: this.sourceCount } },
      );
    }
    this.faults = Array.from({ length: MAX_ATTEMPTS }, () => drawFault(this.random));
    this.seen = [];
    this.cancel = undefined;
    const created = await this.api().jobs.createJob({ connectionId: this.connectionId, jobType: "sync" });
    this.jobId = created.jobId;
    tally.jobs++;
    const job = await waitForJob(this.api(), created.jobId, 60_000);
    // A cancelled job ends at once; its worker may still be rolling back (and holding locks).
    await eventually(() => expect(this.live.size).toBe(0), { timeoutMs: 15_000 });
    // A cast, because TypeScript keeps `this.cancel` narrowed to the undefined assigned above,
    // though requestCancel() may have set it meanwhile.
    const cancelled = (await (this.cancel as Promise<boolean> | undefined)) ?? false;
    if (cancelled) tally.cancelsAccepted++;
    count(tally.outcomes, job.status);
    expect(await this.api().health.getHealthCheck()).toBeTruthy();
    await this.checkOutcome(job.status, cancelled);
    await this.checkDestination(job.status);
  }

  private where(): string {
    return `seed ${SEED}, lane ${this.index} (${this.mode}), job ${this.jobId}, faults ${JSON.stringify(this.seen.map((w) => ({ ...w.fault, killedAt: w.killedAt, done: w.done })))}`;
  }

  /**
   * The job ended as its attempts say, and each attempt as the test made it: one the test
   * killed before its `done` says the worker was killed by SIGKILL. An attempt may also fail on
   * its own when its destination trips over a killed worker's session that Postgres has not
   * ended yet (a retry 10 ms after the kill): such failures must come from the destination, be
   * retryable, and are counted.
   */
  private async checkOutcome(status: string, cancelled: boolean): Promise<void> {
    const { attempts } = await this.api().config.jobs.get({ id: this.jobId });
    const failures = attempts.map((entry) => entry.attempt.failureSummary?.failures[0]);
    const where = `${this.where()}, failures ${JSON.stringify(failures.map((f) => f?.externalMessage ?? null))}`;
    expect(attempts.length, where).toBe(this.seen.length);
    const last = attempts.at(-1)?.attempt.status;
    const expected = cancelled ? "cancelled" : last === "succeeded" ? "succeeded" : "failed";
    expect(status, where).toBe(expected);
    if (status === "failed") expect(attempts.length, where).toBe(MAX_ATTEMPTS);
    if (cancelled) return;
    this.seen.forEach((worker, index) => {
      const failure = failures[index];
      if (worker.killedAt && !worker.done) {
        expect(failure?.externalMessage, where).toMatch(
          /^The sync worker stopped unexpectedly \(killed by SIGKILL[;)]/,
        );
      } else if (attempts[index]?.attempt.status === "failed") {
        expect(failure, where).toMatchObject({ failureOrigin: "destination", retryable: true });
        tally.collateral.push(failure?.externalMessage ?? "");
      }
    });
  }

  /** The destination holds exactly the source's records: no gap, no duplicate, nothing half-written. */
  private async checkDestination(status: string): Promise<void> {
    const rows = await usersIn(this.schema);
    const ids = rows.map((row) => row.id);
    if (this.mode === "full_refresh_overwrite") {
      // All or nothing: the table as it was whole before this job, or this sync's copy. A worker
      // that dies after `finish` committed leaves this sync's copy although the job failed or was
      // cancelled: that copy is then what the next job starts from.
      const expected = [this.wholeTableCount, this.sourceCount].map((n) => JSON.stringify(expectedUsers(n)));
      expect(expected, `${this.where()}, ${rows.length} rows`).toContain(JSON.stringify(rows));
      if (status === "succeeded") expect(rows, this.where()).toEqual(expectedUsers(this.sourceCount));
      this.wholeTableCount = rows.length;
      return;
    }
    // Incremental (append or deduped; the source never updates a record): a whole prefix of the
    // source, never shrinking; all of it after a success.
    expect(ids, this.where()).toEqual(range(ids.length));
    expect(rows, this.where()).toEqual(expectedUsers(ids.length));
    expect(ids.length, this.where()).toBeGreaterThanOrEqual(this.committed);
    this.committed = ids.length;
    if (status !== "succeeded") return;
    expect(ids.length, this.where()).toBe(this.sourceCount);
    const state = await this.api().config.state.get({ connectionId: this.connectionId });
    expect(state.streamState?.[0]?.streamState, this.where()).toEqual({ updated_at: fakerUpdatedAt(this.sourceCount) });
  }
}

interface User {
  id: number;
  name: string;
  email: string;
}

async function usersIn(schema: string): Promise<User[]> {
  const [table] = await postgres.query<{ name: string | null }>(`SELECT to_regclass('${schema}.users')::text AS name`);
  if (!table?.name) return [];
  const rows = await postgres.query<{ id: string; name: string; email: string }>(
    `SELECT id, name, email FROM ${schema}.users ORDER BY id`,
  );
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** The faker source's first `n` users (every user is the same whatever the count). */
let generated: User[] = [];
function expectedUsers(n: number): User[] {
  return generated.slice(0, n);
}

async function generateUsers(n: number): Promise<User[]> {
  const users: User[] = [];
  const messages: AsyncIterable<SourceMessage> = fakerSource.read!({
    config: { count: n, seed: FAKER_SEED },
    streams: [{ name: "users", jsonSchema: {}, syncMode: "full_refresh", cursorField: [], primaryKey: [["id"]] }],
    state: { streams: [] },
    localDirectory: "/tmp/airbyte_local",
    signal: new AbortController().signal,
  });
  for await (const message of messages) {
    if (message.type !== "record") continue;
    const { id, name, email } = message.data as unknown as User;
    users.push({ id, name, email });
  }
  return users;
}

/**
 * The built worker when it is newer than every source file (`npm test` builds first): it starts
 * on half the CPU of worker.ts through tsx, and starting workers is most of this test's work.
 */
function freshBuiltWorker(): WorkerEntry | undefined {
  const packageRoot = fileURLToPath(new URL("..", import.meta.url));
  const built = join(packageRoot, "dist", "sync-worker.js");
  if (!existsSync(built)) return undefined;
  const sources = join(packageRoot, "src");
  const newestSource = Math.max(
    ...readdirSync(sources, { recursive: true, encoding: "utf8" }).map((file) => statSync(join(sources, file)).mtimeMs),
  );
  return statSync(built).mtimeMs >= newestSource ? { path: built, execArgv: [] } : undefined;
}

const builtWorker = freshBuiltWorker();
const localDirectory = mkdtempSync(join(tmpdir(), "airbyte-worker-deaths-"));
const lanes = LANES.map((mode, index) => new Lane(index, mode, () => api));
const byConnection = new Map<string, Lane>();
let postgres: PostgresServer;
let server: EngineServer;
let api: AirbyteApi;
/** What nothing caught: in `airbyte-ts local serve`, each would have ended the server. */
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

describe.skipIf(!has("postgres"))("workers killed at random points", () => {
  beforeAll(async () => {
    generated = await generateUsers(FIRST_COUNT + ROUNDS * MAX_GROWTH);
    process.on("uncaughtException", onUncaught);
    process.on("unhandledRejection", onUncaught);
    postgres = await startPostgres();
    console.log(
      `worker-deaths runs ${builtWorker?.path ?? "worker.ts through tsx, twice as slow (npm run build first for the built worker)"}`,
    );
    const executor = new ForkedExecutor({
      localDirectory,
      ...(builtWorker ? { worker: builtWorker } : {}),
      observe: (event) => byConnection.get(event.connectionId)?.observe(event),
    });
    server = await startServerWithExecutor(executor, {
      localDirectory,
      maxAttempts: MAX_ATTEMPTS,
      retryBackoffMs: 10,
    });
    api = new AirbyteApi({
      ...selfManaged(server.url),
      clientId: server.clientId,
      clientSecret: server.clientSecret,
      logLevel: "off",
      retries: false,
    });
    for (const lane of lanes) {
      await lane.create(server.workspaceId);
      byConnection.set(lane.connectionId, lane);
    }
  });

  afterAll(async () => {
    process.off("uncaughtException", onUncaught);
    process.off("unhandledRejection", onUncaught);
    await server?.close();
    await postgres?.close();
    rmSync(localDirectory, { recursive: true, force: true });
  });

  test(
    `${LANES.length * ROUNDS} syncs with workers killed at random points: the server stays up, every job ends, the records converge`,
    async () => {
      const started = Date.now();
      const cpu = process.cpuUsage();
      console.log(`worker-deaths seed ${SEED} (WORKER_DEATHS_SEED=${SEED} replays it)`);
      try {
        await Promise.all(
          lanes.map(async (lane) => {
            for (let round = 0; round < ROUNDS; round++) await lane.round(round);
          }),
        );
      } finally {
        const { user, system } = process.cpuUsage(cpu);
        const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        console.log(
          `worker-deaths seed ${SEED}: ${JSON.stringify(tally)} in ${seconds(Date.now() - started)}` +
            ` (the server and the test: ${seconds((user + system) / 1000)} of CPU)`,
        );
      }
      expect(uncaught.map(String)).toEqual([]);
      expect(tally.jobs).toBe(LANES.length * ROUNDS);
      const points = Object.keys(tally.kills).map((where) => where.replace(/ \(.*/, ""));
      for (const point of ["after fork", "mid-copy", "after cancel sent", "after cancel acknowledged", "after done"]) {
        expect(points, `no worker was killed ${point}`).toContain(point);
      }
    },
    builtWorker ? TIMEOUT_MS : TSX_TIMEOUT_MS,
  );
});
