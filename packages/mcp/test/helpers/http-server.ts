/**
 * An MCP server over streamable HTTP in a child process: the built `airbyte-ts-mcp --http`, or
 * any command that serves it (`airbyte-ts mcp --http`), ready once its start-up line on stderr
 * says where it listens. No vitest here: the bench uses it too.
 */
import { spawn } from "node:child_process";

export interface HttpServerProcess {
  /** The MCP endpoint, `http://127.0.0.1:PORT/mcp`. */
  url: string;
  /** `http://127.0.0.1:PORT`, for the other paths. */
  origin: string;
  pid: number;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Whether it is still running. */
  running(): boolean;
  /** Sends the signal (default SIGTERM) and resolves with the exit code once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const started = new Set<HttpServerProcess>();

/** `node ...args` with `env` as its whole environment, resolved once it serves. */
export async function startHttpServer(args: string[], env: Record<string, string>): Promise<HttpServerProcess> {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
      const serving = /serving on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (serving) resolve(serving);
    });
    void exited.then((code) => reject(new Error(`${args.join(" ")} exited (${code}) before serving: ${stderr}`)));
  });
  const server: HttpServerProcess = {
    url,
    origin: new URL(url).origin,
    pid: child.pid ?? 0,
    stderr: () => stderr,
    running: () => exitCode === undefined,
    stop(signal = "SIGTERM") {
      started.delete(server);
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
  };
  started.add(server);
  return server;
}

/** Stops every server still running (a test's afterAll). */
export async function stopHttpServers(): Promise<void> {
  await Promise.all([...started].map((server) => server.stop()));
}
