import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  AirbyteApi,
  InvalidArgumentError,
  NotFoundError,
  selfManaged,
  VERSION,
  type AirbyteApiError,
  type RequestContext,
} from "airbyte-ts";
import { CLOUD_API_URL, CLOUD_CONFIG_API_URL } from "airbyte-ts/api";
import { resolveConfigApiUrl } from "../../src/http/servers.js";
import { nextTurn } from "@airbyte-ts/test-support";
import { useScriptedServer } from "../helpers/scripted-server.js";

const server = useScriptedServer({ beforeAll, afterAll, beforeEach });

describe("servers", () => {
  const saved = process.env.AIRBYTE_CLOUD_CONFIG_API_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.AIRBYTE_CLOUD_CONFIG_API_URL;
    else process.env.AIRBYTE_CLOUD_CONFIG_API_URL = saved;
  });
  beforeEach(() => {
    delete process.env.AIRBYTE_CLOUD_CONFIG_API_URL;
  });

  test("Airbyte Cloud is the default", () => {
    const api = new AirbyteApi({ bearerToken: "t" });
    expect(api.serverUrl).toBe("https://api.airbyte.com/v1");
    expect(api.configApiUrl).toBe("https://cloud.airbyte.com/api/v1");
  });

  test.each([
    ["http://localhost:8000", "http://localhost:8000"],
    ["http://localhost:8000/", "http://localhost:8000"],
    ["https://airbyte.example.com/airbyte", "https://airbyte.example.com/airbyte"],
    ["http://localhost:8000/api/public/v1", "http://localhost:8000"],
    ["http://localhost:8000/api/v1/", "http://localhost:8000"],
  ])("selfManaged(%s)", (input, root) => {
    expect(selfManaged(input)).toEqual({ serverUrl: `${root}/api/public/v1`, configApiUrl: `${root}/api/v1` });
  });

  test("the Config API root: explicit, then the environment, then Cloud, then the self-managed layout", () => {
    expect(resolveConfigApiUrl("http://h:8000/api/public/v1", "http://other/api/v1/")).toBe("http://other/api/v1");
    process.env.AIRBYTE_CLOUD_CONFIG_API_URL = "http://from-env/api/v1";
    expect(resolveConfigApiUrl("http://h:8000/api/public/v1", undefined)).toBe("http://from-env/api/v1");
    delete process.env.AIRBYTE_CLOUD_CONFIG_API_URL;
    expect(resolveConfigApiUrl(CLOUD_API_URL, undefined)).toBe(CLOUD_CONFIG_API_URL);
    expect(resolveConfigApiUrl("https://h/airbyte/api/public/v1", undefined)).toBe("https://h/airbyte/api/v1");
  });

  test("an unknown layout is an error naming the option and the variable to set", async () => {
    const api = new AirbyteApi({ serverUrl: server().url, bearerToken: "t" });
    expect(() => api.configApiUrl).toThrow(InvalidArgumentError);
    const error = await api.config.state.get({ connectionId: "c" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/configApiUrl.*AIRBYTE_CLOUD_CONFIG_API_URL/);
    expect(server().requests).toHaveLength(0);
  });

  test("with selfManaged, both APIs reach the right roots", async () => {
    server().on("GET /api/public/v1/health", { body: "Successful operation" });
    server().on("POST /api/v1/state/get", { body: { stateType: "not_set", connectionId: "c" } });
    const api = new AirbyteApi({ ...selfManaged(server().url), bearerToken: "t" });
    await api.health.getHealthCheck();
    await api.config.state.get({ connectionId: "c" });
    expect(server().requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /api/public/v1/health",
      "POST /api/v1/state/get",
    ]);
  });
});

