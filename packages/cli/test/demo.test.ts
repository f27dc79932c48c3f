/**
 * `airbyte-ts demo`: the same demo as `npm start` (examples/demo.ts), with its output on stdout
 * and nothing drawn when stderr is not a terminal.
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { built, freshHome, run } from "./helpers/cli.js";

describe.skipIf(!built)("airbyte-ts demo", () => {
  test("syncs Faker to DuckDB on a local server and reads the first users back", async () => {
    const { home, env } = freshHome();
    const result = await run(["demo", "--count", "200", "--local-dir", join(home, "local")], {
      env,
      timeoutMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(
      /^Local Airbyte at http:\/\/127\.0\.0\.1:\d+ \(public API .*\/api\/public\/v1, Config API .*\/api\/v1\)$/,
    );
    expect(lines[1]).toMatch(/^Connection "Faker to DuckDB" \(.*\): users, products, purchases$/);
    expect(lines[2]).toMatch(/^Job 1 succeeded: \d+ rows, \d+ bytes in PT\d+S$/);
    expect(lines[3]).toBe('"demo"."main"."users": 200 rows; the first three:');
    expect(lines.slice(4).map((line) => Object.keys(JSON.parse(line) as object))).toEqual(
      Array(3).fill(["id", "name", "email", "age", "updated_at"]),
    );
    expect(result.stderr).toBe("");
  }, 60_000);
});
