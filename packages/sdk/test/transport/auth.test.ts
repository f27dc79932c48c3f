import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { AirbyteApi, AuthenticationError, InvalidArgumentError } from "airbyte-ts";
import { fakeJwt, serveTokens, useScriptedServer } from "../helpers/scripted-server.js";

const server = useScriptedServer({ beforeAll, afterAll, beforeEach });
afterEach(() => vi.useRealTimers());

/** Moves the clock the client reads expiries by forward, at once (only `Date` is faked: timers and sockets stay real). */
function laterByMs(ms: number): void {
  const now = Date.now();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(now + ms);
}

const WORKSPACE = {
  workspaceId: "0f6a4a4e-2c36-4c0b-9d6e-6b1c4bd5b0a1",
  name: "w",
  dataResidency: "auto",
  notifications: {},
};

function credentialsClient(extra: Partial<ConstructorParameters<typeof AirbyteApi>[0]> = {}) {
  return new AirbyteApi({ serverUrl: server().url, clientId: "client-1", clientSecret: "s3cret-value", ...extra });
}

describe("client credentials", () => {
  test("mint one token and reuse it while it is valid", async () => {
    const tokens = serveTokens(server());
    server().on("GET /workspaces/*", { body: WORKSPACE });
    const api = credentialsClient();
    for (let i = 0; i < 20; i++) await api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });

    const tokenRequests = server().requestsTo("POST /applications/token");
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]?.headers["content-type"]).toBe("application/json");
    expect(tokenRequests[0]?.body).toEqual({
      client_id: "client-1",
      client_secret: "s3cret-value",
      grant_type: "client_credentials",
    });
    const used = server()
      .requestsTo(`GET /workspaces/${WORKSPACE.workspaceId}`)
      .map((r) => r.headers.authorization);
    expect(new Set(used)).toEqual(new Set([`Bearer ${tokens.issued()[0]}`]));
  });

  test("withOptions copies share their client's token; another client, even with the same credentials, does not", async () => {
    serveTokens(server());
    server().on("GET /workspaces/*", { body: WORKSPACE });
    const api = credentialsClient();
    await api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });
    await api.withOptions({ timeoutMs: 5000 }).workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });
    expect(server().requestsTo("POST /applications/token")).toHaveLength(1);
    // The cache belongs to a client, not to the process.
    await credentialsClient().workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });
    expect(server().requestsTo("POST /applications/token")).toHaveLength(2);
    // A copy with another secret is another identity: it mints its own token.
    await api.withOptions({ clientSecret: "other-secret" }).workspaces.getWorkspace({
      workspaceId: WORKSPACE.workspaceId,
    });
    expect(server().requestsTo("POST /applications/token")).toHaveLength(3);
  });

  test("refresh 60 s before the JWT exp claim when it is earlier than expires_in", async () => {
    serveTokens(server(), { expiresIn: 900, jwtExpSeconds: 61 });
    server().on("GET /workspaces/*", { body: WORKSPACE });
    const api = credentialsClient();
    await api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });
    await api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });
    expect(server().requestsTo("POST /applications/token")).toHaveLength(1);
    laterByMs(1_100); // now within 60 s of exp
    await api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });
    expect(server().requestsTo("POST /applications/token")).toHaveLength(2);
  });

  test("refresh 60 s before expires_in for an opaque token", async () => {
    server().on("POST /applications/token", {
      body: { access_token: `opaque-${Math.random()}`, token_type: "Bearer", expires_in: 61 },
    });
    server().on("GET /workspaces/*", { body: WORKSPACE });
    const api = credentialsClient();
    await api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });
    await api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });
    expect(server().requestsTo("POST /applications/token")).toHaveLength(1);
    laterByMs(1_100);
    await api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });
    expect(server().requestsTo("POST /applications/token")).toHaveLength(2);
  });

  test("50 concurrent calls share one in-flight token request", async () => {
    serveTokens(server(), { delayMs: 150 });
    server().on("GET /workspaces/*", { body: WORKSPACE });
    const api = credentialsClient();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId })),
    );
    expect(results).toHaveLength(50);
    expect(server().requestsTo("POST /applications/token")).toHaveLength(1);
    expect(server().requestsTo(`GET /workspaces/${WORKSPACE.workspaceId}`)).toHaveLength(50);
  });

  test("a 401 drops the token, mints a new one and replays the request once", async () => {
    const tokens = serveTokens(server());
    let calls = 0;
    server().on("GET /workspaces/*", (request) => {
      calls++;
      // The server revokes the first token.
      return request.headers.authorization === `Bearer ${tokens.issued()[0]}`
        ? {
            status: 401,
            body: {
              status: 401,
              type: "https://reference.airbyte.com/reference/errors#invalid-api-key",
              title: "invalid-api-key",
            },
          }
        : { body: WORKSPACE };
    });
    const api = credentialsClient();
    const workspace = await api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });
    expect(workspace).toEqual(WORKSPACE);
    expect(calls).toBe(2);
    expect(server().requestsTo("POST /applications/token")).toHaveLength(2);
  });

  test("a second 401 is an AuthenticationError, with a single replay", async () => {
    serveTokens(server());
    server().on("GET /workspaces/*", { status: 401, body: { status: 401, title: "invalid-api-key" } });
    const api = credentialsClient();
    const error = await api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect(server().requestsTo(`GET /workspaces/${WORKSPACE.workspaceId}`)).toHaveLength(2);
  });

  test("rejected client credentials are an AuthenticationError naming the client id, never the secret", async () => {
    server().on("POST /applications/token", {
      status: 400,
      body: { message: "Invalid client id or token", errorId: "e-1" },
    });
    const api = credentialsClient();
    const error = await api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const message = (error as Error).message;
    expect(message).toContain("client-1");
    expect(message).toContain("Invalid client id or token");
    expect(message).not.toContain("s3cret-value");
    expect(server().requestsTo("POST /applications/token")).toHaveLength(1); // 400 is not retried
    expect(server().requests.filter((r) => r.path.startsWith("/workspaces"))).toHaveLength(0);
  });

  test("one token serves the public API and the Config API", async () => {
    serveTokens(server(), { path: "/api/public/v1/applications/token" });
    server().on("GET /api/public/v1/workspaces/*", { body: WORKSPACE });
    server().on("POST /api/v1/state/get", { body: { stateType: "not_set", connectionId: "c" } });
    const api = new AirbyteApi({
      serverUrl: `${server().url}/api/public/v1`,
      clientId: "client-1",
      clientSecret: "s3cret-value",
    });
    await api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });
    await api.config.state.get({ connectionId: "c" });
    expect(server().requestsTo("POST /api/public/v1/applications/token")).toHaveLength(1);
    const auth = server()
      .requests.filter((r) => !r.path.endsWith("/token"))
      .map((r) => r.headers.authorization);
    expect(auth[0]).toMatch(/^Bearer /);
    expect(auth[1]).toBe(auth[0]);
  });

  test("a custom token URL", async () => {
    serveTokens(server(), { path: "/oauth/token" });
    server().on("GET /workspaces/*", { body: WORKSPACE });
    await credentialsClient({ tokenUrl: `${server().url}/oauth/token` }).workspaces.getWorkspace({
      workspaceId: WORKSPACE.workspaceId,
    });
    expect(server().requestsTo("POST /oauth/token")).toHaveLength(1);
  });
});