describe("headers, hooks, fetch", () => {
  test("User-Agent names the SDK version, which is the package's", async () => {
    server().on("GET /health", { body: "ok" });
    await new AirbyteApi({ serverUrl: server().url }).health.getHealthCheck();
    expect(server().requests[0]?.headers["user-agent"]).toBe(`airbyte-ts/${VERSION}`);
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  test("default headers, per-call headers, and null removing a default", async () => {
    server().on("GET /health", { body: "ok" });
    const api = new AirbyteApi({ serverUrl: server().url, headers: { "x-team": "data", "x-env": "prod" } });
    await api.health.getHealthCheck({ headers: { "x-env": "staging", "x-team": null, "x-call": "1" } });
    const headers = server().requests[0]?.headers ?? {};
    expect(headers["x-env"]).toBe("staging");
    expect(headers["x-team"]).toBeUndefined();
    expect(headers["x-call"]).toBe("1");
  });

  test("hooks see each attempt; beforeRequest may change headers; onError says whether a retry follows", async () => {
    server().on("GET /health", { body: "ok" });
    server().once("GET /health", { status: 503, body: {} });
    const seen: string[] = [];
    const api = new AirbyteApi({
      serverUrl: server().url,
      logLevel: "off",
      retries: { initialDelayMs: 1 },
      hooks: [
        {
          beforeRequest: (context: RequestContext) => {
            context.headers.set("x-trace", `attempt-${context.attempt}`);
            seen.push(`before ${context.operation} ${context.attempt}`);
          },
          afterResponse: (_context, response) => {
            seen.push(`after ${response.status}`);
          },
          onError: (_context, error: AirbyteApiError, willRetry) => {
            seen.push(`error ${error.status} retry=${willRetry}`);
          },
        },
      ],
    });
    await api.health.getHealthCheck();
    expect(seen).toEqual([
      "before getHealthCheck 1",
      "after 503",
      "error 503 retry=true",
      "before getHealthCheck 2",
      "after 200",
    ]);
    expect(server().requests.map((r) => r.headers["x-trace"])).toEqual(["attempt-1", "attempt-2"]);
  });

  test("a hook that throws fails the call with its own error", async () => {
    server().on("GET /health", { body: "ok" });
    const api = new AirbyteApi({
      serverUrl: server().url,
      hooks: {
        beforeRequest: () => {
          throw new Error("policy: no calls on Sundays");
        },
      },
    });
    await expect(api.health.getHealthCheck()).rejects.toThrow("policy: no calls on Sundays");
    expect(server().requests).toHaveLength(0);
  });

  test("a custom fetch carries every request", async () => {
    server().on("GET /health", { body: "ok" });
    const urls: string[] = [];
    const api = new AirbyteApi({
      serverUrl: server().url,
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(input, init);
      },
    });
    await api.health.getHealthCheck();
    expect(urls).toEqual([`${server().url}/health`]);
  });

  test("withResponse gives the HTTP response beside the data", async () => {
    server().on("GET /tags/*", {
      headers: { "x-request-id": "req-1" },
      body: { tagId: "t", name: "n", color: "FF0000", workspaceId: "w" },
    });
    const { data, response, requestId } = await new AirbyteApi({ serverUrl: server().url }).tags
      .getTag({ tagId: "t" })
      .withResponse();
    expect(data.name).toBe("n");
    expect(response.status).toBe(200);
    expect(requestId).toBe("req-1");
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual(data);
  });

  test("asResponse gives the HTTP response with its body unread; no request id is undefined", async () => {
    server().on("GET /tags/*", { body: { tagId: "t", name: "n", color: "FF0000", workspaceId: "w" } });
    const api = new AirbyteApi({ serverUrl: server().url });
    const response = await api.tags.getTag({ tagId: "t" }).asResponse();
    expect(response.status).toBe(200);
    expect(response.bodyUsed).toBe(false);
    expect(((await response.json()) as { name: string }).name).toBe("n");
    expect((await api.tags.getTag({ tagId: "t" }).withResponse()).requestId).toBeUndefined();
  });

  test("asResponse reports a failure as the data would", async () => {
    server().on("GET /tags/*", { status: 404, body: { status: 404, title: "resource-not-found" } });
    const api = new AirbyteApi({ serverUrl: server().url, retries: false });
    await expect(api.tags.getTag({ tagId: "t" }).asResponse()).rejects.toBeInstanceOf(NotFoundError);
  });

  test("a failure seen only through withResponse is handled there (no unhandled rejection)", async () => {
    server().on("GET /tags/*", { status: 404, body: { status: 404, title: "resource-not-found" } });
    const api = new AirbyteApi({ serverUrl: server().url, retries: false });
    await expect(api.tags.getTag({ tagId: "t" }).withResponse()).rejects.toBeInstanceOf(NotFoundError);
    const stray: unknown[] = [];
    const onStray = (reason: unknown) => stray.push(reason);
    process.on("unhandledRejection", onStray);
    try {
      const both = api.tags.getTag({ tagId: "t" });
      await expect(both).rejects.toBeInstanceOf(NotFoundError);
      await expect(both.withResponse()).rejects.toBeInstanceOf(NotFoundError);
      // Node reports a rejection nobody handled once the promise jobs of a turn have run.
      await nextTurn();
      expect(stray).toEqual([]);
    } finally {
      process.off("unhandledRejection", onStray);
    }
  });

  test("the debug log has each exchange, with redacted headers", async () => {
    server().on("GET /tags/*", { body: { tagId: "t", name: "n", color: "FF0000", workspaceId: "w" } });
    const lines: string[] = [];
    const log = (message: string, details?: Record<string, unknown>) =>
      lines.push(`${message} ${JSON.stringify(details ?? {})}`);
    await new AirbyteApi({
      serverUrl: server().url,
      bearerToken: "very-secret-token",
      logger: { debug: log, info: log, warn: log, error: log },
      logLevel: "debug",
    }).tags.getTag({ tagId: "t" });
    expect(lines.join("\n")).toContain(`-> GET ${server().url}/tags/t`);
    expect(lines.join("\n")).toContain(`<- 200 GET ${server().url}/tags/t`);
    expect(lines.join("\n")).toContain('"authorization":"***"');
    expect(lines.join("\n")).not.toContain("very-secret-token");
  });

  test("path values are percent-encoded", async () => {
    server().on("DELETE /workspaces/*/oauthCredentials/*/*", { status: 204 });
    await new AirbyteApi({ serverUrl: server().url }).workspaces.deleteWorkspaceOAuthCredentials({
      workspaceId: "w",
      actorType: "source",
      name: "google sheets/v2",
    });
    expect(server().requests[0]?.path).toBe("/workspaces/w/oauthCredentials/source/google%20sheets%2Fv2");
  });
});
