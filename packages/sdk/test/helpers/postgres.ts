/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temporary directory, a free port on
 * 127.0.0.1, trust authentication (plus any pg_hba lines a test adds before it, e.g. to make
 * one role log in with a password), fsync off. `stop()` shuts it down and removes the files.
 *
 * initdb refuses to run as root, so under root the cluster belongs to the `postgres` user and
 * every command runs through `runuser -u postgres`.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PostgresCluster {
  host: string;
  port: number;
  /** The superuser (trust authentication). */
  user: string;
  database: string;
  /** Runs SQL as the superuser through psql and returns its unaligned output. */
  psql(sql: string, database?: string): string;
  stop(): void;
}

export interface PostgresClusterOptions {
  /** pg_hba.conf lines placed before the trust rule, e.g. `host all reader 127.0.0.1/32 scram-sha-256`. */
  hba?: string[];
}

const BIN_DIRECTORIES = ["/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin"];

function binary(name: string): string {
  for (const directory of BIN_DIRECTORIES) {
    const path = join(directory, name);
    if (existsSync(path)) return path;
  }
  return name;
}

/** True when this machine can start a cluster (the binaries exist). */
export function postgresAvailable(): boolean {
  return BIN_DIRECTORIES.some((directory) => existsSync(join(directory, "initdb")));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

const runningAsRoot = typeof process.getuid === "function" && process.getuid() === 0;

function run(command: string, args: string[]): string {
  const [file, argv] = runningAsRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function giveToPostgresUser(path: string): void {
  if (!runningAsRoot) return;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  chownSync(path, uid, gid);
}

export async function startPostgres(options: PostgresClusterOptions = {}): Promise<PostgresCluster> {
  const root = mkdtempSync(join(tmpdir(), "airbyte-ts-pg-"));
  giveToPostgresUser(root);
  const dataDirectory = join(root, "data");
  const port = await freePort();
  run(binary("initdb"), ["-D", dataDirectory, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  if (options.hba?.length) {
    const hbaFile = join(dataDirectory, "pg_hba.conf");
    writeFileSync(hbaFile, `${options.hba.join("\n")}\n${readFileSync(hbaFile, "utf8")}`);
  }
  const serverOptions = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  run(binary("pg_ctl"), ["-D", dataDirectory, "-o", serverOptions, "-l", join(root, "log"), "-w", "start"]);
  let stopped = false;
  return {
    host: "127.0.0.1",
    port,
    user: "postgres",
    database: "postgres",
    psql: (sql, database = "postgres") =>
      run(binary("psql"), [
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        "-d",
        database,
        "-v",
        "ON_ERROR_STOP=1",
        "-Atc",
        sql,
      ]),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(binary("pg_ctl"), ["-D", dataDirectory, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
