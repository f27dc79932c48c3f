/**
 * Start-up stays light: the built server answers its first tools/list without having loaded a
 * heavy module (`@airbyte-ts/local`, `airbyte-ts/config-as-code`, a YAML parser, a database
 * driver). A tool that needs one imports it inside `run`; a tool file that imports one at the top
 * fails this test. An `--import` preload records every module the server loads: the ESM
 * resolutions through a loader hook, CommonJS `require`s through `Module.prototype.require`; and
 * what the build bundled into the server's own files is read from their source maps, since a
 * bundled module is never loaded by name.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, describe, expect, it } from "vitest";
import { startHttpServer, stopHttpServers } from "./helpers/http-server.js";
import { built, main } from "./helpers/mcp.js";

/** What counts as heavy, by where its files are. */
const HEAVY: Record<string, RegExp> = {
  "@airbyte-ts/local": /\/packages\/local\/|\/node_modules\/@airbyte-ts\/local\//,
  "airbyte-ts/config-as-code": /\/(packages\/sdk|node_modules\/airbyte-ts)\/(dist|src)\/(esm\/)?config-as-code/,
  "a YAML parser": /\/node_modules\/(yaml|js-yaml)\//,
  "a database driver":
    /\/node_modules\/(pg|pg-[a-z-]+|@duckdb\/[^/]+|duckdb|better-sqlite3|sqlite3|snowflake-sdk|@google-cloud\/bigquery|mysql2?)\/|^(node:)?sqlite$/,
};

const directory = mkdtempSync(join(tmpdir(), "airbyte-ts-mcp-startup-"));
const hooks = join(directory, "hooks.mjs");
const recorder = join(directory, "record.mjs");
// Runs in the loader's thread: every module an import resolves to, as a URL.
writeFileSync(
  hooks,
  `import { appendFileSync } from "node:fs";
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(log, resolved.url + "\\n");
  return resolved;
}
`,
);
// Runs in the server's thread before its entry: CommonJS requires, which bypass the hooks.
writeFileSync(
  recorder,
  `import Module, { createRequire, register } from "node:module";
import { appendFileSync } from "node:fs";
const log = process.env.AIRBYTE_TS_MODULE_LOG;
register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { log } });
const load = Module.prototype.require;
Module.prototype.require = function (id) {
  const exports = load.call(this, id);
  let file = id;
  try { file = createRequire(this.filename).resolve(id); } catch {}
  appendFileSync(log, file + "\\n");
  return exports;
};
`,
);

let runs = 0;
/** A fresh log file and the arguments that make `node` record into it. */
function recording(): { log: string; args: string[]; env: Record<string, string> } {
  const log = join(directory, `loaded-${++runs}.txt`);
  writeFileSync(log, "");
  return { log, args: ["--import", pathToFileURL(recorder).href], env: { AIRBYTE_TS_MODULE_LOG: log } };
}

/** Every module in the log, as a path (file: URLs) or a name (builtins). */
function loaded(log: string): string[] {
  const entries = readFileSync(log, "utf8").split("\n").filter(Boolean);
  return [...new Set(entries.map((entry) => (entry.startsWith("file:") ? fileURLToPath(entry) : entry)))];
}

/** The source files a built file of this package was bundled from, per its source map. */
function bundledSources(file: string): string[] {
  const map = JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[] };
  return map.sources.map((source) => resolve(dirname(file), source));
}

const packageDist = dirname(main);

/** "what (file)" for each heavy module loaded, or bundled into one of this package's files that was. */
function heavyModules(modules: string[]): string[] {
  const found: string[] = [];
  const check = (path: string, via: string) => {
    for (const [what, pattern] of Object.entries(HEAVY)) if (pattern.test(path)) found.push(`${what} (${via})`);
  };
  for (const path of modules) {
    check(path, path);
    if (path.startsWith(packageDist) && path.endsWith(".js")) {
      for (const source of bundledSources(path)) check(source, `${source}, bundled into ${path}`);
    }
  }
  return found;
}

const cleanEnv = () => ({ PATH: process.env.PATH ?? "" });

describe.skipIf(!built)("airbyte-ts-mcp start-up", () => {
  afterAll(stopHttpServers);

  it("records what a process loads, heavy modules included (so the checks below can fail)", () => {
    const { log, args, env } = recording();
    const script = "await import('yaml'); await import('airbyte-ts/config-as-code'); await import('pg');";
    const run = spawnSync(process.execPath, [...args, "--input-type=module", "-e", script], {
      cwd: dirname(packageDist),
      env: { ...cleanEnv(), ...env },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    const heavy = heavyModules(loaded(log)).map((entry) => entry.split(" (")[0]);
    expect(new Set(heavy)).toEqual(new Set(["a YAML parser", "airbyte-ts/config-as-code", "a database driver"]));
    // And the source maps are read: the server's entry was bundled from this package's sources.
    expect(bundledSources(main)).toContain(resolve(packageDist, "../src/main.ts"));
  });

  it("lists the tools over stdio without loading a heavy module", async () => {
    const { log, args, env } = recording();
    const client = new Client({ name: "startup-test", version: "0.0.0" });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [...args, main],
        env: { ...cleanEnv(), ...env },
        stderr: "pipe",
      }),
    );
    try {
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      const modules = loaded(log);
      expect(heavyModules(modules)).toEqual([]);
      // Both halves of the recorder saw the server: its ESM entry, and the SDK's CommonJS build.
      expect(modules).toContain(main);
      expect(modules.some((path) => /\/packages\/sdk\/dist\/index\.cjs$/.test(path))).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("lists the tools over HTTP without loading a heavy module", async () => {
    const { log, args, env } = recording();
    const server = await startHttpServer([...args, main, "--http", "--port", "0"], { ...cleanEnv(), ...env });
    const client = new Client({ name: "startup-test", version: "0.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    try {
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      const modules = loaded(log);
      expect(heavyModules(modules)).toEqual([]);
      expect(modules.some((path) => path.includes("/server/streamableHttp.js"))).toBe(true);
    } finally {
      await client.close();
    }
  });
});
