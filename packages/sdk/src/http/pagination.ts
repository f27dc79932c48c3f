/**
 * Offset pagination as the Airbyte public API does it: `limit` (1..100, default 20) and
 * `offset` in the query; the answer's `next` link is `""` at the end and present even after a
 * short page, and it drops filters such as `tagIds` or `status`. So the next request is built
 * from our own query (filters kept) with the offset moved by `limit`, never by following `next`:
 * only whether `next` is empty is read. Moving by `limit` is also what lets `items()` and
 * `pages()` fetch pages ahead in parallel, before any `next` has arrived, so `Page.next()` and
 * the iterators ask for the same offsets whatever a server's link says.
 */
import { checkConcurrency } from "../internal/map-bounded.js";
import { InvalidArgumentError } from "./errors.js";
import type { ApiResult } from "./request-options.js";

export const MAX_PAGE_SIZE = 100;
/** The server's page size when `limit` is not sent. */
const SERVER_DEFAULT_PAGE_SIZE = 20;

export interface PageEnvelope<Item> {
  data: Item[];
  next?: string | null;
  previous?: string | null;
}

/** The parameters of a list call: its filters, plus `limit` and `offset`. */
export interface PageQuery {
  limit?: number;
  offset?: number;
}

/** Fetches one page for a query, with its response; the transport and per-call options are bound in. */
export type PageFetcher<Item> = (query: PageQuery, signal?: AbortSignal) => Promise<ApiResult<PageEnvelope<Item>>>;

export interface ListBehaviour {
  /**
   * Whether a page shorter than `limit` proves there is nothing after it. False for
   * `GET /jobs`, whose server drops some job types after paging.
   */
  shortPageEnds: boolean;
}

export interface IterateOptions {
  /** Pages fetched ahead in parallel, by offset. Default 1 (one page at a time). */
  concurrency?: number;
}

export interface ToArrayOptions extends IterateOptions {
  /** Stop after this many items. */
  limit?: number;
}

/** One page of a list: its items, the server's links, and the way to the next page. */
export class Page<Item> implements AsyncIterable<Item> {
  readonly data: Item[];
  /** The server's `next` link, verbatim (`""` at the end). */
  readonly nextLink: string | null | undefined;
  /** The server's `previous` link, verbatim. */
  readonly previousLink: string | null | undefined;

  constructor(
    readonly query: PageQuery,
    envelope: PageEnvelope<Item>,
    private readonly fetchPage: PageFetcher<Item>,
    private readonly behaviour: ListBehaviour,
  ) {
    this.data = envelope.data;
    this.nextLink = envelope.next;
    this.previousLink = envelope.previous;
  }

  hasNextPage(): boolean {
    return pageContinues(this.query, this.data.length, this.nextLink, this.behaviour);
  }

  /** The next page, or undefined after the last one. */
  async next(signal?: AbortSignal): Promise<Page<Item> | undefined> {
    if (!this.hasNextPage()) return undefined;
    const query = { ...this.query, offset: nextOffset(this.query) };
    const { data } = await this.fetchPage(query, signal);
    return new Page(query, data, this.fetchPage, this.behaviour);
  }

  /** Every item from this page on. */
  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    yield* this.data;
    for (let page = await this.next(); page; page = await page.next()) {
      yield* page.data;
    }
  }
}

/**
 * What a list method returns: a Promise of the first page. `await` it for that page,
 * `withResponse()` for the page with its HTTP response; iterate it (`for await`) for every item
 * of every page, `pages()` for every page; `toArray()` collects the items. Nothing is fetched
 * until one of these.
 */
export class PagePromise<Item> extends Promise<Page<Item>> implements AsyncIterable<Item> {
  #first: Promise<ApiResult<Page<Item>>> | undefined;
  readonly #query: PageQuery;
  readonly #fetchPage: PageFetcher<Item>;
  readonly #behaviour: ListBehaviour;

  constructor(query: PageQuery, fetchPage: PageFetcher<Item>, behaviour: ListBehaviour) {
    // The base promise is never observed: `then`, `catch` and `finally` read the first page instead.
    super((resolve) => resolve(undefined as unknown as Page<Item>));
    this.#query = query;
    this.#fetchPage = fetchPage;
    this.#behaviour = behaviour;
  }

  // Derived promises (`then`, `catch`, `finally`) are plain Promises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** The first page together with the HTTP response it came from and the server's request id. */
  withResponse(): Promise<ApiResult<Page<Item>>> {
    this.#first ??= this.#firstPage(this.#query);
    return this.#first;
  }

