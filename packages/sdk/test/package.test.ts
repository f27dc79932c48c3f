import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { has } from "@airbyte-ts/test-support";
import { build } from "esbuild";
import { describe, expect, test } from "vitest";
import { startScriptedServer } from "./helpers/scripted-server.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as Record<string, unknown>;
const built = has("build");

const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }).trim();
const nodeAsync = async (args: string[]) =>
  (await promisify(execFile)(process.execPath, args, { cwd: root, encoding: "utf8" })).stdout.trim();

/**
 * Loads each entry by the package's name (Node's self-reference, through the "exports" map)
 * with `import` and with `require`, and prints whether every export is the same value, and
 * whether clients and the errors they throw pass `instanceof` across the two module systems.
 */
const CROSS_CHECK = (serverUrl: string) => `
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const same = {};
for (const entry of ["airbyte-ts", "airbyte-ts/api", "airbyte-ts/datasets", "airbyte-ts/config-as-code"]) {
  const esm = await import(entry), cjs = require(entry), names = Object.keys(esm);
  same[entry] = names.length > 0 && names.length === Object.keys(cjs).length && names.every((n) => esm[n] === cjs[n]);
}
const esm = await import("airbyte-ts"), cjs = require("airbyte-ts");
const client = (Api) => new Api({ serverUrl: ${JSON.stringify(serverUrl)}, bearerToken: "t", retries: false });
const thrown = (Api) => client(Api).workspaces.getWorkspace({ workspaceId: "w" }).then(() => undefined, (error) => error);
const [fromCjs, fromEsm] = [await thrown(cjs.AirbyteApi), await thrown(esm.AirbyteApi)];
console.log(JSON.stringify({
  same,
  clients: [client(cjs.AirbyteApi) instanceof esm.AirbyteApi, client(esm.AirbyteApi) instanceof cjs.AirbyteApi],
  errors: [fromCjs instanceof esm.NotFoundError, fromCjs instanceof esm.AirbyteError, fromEsm instanceof cjs.NotFoundError],
}));
`;

describe.skipIf(!built)("the published package (run `npm run build` first)", () => {
  test("has no runtime dependencies (database drivers are optional peers)", () => {
    expect(pkg.dependencies).toBeUndefined();
    const optional = (pkg.peerDependenciesMeta ?? {}) as Record<string, { optional?: boolean }>;
    for (const name of Object.keys(pkg.peerDependencies ?? {})) expect(optional[name]?.optional, name).toBe(true);
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

  test("import and require hand out one copy of every export, so instanceof holds across them", async () => {
    const server = await startScriptedServer();
    try {
      server.on("GET /workspaces/*", {
        status: 404,
        body: { status: 404, title: "Not found", detail: "No workspace" },
      });
      const printed = await nodeAsync(["--input-type=module", "-e", CROSS_CHECK(server.url)]);
      expect(JSON.parse(printed)).toEqual({
        same: {
          "airbyte-ts": true,
          "airbyte-ts/api": true,
          "airbyte-ts/datasets": true,
          "airbyte-ts/config-as-code": true,
        },
        clients: [true, true],
        errors: [true, true, true],
      });
      expect(server.requestsTo("GET /workspaces/w")).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  test("Node's ES module entries re-export the CommonJS build through a file that names its exports", () => {
    const require = createRequire(import.meta.url);
    for (const entry of ["index", "api", "datasets", "config-as-code"]) {
      expect(readFileSync(`${root}/dist/${entry}.js`, "utf8"), entry).toBe(`export * from "./${entry}.exports.cjs";\n`);
      expect(readFileSync(`${root}/dist/${entry}.d.ts`, "utf8"), entry).toBe(`export * from "./${entry}.cjs";\n`);
      const build = require(`${root}/dist/${entry}.cjs`) as Record<string, unknown>;
      expect(require(`${root}/dist/${entry}.exports.cjs`), entry).toBe(build);
      // Node's import takes the names from this line; a `module.exports = require(...)` it would follow instead.
      const bridge = readFileSync(`${root}/dist/${entry}.exports.cjs`, "utf8");
      const named = /^0 && \(module\.exports = \{ (.*) \}\);$/m.exec(bridge)?.[1]?.split(", ");
      expect(named, entry).toEqual(Object.keys(build));
      expect(bridge, entry).not.toMatch(/^module\.exports = require\(/m);
    }
  });

  test("a bundler takes the ES module build for import and require alike, and the bundle runs", async () => {
    const bundle = await build({
      stdin: {
        contents:
          'import { AirbyteApi, NotFoundError } from "airbyte-ts"; import { AirbyteApi as Low } from "airbyte-ts/api";' +
          'const cjs = require("airbyte-ts");' +
          "console.log(AirbyteApi === cjs.AirbyteApi, NotFoundError === cjs.NotFoundError, AirbyteApi === Low);",
        resolveDir: root,
        loader: "js",
      },
      absWorkingDir: root,
      bundle: true,
      platform: "node",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(bundle.metafile.inputs).filter((input) => input !== "<stdin>");
    expect(inputs.length).toBeGreaterThan(0);
    for (const input of inputs) expect(input).toMatch(/^dist\/esm\/[\w-]+\.js$/);
    const code = bundle.outputFiles[0]?.text ?? "";
    const printed = execFileSync(process.execPath, ["--input-type=module"], {
      cwd: root,
      input: code,
      encoding: "utf8",
    });
    expect(printed.trim()).toBe("true true true");
  });

  test("ships declarations for both module systems", () => {
    for (const file of ["index.d.ts", "index.d.cts", "api.d.ts", "api.d.cts"]) {
      expect(existsSync(`${root}/dist/${file}`), file).toBe(true);
    }
  });

  test("ships the project file's JSON Schema, at the path its $id and import's first line name", () => {
    const printed = node([
      "--input-type=module",
      "-e",
      `import { createRequire } from "node:module";
const { PROJECT_SCHEMA_URL } = await import("airbyte-ts/config-as-code");
const schema = createRequire(import.meta.url)("airbyte-ts/project.schema.json");
console.log(JSON.stringify([schema.$id, PROJECT_SCHEMA_URL]));`,
    ]);
    const [id, url] = JSON.parse(printed) as [string, string];
    expect(id).toBe(url);
    expect(
      url.endsWith(`/airbyte-ts/${(pkg.exports as Record<string, string>)["./project.schema.json"]?.slice(2)}`),
    ).toBe(true);
    expect(pkg.files).toContain("schema");
  });
});
