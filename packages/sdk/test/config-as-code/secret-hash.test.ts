import { describe, expect, it } from "vitest";
import { hashSecret, secretMatches } from "../../src/config-as-code/secret-hash.js";

describe("secret hashes", () => {
  it("match the secret they were made from and no other, salted so equal secrets hash apart", async () => {
    const hash = await hashSecret("s3cret");
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain("s3cret");
    expect(await secretMatches("s3cret", hash)).toBe(true);
    expect(await secretMatches("s3cret ", hash)).toBe(false);
    expect(await hashSecret("s3cret")).not.toBe(hash);
  });

  it("hash structured secrets (a JSON key file) by their JSON", async () => {
    const hash = await hashSecret({ private_key: "k" });
    expect(await secretMatches({ private_key: "k" }, hash)).toBe(true);
    expect(await secretMatches({ private_key: "j" }, hash)).toBe(false);
  });

  it("say they cannot tell for a hash they do not read", async () => {
    expect(await secretMatches("x", "sha1$abc")).toBeUndefined();
    expect(await secretMatches("x", "scrypt$99999999$8$1$c2FsdA$aGFzaA")).toBeUndefined();
    expect(await secretMatches("x", "scrypt$1024$8$1$c2FsdA$c2hvcnQ")).toBeUndefined();
  });
});
