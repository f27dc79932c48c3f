import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { AirbyteApi, InvalidArgumentError, Page } from "airbyte-ts";
import { nextTurn } from "@airbyte-ts/test-support";
import { useScriptedServer, type RecordedRequest, type ScriptedServer } from "../helpers/scripted-server.js";

const server = useScriptedServer({ beforeAll, afterAll, beforeEach });
const client = () => new AirbyteApi({ serverUrl: server().url, bearerToken: "t", logLevel: "off" });

/** A client that counts the requests it sends (its `beforeRequest` hook runs just before each goes out). */
function countingClient(): { api: AirbyteApi; sent: () => number } {
  let sent = 0;
  const api = new AirbyteApi({
    serverUrl: server().url,
    bearerToken: "t",
    logLevel: "off",
    hooks: { beforeRequest: () => void sent++ },
  });
  return { api, sent: () => sent };
}

interface Item {
  connectionId: string;
  n: number;
}

/**
 * Pages the way Airbyte's server does: absolute `next` with only limit/offset (and
 * includeDeleted), `""` once a page is empty, `next` present even after a short page.
 */
function pagedList(
  s: ScriptedServer,
  route: string,
  total: number,
  options: { dropEvery?: number; delayMs?: number } = {},
) {
  const items: Item[] = Array.from({ length: total }, (_, n) => ({ connectionId: `c-${n}`, n }));
  s.on(route, (request: RecordedRequest) => {
    const limit = Number(request.query.get("limit") ?? 20);
    const offset = Number(request.query.get("offset") ?? 0);
    let data = items.slice(offset, offset + limit);
    // GET /jobs filters some job types out after paging, so pages can be short mid-list.
    if (options.dropEvery) data = data.filter((item) => item.n % options.dropEvery! !== 0);
    const base = `${s.url}${request.path}?includeDeleted=false`;
    return {
      delayMs: options.delayMs ?? 0,
      body: {
        data,
        next: data.length === 0 && offset >= total ? "" : `${base}&limit=${limit}&offset=${offset + limit}`,
        previous: offset === 0 ? "" : `${base}&limit=${limit}&offset=${Math.max(offset - limit, 0)}`,
      },
    };
  });
  return items;
}

describe("iterating every item", () => {
  test("for await walks all pages of 100, keeping the filters, and stops at the short page", async () => {
    pagedList(server(), "GET /connections", 250);
    const seen: Item[] = [];
    const workspaceIds = ["w-1", "w-2"];
    for await (const item of client().connections.listConnections({
      workspaceIds,
      tagIds: ["t-1"],
      includeDeleted: true,
    })) {
      seen.push(item as unknown as Item);
    }
    expect(seen.map((i) => i.n)).toEqual(Array.from({ length: 250 }, (_, n) => n));
    const requests = server().requestsTo("GET /connections");
    const filters = "workspaceIds=w-1&workspaceIds=w-2&tagIds=t-1&includeDeleted=true&limit=100";
    expect(requests.map((r) => r.search)).toEqual([filters, `${filters}&offset=100`, `${filters}&offset=200`]);
  });

  test("an exact multiple of the page size ends at the empty page whose next is empty", async () => {
    pagedList(server(), "GET /sources", 200);
    const all = await client().sources.listSources().toArray();
    expect(all).toHaveLength(200);
    expect(server().requestsTo("GET /sources")).toHaveLength(3);
  });

  test("jobs: a short page is not the end; an empty page is", async () => {
    pagedList(server(), "GET /jobs", 45, { dropEvery: 7 });
    const jobs = await client().jobs.listJobs({ connectionId: "c", limit: 10 }).toArray();
    expect(jobs).toHaveLength(45 - Math.ceil(45 / 7));
    // 5 pages with items, then the empty one.
    expect(server().requestsTo("GET /jobs")).toHaveLength(6);
    expect(
      server()
        .requestsTo("GET /jobs")
        .every((r) => r.query.get("connectionId") === "c"),
    ).toBe(true);
  });

  test("toArray({ limit }) stops fetching once it has enough", async () => {
    pagedList(server(), "GET /destinations", 1000);
    const some = await client().destinations.listDestinations().toArray({ limit: 130 });
    expect(some).toHaveLength(130);
    expect(server().requestsTo("GET /destinations")).toHaveLength(2);
  });

  test("an empty list is one request", async () => {
    pagedList(server(), "GET /workspaces", 0);
    expect(await client().workspaces.listWorkspaces().toArray()).toEqual([]);
    expect(server().requests).toHaveLength(1);
  });
});

