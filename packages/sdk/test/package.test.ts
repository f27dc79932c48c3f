import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { has } from "@airbyte-ts/test-support";
import { describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as Record<string, unknown>;
const built = has("build");

const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }).trim();

describe.skipIf(!built)("the published package (run `npm run build` first)", () => {
  test("has no runtime dependencies (database drivers are optional peers)", () => {
    expect(pkg.dependencies).toBeUndefined();
    const optional = (pkg.peerDependenciesMeta ?? {}) as Record<string, { optional?: boolean }>;
    for (const name of Object.keys((pkg.peerDependencies ?? {}) as object))
      expect(optional[name]?.optional, name).toBe(true);
  });

  test("loads with require() and import(), and both entries share their classes", () => {
    const cjs = node([
      "-e",
      "const a=require('./dist/index.cjs'), b=require('./dist/api.cjs');" +
        "console.log(typeof a.AirbyteApi, a.AirbyteApi===b.AirbyteApi, a.NotFoundError===b.NotFoundError, a.VERSION)",
    ]);
    expect(cjs).toBe(`function true true ${String(pkg.version)}`);
    const esm = node([
      "--input-type=module",
      "-e",
      "const a=await import('./dist/index.js'), b=await import('./dist/api.js');" +
        "console.log(typeof a.AirbyteApi, a.AirbyteApi===b.AirbyteApi, new a.AirbyteApi({bearerToken:'x'}).serverUrl)",
    ]);
    expect(esm).toBe("function true https://api.airbyte.com/v1");
  });

  test("ships declarations for both module systems", () => {
    for (const file of ["index.d.ts", "index.d.cts", "api.d.ts", "api.d.cts"]) {
      expect(existsSync(`${root}/dist/${file}`), file).toBe(true);
    }
  });
});
