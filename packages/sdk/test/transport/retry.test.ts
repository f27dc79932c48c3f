import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  AirbyteApi,
  type AirbyteApiOptions,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  UnprocessableEntityError,
} from "airbyte-ts";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { useScriptedServer } from "../helpers/scripted-server.js";

const server = useScriptedServer({ beforeAll, afterAll, beforeEach });

const WORKSPACE = {
  workspaceId: "0f6a4a4e-2c36-4c0b-9d6e-6b1c4bd5b0a1",
  name: "w",
  dataResidency: "auto",
  notifications: {},
};
const PATH = `/workspaces/${WORKSPACE.workspaceId}`;

function client(retries: AirbyteApiOptions["retries"] = { initialDelayMs: 5, jitter: 0 }) {
  return new AirbyteApi({ serverUrl: server().url, bearerToken: "t", retries, logLevel: "off" });
}
const getWorkspace = (api: AirbyteApi) => api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId });

/** Milliseconds between consecutive recorded requests. */
const gaps = () =>
  server()
    .requests.slice(1)
    .map((r, i) => r.at - (server().requests[i]?.at ?? 0));

describe("retried statuses", () => {
  test.each([408, 425, 429, 500, 502, 503, 504])("GET answered %i once is retried and succeeds", async (status) => {
    server().on(`GET ${PATH}`, { body: WORKSPACE });
    server().once(`GET ${PATH}`, { status, body: { status, title: "transient" } });
    await expect(getWorkspace(client())).resolves.toEqual(WORKSPACE);
    expect(server().requests).toHaveLength(2);
  });

  test("a dropped connection is retried for an idempotent request", async () => {
    server().on(`GET ${PATH}`, { body: WORKSPACE });
    server().once(`GET ${PATH}`, (_r, { res }) => {
      res.socket?.destroy();
      return "handled";
    });
    await expect(getWorkspace(client())).resolves.toEqual(WORKSPACE);
    expect(server().requests).toHaveLength(2);
  });

  test("after the last retry the error of the last attempt is thrown", async () => {
    server().on(`GET ${PATH}`, { status: 503, body: { status: 503, title: "service-unavailable" } });
    const error = await getWorkspace(client({ maxRetries: 2, initialDelayMs: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).retryable).toBe(true);
    expect(server().requests).toHaveLength(3);
  });

  test("a refused connection is a NetworkError after the retries", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const api = new AirbyteApi({
      serverUrl: `http://127.0.0.1:${port}`,
      bearerToken: "t",
      retries: { maxRetries: 1, initialDelayMs: 1 },
      logLevel: "off",
    });
    const error = await api.health.getHealthCheck().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});

describe("statuses that are never retried", () => {
  test.each([
    [400, BadRequestError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
  ] as const)("%i", async (status, ErrorClass) => {
    server().on(`GET ${PATH}`, { status, body: { status, title: "client-error", detail: "no" } });
    await expect(getWorkspace(client())).rejects.toBeInstanceOf(ErrorClass);
    expect(server().requests).toHaveLength(1);
  });

  test("a POST that failed with a 5xx is not sent again (it may have taken effect)", async () => {
    server().on("POST /workspaces", { status: 502, body: "bad gateway" });
    await expect(client().workspaces.createWorkspace({ name: "w" })).rejects.toBeInstanceOf(InternalServerError);
    expect(server().requests).toHaveLength(1);
  });

  test("a POST answered 429 (provably not processed) is sent again", async () => {
    server().on("POST /workspaces", { body: WORKSPACE });
    server().once("POST /workspaces", { status: 429, body: { message: "You are being rate limited." } });
    await expect(client().workspaces.createWorkspace({ name: "w" })).resolves.toEqual(WORKSPACE);
    expect(server().requests).toHaveLength(2);
  });

  test("PATCH, which sets fields, is retried like a PUT", async () => {
    server().on(`PATCH ${PATH}`, { body: WORKSPACE });
    server().once(`PATCH ${PATH}`, { status: 500, body: {} });
    await client().workspaces.updateWorkspace({ workspaceId: WORKSPACE.workspaceId }, { name: "w" });
    expect(server().requests).toHaveLength(2);
  });
});

describe("waits", () => {
  test("Retry-After in seconds", async () => {
    server().on(`GET ${PATH}`, { body: WORKSPACE });
    server().once(`GET ${PATH}`, { status: 503, headers: { "retry-after": "1" }, body: {} });
    await getWorkspace(client());
    expect(gaps()[0]).toBeGreaterThanOrEqual(950);
  });

  test("Retry-After as an HTTP date", async () => {
    server().on(`GET ${PATH}`, { body: WORKSPACE });
    server().once(`GET ${PATH}`, () => ({
      status: 429,
      headers: { "retry-after": new Date(Date.now() + 2000).toUTCString() },
      body: {},
    }));
    await getWorkspace(client());
    // The date has a one-second resolution: the wait is between 1 and 2 seconds.
    expect(gaps()[0]).toBeGreaterThanOrEqual(950);
  });

  test("retry-after-ms wins over Retry-After", async () => {
    server().on(`GET ${PATH}`, { body: WORKSPACE });
    server().once(`GET ${PATH}`, { status: 503, headers: { "retry-after-ms": "150", "retry-after": "30" }, body: {} });
    await getWorkspace(client());
    expect(gaps()[0]).toBeGreaterThanOrEqual(140);
    expect(gaps()[0]).toBeLessThan(2000);
  });

  test("maxDelayMs caps what the server asks for", async () => {
    server().on(`GET ${PATH}`, { body: WORKSPACE });
    server().once(`GET ${PATH}`, { status: 503, headers: { "retry-after": "3600" }, body: {} });
    await getWorkspace(client({ maxDelayMs: 50 }));
    expect(gaps()[0]).toBeLessThan(1000);
  });

  test("exponential backoff doubles each wait", async () => {
    server().on(`GET ${PATH}`, { body: WORKSPACE });
    server().once(`GET ${PATH}`, { status: 500, body: {} }, 3);
    await getWorkspace(client({ initialDelayMs: 60, jitter: 0 }));
    const [first = 0, second = 0, third = 0] = gaps();
    expect(first).toBeGreaterThanOrEqual(55);
    expect(second).toBeGreaterThanOrEqual(115);
    expect(third).toBeGreaterThanOrEqual(235);
  });

  test("jitter shortens waits by up to its fraction", async () => {
    server().on(`GET ${PATH}`, { body: WORKSPACE });
    server().once(`GET ${PATH}`, { status: 500, body: {} }, 2);
    await getWorkspace(client({ initialDelayMs: 200, jitter: 0.5 }));
    for (const gap of gaps()) expect(gap).toBeGreaterThanOrEqual(95);
    expect(gaps()[1]).toBeLessThan(500);
  });

  test("maxElapsedMs stops retrying when the next wait would exceed it", async () => {
    server().on(`GET ${PATH}`, { status: 503, body: {} });
    const started = Date.now();
    await expect(getWorkspace(client({ initialDelayMs: 100, jitter: 0, maxElapsedMs: 250 }))).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server().requests).toHaveLength(2); // waits 100 (ok), then 200 would pass 250
  });
});

describe("configuration", () => {
  test("retries: false on the client", async () => {
    server().on(`GET ${PATH}`, { status: 503, body: {} });
    await expect(getWorkspace(client(false))).rejects.toBeInstanceOf(InternalServerError);
    expect(server().requests).toHaveLength(1);
  });

  test("per-call retries override the client's", async () => {
    server().on(`GET ${PATH}`, { status: 429, body: {} });
    const api = client({ maxRetries: 5, initialDelayMs: 1 });
    await expect(
      api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId }, { retries: false }),
    ).rejects.toBeInstanceOf(RateLimitError);
    expect(server().requests).toHaveLength(1);
    server().reset();
    server().on(`GET ${PATH}`, { status: 429, body: {} });
    await expect(
      api.workspaces.getWorkspace({ workspaceId: WORKSPACE.workspaceId }, { retries: { maxRetries: 1 } }),
    ).rejects.toBeInstanceOf(RateLimitError);
    expect(server().requests).toHaveLength(2);
  });

  test("retries are on by default", async () => {
    server().on(`GET ${PATH}`, { body: WORKSPACE });
    server().once(`GET ${PATH}`, { status: 502, headers: { "retry-after-ms": "1" }, body: {} });
    await getWorkspace(new AirbyteApi({ serverUrl: server().url, bearerToken: "t", logLevel: "off" }));
    expect(server().requests).toHaveLength(2);
  });
});
