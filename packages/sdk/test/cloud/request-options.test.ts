/**
 * The two bags of the high-level methods: behaviour options first, request options last. What
 * the request options say reaches the wire (every request of a wait included) and stops a wait;
 * behaviour options are never sent, neither as query parameters nor as headers.
 */
import { afterEach, describe, expect, it } from "vitest";
import { CloudWorkspace } from "airbyte-ts";
import { rejection, seedConnection, useCloudServer } from "./harness.js";

const SLOW = {
  destinationType: "dev-null",
  test_destination: { test_destination_type: "THROTTLED", millis_per_record: 10_000 },
};

/** A request as `fetch` was handed it: what went over the loopback to the local server. */
interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
}

describe("request options of the high-level methods", () => {
  const harness = useCloudServer({ maxAttempts: 1 });
  const sent: SentRequest[] = [];
  afterEach(() => {
    sent.length = 0;
  });

  /** A workspace whose `fetch` is the real one, each request recorded on its way out. */
  function recordingWorkspace(): CloudWorkspace {
    const { apiOptions } = harness.tuning();
    const recordingFetch: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      sent.push({ method: request.method, url: new URL(request.url), headers: request.headers });
      return fetch(input, init);
    };
    return new CloudWorkspace({
      workspaceId: harness.local().workspaceId,
      clientId: harness.local().clientId,
      clientSecret: harness.local().clientSecret,
      apiRoot: harness.local().publicApiUrl,
      apiOptions: { ...apiOptions, fetch: recordingFetch },
    });
  }

  /** The recorded requests to the API, the token requests left out. */
  function apiRequests(): SentRequest[] {
    return sent.filter((request) => !request.url.pathname.endsWith("/applications/token"));
  }

  /** Every header name and value, and every query parameter, of the recorded requests, in lower case. */
  function everythingSent(): string {
    return apiRequests()
      .flatMap((request) => [...request.headers, ...request.url.searchParams].flat())
      .join("\n")
      .toLowerCase();
  }

  it("getInfo: the headers reach the server, forceRefresh does not", async () => {
    const workspace = recordingWorkspace();
    const seeded = await seedConnection(harness.admin(), workspace.workspaceId);
    const connection = workspace.getConnection(seeded.connection.connectionId);

    await connection.getInfo({ forceRefresh: true }, { headers: { "x-trace-id": "trace-1" } });

    const requests = apiRequests();
    expect(requests.map((request) => `${request.method} ${request.url.pathname}`)).toEqual([
      `GET /api/public/v1/connections/${connection.connectionId}`,
    ]);
    expect(requests[0]!.headers.get("x-trace-id")).toBe("trace-1");
    expect([...requests[0]!.url.searchParams.keys()]).toEqual([]);
    expect(everythingSent()).not.toContain("forcerefresh");
  });

  it("listConnections: the name filter is applied here, the headers on every page", async () => {
    const workspace = recordingWorkspace();
    const seeded = await seedConnection(harness.admin(), workspace.workspaceId);

    const found = await workspace.listConnections(
      { name: seeded.connection.name },
      { headers: { "x-trace-id": "trace-2" } },
    );

    expect(found.map((connection) => connection.connectionId)).toEqual([seeded.connection.connectionId]);
    const requests = apiRequests();
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request.url.pathname).toBe("/api/public/v1/connections");
      expect(request.headers.get("x-trace-id")).toBe("trace-2");
      expect(request.url.searchParams.has("name")).toBe(false);
    }
    expect(everythingSent()).not.toContain(seeded.connection.name.toLowerCase());
  });

  it("runSync's wait: every poll carries the headers, and the signal stops the wait (the job goes on)", async () => {
    const workspace = recordingWorkspace();
    const seeded = await seedConnection(harness.admin(), workspace.workspaceId, { destinationConfiguration: SLOW });
    const connection = workspace.getConnection(seeded.connection.connectionId);
    const reason = new Error("enough waiting");
    const controller = new AbortController();
    let polls = 0;

    const stopped = await rejection(
      connection.runSync(
        {
          pollIntervalMs: 20,
          onProgress: () => {
            polls += 1;
            if (polls === 3) controller.abort(reason);
          },
        },
        { signal: controller.signal, headers: { "x-trace-id": "trace-3" } },
      ),
    );

    expect(stopped).toBe(reason);
    const requests = apiRequests();
    expect(requests.map((request) => `${request.method} ${request.url.pathname}`)).toEqual([
      "POST /api/public/v1/jobs",
      ...Array.from({ length: 3 }, () => expect.stringMatching(/^GET \/api\/public\/v1\/jobs\/\d+$/)),
    ]);
    for (const request of requests) expect(request.headers.get("x-trace-id")).toBe("trace-3");
    for (const option of ["pollinterval", "waittimeout", "ifrunning", "onprogress"]) {
      expect(everythingSent()).not.toContain(option);
    }

    const sync = (await connection.getPreviousSyncLogs({ limit: 1 }))[0]!;
    expect(await sync.isJobComplete()).toBe(false);
    await sync.cancel();
  });
});
