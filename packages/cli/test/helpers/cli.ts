/**
 * Runs the built `airbyte-ts` as a subprocess, with a clean environment (a temporary HOME and
 * config directory, no AIRBYTE_* variables of the machine), against a local server started in
 * the test process. Every output of every run is kept, so a file can check at the end that no
 * secret was ever printed.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { has } from "@airbyte-ts/test-support";
import { afterAll, beforeAll, expect } from "vitest";
import { CloudWorkspace } from "airbyte-ts";
import { type LocalServer, type LocalServerOptions, startLocalServer } from "@airbyte-ts/local";

export const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
/** The suite runs the built binary: without a build it is skipped (run `npm run build` first), under CI it fails. */
export const built = has("build");

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

export type Env = Record<string, string | undefined>;

export interface RunOptions {
  env?: Env;
  /** Written to stdin, which is then closed (default: stdin closed at once). */
  input?: string;
  timeoutMs?: number;
}

/** A home of its own: HOME and XDG_CONFIG_HOME in a new temporary directory. */
export function freshHome(): { home: string; configDir: string; env: Env } {
  const home = mkdtempSync(join(tmpdir(), "airbyte-ts-cli-"));
  return {
    home,
    configDir: join(home, ".config", "airbyte-ts"),
    env: { HOME: home, XDG_CONFIG_HOME: join(home, ".config") },
  };
}

const outputs: string[] = [];

/** Every stdout and stderr seen so far in this file. */
function allOutput(): string {
  return outputs.join("\n");
}

export function run(args: string[], options: RunOptions = {}): Promise<Result> {
  const env: Env = { PATH: process.env.PATH, LANG: "C.UTF-8", ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`airbyte-ts ${args.join(" ")} did not finish in time; stderr: ${stderr}`));
    }, options.timeoutMs ?? 25_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    // A CLI that exits without reading its input breaks the pipe: that is its answer, not an error.
    child.stdin.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") reject(error);
    });
    child.stdin.end(options.input ?? "");
  });
}

/** stdout parsed as JSON, with the run's stderr in the failure message when it is not JSON. */
export function json<T = Record<string, unknown>>(result: Result): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** The JSON error object on stderr (`--json`). */
export function jsonError(result: Result): Record<string, unknown> {
  const lines = result.stderr.trim().split("\n");
  return (JSON.parse(lines.at(-1) as string) as { error: Record<string, unknown> }).error;
}

export interface CliHarness {
  local(): LocalServer;
  /** The environment that points the CLI at the local server (credentials, API root, workspace). */
  env(): Env;
  /** Runs the CLI with that environment (plus `options.env`). */
  cli: (args: string[], options?: RunOptions) => Promise<Result>;
  /** The admin's workspace through the SDK, to set things up without the CLI. */
  workspace(): CloudWorkspace;
  home: ReturnType<typeof freshHome>;
}

/**
 * A local server for the file, a home of its own, and at the end a check that the server's
 * client secret never appeared in any output.
 */
export function useCliServer(options: LocalServerOptions = {}): CliHarness {
  let server: LocalServer | undefined;
  const home = freshHome();
  beforeAll(async () => {
    server = await startLocalServer({
      inMemory: true,
      scheduler: false,
      maxAttempts: 1,
      localDirectory: join(home.home, "local"),
      log: () => {},
      ...options,
    });
  });
  afterAll(async () => {
    if (server) expect(allOutput()).not.toContain(server.clientSecret);
    await server?.close();
  });
  const local = () => {
    if (!server) throw new Error("the local server has not started");
    return server;
  };
  const env = (): Env => ({
    ...home.env,
    AIRBYTE_API_ROOT: local().publicApiUrl,
    AIRBYTE_CLIENT_ID: local().clientId,
    AIRBYTE_CLIENT_SECRET: local().clientSecret,
    AIRBYTE_WORKSPACE_ID: local().workspaceId,
  });
  return {
    local,
    env,
    home,
    cli: (args, options = {}) => run(args, { ...options, env: { ...env(), ...options.env } }),
    workspace: () =>
      new CloudWorkspace({
        workspaceId: local().workspaceId,
        apiRoot: local().publicApiUrl,
        clientId: local().clientId,
        clientSecret: local().clientSecret,
        apiOptions: { logLevel: "off" },
      }),
  };
}

let counter = 0;

/** A name no other test uses; `delete-me` in it lets safe mode delete it. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix} ${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

const SILENT = { destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } };
export const FAILING = {
  destinationType: "dev-null",
  test_destination: { test_destination_type: "FAILING", num_messages: 0 },
};
/** A destination that takes ten seconds per record: its syncs run until cancelled. */
export const STUCK = {
  destinationType: "dev-null",
  test_destination: { test_destination_type: "THROTTLED", millis_per_record: 10_000 },
};

/** A Faker source, a destination and a connection between them, made with the SDK. */
export async function seedConnection(
  workspace: CloudWorkspace,
  options: { name?: string; destination?: Record<string, unknown>; count?: number; streams?: string[] } = {},
) {
  const source = await workspace.deploySource(uniqueName("faker delete-me"), {
    sourceType: "faker",
    count: options.count ?? 20,
    seed: 3,
  });
  const destination = await workspace.deployDestination(uniqueName("sink delete-me"), options.destination ?? SILENT);
  const connection = await workspace.deployConnection(options.name ?? uniqueName("connection delete-me"), {
    source,
    destination,
    selectedStreams: options.streams ?? ["users"],
  });
  return { source, destination, connection };
}
