/** openai-node's option names, `timeout` (ms) and `maxRetries`, beside `timeoutMs` and `retries`. */
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { AirbyteApi, InternalServerError, InvalidArgumentError, TimeoutError } from "airbyte-ts";
import { useScriptedServer } from "../helpers/scripted-server.js";

const server = useScriptedServer({ beforeAll, afterAll, beforeEach });

const client = (extra: Partial<ConstructorParameters<typeof AirbyteApi>[0]> = {}) =>
  new AirbyteApi({ serverUrl: server().url, bearerToken: "t", logLevel: "off", ...extra });

const UNAVAILABLE = { status: 503, body: { status: 503, title: "service-unavailable" } };

test("the client's timeout, in milliseconds, ends a slow attempt", async () => {
  server().on("GET /health", { delayMs: 2000, body: "ok" });
  const error = await client({ timeout: 120, retries: false })
    .health.getHealthCheck()
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TimeoutError);
  expect((error as Error).message).toMatch(/timed out after 120 ms/);
});

test("a per-call timeout overrides the client's", async () => {
  server().on("GET /health", { delayMs: 2000, body: "ok" });
  await expect(
    client({ timeout: 60_000, retries: false }).health.getHealthCheck({ timeout: 100 }),
  ).rejects.toBeInstanceOf(TimeoutError);
});

test("the client's maxRetries sets how often a failure is retried", async () => {
  server().on("GET /health", UNAVAILABLE);
  await expect(
    client({ maxRetries: 1, retries: { initialDelayMs: 1 } }).health.getHealthCheck(),
  ).rejects.toBeInstanceOf(InternalServerError);
  expect(server().requestsTo("GET /health")).toHaveLength(2);
});

test("a per-call maxRetries overrides the client's", async () => {
  server().on("GET /health", UNAVAILABLE);
  const api = client({ retries: { initialDelayMs: 1, maxRetries: 3 } });
  await expect(api.health.getHealthCheck({ maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
  expect(server().requestsTo("GET /health")).toHaveLength(1);
});

test("two values for one option are refused before any request", async () => {
  expect(() => client({ timeout: 100, timeoutMs: 200 })).toThrow(InvalidArgumentError);
  expect(() => client({ maxRetries: 2, retries: false })).toThrow(InvalidArgumentError);
  await expect(client().health.getHealthCheck({ maxRetries: 1, retries: { maxRetries: 2 } })).rejects.toBeInstanceOf(
    InvalidArgumentError,
  );
  expect(server().requests).toHaveLength(0);
});
