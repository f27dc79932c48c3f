import { homedir } from "node:os";
import { join } from "node:path";
import type { FaultOptions, LocalServerOptions } from "@airbyte-ts/local";
import type { Context } from "../../context.js";
import { checkProfileName, loadConfig, saveConfig } from "../../config/profiles.js";
import { CliError, EXIT } from "../../util/errors.js";

export interface ServeOptions {
  port: string;
  host: string;
  dataDir?: string;
  inMemory?: boolean;
  auth: string;
  tokenExpiresIn: string;
  scheduler: boolean;
  faultSeed?: string;
  faultLatency?: string;
  faultErrorRate?: string;
  faultRateLimitRate?: string;
  faultDropRate?: string;
  faultPhase?: string;
  faultInclude?: string[];
  faultExclude?: string[];
  saveProfile?: string | boolean;
  showSecret?: boolean;
}

export async function run(ctx: Context, _args: [], options: ServeOptions): Promise<void> {
  const serverOptions = toServerOptions(options);
  const profileName =
    options.saveProfile === undefined || options.saveProfile === false
      ? undefined
      : checkProfileName(options.saveProfile === true ? "local" : options.saveProfile);
  const { startLocalServer } = await import("@airbyte-ts/local");
  let server;
  try {
    server = await startLocalServer(serverOptions);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new CliError(
        `Port ${options.port} is already in use. Stop the other server, or pass --port 0 for a free port.`,
        EXIT.config,
      );
    }
    throw error;
  }
  const lines = [
    `Local Airbyte is running at ${server.url}`,
    `  public API:    ${server.publicApiUrl}`,
    `  Config API:    ${server.configApiUrl}`,
    `  workspace:     ${server.workspaceId}`,
    `  client id:     ${server.clientId}`,
    `  client secret: ${options.showSecret ? server.clientSecret : "**** (--show-secret prints it)"}`,
    `  database:      ${server.databaseLocation}`,
    "",
  ];
  if (profileName) {
    const { file } = await loadConfig(ctx.env);
    file.profiles[profileName] = {
      apiUrl: server.publicApiUrl,
      clientId: server.clientId,
      clientSecret: server.clientSecret,
      workspaceId: server.workspaceId,
      organizationId: server.organizationId,
    };
    const path = await saveConfig(file, ctx.env);
    lines.push(`Saved as profile '${profileName}' in ${path}: airbyte-ts --profile ${profileName} connections list`);
  } else {
    lines.push(`Use it from the CLI with --save-profile, or from the SDK: selfManaged("${server.url}")`);
  }
  lines.push("Press Ctrl-C to stop.");
  // The credentials are what `abctl local credentials` prints for a self-managed Airbyte.
  process.stderr.write(`${lines.join("\n")}\n`);
  keepServingThroughFaults();

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.stderr.write("Stopping...\n");
      server.close().then(resolve, resolve);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/**
 * The net under the faults the engine handles where they occur (a worker's death, a broken
 * pipe): one that still escapes a part running on its own would end the server and every sync
 * it runs. It is reported instead, and the server goes on answering.
 */
function keepServingThroughFaults(): void {
  const report = (kind: string) => (error: unknown) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`airbyte-ts local serve: ${kind} (still serving): ${detail}\n`);
  };
  process.on("uncaughtException", report("unexpected error"));
  process.on("unhandledRejection", report("unexpected error in a promise"));
}

function toServerOptions(options: ServeOptions): LocalServerOptions {
  const port = integer(options.port, "--port", 0, 65535);
  if (!["token", "basic", "none"].includes(options.auth)) {
    throw new CliError(`--auth must be token, basic or none; got "${options.auth}".`, EXIT.usage);
  }
  const faults = toFaults(options);
  return {
    port,
    host: options.host,
    ...(options.inMemory ? { inMemory: true } : { dataDir: options.dataDir ?? defaultDataDir() }),
    auth: options.auth as LocalServerOptions["auth"] & string,
    tokenExpiresInSeconds: integer(options.tokenExpiresIn, "--token-expires-in", 1, 365 * 24 * 3600),
    scheduler: options.scheduler,
    ...(faults ? { faults } : {}),
  };
}

function toFaults(options: ServeOptions): FaultOptions | undefined {
  const faults: FaultOptions = {};
  if (options.faultSeed !== undefined) faults.seed = integer(options.faultSeed, "--fault-seed", 0, 2 ** 32 - 1);
  if (options.faultLatency !== undefined) faults.latencyMs = latency(options.faultLatency);
  if (options.faultErrorRate !== undefined) faults.errorRate = rate(options.faultErrorRate, "--fault-error-rate");
  if (options.faultRateLimitRate !== undefined)
    faults.rateLimitRate = rate(options.faultRateLimitRate, "--fault-rate-limit-rate");
  if (options.faultDropRate !== undefined) faults.dropRate = rate(options.faultDropRate, "--fault-drop-rate");
  if (options.faultPhase !== undefined) {
    if (!["before", "after", "both"].includes(options.faultPhase)) {
      throw new CliError(`--fault-phase must be before, after or both; got "${options.faultPhase}".`, EXIT.usage);
    }
    faults.phase = options.faultPhase as FaultOptions["phase"];
  }
  if (options.faultInclude) faults.include = options.faultInclude;
  if (options.faultExclude) faults.exclude = options.faultExclude;
  return Object.keys(faults).length > 0 ? faults : undefined;
}

function defaultDataDir(): string {
  const fromEnv = process.env.AIRBYTE_TS_DATA_DIR?.trim();
  if (fromEnv) return fromEnv;
  const base = process.env.XDG_DATA_HOME?.trim() || join(homedir(), ".local", "share");
  return join(base, "airbyte-ts", "local");
}

function integer(value: string, flag: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new CliError(`${flag} must be a whole number from ${min} to ${max}; got "${value}".`, EXIT.usage);
  }
  return number;
}

function rate(value: string, flag: string): number {
  const number = Number(value);
  if (value.trim() === "" || !(number >= 0 && number <= 1)) {
    throw new CliError(`${flag} must be a fraction from 0 to 1, e.g. 0.2; got "${value}".`, EXIT.usage);
  }
  return number;
}

function latency(value: string): number | [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(value);
  if (!match) throw new CliError(`--fault-latency must be N or MIN-MAX milliseconds; got "${value}".`, EXIT.usage);
  const min = Number(match[1]);
  return match[2] === undefined ? min : [min, Math.max(min, Number(match[2]))];
}
