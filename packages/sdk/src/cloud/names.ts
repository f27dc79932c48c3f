/** Naming rules the high-level objects share: safe-mode deletes, random suffixes, name filters. */
import { InvalidArgumentError } from "../http/errors.js";
import { UnsafeDeleteError } from "./errors.js";

/** Safe mode deletes only what is named for deletion: `delete-me` or `deleteme`, any case. */
export function isSafeToDelete(name: string | undefined): boolean {
  return name !== undefined && /delete-?me/i.test(name);
}

/** Refuses, in safe mode, to delete something whose name does not say it may go. */
export function requireSafeName(
  resourceType: string,
  resourceId: string,
  name: string | undefined,
  context: Record<string, unknown> = {},
): void {
  if (isSafeToDelete(name)) return;
  throw new UnsafeDeleteError({ resourceType, resourceId, resourceName: name, context });
}

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * PyAirbyte's suffix: a new ULID, lowercased, its first 6 characters (time) and last 3
 * (random), e.g. `01j9xk7qz`.
 */
function randomNameSuffix(now = Date.now()): string {
  let time = "";
  for (let value = now, i = 0; i < 10; i++, value = Math.floor(value / 32)) time = CROCKFORD[value % 32] + time;
  const random = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => CROCKFORD[byte % 32]).join("");
  const ulid = time + random;
  return ulid.slice(0, 6) + ulid.slice(-3);
}

/** `name (ID: <suffix>)`, as PyAirbyte names deployed resources. */
export function withRandomSuffix(name: string): string {
  return `${name} (ID: ${randomNameSuffix()})`;
}

export interface NameFilterOptions {
  /** Only resources with exactly this name (`""` included). */
  name?: string;
  /** Only resources whose name passes this test. */
  nameFilter?: (name: string) => boolean;
  /** At most this many results. */
  limit?: number;
}

/** The test a list applies to names, after checking the options as PyAirbyte does. */
export function nameMatcher(options: NameFilterOptions): (name: string) => boolean {
  const { name, nameFilter, limit } = options;
  if (name !== undefined && nameFilter !== undefined) {
    throw new InvalidArgumentError("You can provide name or nameFilter, but not both.");
  }
  checkLimit(limit);
  if (name !== undefined) return (candidate) => candidate === name;
  return nameFilter ?? (() => true);
}

export function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new InvalidArgumentError("`limit` must be greater than 0.", { inputValue: limit, context: { limit } });
  }
}

/** The page size a listing asks for: all it may need, within the API's maximum of 100. */
export function pageSizeFor(options: NameFilterOptions): number {
  const filtered = options.name !== undefined || options.nameFilter !== undefined;
  return filtered || options.limit === undefined ? 100 : Math.min(options.limit, 100);
}

/**
 * Collects the items of successive pages whose name matches, stopping as soon as `limit`
 * items are found (no further page is requested) or the pages end.
 */
export async function collectMatching<T>(
  pages: AsyncIterable<{ readonly data: readonly T[] }>,
  nameOf: (item: T) => string,
  options: NameFilterOptions,
): Promise<T[]> {
  const matches = nameMatcher(options);
  const found: T[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  for await (const page of pages) {
    for (const item of page.data) {
      if (!matches(nameOf(item))) continue;
      found.push(item);
      if (found.length >= limit) return found;
    }
  }
  return found;
}
