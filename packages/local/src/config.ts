/** Options of the local server, with their defaults. */
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FaultOptions } from "./faults.js";

export type AuthMode = "token" | "basic" | "none";

export interface LocalServerOptions {
  /** TCP port; 0 picks a free one. Default 0 (the CLI's default is 8000). */
  port?: number;
  /** Interface to bind. Default 127.0.0.1: the server is reachable from this machine only. */
  host?: string;
  /** Directory of the SQLite database (and anything else the server keeps). */
  dataDir?: string;
  /** Keep everything in memory (for tests); nothing survives `close()`. */
  inMemory?: boolean;
  /**
   * `token` (default): every call but the health check and the token endpoint needs a bearer
   * token from `POST /applications/token`. `basic`: HTTP basic `airbyte:password` is accepted
   * too, as legacy deployments did. `none`: no authentication; every caller is the admin.
   */
  auth?: AuthMode;
  basicAuth?: { username: string; password: string };
  /** Lifetime of issued access tokens. Default 900 s, as Airbyte's. */
  tokenExpiresInSeconds?: number;
  /** Injected faults, for testing clients. Off by default. */
  faults?: FaultOptions;
  /** Run scheduled (cron) syncs while the server runs. Default true. */
  scheduler?: boolean;
  /** Attempts of a job before it fails. Default 3. */
  maxAttempts?: number;
  /**
   * Pause before the second attempt of a failed job; each further one waits three times longer
   * (as Airbyte's backoff does), at most a minute. Default 2000 ms.
   */
  retryBackoffMs?: number;
  /** How often the scheduler looks for connections whose scheduled time has come. Default 5000 ms. */
  schedulerIntervalMs?: number;
  /**
   * How the Config API returns attempt logs: `structured` (default, `logs.events`) or
   * `formatted` (`logs.logLines`), the two shapes Airbyte has used.
   */
  logFormat?: "structured" | "formatted";
  /**
   * The directory that stands for Airbyte's `/local` mount, where DuckDB destination files
   * (`/local/x.duckdb`) go. Default `<dataDir>/local`, or `<tmpdir>/airbyte_local` without a data
   * directory (abctl mounts `/tmp/airbyte_local` there).
   */
  localDirectory?: string;
  /** Where to report server-side problems. Default: stderr. */
  log?: (message: string) => void;
}

export interface ResolvedConfig {
  port: number;
  host: string;
  dataDir: string | undefined;
  inMemory: boolean;
  auth: AuthMode;
  basicAuth: { username: string; password: string };
  tokenExpiresInSeconds: number;
  faults: FaultOptions | undefined;
  scheduler: boolean;
  maxAttempts: number;
  retryBackoffMs: number;
  schedulerIntervalMs: number;
  logFormat: "structured" | "formatted";
  localDirectory: string;
  log: (message: string) => void;
}

export function resolveConfig(options: LocalServerOptions): ResolvedConfig {
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    dataDir: options.dataDir,
    inMemory: options.inMemory ?? !options.dataDir,
    auth: options.auth ?? "token",
    basicAuth: options.basicAuth ?? { username: "airbyte", password: "password" },
    tokenExpiresInSeconds: options.tokenExpiresInSeconds ?? 900,
    faults: options.faults,
    scheduler: options.scheduler ?? true,
    maxAttempts: options.maxAttempts ?? 3,
    retryBackoffMs: options.retryBackoffMs ?? 2000,
    schedulerIntervalMs: options.schedulerIntervalMs ?? 5000,
    logFormat: options.logFormat ?? "structured",
    localDirectory: options.localDirectory ?? defaultLocalDirectory(options.dataDir),
    log: options.log ?? ((message) => process.stderr.write(`[airbyte-local] ${message}\n`)),
  };
}

function defaultLocalDirectory(dataDir: string | undefined): string {
  return dataDir ? join(dataDir, "local") : join(tmpdir(), "airbyte_local");
}
