import { afterEach, describe, expect, test } from "vitest";
import { startLocalServer, type FaultOptions, type LocalServer } from "@airbyte-ts/local";

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(faults: FaultOptions) {
  server = await startLocalServer({ inMemory: true, auth: "none", scheduler: false, faults });
  return server;
}

/** Status of each of `count` requests (0 for a dropped connection). */
async function statuses(
  url: string,
  count: number,
  method = "GET",
  path = "/api/public/v1/workspaces",
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    try {
      const response = await fetch(url + path, {
        method,
        ...(method === "POST"
          ? { body: JSON.stringify({ name: `w${i}` }), headers: { "content-type": "application/json" } }
          : {}),
      });
      await response.text();
      out.push(response.status);
    } catch {
      out.push(0);
    }
  }
  return out;
}

describe("injected faults", () => {
  test("error, rate-limit and drop rates are honoured, and the same seed gives the same faults", async () => {
    const options: FaultOptions = { seed: 42, errorRate: 0.2, rateLimitRate: 0.1, dropRate: 0.1 };
    const first = await statuses((await start(options)).url, 200);
    await server?.close();
    const second = await statuses((await start(options)).url, 200);
    expect(second).toEqual(first);
    const count = (predicate: (s: number) => boolean) => first.filter(predicate).length;
    expect(count((s) => s >= 500)).toBeGreaterThan(20);
    expect(count((s) => s >= 500)).toBeLessThan(60);
    expect(count((s) => s === 429)).toBeGreaterThan(8);
    expect(count((s) => s === 0)).toBeGreaterThan(8);
    expect(count((s) => s === 200)).toBeGreaterThan(100);
    expect(new Set(first.filter((s) => s >= 500))).toEqual(new Set([500, 502, 503]));
  });

  test("a 429 carries Retry-After", async () => {
    const { url } = await start({ rateLimitRate: 1, retryAfterSeconds: 3 });
    const response = await fetch(`${url}/api/public/v1/workspaces`);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3");
    expect(await response.json()).toEqual({
      status: 429,
      type: "https://reference.airbyte.com/reference/errors",
      title: "rate-limited",
      detail: "You are being rate limited.",
      data: { message: "You are being rate limited." },
    });
    // The Config API's own shape there.
    const config = await fetch(`${url}/api/v1/workspaces/get`, { method: "POST", body: "{}" });
    expect(config.status).toBe(429);
    expect(await config.json()).toEqual({ message: "You are being rate limited.", errorId: expect.any(String) });
  });

  test("a 5xx after handling keeps the effect: the workspace exists though the client saw an error", async () => {
    const { url } = await start({ errorRate: 1, phase: "after", include: ["POST /api/public/v1/workspaces"] });
    const [status] = await statuses(url, 1, "POST");
    expect(status).toBeGreaterThanOrEqual(500);
    const list = (await (await fetch(`${url}/api/public/v1/workspaces`)).json()) as { data: { name: string }[] };
    expect(list.data.map((w) => w.name)).toContain("w0");
  });

  test("a 5xx before handling has no effect", async () => {
    const { url } = await start({ errorRate: 1, phase: "before", include: ["POST /api/public/v1/workspaces"] });
    await statuses(url, 1, "POST");
    const list = (await (await fetch(`${url}/api/public/v1/workspaces`)).json()) as { data: { name: string }[] };
    expect(list.data.map((w) => w.name)).not.toContain("w0");
  });

  test("latency is added", async () => {
    const { url } = await start({ latencyMs: 120 });
    const started = Date.now();
    await statuses(url, 3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });

  test("include and exclude choose the requests that may fail; health checks never fail by default", async () => {
    const { url } = await start({
      errorRate: 1,
      exclude: ["GET /api/public/v1/workspaces/*", "/api/public/v1/health"],
    });
    expect(await statuses(url, 3, "GET", "/api/public/v1/health")).toEqual([200, 200, 200]);
    expect((await statuses(url, 1, "GET", "/api/public/v1/workspaces"))[0]).toBeGreaterThanOrEqual(500);
    const workspace = (
      await statuses(url, 1, "GET", "/api/public/v1/workspaces/00000000-0000-0000-0000-000000000001")
    )[0];
    expect(workspace).toBe(404);
  });

  test("faults can be turned on and off while the server runs", async () => {
    const local = await start({});
    local.setFaults(undefined);
    expect(await statuses(local.url, 3)).toEqual([200, 200, 200]);
    local.setFaults({ errorRate: 1, phase: "before" });
    expect((await statuses(local.url, 3)).every((s) => s >= 500)).toBe(true);
    local.setFaults(undefined);
    expect(await statuses(local.url, 1)).toEqual([200]);
  });
});
