/**
 * Config-as-code apply under transient server faults. A loopback proxy in front of the local
 * server fails about one write in five, in two ways: refused before the server sees it (503),
 * or carried out by the server with its answer replaced by a 502/503, so the client believes it
 * failed although the object exists (the dangerous case: a tool that creates again makes a
 * duplicate). A few reads fail with 503 too. The client is the SDK's with its default retry rules
 * (idempotent calls retried, a POST never repeated after an ambiguous 5xx), only faster.
 * A project of some hundred sources and destinations, six connections and two tags is planned
 * and applied round after round (each apply stops at its first refused step; the lock file keeps
 * what it did) until a plan has nothing to do. Then, without faults: nothing was created twice,
 * nothing is missing, the lock file names every resource, the connections join the right
 * objects with the streams the files list, and planning again changes nothing. The second test
 * puts the dangerous fault at the worst moment, the plan's last create: the apply finds the
 * object by its name at once and records it in the lock file, or renaming it later would create
 * a second one.
 * Write faults are drawn in the order the writes arrive (apply sends them one at a time), so a
 * run is reproducible from its seed (in the test's name; AIRBYTE_TS_APPLY_FAULTS_SEED=<n>
 * replays one). Read faults are drawn from their own stream: which of two parallel reads fails
 * may vary, but a read changes nothing.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { AirbyteApiError, selfManaged } from "airbyte-ts";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { apply, hasChanges, type Plan, plan } from "../../src/config-as-code/index.js";
import { loadProject } from "../../src/config-as-code/load-project.js";
import { lockFilePath } from "../../src/config-as-code/lock-file.js";
import { FAULT_HEADER, type FaultRule, seededFaults, startFaultProxy } from "../helpers/fault-proxy.js";

const SEED = Number(process.env.AIRBYTE_TS_APPLY_FAULTS_SEED ?? 20_260_611);
const SOURCES = 104;
const DESTINATIONS = 100;
const CONNECTIONS = 6;
const TAGS = ["finance", "marketing"] as const;
const WRITE_FAULT_RATE = 0.2;
const READ_FAULT_RATE = 0.03;
/**
 * Some 210 creates with one write in five failing; an apply stops at a refused write (a lost
 * answer it recovers by name): about 23 rounds for the default seed. The bound only stops a run
 * that would never converge.
 */
const MAX_ROUNDS = 150;

const harness = useLocalServer();
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "airbyte-ts-apply-faults-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const pad = (index: number) => String(index).padStart(3, "0");
const sourceKey = (index: number) => `faker_${pad(index)}`;
const destinationKey = (index: number) => `nowhere_${pad(index)}`;
const connectionKey = (index: number) => `faker_out_${pad(index)}`;
/** The streams each connection selects, as the files say. */
const STREAMS = { users: "incremental_deduped_history", purchases: "full_refresh_overwrite" } as const;

