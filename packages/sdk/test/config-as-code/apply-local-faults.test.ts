/**
 * Apply under the local server's own injected faults (the `--fault-*` options of `airbyte-ts
 * local serve`): 5xx answers before or after the request was handled, 429s, and connections
 * dropped with no answer, on every route but the token and the health checks. Plan and apply
 * round after round until nothing is left; then, with the faults off, every resource exists
 * once, the lock file names each, and a plan is empty. (apply-faults.test.ts does the same
 * through a proxy that also counts what the server carried out.)
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AirbyteApiError, NetworkError } from "airbyte-ts";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { apply, loadProject, plan } from "../../src/config-as-code/index.js";
import { lockFilePath } from "../../src/config-as-code/lock-file.js";

const COUNT = 30;
const MAX_ROUNDS = 100;

const harness = useLocalServer();
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "airbyte-ts-local-faults-"));
});
afterAll(async () => {
  harness.local().setFaults(undefined);
  await rm(folder, { recursive: true, force: true });
});

const PROJECT = `apiVersion: airbyte-ts/v1
tags:
  nightly: { color: "3F51B5" }
sources:
${Array.from({ length: COUNT }, (_, n) => `  faker_${n}: { connector: source-faker, configuration: { count: 10, seed: ${n} } }`).join("\n")}
destinations:
${Array.from({ length: COUNT }, (_, n) => `  sink_${n}: { connector: destination-dev-null, configuration: { test_destination: { test_destination_type: SILENT } } }`).join("\n")}
connections:
${Array.from({ length: 5 }, (_, n) => `  c_${n}: { source: faker_${n}, destination: sink_${n}, tags: [nightly], streams: { users: { syncMode: full_refresh_append } } }`).join("\n")}
`;

/** An error the faults caused: their problem (public API) or message (Config API), a 429, or no answer at all. */
const injected = (error: unknown) =>
  error instanceof NetworkError ||
  (error instanceof AirbyteApiError &&
    (error.status === 429 ||
      error.detail === "Injected fault." ||
      String((error.body as { message?: unknown } | undefined)?.message).startsWith("Injected ")));

describe("apply under the local server's injected faults", () => {
  it("converges with every resource once", async () => {
    const admin = harness.admin();
    const { workspaceId } = await admin.workspaces.createWorkspace({
      name: "local faults",
      organizationId: harness.local().organizationId,
    });
    const { clientId, clientSecret } = harness.local();
    // Quick retries, so the run takes seconds; the SDK's rules for what it retries stay as they are.
    const api = harness.client({
      clientId,
      clientSecret,
      retries: { maxRetries: 4, initialDelayMs: 1, maxDelayMs: 5 },
    });
    const target = { api, workspaceId };
    const file = join(folder, "airbyte.yaml");
    const project = await loadProject([{ path: file, text: PROJECT }], { env: {} });

    harness.local().setFaults({
      seed: 20261206,
      errorRate: 0.1,
      rateLimitRate: 0.03,
      retryAfterSeconds: 0,
      dropRate: 0.03,
      exclude: ["/api/public/v1/health", "/api/v1/health", "POST /api/public/v1/applications/token"],
    });
    const rounds: string[] = [];
    let converged = false;
    for (let round = 1; round <= MAX_ROUNDS && !converged; round++) {
      try {
        const planned = await plan(project, target);
        await apply(planned);
        converged = planned.actions.length === 0;
        rounds.push(`${round}: ${planned.actions.length} actions applied`);
      } catch (error) {
        if (!injected(error)) throw error;
        rounds.push(`${round}: stopped by ${(error as Error).name}`);
      }
    }
    harness.local().setFaults(undefined);
    expect(converged, rounds.join("\n")).toBe(true);
    expect(
      rounds.some((round) => round.includes("stopped")),
      "no fault struck",
    ).toBe(true);

    expect((await plan(project, { api: admin, workspaceId })).actions).toEqual([]);
    const workspaceIds = [workspaceId];
    const names = (items: { name: string }[]) => items.map((item) => item.name).sort();
    const keys = (prefix: string, count: number) => Array.from({ length: count }, (_, n) => `${prefix}${n}`).sort();
    expect(names(await admin.sources.listSources({ workspaceIds }).toArray())).toEqual(keys("faker_", COUNT));
    expect(names(await admin.destinations.listDestinations({ workspaceIds }).toArray())).toEqual(keys("sink_", COUNT));
    expect(names(await admin.connections.listConnections({ workspaceIds }).toArray())).toEqual(keys("c_", 5));
    expect(names((await admin.tags.listTags({ workspaceIds })).data)).toEqual(["nightly"]);
    const lock = JSON.parse(await readFile(lockFilePath(folder, workspaceId), "utf8")) as {
      resources: Record<string, unknown>;
    };
    expect(Object.keys(lock.resources)).toHaveLength(2 * COUNT + 5 + 1);
  }, 120_000);
});
