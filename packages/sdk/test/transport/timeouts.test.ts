import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { AirbyteApi, RequestAbortedError, TimeoutError } from "airbyte-ts";
import { useScriptedServer } from "../helpers/scripted-server.js";

const server = useScriptedServer({ beforeAll, afterAll, beforeEach });

const client = (extra: Partial<ConstructorParameters<typeof AirbyteApi>[0]> = {}) =>
  new AirbyteApi({ serverUrl: server().url, bearerToken: "t", logLevel: "off", ...extra });

test("the client's timeout ends a slow attempt with a TimeoutError", async () => {
  server().on("GET /health", { delayMs: 2000, body: "Successful operation" });
  const started = Date.now();
  const error = await client({ timeoutMs: 150, retries: false })
    .health.getHealthCheck()
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TimeoutError);
  expect((error as Error).message).toMatch(/timed out after 150 ms/);
  expect(Date.now() - started).toBeLessThan(1500);
});

test("a per-call timeout overrides the client's", async () => {
  server().on("GET /health", { delayMs: 2000, body: "ok" });
  await expect(
    client({ timeoutMs: 60_000, retries: false }).health.getHealthCheck({ timeoutMs: 100 }),
  ).rejects.toBeInstanceOf(TimeoutError);
});

test("a timed-out idempotent request is retried", async () => {
  server().on("GET /health", { body: "Successful operation" });
  server().once("GET /health", { delayMs: 1000, body: "late" });
  await expect(client({ timeoutMs: 150, retries: { initialDelayMs: 1 } }).health.getHealthCheck()).resolves.toBe(
    "Successful operation",
  );
  expect(server().requests).toHaveLength(2);
});

test("a timed-out POST is not sent again", async () => {
  server().on("POST /workspaces", { delayMs: 1000, body: {} });
  await expect(
    client({ timeoutMs: 100, retries: { initialDelayMs: 1 } }).workspaces.createWorkspace({ name: "w" }),
  ).rejects.toBeInstanceOf(TimeoutError);
  expect(server().requests).toHaveLength(1);
});

test("a server that stalls in the middle of the body is timed out too", async () => {
  server().on("GET /health", (_request, { res }) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.write("Success"); // ...and never ends
    return "handled";
  });
  await expect(client({ timeoutMs: 200, retries: false }).health.getHealthCheck()).rejects.toBeInstanceOf(TimeoutError);
});

test("an AbortSignal cancels a request in flight", async () => {
  server().on("GET /health", { delayMs: 2000, body: "ok" });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const started = Date.now();
  const error = await client()
    .health.getHealthCheck({ signal: controller.signal })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RequestAbortedError);
  expect(Date.now() - started).toBeLessThan(1000);
});

test("an AbortSignal interrupts the wait between retries", async () => {
  server().on("GET /health", { status: 503, headers: { "retry-after": "30" }, body: {} });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 150);
  const started = Date.now();
  const error = await client({ retries: { maxDelayMs: 60_000 } })
    .health.getHealthCheck({ signal: controller.signal })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RequestAbortedError);
  expect(Date.now() - started).toBeLessThan(1500);
  expect(server().requests).toHaveLength(1);
});

test("an already aborted signal sends nothing", async () => {
  server().on("GET /health", { body: "ok" });
  await expect(client().health.getHealthCheck({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
    RequestAbortedError,
  );
  expect(server().requests).toHaveLength(0);
});