describe("pages", () => {
  test("a PagePromise is a Promise of the first page, fetched only when used, with finally and withResponse", async () => {
    pagedList(server(), "GET /connections", 5);
    const listing = client().connections.listConnections();
    expect(listing).toBeInstanceOf(Promise);
    expect(server().requests).toHaveLength(0);
    let settled = false;
    const page = await listing.finally(() => (settled = true));
    expect(settled).toBe(true);
    expect(page).toBeInstanceOf(Page);
    expect(page.data).toHaveLength(5);
    const { data, response, requestId } = await listing.withResponse();
    expect(data).toBe(page);
    expect(response.status).toBe(200);
    expect(requestId).toBeUndefined();
    expect(server().requests).toHaveLength(1); // the first page is fetched once
  });

  test("next() moves the offset by the limit and does not follow the offset a next link names", async () => {
    server().on("GET /connections", (request: RecordedRequest) => {
      const offset = Number(request.query.get("offset") ?? 0);
      const data = offset >= 30 ? [] : Array.from({ length: 10 }, (_, n) => ({ connectionId: `c-${offset + n}`, n }));
      // A link that names another offset (and drops the filter): neither is taken.
      return { body: { data, next: `${server().url}/connections?limit=10&offset=${offset + 25}`, previous: "" } };
    });
    const first = await client().connections.listConnections({ tagIds: ["t"], limit: 10 });
    const second = await first.next();
    const third = await second?.next();
    expect(server().requests.map((r) => r.search)).toEqual([
      "tagIds=t&limit=10",
      "tagIds=t&limit=10&offset=10",
      "tagIds=t&limit=10&offset=20",
    ]);
    expect(third?.data.map((i) => i.connectionId)[0]).toBe("c-20");
  });

  test("await gives the first page exactly as asked, and next() follows it", async () => {
    pagedList(server(), "GET /connections", 45);
    const first = await client().connections.listConnections({ tagIds: ["t"] });
    expect(first).toBeInstanceOf(Page);
    expect(first.data).toHaveLength(20); // the server's default page size: no limit was sent
    expect(server().requests[0]?.search).toBe("tagIds=t");
    expect(first.nextLink).toContain("offset=20");
    expect(first.hasNextPage()).toBe(true);
    const second = await first.next();
    expect(second?.data.map((i) => (i as unknown as Item).n)[0]).toBe(20);
    expect(server().requests[1]?.search).toBe("tagIds=t&offset=20");
    const third = await second?.next();
    expect(third?.data).toHaveLength(5);
    expect(third?.hasNextPage()).toBe(false);
    expect(await third?.next()).toBeUndefined();
  });

  test("a page is itself iterable from there on", async () => {
    pagedList(server(), "GET /connections", 30);
    const first = await client().connections.listConnections({ limit: 10, offset: 5 });
    const rest: number[] = [];
    for await (const item of first) rest.push((item as unknown as Item).n);
    expect(rest).toEqual(Array.from({ length: 25 }, (_, i) => i + 5));
  });

  test("pages() yields arrays", async () => {
    pagedList(server(), "GET /connections", 25);
    const sizes: number[] = [];
    for await (const page of client().connections.listConnections({ limit: 10 }).pages()) {
      expect(page).toBeInstanceOf(Page);
      sizes.push(page.data.length);
    }
    expect(sizes).toEqual([10, 10, 5]);
  });

  test("nothing is fetched until the list is awaited or iterated", async () => {
    pagedList(server(), "GET /connections", 5);
    const { api, sent } = countingClient();
    const pending = api.connections.listConnections();
    // Whatever the call started has run by now: an eager client would have sent its request.
    await nextTurn();
    expect(sent()).toBe(0);
    await pending;
    expect(sent()).toBe(1);
    expect(server().requests).toHaveLength(1);
  });
});

describe("fetching ahead in parallel", () => {
  test("yields every item in order with several pages in flight, and stops after the short page", async () => {
    pagedList(server(), "GET /connections", 730, { delayMs: 40 });
    let inFlight = 0;
    let maxInFlight = 0;
    const api = new AirbyteApi({
      serverUrl: server().url,
      logLevel: "off",
      hooks: {
        beforeRequest: () => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
        },
        afterResponse: () => {
          inFlight--;
        },
      },
    });
    const items: number[] = [];
    for await (const item of api.connections.listConnections().items({ concurrency: 4 }))
      items.push((item as unknown as Item).n);
    expect(items).toEqual(Array.from({ length: 730 }, (_, n) => n));
    expect(maxInFlight).toBe(4);
    // 8 pages are needed; at most concurrency - 1 are fetched beyond the short one.
    expect(server().requestsTo("GET /connections").length).toBeLessThanOrEqual(8 + 3);
  });

  test("jobs fetched ahead stop at the first empty page only", async () => {
    pagedList(server(), "GET /jobs", 95, { dropEvery: 3 });
    const jobs = await client().jobs.listJobs({ limit: 10 }).toArray({ concurrency: 3 });
    expect(jobs.map((j) => (j as unknown as Item).n)).toEqual(
      Array.from({ length: 95 }, (_, n) => n).filter((n) => n % 3 !== 0),
    );
  });

  test("stopping early schedules no further pages", async () => {
    pagedList(server(), "GET /connections", 10_000, { delayMs: 30 });
    const { api, sent } = countingClient();
    const few = await api.connections.listConnections().toArray({ limit: 5, concurrency: 3 });
    expect(few).toHaveLength(5);
    // The list is closed; anything it still meant to send would have gone out by now.
    await nextTurn();
    expect(sent()).toBeLessThanOrEqual(3);
  });
});

describe("bad pagination input fails before any request", () => {
  test.each([
    [{ limit: 101 }, /limit must be a whole number from 1 to 100/],
    [{ limit: 0 }, /limit must be a whole number from 1 to 100/],
    [{ offset: -1 }, /offset must be a whole number of 0 or more/],
    [{ limit: 2.5 }, /limit must be a whole number/],
  ])("%j", async (params, message) => {
    await expect(client().connections.listConnections(params)).rejects.toThrow(message);
    await expect(client().connections.listConnections(params).toArray()).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server().requests).toHaveLength(0);
  });

  test("concurrency must be a positive whole number", async () => {
    await expect(client().connections.listConnections().toArray({ concurrency: 0 })).rejects.toThrow(/concurrency/);
  });
});
