/**
 * The built package keeps database drivers out: none is bundled, none is loaded by importing
 * `airbyte-ts` or `airbyte-ts/datasets`, declarations never need their types, and every driver
 * is an optional peer dependency. Reading a DuckDB file through the build loads the driver then.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { has } from "@airbyte-ts/test-support";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dist = join(root, "dist");
const built = has("build");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, Record<string, unknown>>;
const DRIVERS = ["@duckdb/node-api", "pg", "snowflake-sdk", "@google-cloud/bigquery"];

const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }).trim();

/** Prints how many driver modules sit in the CommonJS cache (where Node keeps them however they were imported). */
const LOADED_DRIVERS =
  "Object.keys(require.cache).filter((k) => /node_modules[\\\\/](pg|pg-[a-z-]+|@duckdb)[\\\\/]/.test(k)).length";

let localDirectory: string;

beforeAll(async () => {
  localDirectory = mkdtempSync(join(tmpdir(), "airbyte-ts-pkg-"));
  const instance = await DuckDBInstance.create(join(localDirectory, "built.duckdb"));
  const connection = await instance.connect();
  await connection.run(
    "CREATE TABLE main.users AS SELECT 1::BIGINT AS id, TIMESTAMPTZ '2024-01-01 00:00:00+00' AS _airbyte_extracted_at",
  );
  connection.closeSync();
  instance.closeSync();
});

afterAll(() => rmSync(localDirectory, { recursive: true, force: true }));

describe("the package's drivers", () => {
  test("are optional peer dependencies, never runtime dependencies", () => {
    expect(pkg.dependencies).toBeUndefined();
    // The drivers, and `yaml` for YAML manifests of custom connectors.
    const optional = [...DRIVERS, "yaml"].sort();
    expect(Object.keys(pkg.peerDependencies ?? {}).sort()).toEqual(optional);
    for (const name of optional) expect(pkg.peerDependenciesMeta?.[name], name).toEqual({ optional: true });
  });

  test("airbyte-ts/datasets is exported like airbyte-ts/api", () => {
    expect((pkg.exports as Record<string, unknown>)["./datasets"]).toEqual({
      module: "./dist/esm/datasets.js",
      import: { types: "./dist/datasets.d.ts", default: "./dist/datasets.js" },
      require: { types: "./dist/datasets.d.cts", default: "./dist/datasets.cjs" },
    });
  });
});

describe.skipIf(!built)("the built package (run `npm run build` first)", () => {
  // The CommonJS build and its ES module entries in dist/, the bundlers' ES module build in dist/esm/.
  const builtFiles = () =>
    readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((file) => /\.(c?js|d\.c?ts)$/.test(file));

  test("bundles no driver and imports none statically", () => {
    const staticImport =
      /(?:require\(|from\s*|import\s*\(\s*)["'](?:pg|@duckdb\/node-api|@duckdb\/node-bindings|snowflake-sdk|@google-cloud\/bigquery)["']/;
    for (const file of builtFiles()) {
      const text = readFileSync(join(dist, file), "utf8");
      expect(text, file).not.toMatch(staticImport);
      expect(text, file).not.toContain("pg-protocol");
      expect(text, file).not.toContain("duckdb_open_ext");
    }
  });

  test("importing airbyte-ts or airbyte-ts/datasets loads no driver; both hand out the same values", () => {
    const esm = node([
      "--input-type=module",
      "-e",
      "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" +
        "const a = await import('./dist/index.js'), b = await import('./dist/datasets.js');" +
        `console.log(${LOADED_DRIVERS}, a.tableName === b.tableName, a.MissingDriverError === b.MissingDriverError, typeof b.openDestination)`,
    ]);
    expect(esm).toBe("0 true true function");
    const cjs = node([
      "-e",
      "const a = require('./dist/index.cjs'), b = require('./dist/datasets.cjs');" +
        `console.log(${LOADED_DRIVERS}, a.TableNotFoundError === b.TableNotFoundError, a.tableName('x', { prefix: 'p_' }))`,
    ]);
    expect(cjs).toBe("0 true p_x");
  });

  test("reading a DuckDB file through either build imports the driver then", () => {
    const read = () =>
      `const reader = openDestination({ destinationType: 'duckdb', configuration: { destination_path: '/local/built.duckdb' } }, { localDirectory: ${JSON.stringify(localDirectory)} });` +
      `const rows = await reader.dataset('users').toArray(); await reader.close();` +
      `console.log(${LOADED_DRIVERS} > 0, JSON.stringify(rows));`;
    const expected = 'true [{"id":1,"_airbyte_extracted_at":"2024-01-01T00:00:00.000Z"}]';
    expect(
      node([
        "--input-type=module",
        "-e",
        "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" +
          `const { openDestination } = await import('./dist/datasets.js'); ${read()}`,
      ]),
    ).toBe(expected);
    expect(
      node(["-e", `(async () => { const { openDestination } = require('./dist/datasets.cjs'); ${read()} })()`]),
    ).toBe(expected);
  });
});
