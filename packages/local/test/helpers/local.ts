/**
 * A local server per test file, SDK clients for it, and a check of every response the clients
 * receive against Airbyte's OpenAPI documents: a response whose body does not match its
 * operation's schema (or, for errors, the shape of a problem) fails the test that saw it. And a
 * local server in a child process, for tests that kill it.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import {
  AirbyteApi,
  AirbyteApiError,
  type AirbyteApiOptions,
  type Hooks,
  selfManaged,
} from "airbyte-ts";
import { type LocalServer, type LocalServerOptions, startLocalServer } from "@airbyte-ts/local";
import {
  configOperation,
  publicOperations,
  SPEC_AVAILABLE,
  validateAgainst,
  validatePath,
  type PublicOperation,
} from "../../../sdk/test/helpers/openapi.js";

export interface LocalHarness {
  local(): LocalServer;
  /** An SDK client of the instance admin. */
  admin(): AirbyteApi;
  /**
   * An SDK client with other credentials or options, checked against the spec too: hooks given
   * in `options` run after the harness's own check, never instead of it.
   */
  client(options: AirbyteApiOptions): AirbyteApi;
  /**
   * A new user with an SDK client: in an organization of their own (as its admin) unless one is
   * named, with `organizationRole` there (default member).
   */
  person(email: string, options?: { organizationId?: string; organizationRole?: string }): Person;
  /** Mismatches seen so far in the current test (the harness fails the test on any). */
  mismatches: string[];
}

export interface Person {
  userId: string;
  organizationId: string;
  email: string;
  api: AirbyteApi;
}

/** The API error a call ends with (any awaitable: the SDK's page promises are not Promises). */
export async function failure(promise: PromiseLike<unknown>): Promise<AirbyteApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AirbyteApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/**
 * An in-memory local server (no scheduler) for the tests of one file: started before them,
 * closed after them, and after each test a check that no response
 * strayed from Airbyte's OpenAPI documents (`mismatches` is what `specCheck` fills).
 */
export function useServerLifecycle(options: LocalServerOptions, mismatches: string[]): () => LocalServer {
  let server: LocalServer | undefined;
  beforeAll(async () => {
    server = await startLocalServer({ inMemory: true, scheduler: false, ...options });
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(() => {
    const seen = mismatches.splice(0);
    expect(seen, "responses that do not match Airbyte's OpenAPI documents").toEqual([]);
  });

  return () => {
    if (!server) throw new Error("the local server has not started");
    return server;
  };
}

export function useLocalServer(options: LocalServerOptions = {}): LocalHarness {
  let adminClient: AirbyteApi | undefined;
  const mismatches: string[] = [];
  const hooks = specCheck(mismatches);
  const local = useServerLifecycle(options, mismatches);
  const client = ({ hooks: extraHooks, ...extra }: AirbyteApiOptions) =>
    new AirbyteApi({
      ...selfManaged(local().url),
      logLevel: "off",
      retries: false,
      ...extra,
      hooks: [hooks, ...(extraHooks === undefined ? [] : Array.isArray(extraHooks) ? extraHooks : [extraHooks])],
    });
  return {
    local,
    admin: () => (adminClient ??= client({ clientId: local().clientId, clientSecret: local().clientSecret })),
    client,
    person(email, options = {}) {
      const created = local().createUser({ email, ...options });
      const api = client({ clientId: created.clientId, clientSecret: created.clientSecret });
      return { userId: created.userId, organizationId: created.organizationId, email, api };
    },
    mismatches,
  };
}

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

/** Hooks that validate each JSON response against the operation it answers. */
export function specCheck(mismatches: string[]): Hooks {
  return {
    afterResponse: async (context, response) => {
      if (!SPEC_AVAILABLE) return;
      const text = await response.text();
      if (!(response.headers.get("content-type") ?? "").includes("application/json") || text === "") return;
      const body = JSON.parse(text) as unknown;
      const where = `${context.method} ${context.url.pathname} -> ${response.status}`;
      const problems = checkResponse(context.method, context.url.pathname, response.status, body);
      mismatches.push(...problems.map((p) => `${where}: ${p}`));
    },
  };
}

const PUBLIC_PREFIX = "/api/public/v1";
const CONFIG_PREFIX = "/api/v1";

function checkResponse(method: string, path: string, status: number, body: unknown): string[] {
  if (status >= 400) return checkError(path, body);
  if (path.startsWith(PUBLIC_PREFIX)) {
    const relative = path.slice(PUBLIC_PREFIX.length) || "/";
    const op = findPublicOperation(method, relative);
    if (!op) return [`no operation of api.yaml matches`];
    const schema = op.responses[String(status)];
    return schema ? validateAgainst("api", schema, body) : [];
  }
  if (path.startsWith(CONFIG_PREFIX)) {
    const op = configOperation(path.slice(CONFIG_PREFIX.length));
    const schema = op.responses[String(status)];
    return schema ? validateAgainst("config", schema, body) : [];
  }
  return [`not under an API root`];
}

function findPublicOperation(method: string, path: string): PublicOperation | undefined {
  const candidates = publicOperations().filter(
    (op) => op.method === method && validatePath("api", op, path).length === 0,
  );
  // A literal segment beats a parameter: /applications/token before /applications/{applicationId}.
  return candidates.sort((a, b) => (b.path.match(/\{/g)?.length ?? 0) - (a.path.match(/\{/g)?.length ?? 0)).pop();
}

/** Problems are `{type, title, ...}` on the public API, `{message, ...}` on the Config API. */
function checkError(path: string, body: unknown): string[] {
  const value = body as Record<string, unknown>;
  if (path.startsWith(CONFIG_PREFIX)) {
    return typeof value?.message === "string" ? [] : ["a Config API error body has no message"];
  }
  if (typeof value?.message === "string" && Object.keys(value).length === 1) return []; // the 429 body
  const errors: string[] = [];
  if (typeof value?.type !== "string") errors.push("a problem has no type");
  if (typeof value?.title !== "string") errors.push("a problem has no title");
  if (value?.status !== undefined && typeof value.status !== "number")
    errors.push("a problem's status is not a number");
  return errors;
}
