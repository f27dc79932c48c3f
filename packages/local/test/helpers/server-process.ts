/**
 * A local server in a child process, for tests that kill it (SIGKILL, so no shutdown code runs)
 * and start another on the same data directory.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { AirbyteApi, selfManaged } from "airbyte-ts";
import type { LocalServerOptions } from "@airbyte-ts/local";

export interface ServerProcess {
  url: string;
  clientId: string;
  clientSecret: string;
  workspaceId: string;
  /** An SDK client of the instance admin. */
  api: AirbyteApi;
  /** Kills the process with SIGKILL: no shutdown code runs. */
  kill(): Promise<void>;
}

/** A local server on `dataDir` in a child process (test/fixtures/serve.ts), once it listens. */
export async function spawnLocalServer(dataDir: string, options: LocalServerOptions = {}): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      fileURLToPath(new URL("../fixtures/serve.ts", import.meta.url)),
      dataDir,
      JSON.stringify(options),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // A process that could not start emits 'error' (and maybe no 'exit'): it counts as gone.
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", (error) => {
      stderr += String(error);
      resolve();
    });
  });
  const ready = await new Promise<Omit<ServerProcess, "api" | "kill">>((resolve, reject) => {
    let buffered = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split("\n").find((candidate) => candidate.startsWith("ready "));
      if (line) resolve(JSON.parse(line.slice("ready ".length)));
    });
    void exited.then(() => reject(new Error(`the server process exited before it was ready: ${stderr}`)));
  });
  const api = new AirbyteApi({
    ...selfManaged(ready.url),
    clientId: ready.clientId,
    clientSecret: ready.clientSecret,
    logLevel: "off",
    retries: false,
  });
  return {
    ...ready,
    api,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
