/**
 * `Promise.all(items.map(fn))` with at most `limit` calls in flight: a plan over hundreds of
 * connections reads one stream list per connection, and a server (Airbyte Cloud's rate limits
 * included) should see a handful of requests at once, not hundreds.
 */
import { InvalidArgumentError } from "../http/errors.js";

/** How many reads a plan or an import keeps in flight unless told otherwise. */
const DEFAULT_READ_CONCURRENCY = 8;

/** Checks a user's `concurrency` option before any request; absent, `fallback`. */
export function checkConcurrency(concurrency: number | undefined, fallback = DEFAULT_READ_CONCURRENCY): number {
  const limit = concurrency ?? fallback;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new InvalidArgumentError(`concurrency must be a whole number of at least 1; got ${String(concurrency)}.`, {
      inputValue: concurrency,
    });
  }
  return limit;
}

/**
 * Results in the items' order. The first failure rejects the whole call and starts nothing
 * more; calls already in flight finish on their own (their results are dropped).
 */
export async function mapBounded<Item, Result>(
  items: readonly Item[],
  limit: number,
  fn: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as Item, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
