/**
 * Connections planned against a real local server: created, then planned clean; streams keyed
 * by name whatever their order; source-defined keys neither sent nor diffed, and an override of
 * them refused; streams the files drop are deselected (exact) or kept (merge); tags as a set.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import type { ConnectionResponse } from "../../src/api/models.gen.js";
import type { ApplyContext } from "../../src/config-as-code/apply-step.js";
import { bindKind } from "../../src/config-as-code/bindings.js";
import { ConfigFileError } from "../../src/config-as-code/errors.js";
import { loadProject } from "../../src/config-as-code/load-project.js";
import { emptyLockFile, type LockFile } from "../../src/config-as-code/lock-file.js";
import { type ConnectionInputs, planConnection } from "../../src/config-as-code/plan-connection.js";
import { checkSourceDefined } from "../../src/config-as-code/plan-streams.js";
import type { ConnectionResource } from "../../src/config-as-code/project.js";

const harness = useLocalServer();
const FAKER = "dfd88b22-b603-4c3d-aad7-3701784586b1";
const DEV_NULL = "a7bcc9d8-13b3-4e49-b80d-d020b90045e3";
let workspaceId: string;
let sourceId: string;
let destinationId: string;

beforeAll(async () => {
  const api = harness.admin();
  workspaceId = (
    await api.workspaces.createWorkspace({ name: "cac-connections", organizationId: harness.local().organizationId })
  ).workspaceId;
  sourceId = (
    await api.sources.createSource({
      name: "Faker",
      workspaceId,
      definitionId: FAKER,
      configuration: { count: 10 },
    })
  ).sourceId;
  const destinations = await api.destinationDefinitions.listDestinationDefinitions({ workspaceId });
  const devNull = destinations.data.find((definition) => definition.dockerRepository.endsWith("/destination-dev-null"));
  destinationId = (
    await api.destinations.createDestination({
      name: "Nowhere",
      workspaceId,
      definitionId: devNull?.id ?? DEV_NULL,
      configuration: { test_destination: { test_destination_type: "SILENT" } },
    })
  ).destinationId;
});

const project = (connection: string) => `apiVersion: airbyte-ts/v1
connections:
  faker_out:
    name: Faker out
    source: { id: SOURCE }
    destination: { id: DESTINATION }
${connection}`;

async function planOnce(text: string, lock: LockFile, apply = false) {
  const api = harness.admin();
  const loaded = await loadProject(
    [{ path: "airbyte.yaml", text: text.replace("SOURCE", sourceId).replace("DESTINATION", destinationId) }],
    { env: {} },
  );
  const connection = loaded.resources.get("connection.faker_out") as ConnectionResource;
  const remotes = (await api.connections.listConnections({ workspaceIds: [workspaceId] }).toArray()).map((raw) => ({
    id: raw.connectionId,
    name: raw.name,
    raw,
  }));
  const [binding] = bindKind<ConnectionResponse>("connection", [connection], remotes, lock).bindings;
  if (!binding) throw new Error("no binding");
  const streamProperties = await api.streams.getStreamProperties({ sourceId, destinationId });
  checkSourceDefined(connection, streamProperties);
  const inputs: ConnectionInputs = { source: { id: sourceId }, destination: { id: destinationId }, streamProperties };
  const planned = planConnection(binding, inputs);
  if (apply && planned.step) {
    const context: ApplyContext = { api, workspaceId, idOf: () => "", createOnce: (_kind, _name, create) => create() };
    const entry = await planned.step.run(context);
    if (entry) lock.resources["connection.faker_out"] = entry;
  }
  return planned;
}

const STREAMS = `    schedule: { type: cron, cron: "0 0 12 * * ?" }
    prefix: raw_
    streams:
      users: { syncMode: incremental_deduped_history }
      purchases:
        syncMode: incremental_append
        selectedFields: [id, updated_at, user_id]
`;

describe("planning a connection", () => {
  const lock = emptyLockFile("w");

  it("creates it; then the same files plan nothing, in any order", async () => {
    const created = await planOnce(project(STREAMS), lock, true);
    expect(created.action).toMatchObject({ action: "create", name: "Faker out" });
    expect((await planOnce(project(STREAMS), lock)).action).toBeUndefined();
    // Streams and selected fields in another order, the cron spaced differently: still nothing.
    const shuffled = `    prefix: raw_
    schedule: { type: cron, cron: "0  0 12 * * ?" }
    streams:
      purchases:
        selectedFields: [user_id, id, updated_at]
        syncMode: incremental_append
      users: { syncMode: incremental_deduped_history }
`;
    expect((await planOnce(project(shuffled), lock)).action).toBeUndefined();
  });

  it("compares per field: a sync mode, the selected fields as a set, the prefix", async () => {
    const changed = STREAMS.replace("syncMode: incremental_deduped_history", "syncMode: full_refresh_overwrite")
      .replace("[id, updated_at, user_id]", "[id, updated_at, product_id]")
      .replace("prefix: raw_", "prefix: null");
    const planned = await planOnce(project(changed), lock);
    expect(planned.action).toMatchObject({
      action: "update",
      changes: [
        { path: ["prefix"], op: "change", before: "raw_", after: "" },
        {
          path: ["streams", "users", "syncMode"],
          op: "change",
          before: "incremental_deduped_history",
          after: "full_refresh_overwrite",
        },
        {
          path: ["streams", "purchases", "selectedFields"],
          op: "set",
          added: [["product_id"]],
          removed: [["user_id"]],
        },
      ],
    });
  });

  it("deselects a stream the files drop under streamPolicy exact, and keeps it under merge", async () => {
    const fewer = STREAMS.replace(/ {6}purchases:\n.*\n.*\n/, "");
    expect((await planOnce(project(fewer), lock)).action?.changes).toEqual([
      { path: ["streams", "purchases"], op: "remove", before: "selected" },
    ]);
    expect((await planOnce(project(`    streamPolicy: merge\n${fewer}`), lock)).action).toBeUndefined();
  });

  it("neither sends nor compares a source-defined key, and refuses an override of it with the stream named", async () => {
    // The same key as the source's: no change, and applying it is accepted.
    const same = STREAMS.replace(
      "{ syncMode: incremental_deduped_history }",
      "{ syncMode: incremental_deduped_history, primaryKey: [id] }",
    );
    const planned = await planOnce(project(same), lock, true);
    expect(planned.action).toBeUndefined();
    const other = STREAMS.replace(
      "{ syncMode: incremental_deduped_history }",
      "{ syncMode: incremental_deduped_history, primaryKey: [user_id] }",
    );
    const error = await planOnce(project(other), lock).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as Error).message).toMatch(
      /\(connections\.faker_out\.streams\.users\.primaryKey\): stream users's primary key is defined by the source \(\[\["id"\]\]\)\. Remove primaryKey/,
    );
  });

  it("applies a change and then plans clean again", async () => {
    const changed = STREAMS.replace("syncMode: incremental_deduped_history", "syncMode: full_refresh_overwrite");
    expect((await planOnce(project(changed), lock, true)).action?.action).toBe("update");
    expect((await planOnce(project(changed), lock)).action).toBeUndefined();
  });
});