  override then<A = Page<Item>, B = never>(
    onFulfilled?: ((page: Page<Item>) => A | PromiseLike<A>) | null,
    // `any`, as in Promise's own signature, so that callers may type the reason they expect.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    onRejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.withResponse()
      .then((result) => result.data)
      .then(onFulfilled, onRejected);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as in then()
  override catch<B = never>(onRejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<Page<Item> | B> {
    return this.then(undefined, onRejected);
  }

  override finally(onFinally?: (() => void) | null): Promise<Page<Item>> {
    return this.then().finally(onFinally);
  }

  [Symbol.asyncIterator](): AsyncIterator<Item> {
    return this.items()[Symbol.asyncIterator]();
  }

  /**
   * Every item, in order. Without a `limit` in the query, pages of 100 (the maximum) are
   * requested. With `concurrency` > 1, that many pages are fetched ahead in parallel.
   */
  async *items(options: IterateOptions = {}): AsyncGenerator<Item> {
    for await (const page of this.pages(options)) yield* page.data;
  }

  /** Every page, in order, as `Page` objects (their items in `data`). */
  async *pages(options: IterateOptions = {}): AsyncGenerator<Page<Item>> {
    const concurrency = checkConcurrency(options.concurrency, 1);
    const query: PageQuery = { ...this.#query, limit: this.#query.limit ?? MAX_PAGE_SIZE };
    validatePageQuery(query);
    if (concurrency === 1) {
      let page: Page<Item> | undefined = (await this.#firstPage(query)).data;
      for (; page; page = await page.next()) yield page;
      return;
    }
    yield* prefetchPages(query, this.#fetchPage, this.#behaviour, concurrency);
  }

  async toArray(options: ToArrayOptions = {}): Promise<Item[]> {
    const { limit = Number.POSITIVE_INFINITY } = options;
    if (!(limit >= 0)) throw new InvalidArgumentError(`limit must be 0 or more; got ${limit}.`);
    const items: Item[] = [];
    if (limit === 0) return items;
    for await (const item of this.items(options)) {
      items.push(item);
      if (items.length >= limit) break;
    }
    return items;
  }

  async #firstPage(query: PageQuery): Promise<ApiResult<Page<Item>>> {
    validatePageQuery(query);
    const { data, response, requestId } = await this.#fetchPage(query);
    return { data: new Page(query, data, this.#fetchPage, this.#behaviour), response, requestId };
  }
}

/**
 * Fetches pages at offset, offset+limit, ... with up to `concurrency` requests in flight,
 * yields them in order as `Page` objects, and stops at the first empty page (or short page, where that ends
 * the list), cancelling the requests beyond it.
 */
async function* prefetchPages<Item>(
  query: PageQuery,
  fetchPage: PageFetcher<Item>,
  behaviour: ListBehaviour,
  concurrency: number,
): AsyncGenerator<Page<Item>> {
  const limit = query.limit ?? MAX_PAGE_SIZE;
  const controller = new AbortController();
  const inFlight: Promise<PageEnvelope<Item>>[] = [];
  let offset = query.offset ?? 0;
  const schedule = () => {
    const pageQuery = { ...query, offset };
    const request = fetchPage(pageQuery, controller.signal).then((result) => result.data);
    request.catch(() => undefined); // a page beyond the end may fail after we stop; never unhandled
    inFlight.push(request);
    offset += limit;
  };
  try {
    for (let i = 0; i < concurrency; i++) schedule();
    for (let pageOffset = query.offset ?? 0; ; pageOffset += limit) {
      const envelope = await (inFlight.shift() as Promise<PageEnvelope<Item>>);
      const pageQuery = { ...query, offset: pageOffset };
      if (envelope.data.length > 0) yield new Page(pageQuery, envelope, fetchPage, behaviour);
      if (!pageContinues(pageQuery, envelope.data.length, envelope.next, behaviour)) return;
      schedule();
    }
  } finally {
    controller.abort();
  }
}

function pageContinues(
  query: PageQuery,
  count: number,
  next: string | null | undefined,
  behaviour: ListBehaviour,
): boolean {
  if (count === 0 || next === "") return false;
  const limit = query.limit ?? SERVER_DEFAULT_PAGE_SIZE;
  return !(behaviour.shortPageEnds && count < limit);
}

/** The offset of the page after this one: this page's offset plus its limit (see the header). */
function nextOffset(query: PageQuery): number {
  return (query.offset ?? 0) + (query.limit ?? SERVER_DEFAULT_PAGE_SIZE);
}

function validatePageQuery(query: PageQuery): void {
  const { limit, offset } = query;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE)) {
    throw new InvalidArgumentError(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}; got ${String(limit)}.`);
  }
  if (offset !== undefined && !(Number.isInteger(offset) && offset >= 0)) {
    throw new InvalidArgumentError(`offset must be a whole number of 0 or more; got ${String(offset)}.`);
  }
}
