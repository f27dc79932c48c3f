/**
 * Sources and destinations planned against a real local server: bound by lock file or name,
 * created, updated in place, replaced when their definition changes, and secrets compared only
 * through the lock file's hashes.
 */
import { describe, expect, it } from "vitest";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import type { ApplyContext } from "../../src/config-as-code/apply-step.js";
import { bindKind, type RemoteObject } from "../../src/config-as-code/bindings.js";
import { ConfigFileError } from "../../src/config-as-code/errors.js";
import { loadProject } from "../../src/config-as-code/load-project.js";
import { emptyLockFile, type LockFile } from "../../src/config-as-code/lock-file.js";
import { planConnector, resolveDefinition } from "../../src/config-as-code/plan-connectors.js";
import type { ConnectorResource } from "../../src/config-as-code/project.js";
import { readWorkspaceSnapshot, snapshotFingerprint } from "../../src/config-as-code/workspace-snapshot.js";
import type { DestinationResponse } from "../../src/api/models.gen.js";

const harness = useLocalServer();

async function newWorkspace(): Promise<string> {
  const created = await harness.admin().workspaces.createWorkspace({
    name: `cac-${Math.random().toString(36).slice(2)}`,
    organizationId: harness.local().organizationId,
  });
  return created.workspaceId;
}

const POSTGRES = (password: string, port = "5432") => `apiVersion: airbyte-ts/v1
destinations:
  warehouse:
    name: Warehouse
    connector: destination-postgres
    configuration:
      host: localhost
      port: ${port}
      database: analytics
      schema: public
      username: loader
      password: ${password}
`;

/** Binds, plans and (when asked) applies the project's one destination; returns what happened. */
async function planWarehouse(workspaceId: string, text: string, lock: LockFile, apply = false) {
  const project = await loadProject([{ path: "airbyte.yaml", text }], { env: {} });
  const snapshot = await readWorkspaceSnapshot(harness.admin(), workspaceId);
  const remotes: RemoteObject<DestinationResponse>[] = snapshot.destinations.map((raw) => ({
    id: raw.destinationId,
    name: raw.name,
    raw,
  }));
  const resource = project.resources.get("destination.warehouse") as ConnectorResource;
  const { bindings } = bindKind("destination", [resource], remotes, lock);
  const [binding] = bindings;
  if (!binding) throw new Error("no binding");
  const planned = await planConnector(
    binding,
    resolveDefinition(resource, snapshot, new Map()),
    lock.resources["destination.warehouse"],
    undefined,
  );
  if (apply && planned.step) {
    const context: ApplyContext = {
      api: harness.admin(),
      workspaceId,
      idOf: () => "",
      createOnce: (_kind, _name, create) => create(),
    };
    const entry = await planned.step.run(context);
    if (entry) lock.resources["destination.warehouse"] = entry;
  }
  return { planned, snapshot, binding };
}

