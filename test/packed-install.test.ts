/**
 * What a user of the published packages gets. The four packages are packed with `npm pack` and
 * installed from their tarballs into an empty project outside the repository, with their other
 * dependencies from the registry and better-sqlite3's install script approved as the READMEs
 * say. Then, in that project: the `airbyte-ts` binary through npx, the demo's sync into DuckDB,
 * `import` and `require` of the SDK handing out the same classes, and the declarations under
 * tsc with node16 and bundler resolution.
 *
 * Slow, since better-sqlite3 compiles from source when no prebuilt binary can be fetched
 * (~90 s), so it is not part of `npm test`: `npm run test:packed` runs it, and so does `.ci/run`.
 */
import { realpathSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Ran, runIn } from "./helpers/run.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const PACKAGES = { sdk: "packages/sdk", local: "packages/local", cli: "packages/cli", mcp: "packages/mcp" } as const;
type PackageKey = keyof typeof PACKAGES;

interface Packed {
  name: string;
  filename: string;
  files: { path: string }[];
}

let dir: string;
let project: string;
let packed: Record<PackageKey, Packed>;
let install: Ran;
let run: (command: string, args: string[]) => Promise<Ran>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "airbyte-ts-packed-"));
  project = join(dir, "project");
  const fromRepo = runIn(repo);
  const pack = await fromRepo("npm", [
    "pack",
    "--json",
    "--pack-destination",
    dir,
    ...Object.values(PACKAGES).flatMap((path) => ["-w", path]),
  ]);
  expect(pack.code, pack.stderr).toBe(0);
  const results = JSON.parse(pack.stdout) as Packed[];
  const byName = (name: string) => results.find((result) => result.name === name) as Packed;
  packed = {
    sdk: byName("airbyte-ts"),
    local: byName("@airbyte-ts/local"),
    cli: byName("@airbyte-ts/cli"),
    mcp: byName("@airbyte-ts/mcp"),
  };

  // The user's steps (README "Install"): a project, the approval of better-sqlite3's native
  // build, then the packages; typescript and Node's types for the declarations check.
  await mkdir(project);
  run = runIn(project);
  for (const step of [
    ["init", "-y"],
    ["pkg", "set", "allowScripts.better-sqlite3=true", "--json"],
  ]) {
    const ran = await run("npm", step);
    expect(ran.code, ran.stderr).toBe(0);
  }
  const devDependencies = JSON.parse(await readFile(join(repo, "package.json"), "utf8")).devDependencies;
  install = await run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    ...Object.values(packed).map((result) => join(dir, result.filename)),
    `typescript@${devDependencies.typescript}`,
    `@types/node@${devDependencies["@types/node"]}`,
  ]);
  expect(install.code, install.stderr).toBe(0);
}, 15 * 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the packed packages, installed from their tarballs into an empty project", () => {
  test("each tarball holds every file its package.json names, the sync worker, and no sources or tests", async () => {
    for (const [key, path] of Object.entries(PACKAGES) as [PackageKey, string][]) {
      const files = packed[key].files.map((file) => file.path);
      const manifest = JSON.parse(await readFile(join(repo, path, "package.json"), "utf8"));
      for (const named of namedFiles(manifest)) expect(files, `${manifest.name}: ${named}`).toContain(named);
      expect(files.filter((file) => /^(src|test|scripts)\//.test(file) || /(?<!\.d\.c?)ts$/.test(file))).toEqual([]);
      expect(files).toContain("README.md");
    }
    // The local server forks this file beside its bundle for every sync attempt.
    expect(packed.local.files.map((file) => file.path)).toContain("dist/sync-worker.js");
  });

  test("the install runs better-sqlite3's approved build and leaves no install script unreviewed", async () => {
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/allowScripts|install scripts/i);
    const pending = await run("npm", ["install-scripts", "ls"]);
    expect(pending.stdout.trim()).toBe("No packages with unreviewed install scripts.");
    const sqlite = await run("node", ["-e", "new (require('better-sqlite3'))(':memory:').close(); console.log('ok')"]);
    expect(sqlite.stdout.trim(), sqlite.stderr).toBe("ok");
  });

  test("npx airbyte-ts runs the installed CLI's binary", async () => {
    expect(realpathSync(join(project, "node_modules/.bin/airbyte-ts"))).toBe(
      realpathSync(join(project, "node_modules/@airbyte-ts/cli/bin/airbyte-ts.js")),
    );
    const help = await run("npx", ["airbyte-ts", "--help"]);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: airbyte-ts /m);
    expect(help.stdout).toMatch(/^\s+demo\b/m);
  });

  test("the MCP server answers a real MCP client, as airbyte-ts-mcp and as airbyte-ts mcp", async () => {
    await writeFile(join(project, "mcp-check.mjs"), MCP_CHECK_MJS);
    const check = await run("node", ["mcp-check.mjs"]);
    expect(check.code, check.stderr).toBe(0);
    const [bin, cli, plan] = JSON.parse(check.stdout) as [
      string[],
      string[],
      { isError?: boolean; structuredContent?: { changes: { action: string; address: string }[] } },
    ];
    expect(bin).toContain("describe_cloud_workspace");
    expect(cli).toEqual(bin);
    expect(plan.isError, JSON.stringify(plan)).toBeFalsy();
    expect(plan.structuredContent?.changes).toEqual([expect.objectContaining({ action: "create" })]);
  }, 60_000);

  test("airbyte-ts demo syncs Faker into DuckDB and reads the users back", async () => {
    const demo = await run("npx", ["airbyte-ts", "demo", "--count", "300", "--local-dir", join(dir, "local")]);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/^Job \d+ succeeded: \d+ rows/m);
    expect(demo.stdout).toContain('"demo"."main"."users": 300 rows; the first three:');
    const rows = demo.stdout.split("\n").filter((line) => line.startsWith("  {"));
    expect(rows.map((row) => (JSON.parse(row) as { id: number }).id)).toEqual([1, 2, 3]);
  }, 180_000);

  test("import and require of airbyte-ts hand out the same classes", async () => {
    await writeFile(join(project, "required.cjs"), REQUIRED_CJS);
    await writeFile(join(project, "check.mjs"), CHECK_MJS);
    const check = await run("node", ["check.mjs"]);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toEqual({
      same: {
        "airbyte-ts": true,
        "airbyte-ts/api": true,
        "airbyte-ts/datasets": true,
        "airbyte-ts/config-as-code": true,
      },
      clients: [true, true],
      workspaces: [true, true],
      notFound: { status: [404, 404], requiredIsImported: true, importedIsRequired: true },
    });
  }, 60_000);

  test("the declarations resolve under tsc with moduleResolution node16 and bundler", async () => {
    await writeFile(join(project, "consumer.mts"), CONSUMER_MTS);
    await writeFile(join(project, "consumer.cts"), CONSUMER_CTS);
    const options = { target: "es2022", strict: true, noEmit: true, types: ["node"], skipLibCheck: false };
    const configs = {
      "tsconfig.node16.json": { module: "node16", moduleResolution: "node16", files: ["consumer.mts", "consumer.cts"] },
      "tsconfig.bundler.json": { module: "esnext", moduleResolution: "bundler", files: ["consumer.mts"] },
    };
    for (const [file, { files, ...resolution }] of Object.entries(configs)) {
      await writeFile(join(project, file), JSON.stringify({ compilerOptions: { ...options, ...resolution }, files }));
      const tsc = await run("npx", ["tsc", "-p", file]);
      expect(`${tsc.stdout}${tsc.stderr}`, file).toBe("");
      expect(tsc.code, file).toBe(0);
    }
  }, 120_000);
});

