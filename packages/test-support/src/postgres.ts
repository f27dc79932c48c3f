/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temporary directory, trust
 * authentication (or a password, for tests of logins), a free port on 127.0.0.1 and the unix
 * socket inside the data directory. As root it runs as the `postgres` user, since initdb and
 * postgres refuse to run as root. `stop()` and `start()` work mid-test (to fail a sync while it
 * writes), `close()` removes everything. The local server's tests and the SDK's datasets tests use it.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { postgresBinDirectory as findPostgresBinDirectory } from "./prerequisites.js";
import pg from "pg";

export interface PostgresServer {
  host: string;
  port: number;
  database: string;
  user: string;
  /** Set when the cluster was started with one; then TCP logins need it. */
  password?: string;
  /** Stops the server: `fast` ends sessions cleanly, `immediate` is a crash. */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its files. */
  close(): Promise<void>;
  /** Runs SQL as the cluster's superuser, in its database unless another is named. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    database?: string,
  ): Promise<Row[]>;
  /** The configuration of a Postgres connector pointing here. */
  connectorConfig(extra?: Record<string, unknown>): Record<string, unknown>;
}

export interface StartPostgresOptions {
  /** Requires this password over TCP (scram-sha-256) instead of trusting every login. */
  password?: string;
}

const execFileAsync = promisify(execFile);

const USER = "airbyte";
const DATABASE = "airbyte";

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDirectory();
  const asRoot = userInfo().uid === 0;
  const root = mkdtempSync(join(tmpdir(), "pg-test-"));
  const dataDir = join(root, "data");
  const logFile = join(root, "server.log");
  const run = (program: string, args: string[]) => runAsOwner(asRoot, join(bin, program), args);
  let running = false;
  // A test process that dies without close() must not leave a server behind (exit handlers are synchronous).
  const stopOnExit = () => {
    if (!running) return;
    const pgCtl = join(bin, "pg_ctl");
    spawnSync(asRoot ? "runuser" : pgCtl, ownerArgs(asRoot, pgCtl, ["-D", dataDir, "-m", "immediate", "stop"]));
  };
  process.once("exit", stopOnExit);

  const port = await freePort();
  const serverOptions = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await run("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", serverOptions, "-w", "-t", "60", "start"]);
    running = true;
  };
  const stop = async (mode: "fast" | "immediate" = "fast") => {
    if (!running) return;
    await run("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "-t", "60", "stop"]);
    running = false;
  };
  const close = async () => {
    await stop("immediate");
    process.removeListener("exit", stopOnExit);
    rmSync(root, { recursive: true, force: true });
  };
  const connection = { host: "127.0.0.1", port, user: USER, password: options.password };
  const query = async <Row extends Record<string, unknown>>(sql: string, params?: unknown[], database = DATABASE) => {
    const client = new pg.Client({ ...connection, database });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as Row[];
    } finally {
      await client.end();
    }
  };

  try {
    if (asRoot) chownToPostgres(root);
    await initCluster(run, dataDir, root, options.password);
    await start();
    await query(`CREATE DATABASE ${DATABASE}`, undefined, "postgres");
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }

  return {
    host: connection.host,
    port,
    database: DATABASE,
    user: USER,
    password: options.password,
    stop,
    start,
    close,
    query,
    connectorConfig: (extra = {}) => ({
      host: connection.host,
      port,
      database: DATABASE,
      schema: "public",
      username: USER,
      ...(options.password === undefined ? {} : { password: options.password }),
      ssl_mode: { mode: "disable" },
      ...extra,
    }),
  };
}

async function initCluster(
  run: (program: string, args: string[]) => Promise<void>,
  dataDir: string,
  root: string,
  password: string | undefined,
): Promise<void> {
  const args = ["-D", dataDir, "-U", USER, "--auth-local=trust", "--no-sync", "-E", "UTF8", "--locale=C"];
  if (password === undefined) {
    await run("initdb", [...args, "--auth-host=trust"]);
    return;
  }
  const passwordFile = join(root, "password");
  writeFileSync(passwordFile, password, { mode: 0o600 });
  if (userInfo().uid === 0) chownToPostgres(passwordFile);
  await run("initdb", [...args, "--auth-host=scram-sha-256", `--pwfile=${passwordFile}`]);
}

function postgresBinDirectory(): string {
  const found = findPostgresBinDirectory();
  if (found !== undefined) return found;
  throw new Error(
    "PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found on the PATH or in /usr/lib/postgresql/*/bin; " +
      "install the postgresql package (e.g. apt-get install postgresql) to run these tests.",
  );
}

function chownToPostgres(path: string): void {
  const id = (flag: string) => {
    try {
      return Number(
        execFileSync("id", [flag, "postgres"], { stdio: ["ignore", "pipe", "ignore"] })
          .toString()
          .trim(),
      );
    } catch {
      throw new Error(
        "As root, the PostgreSQL test server runs as the postgres user, which does not exist here; " +
          "install the postgresql package (it creates that user) or run the tests as another user.",
      );
    }
  };
  chownSync(path, id("-u"), id("-g"));
}

function ownerArgs(asRoot: boolean, program: string, args: string[]): string[] {
  return asRoot ? ["-u", "postgres", "--", program, ...args] : args;
}

/** Runs a PostgreSQL program (as the postgres user when root) without blocking the test's event loop. */
async function runAsOwner(asRoot: boolean, program: string, args: string[]): Promise<void> {
  try {
    await execFileAsync(asRoot ? "runuser" : program, ownerArgs(asRoot, program, args), { cwd: tmpdir() });
  } catch (error) {
    const { stdout = "", stderr = "", message } = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${program} ${args.join(" ")} failed: ${`${stdout}${stderr}`.trim() || message}`, { cause: error });
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