/** The project's one file: sources with distinct seeds, silent destinations, connections with streams and tags. */
function projectText(): string {
  const lines = ["apiVersion: airbyte-ts/v1", "tags:"];
  TAGS.forEach((tag, index) => lines.push(`  ${tag}: { color: "${index === 0 ? "00AA00" : "AA5500"}" }`));
  lines.push("sources:");
  for (let index = 0; index < SOURCES; index++) {
    lines.push(
      `  ${sourceKey(index)}:`,
      `    name: Faker ${pad(index)}`,
      "    connector: source-faker",
      `    configuration: { count: 10, seed: ${index + 1} }`,
    );
  }
  lines.push("destinations:");
  for (let index = 0; index < DESTINATIONS; index++) {
    lines.push(
      `  ${destinationKey(index)}:`,
      `    name: Nowhere ${pad(index)}`,
      "    connector: destination-dev-null",
      "    configuration:",
      "      test_destination: { test_destination_type: SILENT }",
    );
  }
  lines.push("connections:");
  for (let index = 0; index < CONNECTIONS; index++) {
    lines.push(
      `  ${connectionKey(index)}:`,
      `    name: Faker out ${pad(index)}`,
      `    source: ${sourceKey(index)}`,
      `    destination: ${destinationKey(index)}`,
      "    status: active",
      '    schedule: { type: cron, cron: "0 0 12 * * ?" }',
      `    tags: [${TAGS[index % TAGS.length]}]`,
      "    streams:",
      ...Object.entries(STREAMS).map(([stream, syncMode]) => `      ${stream}: { syncMode: ${syncMode} }`),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** One source, destination and connection, the connection named as given. */
const SMALL_PROJECT = (connectionName: string) => `apiVersion: airbyte-ts/v1
sources:
  faker:
    name: Faker
    connector: source-faker
    configuration: { count: 10, seed: 7 }
destinations:
  nowhere:
    name: Nowhere
    connector: destination-dev-null
    configuration:
      test_destination: { test_destination_type: SILENT }
connections:
  out:
    name: ${connectionName}
    source: faker
    destination: nowhere
    status: active
    streams:
      users: { syncMode: incremental_deduped_history }
`;

const summary = (result: Plan) => result.actions.map((action) => `${action.action} ${action.address}`);

/** Whether an error is one the proxy injected (the only kind a round may end with). */
const injected = (error: unknown): error is AirbyteApiError =>
  error instanceof AirbyteApiError && error.headers?.get(FAULT_HEADER) != null;

type Admin = ReturnType<typeof harness.admin>;

/** A new workspace, a fault proxy in front of the server (closed after the test) and a client through it. */
async function faultyWorkspace(rule: FaultRule) {
  const admin = harness.admin();
  const local = harness.local();
  const { workspaceId } = await admin.workspaces.createWorkspace({
    name: `cac-faults-${Math.random().toString(36).slice(2)}`,
    organizationId: local.organizationId,
  });
  const proxy = await startFaultProxy(local.url, rule);
  onTestFinished(() => proxy.close());
  const faulty = harness.client({
    ...selfManaged(proxy.url),
    clientId: local.clientId,
    clientSecret: local.clientSecret,
    // The SDK's rules of what is retried, with waits short enough for a test.
    retries: { initialDelayMs: 1, maxDelayMs: 5 },
  });
  return { admin, workspaceId, proxy, faulty };
}

/** Plans the text (as the project's one file, in the shared folder) against the workspace through `api`. */
async function planText(api: Admin, workspaceId: string, text: string) {
  const project = await loadProject([{ path: join(folder, `${workspaceId}.yaml`), text }], { env: {} });
  return plan(project, { api, workspaceId });
}

/**
 * What a person (or CI) does after a failed apply: run `airbyte-ts apply` again, which plans and
 * applies, a plan with nothing to change included (that records in the lock file what the plan
 * found by name), until a plan has nothing to do and its apply went through. A round may end
 * only with an injected fault; any other error ends the test. One line per round.
 */
async function applyUntilNothingLeft(api: Admin, workspaceId: string, text: string): Promise<string[]> {
  const rounds: string[] = [];
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    try {
      const planned = await planText(api, workspaceId, text);
      const { applied } = await apply(planned);
      if (!hasChanges(planned)) {
        rounds.push(`${round}: nothing to do`);
        return rounds;
      }
      rounds.push(`${round}: applied all ${applied.length} actions`);
    } catch (error) {
      if (!injected(error)) throw error;
      rounds.push(`${round}: stopped by ${error.status} ${error.method} ${new URL(error.url).pathname}`);
    }
  }
  throw new Error(`no plan came out empty in ${MAX_ROUNDS} rounds:\n${rounds.join("\n")}`);
}

interface LockText {
  resources: Record<string, { id: string } | undefined>;
}
const readLock = async (workspaceId: string) =>
  JSON.parse(await readFile(lockFilePath(folder, workspaceId), "utf8")) as LockText;

describe("apply under transient server faults", () => {
  it(`converges with nothing created twice and nothing lost (seed ${SEED})`, async () => {
    const { admin, workspaceId, proxy, faulty } = await faultyWorkspace(
      seededFaults(SEED, { writes: WRITE_FAULT_RATE, reads: READ_FAULT_RATE }),
    );
    const text = projectText();
    const rounds = await applyUntilNothingLeft(faulty, workspaceId, text);
    proxy.enabled = false;
    const { tally } = proxy;
    const report =
      `seed ${SEED}: ${rounds.length} rounds; ${tally.writes} writes (${tally.refused} refused, ` +
      `${tally.answerLost} carried out with their answer lost), ${tally.reads} reads (${tally.readsRefused} refused)`;
    console.info(report);
    const story = `${report}\n${rounds.slice(-5).join("\n")}`;
    expect(tally.refused, "the proxy refused writes").toBeGreaterThan(0);
    expect(tally.answerLost, "the proxy lost answers of writes that were carried out").toBeGreaterThan(0);

    // Without faults and without the proxy: the workspace as the files declare it, once each.
    expect(summary(await planText(admin, workspaceId, text)), story).toEqual([]);
    const scope = { workspaceIds: [workspaceId] };
    const sources = await admin.sources.listSources(scope).toArray();
    const destinations = await admin.destinations.listDestinations(scope).toArray();
    const connections = await admin.connections.listConnections(scope).toArray();
    const tags = (await admin.tags.listTags(scope)).data;
    const names = (items: { name: string }[]) => items.map((item) => item.name).sort();
    const expected = (count: number, name: (index: number) => string) =>
      Array.from({ length: count }, (_, index) => name(index)).sort();
    expect(names(sources), story).toEqual(expected(SOURCES, (index) => `Faker ${pad(index)}`));
    expect(names(destinations), story).toEqual(expected(DESTINATIONS, (index) => `Nowhere ${pad(index)}`));
    expect(names(connections), story).toEqual(expected(CONNECTIONS, (index) => `Faker out ${pad(index)}`));
    expect(names(tags), story).toEqual([...TAGS].sort());
    // Not even for a while: the server made each object once (nothing was made twice and deleted).
    expect(Object.fromEntries(tally.createdOnServer), story).toEqual({
      "POST /api/public/v1/tags": TAGS.length,
      "POST /api/public/v1/sources": SOURCES,
      "POST /api/public/v1/destinations": DESTINATIONS,
      "POST /api/public/v1/connections": CONNECTIONS,
    });

    // The lock file binds every key to the object of that name, and nothing else.
    const lock = await readLock(workspaceId);
    const nameById = new Map<string, string>([
      ...sources.map((source) => [source.sourceId, source.name] as const),
      ...destinations.map((destination) => [destination.destinationId, destination.name] as const),
      ...connections.map((connection) => [connection.connectionId, connection.name] as const),
      ...tags.map((tag) => [tag.tagId, tag.name] as const),
    ]);
    const declared: Record<string, string> = {};
    for (const tag of TAGS) declared[`tag.${tag}`] = tag;
    for (let index = 0; index < SOURCES; index++) declared[`source.${sourceKey(index)}`] = `Faker ${pad(index)}`;
    for (let index = 0; index < DESTINATIONS; index++)
      declared[`destination.${destinationKey(index)}`] = `Nowhere ${pad(index)}`;
    for (let index = 0; index < CONNECTIONS; index++)
      declared[`connection.${connectionKey(index)}`] = `Faker out ${pad(index)}`;
    const bound = Object.fromEntries(
      Object.entries(lock.resources).map(([address, entry]) => [address, nameById.get(entry?.id ?? "")]),
    );
    expect(bound, `the lock file's keys and the names of the objects it binds them to; ${story}`).toEqual(declared);

    // Each connection joins its own source and destination, with its tag and the files' streams.
    const idOf = (address: string) => lock.resources[address]?.id;
    for (let index = 0; index < CONNECTIONS; index++) {
      const connection = connections.find((candidate) => candidate.name === `Faker out ${pad(index)}`);
      expect(connection, story).toMatchObject({
        sourceId: idOf(`source.${sourceKey(index)}`),
        destinationId: idOf(`destination.${destinationKey(index)}`),
        status: "active",
      });
      expect(connection?.tags.map((tag) => tag.name)).toEqual([TAGS[index % TAGS.length]]);
      const streams = Object.fromEntries(
        (connection?.configurations.streams ?? []).map((stream) => [stream.name, stream.syncMode]),
      );
      expect(streams).toEqual(STREAMS);
    }
  }, 120_000);

  it("binds a create whose answer was lost even when it was the plan's last step, so a rename updates it", async () => {
    // The dangerous fault at the worst moment: the last create of the plan is carried out, its
    // answer lost. The apply finds the connection by its name at once and records it, so the
    // step succeeds; without that, a change of its name in the files before the next apply
    // would plan a create, and a second connection.
    let connectionCreates = 0;
    const { admin, workspaceId, proxy, faulty } = await faultyWorkspace((method, pathname) =>
      method === "POST" && pathname === "/api/public/v1/connections" && connectionCreates++ === 0
        ? { kind: "answer-lost", status: 502 }
        : undefined,
    );
    const text = SMALL_PROJECT("Faker out");
    const rounds = await applyUntilNothingLeft(faulty, workspaceId, text);
    expect(rounds).toEqual(["1: applied all 3 actions", "2: nothing to do"]);
    expect(proxy.tally.createdOnServer.get("POST /api/public/v1/connections")).toBe(1);
    const [connection, ...others] = await admin.connections.listConnections({ workspaceIds: [workspaceId] }).toArray();
    expect(others).toEqual([]);

    expect
      .soft((await readLock(workspaceId)).resources["connection.out"]?.id, "the lock file's id of connection.out")
      .toBe(connection?.connectionId);
    const renamed = await planText(faulty, workspaceId, SMALL_PROJECT("Faker out, renamed"));
    expect.soft(summary(renamed), "the plan of a new name for connection.out").toEqual(["update connection.out"]);
    await applyUntilNothingLeft(faulty, workspaceId, SMALL_PROJECT("Faker out, renamed"));
    const after = await admin.connections.listConnections({ workspaceIds: [workspaceId] }).toArray();
    expect(after.map((item) => item.name)).toEqual(["Faker out, renamed"]);
  });
});