/** The files a package.json points at: main, module, types, bin and every "exports" target. */
function namedFiles(manifest: Record<string, unknown>): string[] {
  const targets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === "string") targets.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  for (const field of ["main", "module", "types", "bin", "exports"]) collect(manifest[field]);
  return [...new Set(targets.map((target) => target.replace(/^\.\//, "")))];
}

/** A CommonJS module of the user's, requiring each entry. */
const REQUIRED_CJS = `module.exports = {
  "airbyte-ts": require("airbyte-ts"),
  "airbyte-ts/api": require("airbyte-ts/api"),
  "airbyte-ts/datasets": require("airbyte-ts/datasets"),
  "airbyte-ts/config-as-code": require("airbyte-ts/config-as-code"),
};
`;

/**
 * Compares what `import` and `require` hand out, then, against a local server, checks that
 * clients, workspaces and the NotFoundError a real 404 gives pass `instanceof` both ways.
 */
const CHECK_MJS = `import required from "./required.cjs";
import { startLocalServer } from "@airbyte-ts/local";

const same = {};
for (const [entry, cjs] of Object.entries(required)) {
  const esm = await import(entry), names = Object.keys(esm);
  same[entry] = names.length > 0 && names.length === Object.keys(cjs).length && names.every((n) => esm[n] === cjs[n]);
}
const esm = await import("airbyte-ts"), cjs = required["airbyte-ts"];
const local = await startLocalServer({ inMemory: true });
try {
  const credentials = { clientId: local.clientId, clientSecret: local.clientSecret };
  const client = (sdk) => new sdk.AirbyteApi({ ...sdk.selfManaged(local.url), ...credentials });
  const workspace = (sdk) =>
    new sdk.CloudWorkspace({ workspaceId: local.workspaceId, apiRoot: local.publicApiUrl, ...credentials });
  const missing = { workspaceId: "00000000-0000-4000-8000-000000000000" };
  const notFound = (sdk) => client(sdk).workspaces.getWorkspace(missing).then(() => undefined, (error) => error);
  const [fromRequired, fromImported] = [await notFound(cjs), await notFound(esm)];
  console.log(JSON.stringify({
    same,
    clients: [client(cjs) instanceof esm.AirbyteApi, client(esm) instanceof cjs.AirbyteApi],
    workspaces: [workspace(cjs) instanceof esm.CloudWorkspace, workspace(esm) instanceof cjs.CloudWorkspace],
    notFound: {
      status: [fromRequired?.status, fromImported?.status],
      requiredIsImported: fromRequired instanceof esm.NotFoundError && fromRequired instanceof esm.AirbyteApiError,
      importedIsRequired: fromImported instanceof cjs.NotFoundError && fromImported instanceof cjs.AirbyteApiError,
    },
  }));
} finally {
  await local.close();
}
`;

/**
 * An ES module consumer of the four entry points. The client from `airbyte-ts` must be the
 * type from `airbyte-ts/api` (it has #private fields, so only one declaration fits), and the
 * `@ts-expect-error` lines fail the check if any import resolved to `any`.
 */
const CONSUMER_MTS = `import { AirbyteApi, CloudWorkspace, NotFoundError, selfManaged } from "airbyte-ts";
import type { CloudJobInfo } from "airbyte-ts";
import { AirbyteApi as LowLevelApi } from "airbyte-ts/api";
import { openDestination, type Dataset } from "airbyte-ts/datasets";
import { startLocalServer, type LocalServer } from "@airbyte-ts/local";

export async function consume(): Promise<string> {
  const local: LocalServer = await startLocalServer({ inMemory: true });
  const credentials = { clientId: local.clientId, clientSecret: local.clientSecret };
  const api: LowLevelApi = new AirbyteApi({ ...selfManaged(local.url), ...credentials });
  const workspace = new CloudWorkspace({ workspaceId: local.workspaceId, apiRoot: local.publicApiUrl, ...credentials });
  const job: CloudJobInfo | undefined = undefined;
  const destination = { destinationType: "duckdb", configuration: { destination_path: "/local/a.duckdb" } };
  const users: Dataset = openDestination(destination).dataset("users");
  const notFound = new NotFoundError("x", { method: "GET", url: "/" });
  // @ts-expect-error serverUrl is a string
  const wrong: number = api.serverUrl;
  await local.close();
  return [workspace.workspaceId, job, users.fullyQualifiedName, notFound.status, wrong].join();
}
`;

/** A CommonJS consumer (its imports compile to require) of the SDK's entry points. */
const CONSUMER_CTS = `import { AirbyteApi, NotFoundError } from "airbyte-ts";
import type { AirbyteApi as LowLevelApi } from "airbyte-ts/api";
import { tableName } from "airbyte-ts/datasets";

export const api: LowLevelApi = new AirbyteApi({ bearerToken: "t" });
export const isNotFound = (error: unknown): boolean => error instanceof NotFoundError;
// @ts-expect-error tableName returns a string
export const table: number = tableName("users", { prefix: "p_" });
`;

/**
 * Lists the tools of both ways to start the server, through the MCP SDK the package installed,
 * and plans a project against a local server: the YAML parser, an optional peer of the SDK, is
 * one of the MCP package's own dependencies.
 */
const MCP_CHECK_MJS = `
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { startLocalServer } from "@airbyte-ts/local";
const connect = async (args, env = {}) => {
  const client = new Client({ name: "packed-check", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command: process.execPath, args, env: { PATH: process.env.PATH, ...env } }));
  return client;
};
const names = async (args) => {
  const client = await connect(args);
  const { tools } = await client.listTools();
  await client.close();
  return tools.map((tool) => tool.name).sort();
};
const bin = "node_modules/@airbyte-ts/mcp/bin/airbyte-ts-mcp.js";
const local = await startLocalServer({ inMemory: true, scheduler: false, log: () => {} });
const client = await connect([bin], {
  AIRBYTE_API_ROOT: local.publicApiUrl,
  AIRBYTE_CLIENT_ID: local.clientId,
  AIRBYTE_CLIENT_SECRET: local.clientSecret,
  AIRBYTE_WORKSPACE_ID: local.workspaceId,
});
const project = "apiVersion: airbyte-ts/v1\\nsources:\\n  faker:\\n    name: packed faker\\n    connector: source-faker\\n    configuration: { count: 5 }\\n";
const plan = await client.callTool({ name: "plan_project", arguments: { project_yaml: project } });
await client.close();
await local.close();
console.log(JSON.stringify([
  await names([bin]),
  await names(["node_modules/@airbyte-ts/cli/bin/airbyte-ts.js", "mcp"]),
  plan,
]));
`;
