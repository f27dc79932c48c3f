/**
 * The lock file keeps a salted hash of each secret it applied, so that a plan can tell a changed
 * secret from an unchanged one although the API only ever answers `**********`. The lock file is
 * committed, so the hash is scrypt's (slow to guess, unlike a bare SHA-256 of a short password),
 * with a cost low enough for hundreds of secrets per plan.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

const COST = { N: 1024, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** The text a secret is hashed as: strings as they are, anything else as JSON. */
const secretText = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** `scrypt$N$r$p$salt$hash`, base64url; the parameters travel with the hash so they can change. */
export async function hashSecret(value: unknown): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secretText(value), salt, COST);
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** True when `value` is the secret `stored` was made from; undefined when `stored` is not a hash this reads. */
export async function secretMatches(value: unknown, stored: string): Promise<boolean | undefined> {
  const [scheme, N, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return undefined;
  const cost = { N: Number(N), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((n) => Number.isSafeInteger(n) && n > 0) || cost.N > 1 << 16) return undefined;
  const expected = Buffer.from(hash, "base64url");
  if (expected.length !== KEY_LENGTH) return undefined;
  const key = await derive(secretText(value), Buffer.from(salt, "base64url"), cost);
  return timingSafeEqual(key, expected);
}
