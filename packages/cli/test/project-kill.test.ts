/**
 * `airbyte-ts apply` killed with SIGKILL part-way (no handler runs, no lock file write
 * finishes but the one already renamed into place), again and again at other steps, then run
 * to the end: every resource exists exactly once, the lock file names each, and a plan is
 * empty. What makes it hold: the lock file written whole and renamed after every step, and a
 * create whose answer was lost found by its name on the next plan.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { bin, built, useCliServer, type Env } from "./helpers/cli.js";

const COUNT = 8;

const PROJECT = `apiVersion: airbyte-ts/v1
sources:
${Array.from({ length: COUNT }, (_, n) => `  faker_${n}: { connector: source-faker, configuration: { count: 10, seed: ${n} } }`).join("\n")}
destinations:
${Array.from({ length: COUNT }, (_, n) => `  sink_${n}: { connector: destination-dev-null, configuration: { test_destination: { test_destination_type: SILENT } } }`).join("\n")}
connections:
${Array.from({ length: COUNT }, (_, n) => `  c_${n}: { source: faker_${n}, destination: sink_${n}, streams: { users: { syncMode: full_refresh_append } } }`).join("\n")}
`;

/** Runs `apply --yes` and kills it with SIGKILL as soon as it reports step `killAfter` done; resolves with its output. */
function applyKilledAfter(env: Env, file: string, killAfter: number): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "apply", "-f", file, "--yes"], {
      env: { PATH: process.env.PATH, LANG: "C.UTF-8", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let killed = false;
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const done = [...stderr.matchAll(/^\[(\d+)\/\d+\] .*: done$/gm)].map((match) => Number(match[1]));
      if (!killed && done.some((step) => step >= killAfter)) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.stdout.resume();
    child.on("error", reject);
    child.on("close", () => resolve({ killed, stderr }));
  });
}

describe.skipIf(!built)("apply killed at any step", () => {
  const harness = useCliServer();

  test("converges when run again, with every resource once", async () => {
    const folder = mkdtempSync(join(tmpdir(), "airbyte-ts-kill-"));
    const file = join(folder, "airbyte.yaml");
    writeFileSync(file, PROJECT);
    const env = harness.env();

    // Killed after the first step, then part-way through each later run's remaining steps.
    const kills: boolean[] = [];
    for (const killAfter of [1, 5, 3, 7, 2]) kills.push((await applyKilledAfter(env, file, killAfter)).killed);
    expect(kills).toEqual([true, true, true, true, true]);

    const finished = await harness.cli(["apply", "-f", file, "--yes"]);
    expect(finished.code, finished.stderr).toBe(0);
    const clean = await harness.cli(["plan", "-f", file, "--detailed-exitcode"]);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);

    const { api, workspaceId } = harness.workspace();
    const workspaceIds = [workspaceId];
    const names = async (list: Promise<{ name: string }[]>) => (await list).map((item) => item.name).sort();
    const expected = (prefix: string) => Array.from({ length: COUNT }, (_, n) => `${prefix}${n}`).sort();
    expect(await names(api.sources.listSources({ workspaceIds }).toArray())).toEqual(expected("faker_"));
    expect(await names(api.destinations.listDestinations({ workspaceIds }).toArray())).toEqual(expected("sink_"));
    expect(await names(api.connections.listConnections({ workspaceIds }).toArray())).toEqual(expected("c_"));
    const lock = JSON.parse(readFileSync(join(folder, ".airbyte-ts", `${workspaceId}.lock.json`), "utf8")) as {
      resources: Record<string, { id: string }>;
    };
    expect(Object.keys(lock.resources)).toHaveLength(3 * COUNT);
  }, 120_000);
});
