import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { has } from "@airbyte-ts/test-support";
import { AirbyteApi, selfManaged } from "airbyte-ts";
import { VERSION } from "../src/version.js";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const built = has("build");
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill("SIGKILL");
  child = undefined;
});

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
    child = spawn(
      process.execPath,
      [bin, "local", "serve", "--port", "0", "--in-memory", "--no-scheduler", "--show-secret"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    const banner = await new Promise<string>((resolve, reject) => {
      child?.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes("Press Ctrl-C")) resolve(stderr);
      });
      child?.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const url = /running at (\S+)/.exec(banner)?.[1] as string;
    const clientId = /client id:\s+(\S+)/.exec(banner)?.[1] as string;
    const clientSecret = /client secret:\s+(\S+)/.exec(banner)?.[1] as string;
    const api = new AirbyteApi({ ...selfManaged(url), clientId, clientSecret });
    const workspaces = await api.workspaces.listWorkspaces();
    expect(workspaces.data.map((w) => w.name)).toEqual(["Default Workspace"]);

    const exited = new Promise<number | null>((resolve) => child?.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  test("local serve masks the secret unless asked, and --save-profile saves a profile the CLI can use", async () => {
    const home = mkdtempSync(join(tmpdir(), "airbyte-ts-serve-"));
    const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, ".config") };
    child = spawn(
      process.execPath,
      [bin, "local", "serve", "--port", "0", "--in-memory", "--no-scheduler", "--save-profile"],
      { stdio: ["ignore", "pipe", "pipe"], env },
    );
    let stderr = "";
    const banner = await new Promise<string>((resolve, reject) => {
      child?.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes("Press Ctrl-C")) resolve(stderr);
      });
      child?.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
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
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });
    expect((JSON.parse(listed) as { name: string }[]).map((w) => w.name)).toEqual(["Default Workspace"]);
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