describe("other strategies", () => {
  test("bearer token: sent as is; a 401 is not replayed", async () => {
    server().on("GET /workspaces/*", { status: 401, body: { status: 401, title: "invalid-api-key" } });
    const api = new AirbyteApi({ serverUrl: server().url, bearerToken: "tok-123" });
    await expect(api.workspaces.getWorkspace({ workspaceId: "w" })).rejects.toBeInstanceOf(AuthenticationError);
    expect(server().requests).toHaveLength(1);
    expect(server().requests[0]?.headers.authorization).toBe("Bearer tok-123");
  });

  test("basic authentication", async () => {
    server().on("GET /workspaces/*", { body: WORKSPACE });
    await new AirbyteApi({
      serverUrl: server().url,
      username: "airbyte",
      password: "password",
    }).workspaces.getWorkspace({
      workspaceId: "w",
    });
    expect(server().requests[0]?.headers.authorization).toBe("Basic YWlyYnl0ZTpwYXNzd29yZA==");
  });

  test("a token provider is asked again, with forceRefresh, after a 401", async () => {
    const asked: boolean[] = [];
    const tokens = [fakeJwt(900), fakeJwt(900)];
    server().on("GET /workspaces/*", (r) =>
      r.headers.authorization === `Bearer ${tokens[0]}` ? { status: 401, body: {} } : { body: WORKSPACE },
    );
    const api = new AirbyteApi({
      serverUrl: server().url,
      tokenProvider: ({ forceRefresh }) => {
        asked.push(forceRefresh);
        return tokens[asked.length - 1] as string;
      },
    });
    await expect(api.workspaces.getWorkspace({ workspaceId: "w" })).resolves.toEqual(WORKSPACE);
    expect(asked).toEqual([false, true]);
  });

  test("no credentials sends no Authorization header", async () => {
    server().on("GET /health", { body: "Successful operation" });
    await new AirbyteApi({ serverUrl: server().url }).health.getHealthCheck();
    expect(server().requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe("option checks happen before any request", () => {
  test.each([
    [
      { bearerToken: "t", clientId: "a", clientSecret: "b" },
      /one way to authenticate.*bearerToken and clientId\/clientSecret/,
    ],
    [{ clientId: "a" }, /clientId was given without clientSecret/],
    [{ clientSecret: "b" }, /clientSecret was given without clientId/],
    [{ bearerToken: "" }, /bearerToken must be a non-empty string/],
    [{ username: "u" }, /without password/],
    [{ timeoutMs: -1 }, /timeoutMs must be a positive number/],
    [{ retries: { maxRetries: -2 } }, /retries.maxRetries must be a number of 0 or more/],
    [{ serverUrl: "localhost:8000" }, /serverUrl must use http or https|absolute http\(s\) URL/],
    [{ serverUrl: "ftp://host" }, /serverUrl must use http or https/],
    [{ logLevel: "loud" }, /logLevel must be one of/],
  ])("%j", (options, message) => {
    expect(() => new AirbyteApi(options as never)).toThrow(InvalidArgumentError);
    expect(() => new AirbyteApi(options as never)).toThrow(message);
  });
});
