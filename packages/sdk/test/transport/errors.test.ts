import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  AirbyteApi,
  AirbyteApiError,
  AirbyteError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  LockedError,
  NotFoundError,
  NotImplementedError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  UnprocessableEntityError,
  type Logger,
} from "airbyte-ts";
import { fakeJwt, useScriptedServer } from "../helpers/scripted-server.js";

const server = useScriptedServer({ beforeAll, afterAll, beforeEach });

const client = (extra: Partial<ConstructorParameters<typeof AirbyteApi>[0]> = {}) =>
  new AirbyteApi({ serverUrl: server().url, bearerToken: "t", retries: false, logLevel: "off", ...extra });

const CONNECTION = "5a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

describe("problem bodies", () => {
  test("a 404 problem becomes a NotFoundError with its fields", async () => {
    server().on("GET /connections/*", {
      status: 404,
      body: {
        status: 404,
        type: "https://reference.airbyte.com/reference/errors#resource-not-found",
        title: "resource-not-found",
        detail: "The requested resource could not be found.",
        data: { resourceType: "connection", resourceId: CONNECTION },
      },
    });
    const error = await client()
      .connections.getConnection({ connectionId: CONNECTION })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(AirbyteApiError);
    expect(error).toBeInstanceOf(AirbyteError);
    const e = error as NotFoundError;
    expect(e.status).toBe(404);
    expect(e.method).toBe("GET");
    expect(e.url).toBe(`${server().url}/connections/${CONNECTION}`);
    expect(e.type).toBe("https://reference.airbyte.com/reference/errors#resource-not-found");
    expect(e.title).toBe("resource-not-found");
    expect(e.detail).toBe("The requested resource could not be found.");
    expect(e.data).toEqual({ resourceType: "connection", resourceId: CONNECTION });
    expect(e.retryable).toBe(false);
    expect(e.message).toBe(
      `GET ${server().url}/connections/${CONNECTION} failed with 404: resource-not-found: The requested resource could not be found. (connection ${CONNECTION})`,
    );
  });

  test("the Config API's { message, errorId } body", async () => {
    server().on("POST /api/v1/state/create_or_update_safe", {
      status: 423,
      body: { message: "State cannot be updated while a sync is running for this connection.", errorId: "9f0c" },
    });
    const api = new AirbyteApi({ serverUrl: `${server().url}/api/public/v1`, bearerToken: "t", logLevel: "off" });
    const error = await api.config.state
      .createOrUpdateSafe({
        connectionId: CONNECTION,
        connectionState: { stateType: "not_set", connectionId: CONNECTION },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockedError);
    expect((error as LockedError).errorId).toBe("9f0c");
    expect((error as Error).message).toContain("State cannot be updated while a sync is running");
    expect((error as Error).message).toContain("[errorId 9f0c]");
  });

  test.each([
    [400, BadRequestError, "bad_request"],
    [401, AuthenticationError, "unauthorized"],
    [403, PermissionDeniedError, "forbidden"],
    [404, NotFoundError, "not_found"],
    [409, ConflictError, "conflict"],
    [410, AirbyteApiError, "api_error"],
    [422, UnprocessableEntityError, "unprocessable"],
    [423, LockedError, "locked"],
    [429, RateLimitError, "rate_limited"],
    [500, InternalServerError, "server_error"],
    [501, NotImplementedError, "not_implemented"],
    [502, InternalServerError, "server_error"],
    [503, InternalServerError, "server_error"],
  ] as const)("status %i", async (status, ErrorClass, code) => {
    server().on("GET /tags/*", { status, body: { status, title: "t", data: { message: "why" } } });
    const error = await client()
      .tags.getTag({ tagId: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as AirbyteApiError).status).toBe(status);
    expect((error as AirbyteApiError).code).toBe(code);
    expect((error as Error).message).toContain("why");
  });

  test("the request id of the server's x-request-id header, when it sends one", async () => {
    server().on("GET /tags/a", { status: 404, headers: { "x-request-id": "req-7" }, body: { status: 404 } });
    server().on("GET /tags/b", { status: 404, body: { status: 404 } });
    const failed = (tagId: string) =>
      client()
        .tags.getTag({ tagId })
        .then(
          () => undefined,
          (e: unknown) => e as AirbyteApiError,
        );
    const [named, unnamed] = await Promise.all([failed("a"), failed("b")]);
    expect(named?.requestId).toBe("req-7");
    expect(unnamed?.requestId).toBeUndefined();
  });

  test("an empty error body still gives a readable message", async () => {
    server().on("POST /sources/initiateOAuth", { status: 501 });
    const error = await client()
      .sources.initiateOAuth({ redirectUrl: "https://x", workspaceId: "w" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotImplementedError);
    expect((error as Error).message).toMatch(/failed with 501: Not Implemented/);
  });
});

describe("answers that are not the API's", () => {
  const page = "<!doctype html><html><head><title>Airbyte</title></head><body><div id=root></div></body></html>";

  test("an HTML page where JSON was expected says which server URL to use", async () => {
    server().on("GET /workspaces", { headers: { "content-type": "text/html" }, body: page });
    const error = await client()
      .workspaces.listWorkspaces()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ResponseValidationError);
    const message = (error as Error).message;
    expect(message).toContain("HTML page instead of JSON");
    expect(message).toContain(`serverUrl "${server().url}/api/public/v1"`);
    expect(message).toContain(`selfManaged("${server().url}")`);
  });

  test("an HTML error page gets the same hint", async () => {
    server().on("GET /workspaces/*", { status: 404, headers: { "content-type": "text/html" }, body: page });
    const error = await client()
      .workspaces.getWorkspace({ workspaceId: "w" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain(`${server().url}/api/public/v1`);
  });

  test("text that is not JSON", async () => {
    server().on("GET /tags/*", { body: "not json at all" });
    const error = await client()
      .tags.getTag({ tagId: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain("not JSON");
  });

  test("a list answer without a data array", async () => {
    server().on("GET /connections", { body: { connections: [] } });
    const error = await client()
      .connections.listConnections()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain('"data" array');
  });
});

describe("secrets never leak", () => {
  const SECRET = "super-secret-client-value";
  const BEARER = "bearer-token-value-123";

  function capture(): { logger: Logger; lines: () => string } {
    const seen: unknown[] = [];
    const record = (message: string, details?: Record<string, unknown>) => seen.push(message, details);
    return {
      logger: { error: record, warn: record, info: record, debug: record },
      lines: () => inspect(seen, { depth: 10 }),
    };
  }

  test("client secret and tokens: not in errors, inspect output or debug logs", async () => {
    const token = fakeJwt(900);
    server().on("POST /applications/token", { body: { access_token: token, token_type: "Bearer", expires_in: 900 } });
    // A server that echoes what it got, credentials included.
    server().on("GET /workspaces/*", (r) => ({
      status: 403,
      body: { status: 403, title: "forbidden", data: { message: `denied for ${r.headers.authorization} / ${SECRET}` } },
    }));
    const { logger, lines } = capture();
    const api = new AirbyteApi({
      serverUrl: server().url,
      clientId: "cid",
      clientSecret: SECRET,
      logger,
      logLevel: "debug",
      retries: false,
    });
    const error = await api.workspaces.getWorkspace({ workspaceId: "w" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    const surfaces = [
      (error as Error).message,
      String(error),
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      inspect(api, { depth: 10 }),
      JSON.stringify(api),
      lines(),
    ];
    for (const text of surfaces) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(token);
    }
    expect(lines()).toContain("GET"); // the logger did receive the exchange
  });

  test("bearer token and basic password: not in errors or logs", async () => {
    server().on("GET /health", { status: 500, body: { message: `bad ${BEARER}` } });
    const { logger, lines } = capture();
    const bearer = new AirbyteApi({
      serverUrl: server().url,
      bearerToken: BEARER,
      logger,
      logLevel: "debug",
      retries: false,
    });
    const e1 = await bearer.health.getHealthCheck().catch((e: unknown) => e);
    const basic = new AirbyteApi({
      serverUrl: server().url,
      username: "airbyte",
      password: "pa55word!",
      logger,
      logLevel: "debug",
      retries: false,
    });
    server().on("GET /health", { status: 500, body: { message: "bad pa55word!" } });
    const e2 = await basic.health.getHealthCheck().catch((e: unknown) => e);
    for (const text of [(e1 as Error).message, (e2 as Error).message, inspect(bearer), inspect(basic), lines()]) {
      expect(text).not.toContain(BEARER);
      expect(text).not.toContain("pa55word!");
      expect(text).not.toContain(Buffer.from("airbyte:pa55word!").toString("base64"));
    }
  });

  test("credentials in a server URL are removed from error URLs", async () => {
    server().on("GET /health", { status: 500, body: {} });
    const url = new URL(server().url);
    url.username = "user";
    url.password = "hunter2";
    const api = new AirbyteApi({
      serverUrl: url.toString(),
      logLevel: "off",
      retries: false,
      fetch: (input, init) => fetch(String(input).replace("user:hunter2@", ""), init),
    });
    const error = (await api.health.getHealthCheck().catch((e: unknown) => e)) as AirbyteApiError;
    expect(error.url).not.toContain("hunter2");
    expect(error.message).not.toContain("hunter2");
  });
});
