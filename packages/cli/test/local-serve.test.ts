import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { has } from "@airbyte-ts/test-support";
import { AirbyteApi, selfManaged } from "airbyte-ts";
import { VERSION } from "../src/version.js";
import { STUCK } from "./helpers/cli.js";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const built = has("build");
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill("SIGKILL");
  child = undefined;
});

/** Starts `airbyte-ts local serve <args>` as `child`, once its banner says it runs; `output` is all its stderr. */
async function startServe(args: string[], env?: NodeJS.ProcessEnv): Promise<{ banner: string; output: () => string }> {
  const started = spawn(process.execPath, [bin, "local", "serve", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    ...(env ? { env } : {}),
  });
  child = started;
  let stderr = "";
  const banner = await new Promise<string>((resolve, reject) => {
    started.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("Press Ctrl-C")) resolve(stderr);
    });
    started.once("error", reject);
    started.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { banner, output: () => stderr };
}

/** An SDK client of the admin whose credentials a `--show-secret` banner printed. */
function adminOf(banner: string): AirbyteApi {
  const url = /running at (\S+)/.exec(banner)?.[1] as string;
  const clientId = /client id:\s+(\S+)/.exec(banner)?.[1] as string;
  const clientSecret = /client secret:\s+(\S+)/.exec(banner)?.[1] as string;
  return new AirbyteApi({ ...selfManaged(url), clientId, clientSecret, logLevel: "off", retries: false });
}

/** The pids of a process's children (its sync workers, for a server). */
function childrenOf(pid: number): number[] {
  const listed = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  if (listed.error) throw listed.error;
  return listed.stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map(Number);
}

describe.skipIf(!built)("airbyte-ts (run `npm run build` first)", () => {
  test("--version prints the package's version; --help lists the commands", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(run("--version").stdout.trim()).toBe(VERSION);
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("local");
    expect(run("local", "serve", "--help").stdout).toContain("Examples:");
  });

  test("a usage mistake exits 2 with a one-line message and no stack trace", () => {
    const unknown = run("nope");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown command 'nope'");
    const badFlag = run("local", "serve", "--auth", "sometimes");
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr.trim()).toBe('airbyte-ts: --auth must be token, basic or none; got "sometimes".');
    expect(run("local", "serve", "--fault-error-rate", "2").stderr).toContain(
      "--fault-error-rate must be a fraction from 0 to 1",
    );
  });

  test("local serve starts a server the SDK can use, prints its credentials, and stops on SIGTERM", async () => {
    const { banner } = await startServe(["--port", "0", "--in-memory", "--no-scheduler", "--show-secret"]);
    const api = adminOf(banner);
    const workspaces = await api.workspaces.listWorkspaces();
    expect(workspaces.data.map((w) => w.name)).toEqual(["Default Workspace"]);

    const exited = new Promise<number | null>((resolve) => child?.once("exit", resolve));
    child?.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  test("local serve masks the secret unless asked, and --save-profile saves a profile the CLI can use", async () => {
    const home = mkdtempSync(join(tmpdir(), "airbyte-ts-serve-"));
    const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, ".config") };
    const { banner } = await startServe(["--port", "0", "--in-memory", "--no-scheduler", "--save-profile"], env);
    expect(banner).toContain("client secret: **** (--show-secret prints it)");
    const configFile = join(home, ".config", "airbyte-ts", "config.json");
    expect(banner).toContain(`Saved as profile 'local' in ${configFile}`);
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    const profile = JSON.parse(readFileSync(configFile, "utf8")).profiles.local as Record<string, string>;
    expect(banner).not.toContain(profile.clientSecret);
    const listed = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [bin, "--profile", "local", "--json", "workspaces", "list"],
        { env },
        (error, stdout) =>
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an ExecFileException is an Error; its type (an Omit) hides that
          error ? reject(error) : resolve(stdout),
      );
    });
    expect((JSON.parse(listed) as { name: string }[]).map((w) => w.name)).toEqual(["Default Workspace"]);
  });

  test("local serve keeps serving while its sync workers are killed, before and after a cancel", async () => {
    const { output } = await startServe(["--port", "0", "--in-memory", "--no-scheduler", "--show-secret"]);
    const serverPid = child?.pid as number;
    const api = adminOf(output());
    const [workspace] = (await api.workspaces.listWorkspaces()).data;
    const workspaceId = workspace?.workspaceId as string;
    const source = await api.sources.createSource({
      name: "faker",
      workspaceId,
      configuration: { sourceType: "faker", count: 100 },
    });
    const destination = await api.destinations.createDestination({ name: "stuck", workspaceId, configuration: STUCK });
    const { connectionId } = await api.connections.createConnection({
      sourceId: source.sourceId,
      destinationId: destination.destinationId,
      configurations: { streams: [{ name: "users", syncMode: "full_refresh_overwrite" }] },
    });
    for (let round = 0; round < 8; round++) {
      const { jobId } = await api.jobs.createJob({ connectionId, jobType: "sync" });
      // The destination takes ten seconds a record: the worker runs until it is stopped.
      await expect.poll(() => childrenOf(serverPid).length, { timeout: 20_000 }).toBe(1);
      const [worker] = childrenOf(serverPid);
      if (round % 2 === 0) {
        process.kill(worker as number, "SIGKILL");
        await api.jobs.cancelJob({ jobId });
      } else {
        await api.jobs.cancelJob({ jobId });
        process.kill(worker as number, "SIGKILL");
      }
      expect((await api.jobs.getJob({ jobId })).status).toBe("cancelled");
      expect(await api.health.getHealthCheck()).toBeTruthy();
      await expect.poll(() => childrenOf(serverPid), { timeout: 20_000 }).toEqual([]);
    }
    expect(child?.exitCode).toBeNull();
    expect(output()).not.toMatch(/unexpected error|EPIPE/i);
  });

  test("a port in use is a configuration error (exit 3) that says what to do", async () => {
    const { createServer } = await import("node:net");
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as { port: number }).port;
    const result = spawnSync(process.execPath, [bin, "local", "serve", "--port", String(port), "--in-memory"], {
      encoding: "utf8",
      timeout: 20_000,
    });
    busy.close();
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`Port ${port} is already in use`);
  });
});
