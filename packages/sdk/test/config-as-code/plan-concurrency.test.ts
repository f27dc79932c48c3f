/**
 * A plan reads each connection's streams, and an import each connection's too: a handful at a
 * time (`concurrency`, default 8), never all at once, with the results in the files' order. A
 * concurrency that is no whole number is refused before any request.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hooks } from "airbyte-ts";
import { InvalidArgumentError } from "airbyte-ts";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { apply, importWorkspace, loadProject, plan } from "../../src/config-as-code/index.js";

const harness = useLocalServer();
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "airbyte-ts-concurrency-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const CONNECTIONS = 12;

/** One source and destination, and CONNECTIONS connections between them, each with its streams. */
const PROJECT = `apiVersion: airbyte-ts/v1
sources:
  faker: { connector: source-faker, configuration: { count: 10, seed: 3 } }
destinations:
  nowhere: { connector: destination-dev-null, configuration: { test_destination: { test_destination_type: SILENT } } }
connections:
${Array.from(
  { length: CONNECTIONS },
  (_, n) => `  c${n}:
    source: faker
    destination: nowhere
    streams: { users: { syncMode: full_refresh_overwrite } }
`,
).join("")}`;

/** A client that counts the stream reads in flight at once, and every request. */
function countingClient() {
  const counts = { inFlight: 0, most: 0, streamReads: 0, requests: 0 };
  const isStreamRead = (url: URL) => url.pathname.endsWith("/streams");
  const hooks: Hooks = {
    beforeRequest: ({ url }) => {
      counts.requests++;
      if (!isStreamRead(url)) return;
      counts.streamReads++;
      counts.most = Math.max(counts.most, ++counts.inFlight);
    },
    afterResponse: ({ url }) => {
      if (isStreamRead(url)) counts.inFlight--;
    },
  };
  const { clientId, clientSecret } = harness.local();
  return { api: harness.client({ clientId, clientSecret, hooks }), counts };
}

describe("reads in flight during a plan", () => {
  let workspaceId: string;
  let projectFile: string;
  beforeAll(async () => {
    const api = harness.admin();
    ({ workspaceId } = await api.workspaces.createWorkspace({
      name: "concurrency",
      organizationId: harness.local().organizationId,
    }));
    projectFile = join(folder, "airbyte.yaml");
    const project = await loadProject([{ path: projectFile, text: PROJECT }], { env: {} });
    await apply(await plan(project, { api, workspaceId }));
  });

  it("never exceeds the concurrency asked for, and reaches it", async () => {
    const { api, counts } = countingClient();
    const project = await loadProject([{ path: projectFile, text: PROJECT }], { env: {} });
    const planned = await plan(project, { api, workspaceId }, { concurrency: 3 });
    expect(planned.actions).toEqual([]);
    expect(planned.unchanged).toHaveLength(CONNECTIONS + 2);
    expect(counts.streamReads).toBe(CONNECTIONS);
    expect(counts.most).toBe(3);
  });

  it("imports a connection's streams a few at a time too, in the workspace's order", async () => {
    const { api, counts } = countingClient();
    const imported = await importWorkspace({ api, workspaceId }, { concurrency: 2 });
    expect(counts.streamReads).toBe(CONNECTIONS);
    expect(counts.most).toBe(2);
    const again = await importWorkspace({ api: harness.admin(), workspaceId }, { concurrency: 8 });
    expect(again.files).toEqual(imported.files);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses concurrency %s before any request", async (concurrency) => {
    const { api, counts } = countingClient();
    const project = await loadProject([{ path: projectFile, text: PROJECT }], { env: {} });
    await expect(plan(project, { api, workspaceId }, { concurrency })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(importWorkspace({ api, workspaceId }, { concurrency })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(counts.requests).toBe(0);
  });
});
