/**
 * A small seeded generator for the faker source. Every record draws from its own sequence,
 * keyed by (seed, stream, id), so a record is the same whether it is generated in a full read,
 * in a read resumed from a checkpoint, or in another process: nothing depends on what was
 * generated before it. 32-bit integer steps and exact double divisions: the same numbers in every
 * JavaScript engine.
 */

const TWO_TO_THE_32 = 4_294_967_296;
/** A power of two: multiplying by it is exactly dividing by 2^32, and cheaper. */
const ONE_OVER_TWO_TO_THE_32 = 1 / TWO_TO_THE_32;

/** `DIGIT_GROUPS[n][k]`: k written with n digits, zero-padded; lookups instead of formatting. */
const DIGIT_GROUPS = [1, 10, 100, 1000, 10_000].map((size, width) =>
  Array.from({ length: size }, (_, value) => String(value).padStart(width, "0")),
);
const WIDEST_GROUP = DIGIT_GROUPS.length - 1;

/** murmur3's finalizer: spreads every input bit over the whole word. */
function avalanche(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds an integer of up to 53 bits (ids, seeds) into a running hash, both halves. */
function fold(hash: number, value: number): number {
  const low = value >>> 0;
  const high = Math.floor(value / TWO_TO_THE_32) >>> 0;
  return avalanche(avalanche(hash ^ low) ^ Math.imul(high, 0x9e3779b1) ^ 0x27d4eb2f);
}

/** The key of one stream's sequences for a seed; `salt` tells streams (and uses) apart. */
export function streamKey(seed: number, salt: number): number {
  return fold(fold(0x811c9dc5, seed), salt);
}

/**
 * mulberry32 steps (a 32-bit state, period 2^32), reseeded per record. Its quality is ample for
 * sample data, and one instance is reused for every record of a read, so generating allocates
 * nothing here.
 */
export class SeededRandom {
  private state = 0;

  /** Starts the sequence of record `id` under `key` (from `streamKey`). */
  reseed(key: number, id: number): this {
    this.state = fold(key, id);
    return this;
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * ONE_OVER_TWO_TO_THE_32 * (max - min + 1));
  }

  /** True with the given probability (0..1). */
  chance(probability: number): boolean {
    return this.next() * ONE_OVER_TWO_TO_THE_32 < probability;
  }

  pick<T>(values: readonly T[]): T {
    return values[this.int(0, values.length - 1)] as T;
  }

  /** `count` random decimal digits, leading zeros kept (postal codes, phone numbers). */
  digits(count: number): string {
    let text = "";
    for (let left = count; left > 0; left -= WIDEST_GROUP) {
      const group = DIGIT_GROUPS[Math.min(left, WIDEST_GROUP)] as readonly string[];
      text += group[this.int(0, group.length - 1)];
    }
    return text;
  }
}
