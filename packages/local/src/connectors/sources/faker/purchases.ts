/**
 * The `purchases` stream: each user's cart items, ids numbered in user order. Users come in
 * blocks of ten whose purchase counts are a seeded shuffle of {0,0,1,1,1,1,2,2,2,3}: 13
 * purchases per block (Airbyte estimates 1.3 per user), so the first purchase id of any user, and
 * the user of any purchase id, follow by arithmetic. That is what lets a read resume in the
 * middle of the stream (or after `count` grew) without generating what came before.
 */
import type { Clock } from "./clock.js";
import { isoTime } from "./iso-time.js";
import { integerLength, keysLength, nullableStringLength, stringLength } from "./json-length.js";
import { SeededRandom, streamKey } from "./random.js";
import { signUpMs, USERS_SALT } from "./users.js";

export type Purchase = {
  id: number;
  user_id: number;
  product_id: number;
  created_at: string;
  updated_at: string;
  added_to_cart_at: string | null;
  purchased_at: string | null;
  returned_at: string | null;
};

const PURCHASE_KEYS_LENGTH = keysLength([
  ...["id", "user_id", "product_id", "created_at", "updated_at"],
  ...["added_to_cart_at", "purchased_at", "returned_at"],
]);

/** `JSON.stringify(purchase).length`, from the lengths of its values (json-length.ts). */
export function purchaseJsonLength(purchase: Purchase): number {
  return (
    PURCHASE_KEYS_LENGTH +
    integerLength(purchase.id) +
    integerLength(purchase.user_id) +
    integerLength(purchase.product_id) +
    stringLength(purchase.created_at) +
    stringLength(purchase.updated_at) +
    nullableStringLength(purchase.added_to_cart_at) +
    nullableStringLength(purchase.purchased_at) +
    nullableStringLength(purchase.returned_at)
  );
}

const PURCHASES_SALT = 2;
const BLOCKS_SALT = 3;
const COUNTS_IN_A_BLOCK = [0, 0, 1, 1, 1, 1, 2, 2, 2, 3] as const;
const USERS_PER_BLOCK = COUNTS_IN_A_BLOCK.length;
const PURCHASES_PER_BLOCK = COUNTS_IN_A_BLOCK.reduce<number>((sum, count) => sum + count, 0);

/** Carts are created before this instant (whole seconds), so every event precedes any `updated_at`. */
const CARTS_UNTIL_MS = Date.UTC(2023, 6, 1);
const HOUR_SECONDS = 3600;
const DAY_SECONDS = 24 * HOUR_SECONDS;
/** Airbyte's faker: 70% of cart items are bought, 15% of those are returned. */
const PURCHASE_RATE = 0.7;
const RETURN_RATE = 0.15;

/** How a seed spreads purchases over users. */
class PurchaseLayout {
  private readonly random = new SeededRandom();
  private readonly key: number;
  private block = -1;
  private readonly counts = new Array<number>(USERS_PER_BLOCK).fill(0);
  /** `offsets[i]`: purchases of the block's users before user `i` of the block. */
  private readonly offsets = new Array<number>(USERS_PER_BLOCK + 1).fill(0);

  constructor(seed: number) {
    this.key = streamKey(seed, BLOCKS_SALT);
  }

  /** How many purchases user `user` (1-based) made. */
  countOf(user: number): number {
    return this.counts[this.load(user)] as number;
  }

  /** The id of user `user`'s first purchase (of where it would be, for a user without any). */
  firstIdOf(user: number): number {
    const position = this.load(user);
    return this.block * PURCHASES_PER_BLOCK + (this.offsets[position] as number) + 1;
  }

  /** Purchases of users 1..users. */
  totalFor(users: number): number {
    return this.firstIdOf(users + 1) - 1;
  }

  /** The user who made purchase `id`. */
  userOf(id: number): number {
    const block = Math.floor((id - 1) / PURCHASES_PER_BLOCK);
    const offset = (id - 1) % PURCHASES_PER_BLOCK;
    this.loadBlock(block);
    let position = 0;
    while ((this.offsets[position + 1] as number) <= offset) position++;
    return block * USERS_PER_BLOCK + position + 1;
  }

  /** Loads the block of `user`; answers the user's position in it. */
  private load(user: number): number {
    this.loadBlock(Math.floor((user - 1) / USERS_PER_BLOCK));
    return (user - 1) % USERS_PER_BLOCK;
  }

  private loadBlock(block: number): void {
    if (block === this.block) return;
    this.block = block;
    this.random.reseed(this.key, block);
    for (let i = 0; i < USERS_PER_BLOCK; i++) this.counts[i] = COUNTS_IN_A_BLOCK[i] as number;
    for (let i = USERS_PER_BLOCK - 1; i > 0; i--) {
      const j = this.random.int(0, i);
      [this.counts[i], this.counts[j]] = [this.counts[j] as number, this.counts[i] as number];
    }
    for (let i = 0; i < USERS_PER_BLOCK; i++) {
      this.offsets[i + 1] = (this.offsets[i] as number) + (this.counts[i] as number);
    }
  }
}

export interface PurchaseScope {
  seed: number;
  /** Users 1..users make purchases. */
  users: number;
  /** Products 1..products can be bought. */
  products: number;
}

export function purchaseCount(scope: PurchaseScope): number {
  return new PurchaseLayout(scope.seed).totalFor(scope.users);
}

/** Purchases with ids after `afterId`, in id order (user by user). */
export function* purchases(scope: PurchaseScope, afterId: number, clock: Clock): Generator<Purchase> {
  const layout = new PurchaseLayout(scope.seed);
  if (afterId >= layout.totalFor(scope.users)) return;
  const random = new SeededRandom();
  const usersKey = streamKey(scope.seed, USERS_SALT);
  const purchasesKey = streamKey(scope.seed, PURCHASES_SALT);
  for (let user = layout.userOf(afterId + 1); user <= scope.users; user++) {
    const count = layout.countOf(user);
    if (count === 0) continue;
    const first = layout.firstIdOf(user);
    const signedUpMs = signUpMs(random, usersKey, user);
    for (let id = Math.max(first, afterId + 1); id < first + count; id++) {
      yield purchase(random.reseed(purchasesKey, id), { id, user, signedUpMs, products: scope.products }, clock);
    }
  }
}

interface CartItem {
  id: number;
  user: number;
  signedUpMs: number;
  products: number;
}

function purchase(random: SeededRandom, item: CartItem, clock: Clock): Purchase {
  const productId = random.int(1, item.products);
  const createdMs = item.signedUpMs + random.int(0, (CARTS_UNTIL_MS - item.signedUpMs) / 1000) * 1000;
  const addedMs = createdMs + random.int(0, 14 * DAY_SECONDS) * 1000;
  const purchasedMs = random.chance(PURCHASE_RATE) ? addedMs + random.int(HOUR_SECONDS, 30 * DAY_SECONDS) * 1000 : null;
  const returnedMs =
    purchasedMs !== null && random.chance(RETURN_RATE)
      ? purchasedMs + random.int(DAY_SECONDS, 60 * DAY_SECONDS) * 1000
      : null;
  return {
    id: item.id,
    user_id: item.user,
    product_id: productId,
    created_at: isoTime(createdMs),
    updated_at: clock.stamp(item.id),
    added_to_cart_at: isoTime(addedMs),
    purchased_at: purchasedMs === null ? null : isoTime(purchasedMs),
    returned_at: returnedMs === null ? null : isoTime(returnedMs),
  };
}
