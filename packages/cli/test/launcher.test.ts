/**
 * The binary npm links is bin/airbyte-ts.js, a file of the source: npm links bins when it
 * installs, which in a clone is before any build, and it skips a bin whose file is missing.
 * The launcher runs the built command line, or says how to build it.
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { VERSION } from "../src/version.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const launcher = join(packageDir, "bin", "airbyte-ts.js");
const built = existsSync(join(packageDir, "dist", "bin.js"));
const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
  bin: Record<string, string>;
  files: string[];
};

function node(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const scratch = mkdtempSync(join(tmpdir(), "airbyte-ts-launcher-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the airbyte-ts launcher", () => {
  test("is the package's bin, a file of the source, and is published", () => {
    expect(pkg.bin).toEqual({ "airbyte-ts": "./bin/airbyte-ts.js" });
    expect(existsSync(launcher)).toBe(true);
    expect(readFileSync(launcher, "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(pkg.files).toEqual(expect.arrayContaining(["bin", "dist"]));
  });

  test.skipIf(!built)(
    "runs the built command line with its arguments and exit code (after `npm run build`)",
    async () => {
      expect(await node(launcher, ["--version"])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
      const unknown = await node(launcher, ["no-such-command"]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/^airbyte-ts: Unknown command/);
    },
  );

  test("before a build, says so and how to build, and exits 1", async () => {
    // A package of its own with the launcher and no dist/.
    mkdirSync(join(scratch, "bin"));
    writeFileSync(join(scratch, "package.json"), JSON.stringify({ type: "module" }));
    copyFileSync(launcher, join(scratch, "bin", "airbyte-ts.js"));
    const result = await node(join(scratch, "bin", "airbyte-ts.js"), ["--help"]);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `airbyte-ts: the command line is not built (${join(scratch, "dist", "bin.js")} is missing). Build it with: npm run build\n`,
    });
  });
});