describe("planning a destination", () => {
  it("creates it, then plans nothing; a changed field is an update, a changed secret says only that", async () => {
    const workspaceId = await newWorkspace();
    const lock = emptyLockFile(workspaceId);
    const first = await planWarehouse(workspaceId, POSTGRES("hunter2"), lock, true);
    expect(first.planned.action).toMatchObject({
      address: "destination.warehouse",
      action: "create",
      name: "Warehouse",
    });
    expect(JSON.stringify(first.planned.action)).not.toContain("hunter2");
    expect(lock.resources["destination.warehouse"]?.secrets?.['["password"]']).toMatch(/^scrypt\$/);

    // The server masks the password; the lock file's hash says it is the one applied.
    const again = await planWarehouse(workspaceId, POSTGRES("hunter2"), lock);
    expect(again.planned.action).toBeUndefined();
    expect(again.binding.adoptedByName).toBeUndefined();

    const rotated = await planWarehouse(workspaceId, POSTGRES("hunter3", "5433"), lock);
    expect(rotated.planned.action).toMatchObject({
      action: "update",
      changes: [
        { path: ["configuration", "password"], op: "secret" },
        { path: ["configuration", "port"], op: "change", before: 5432, after: 5433 },
      ],
    });
    expect(JSON.stringify(rotated.planned.action)).not.toMatch(/hunter/);
  });

  it("adopts a remote one by its unique name when the lock file does not know it, and cannot compare its secret", async () => {
    const workspaceId = await newWorkspace();
    await planWarehouse(workspaceId, POSTGRES("hunter2"), emptyLockFile(workspaceId), true);
    const fresh = emptyLockFile(workspaceId);
    const adopted = await planWarehouse(workspaceId, POSTGRES("something-else"), fresh);
    expect(adopted.binding.adoptedByName).toBe(true);
    // No hash to compare with: not a change (it would never go away), and never the value.
    expect(adopted.planned.action).toBeUndefined();
  });

  it("refuses to guess between two remote ones of the same name", async () => {
    const workspaceId = await newWorkspace();
    await planWarehouse(workspaceId, POSTGRES("a"), emptyLockFile(workspaceId), true);
    // Applying the same file with an empty lock file again adopts that one, so make the twin by hand.
    const [twin] = (await readWorkspaceSnapshot(harness.admin(), workspaceId)).destinations;
    await harness.admin().destinations.createDestination({
      name: "Warehouse",
      workspaceId,
      definitionId: twin?.definitionId ?? "",
      configuration: { ...twin?.configuration, password: "b" },
    });
    const error = await planWarehouse(workspaceId, POSTGRES("c"), emptyLockFile(workspaceId)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: "ambiguous_name", resourceType: "destination", resourceNameOrId: "Warehouse" });
  });

  it("plans a replacement when the definition changes, and names an unknown connector with the near one", async () => {
    const workspaceId = await newWorkspace();
    const lock = emptyLockFile(workspaceId);
    await planWarehouse(workspaceId, POSTGRES("p"), lock, true);
    const duck =
      "apiVersion: airbyte-ts/v1\ndestinations:\n  warehouse: { name: Warehouse, connector: destination-duckdb, configuration: { destination_path: /tmp/x.duckdb } }\n";
    const replaced = await planWarehouse(workspaceId, duck, lock);
    expect(replaced.planned.action).toMatchObject({
      action: "replace",
      reason: expect.stringMatching(/cannot change in place/),
    });
    const typo = duck.replace("destination-duckdb", "destination-duckbd");
    const error = await planWarehouse(workspaceId, typo, lock).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as Error).message).toMatch(
      /"destination-duckbd" is no destination definition of this workspace\. Did you mean "destination-duckdb"\?/,
    );
  });

  it("refuses a definitionId the workspace has not, or one of the other side, naming which", async () => {
    const workspaceId = await newWorkspace();
    const lock = emptyLockFile(workspaceId);
    const faker = "dfd88b22-b603-4c3d-aad7-3701784586b1"; // a source definition
    const withId = (id: string) =>
      `apiVersion: airbyte-ts/v1\ndestinations:\n  warehouse: { connector: { definitionId: ${id} }, configuration: {} }\n`;
    const wrongSide = await planWarehouse(workspaceId, withId(faker), lock).catch((caught: unknown) => caught);
    expect(wrongSide).toBeInstanceOf(ConfigFileError);
    expect((wrongSide as Error).message).toMatch(
      /\(destinations\.warehouse\.connector\.definitionId\): dfd88b22-\S+ is a source definition, not a destination one\./,
    );
    const unknown = await planWarehouse(workspaceId, withId("00000000-0000-4000-8000-000000000000"), lock).catch(
      (caught: unknown) => caught,
    );
    expect((unknown as Error).message).toMatch(/is no destination definition this workspace can use\./);
  });

  it("fingerprints the workspace regardless of the order things are listed in", async () => {
    const workspaceId = await newWorkspace();
    await planWarehouse(workspaceId, POSTGRES("p"), emptyLockFile(workspaceId), true);
    const snapshot = await readWorkspaceSnapshot(harness.admin(), workspaceId);
    const shuffled = {
      ...snapshot,
      destinations: [...snapshot.destinations].reverse(),
      tags: [...snapshot.tags].reverse(),
    };
    expect(snapshotFingerprint(shuffled)).toBe(snapshotFingerprint(snapshot));
    await harness.admin().tags.createTag({ name: "new", color: "3F51B5", workspaceId });
    expect(snapshotFingerprint(await readWorkspaceSnapshot(harness.admin(), workspaceId))).not.toBe(
      snapshotFingerprint(snapshot),
    );
  });
});
