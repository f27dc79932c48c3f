/**
 * Readers of a request's input for the route handlers: what validation.ts checked against the
 * operation's schemas before the handler ran, typed and normalized (ids in lower case, dates
 * as epoch milliseconds). They hold no rules of their own. And the envelope of a page.
 */
import type { Context } from "hono";
import type { Env } from "./env.js";

type Ctx = Context<Env>;

/** The request body, as validated against the operation's schema. */
export function body<T>(c: Ctx): T {
  return c.get("input").body as T;
}

function declared(values: Record<string, unknown>, name: string, where: string): unknown {
  // A route reading what its operation does not declare would read an unchecked value.
  if (!(name in values)) throw new Error(`The operation declares no ${where} parameter ${name}.`);
  return values[name];
}

/** A path parameter (a UUID by its schema), in lower case as ids are stored. */
export function uuidParam(c: Ctx, name: string): string {
  return String(declared(c.get("input").path, name, "path")).toLowerCase();
}

/** A whole-number path parameter (job ids). */
export function integerParam(c: Ctx, name: string): number {
  return declared(c.get("input").path, name, "path") as number;
}

/** Typed readers of the query parameters; array parameters read as arrays (of lower-case ids for `uuids`). */
export function query(c: Ctx) {
  const values = c.get("input").query;
  const read = (name: string) => declared(values, name, "query");
  return {
    string: (name: string) => read(name) as string | undefined,
    required: (name: string) => read(name) as string,
    uuid: (name: string) => (read(name) as string | undefined)?.toLowerCase(),
    uuids: (name: string) => ((read(name) as string[] | undefined) ?? []).map((v) => v.toLowerCase()),
    strings: (name: string) => (read(name) as string[] | undefined) ?? [],
    boolean: (name: string) => (read(name) as boolean | undefined) ?? false,
    integer: (name: string) => read(name) as number,
    oneOf: <T extends string>(name: string) => read(name) as T | undefined,
    dateTime(name: string): number | undefined {
      const value = read(name) as string | undefined;
      return value === undefined ? undefined : Date.parse(value);
    },
  };
}

export interface PageRequest {
  limit: number;
  offset: number;
}

/** `limit` and `offset`, with the defaults their schemas give (20 and 0). */
export function pageRequest(c: Ctx): PageRequest {
  const q = query(c);
  return { limit: q.integer("limit"), offset: q.integer("offset") };
}

/**
 * A page envelope as Airbyte builds it: absolute `next`/`previous` links on the public API's
 * host (path without `/api/public`), resource filters first then `limit` and `offset`; `next`
 * is present whenever the page has items, `""` when it is empty; `previous` is `""` at offset 0.
 */
export function pageEnvelope<T>(
  c: Ctx,
  data: T[],
  page: PageRequest,
  filters: [string, string | undefined][] = [],
): { previous: string; next: string; data: T[] } {
  const url = new URL(c.req.url);
  const link = (offset: number) => {
    const params = filters
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
    params.push(`limit=${page.limit}`, `offset=${offset}`);
    return `${url.origin}${url.pathname}?${params.join("&")}`;
  };
  return {
    previous: page.offset === 0 ? "" : link(Math.max(page.offset - page.limit, 0)),
    next: data.length === 0 ? "" : link(page.offset + page.limit),
    data,
  };
}
