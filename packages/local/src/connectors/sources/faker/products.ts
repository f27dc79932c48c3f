/**
 * The `products` stream: a fixed catalog of 100 cars, the same for every seed (Airbyte's faker
 * ships its catalog as a file). As in Airbyte's, `count` also caps how many of them a sync
 * emits: products 1..min(count, 100).
 */
import type { Clock } from "./clock.js";
import { isoTime } from "./iso-time.js";
import { integerLength, keysLength, numberLength, stringLength } from "./json-length.js";
import { SeededRandom, streamKey } from "./random.js";
import { CAR_MODELS } from "./words.js";

export type Product = {
  id: number;
  make: string;
  model: string;
  year: number;
  price: number;
  created_at: string;
  updated_at: string;
};

const PRODUCT_KEYS_LENGTH = keysLength(["id", "make", "model", "year", "price", "created_at", "updated_at"]);

/** `JSON.stringify(product).length`, from the lengths of its values (json-length.ts). */
export function productJsonLength(product: Product): number {
  return (
    PRODUCT_KEYS_LENGTH +
    integerLength(product.id) +
    stringLength(product.make) +
    stringLength(product.model) +
    integerLength(product.year) +
    numberLength(product.price) +
    stringLength(product.created_at) +
    stringLength(product.updated_at)
  );
}

const CATALOG_SEED = 1_000_003;
const CATALOG_SALT = 4;
/** Products were listed during these two years (whole seconds). */
const LISTED_FROM_MS = Date.UTC(2021, 0, 1);
const LISTED_SECONDS = (Date.UTC(2023, 0, 1) - LISTED_FROM_MS) / 1000;

type CatalogEntry = Omit<Product, "updated_at">;
let cachedCatalog: readonly CatalogEntry[] | undefined;

export function productCount(count: number): number {
  return Math.min(count, catalog().length);
}

/** Products with ids after `afterId`, up to `total`, in id order. */
export function* products(afterId: number, total: number, clock: Clock): Generator<Product> {
  const entries = catalog();
  for (let id = afterId + 1; id <= total; id++) {
    yield { ...(entries[id - 1] as CatalogEntry), updated_at: clock.stamp(id) };
  }
}

function catalog(): readonly CatalogEntry[] {
  cachedCatalog ??= buildCatalog();
  return cachedCatalog;
}

/** The make/model pairs in a fixed shuffled order, so neighbouring ids are different makes. */
function buildCatalog(): CatalogEntry[] {
  const pairs = CAR_MODELS.flatMap(([make, models]) => models.map((model) => [make, model] as const));
  const random = new SeededRandom().reseed(streamKey(CATALOG_SEED, CATALOG_SALT), 0);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  return pairs.map(([make, model], index) => ({
    id: index + 1,
    make,
    model,
    year: random.int(1985, 2023),
    price: random.int(2_000_00, 95_000_00) / 100,
    created_at: isoTime(LISTED_FROM_MS + random.int(0, LISTED_SECONDS) * 1000),
  }));
}
