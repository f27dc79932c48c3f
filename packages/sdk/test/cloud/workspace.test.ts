/**
 * CloudWorkspace against the local server: lazy objects, listing with cached info, deploying,
 * safe-mode deletes with cascades, the workspace's own rename and delete, its organization,
 * and the errors (missing resources, other workspaces' resources), with the requests each makes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  CloudConnection,
  CloudDestination,
  CloudSource,
  CloudWorkspace,
  DuplicateResourcesError,
  InputError,
  MissingResourceError,
  WorkspaceMismatchError,
  UnsafeDeleteError,
  WorkspaceNotEmptyError,
} from "airbyte-ts";
import { rejection, seedConnection, uniqueName, useCloudServer } from "./harness.js";

const harness = useCloudServer();
const UNKNOWN_ID = "0b7e2f8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
const FAKER = { sourceType: "faker", count: 10, seed: 3 };
const DEV_NULL = { destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } };

/** A new workspace in the default organization, for tests that need one of their own. */
async function freshWorkspace(name = uniqueName("workspace")): Promise<CloudWorkspace> {
  const info = await harness.client().createWorkspace({ name, organizationId: harness.local().organizationId });
  return harness.workspace({ workspaceId: info.workspaceId });
}

describe("lazy objects", () => {
  it("getConnection, getSource, getDestination and their URLs make no request", async () => {
    const workspace = harness.workspace();
    const { requests, result } = await harness.count(async () => {
      const connection = workspace.getConnection(UNKNOWN_ID);
      const source = workspace.getSource(UNKNOWN_ID);
      const destination = workspace.getDestination(UNKNOWN_ID);
      return [connection.connectionUrl, connection.jobHistoryUrl, source.connectorUrl, destination.connectorUrl];
    });
    expect(requests).toEqual({});
    expect(result[0]).toBe(`${harness.local().url}/workspaces/${workspace.workspaceId}/connections/${UNKNOWN_ID}`);
  });

  it("a connection's info is fetched once, and serves the name, ids, streams and prefix", async () => {
    const workspace = harness.workspace();
    const seeded = await seedConnection(harness.admin(), workspace.workspaceId, { streams: ["users", "products"] });
    const connection = workspace.getConnection(seeded.connection.connectionId);
    const first = await harness.count(() => connection.getName());
    expect(first).toEqual({ result: seeded.connection.name, requests: { getConnection: 1 } });
    const rest = await harness.count(async () => [
      await connection.getName(),
      await connection.getSourceId(),
      await connection.getDestinationId(),
      await connection.getStreamNames(),
      await connection.getTablePrefix(),
      (await connection.getSource()).sourceId,
      await connection.checkIsValid(),
    ]);
    expect(rest.requests).toEqual({});
    expect(rest.result).toEqual([
      seeded.connection.name,
      seeded.source.sourceId,
      seeded.destination.destinationId,
      ["users", "products"],
      "",
      seeded.source.sourceId,
      true,
    ]);
  });

  it("readers arriving together share one request", async () => {
    const workspace = harness.workspace();
    const seeded = await seedConnection(harness.admin(), workspace.workspaceId);
    const connection = workspace.getConnection(seeded.connection.connectionId);
    const { requests } = await harness.count(() =>
      Promise.all([connection.getName(), connection.getStreamNames(), connection.getInfo()]),
    );
    expect(requests).toEqual({ getConnection: 1 });
  });
});

describe("listing", () => {
  let workspace: CloudWorkspace;
  beforeAll(async () => {
    workspace = await freshWorkspace();
    const api = harness.admin();
    const source = await api.sources.createSource({
      name: "src",
      workspaceId: workspace.workspaceId,
      configuration: FAKER,
    });
    const destination = await api.destinations.createDestination({
      name: "dst",
      workspaceId: workspace.workspaceId,
      configuration: DEV_NULL,
    });
    for (let i = 0; i < 250; i++) {
      await api.connections.createConnection({
        name: `conn ${String(i).padStart(3, "0")}`,
        sourceId: source.sourceId,
        destinationId: destination.destinationId,
        configurations: { streams: [{ name: "users" }] },
      });
    }
  }, 120_000);

  it("250 connections and their names: 3 requests; reading the names again: none; isEnabled: one each time", async () => {
    const listed = await harness.count(async () => {
      const connections = await workspace.listConnections();
      return { connections, names: await Promise.all(connections.map((c) => c.getName())) };
    });
    expect(listed.requests).toEqual({ listConnections: 3 });
    expect(listed.result.names).toHaveLength(250);
    expect(listed.result.names[0]).toBe("conn 000");
    const again = await harness.count(() => Promise.all(listed.result.connections.map((c) => c.getName())));
    expect(again.requests).toEqual({});
    const first = listed.result.connections[0] as CloudConnection;
    expect(await harness.count(() => first.isEnabled())).toEqual({ result: true, requests: { getConnection: 1 } });
    expect(await harness.count(() => first.isEnabled())).toEqual({ result: true, requests: { getConnection: 1 } });
  });

  it("a limit asks for no more than it needs", async () => {
    const { result, requests } = await harness.count(() => workspace.listConnections({ limit: 5 }));
    expect(result).toHaveLength(5);
    expect(requests).toEqual({ listConnections: 1 });
    const spanning = await harness.count(() => workspace.listConnections({ limit: 150 }));
    expect(spanning.result).toHaveLength(150);
    expect(spanning.requests).toEqual({ listConnections: 2 });
  });

  it("name is an exact match, nameFilter a test; a limit stops early", async () => {
    const exact = await harness.count(() => workspace.listConnections({ name: "conn 042" }));
    expect(await Promise.all(exact.result.map((c) => c.getName()))).toEqual(["conn 042"]);
    expect(exact.requests).toEqual({ listConnections: 3 });
    const early = await harness.count(() => workspace.listConnections({ name: "conn 042", limit: 1 }));
    expect(early.requests).toEqual({ listConnections: 1 });
    expect(await workspace.listConnections({ name: "conn" })).toEqual([]);
    const filtered = await workspace.listConnections({ nameFilter: (name) => name.endsWith("9"), limit: 3 });
    expect(await Promise.all(filtered.map((c) => c.getName()))).toEqual(["conn 009", "conn 019", "conn 029"]);
  });

  it("bad options are InputErrors before any request", async () => {
    for (const options of [{ name: "a", nameFilter: () => true }, { limit: 0 }, { limit: -1 }, { limit: 1.5 }]) {
      const { result, requests } = await harness.count(() => rejection(workspace.listConnections(options)));
      expect(result).toBeInstanceOf(InputError);
      expect(requests).toEqual({});
    }
    expect((await rejection(workspace.listSources({ limit: 0 }))).message).toBe("`limit` must be greater than 0.");
  });

  it("sources and destinations come with their info: name and definition without a request", async () => {
    const listed = await harness.count(async () => {
      const [sources, destinations] = await Promise.all([workspace.listSources(), workspace.listDestinations()]);
      return { sources, destinations };
    });
    expect(listed.requests).toEqual({ listDestinations: 1, listSources: 1 });
    const [source] = listed.result.sources as [CloudSource];
    const [destination] = listed.result.destinations as [CloudDestination];
    const read = await harness.count(async () => [
      await source.getName(),
      await source.getDefinitionId(),
      await destination.getName(),
      await destination.getDefinitionId(),
    ]);
    expect(read.requests).toEqual({});
    expect(read.result[0]).toBe("src");
    expect(read.result[2]).toBe("dst");
    expect(read.result[1]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("listWorkspaces: the workspaces these credentials see, by exact name", async () => {
    const name = (await workspace.getInfo()).name;
    const { result, requests } = await harness.count(() => workspace.listWorkspaces({ name }));
    expect(result.map((w) => w.workspaceId)).toEqual([workspace.workspaceId]);
    expect(requests).toEqual({ listWorkspaces: 1 });
    expect((await workspace.listWorkspaces({ limit: 1 })).length).toBe(1);
  });
});

describe("deploying", () => {
  it("deploySource checks the name is unique (one list), creates, and keeps the answer", async () => {
    const workspace = harness.workspace();
    const name = uniqueName("deployed source");
    const deployed = await harness.count(() => workspace.deploySource(name, { ...FAKER, sourceType: "source-faker" }));
    expect(deployed.requests).toEqual({ createSource: 1, listSources: 1 });
    const source = deployed.result;
    expect(await harness.count(async () => [await source.getName(), (await source.getInfo()).sourceType])).toEqual({
      result: [name, "faker"],
      requests: {},
    });

    const duplicate = await harness.count(() => rejection(workspace.deploySource(name, FAKER)));
    expect(duplicate.result).toBeInstanceOf(DuplicateResourcesError);
    expect(duplicate.result).toMatchObject({ resourceType: "source", resourceName: name });
    expect(duplicate.requests).toEqual({ listSources: 1 });

    const again = await workspace.deploySource(name, FAKER, { unique: false });
    expect(await again.getName()).toBe(name);
  });

  it("randomNameSuffix appends PyAirbyte's ` (ID: xxxxxxxxx)`", async () => {
    const workspace = harness.workspace();
    const destination = await workspace.deployDestination("suffixed", DEV_NULL, { randomNameSuffix: true });
    expect(await destination.getName()).toMatch(/^suffixed \(ID: [0-9a-z]{9}\)$/);
  });

  it("a configuration must say what it is", async () => {
    const workspace = harness.workspace();
    const source = await harness.count(() => rejection(workspace.deploySource("x", { count: 1 })));
    expect(source.result).toBeInstanceOf(InputError);
    expect(source.result.message).toMatch(/^Missing `sourceType` in configuration dictionary\./);
    expect(source.requests).toEqual({});
    const destination = await rejection(workspace.deployDestination("x", {}));
    expect(destination.message).toMatch(/^Missing `destinationType` in configuration dictionary\./);
  });

  it("deployConnection creates the connection with the selected streams and keeps its info", async () => {
    const workspace = harness.workspace();
    const source = await workspace.deploySource(uniqueName("s"), FAKER);
    const destination = await workspace.deployDestination(uniqueName("d"), DEV_NULL);
    const created = await harness.count(() =>
      workspace.deployConnection("deployed", {
        source,
        destination: destination.destinationId,
        selectedStreams: ["users", "purchases"],
        tablePrefix: "pre_",
      }),
    );
    expect(created.requests).toEqual({ createConnection: 1 });
    const connection = created.result;
    expect(
      await harness.count(async () => [
        await connection.getName(),
        await connection.getStreamNames(),
        await connection.getTablePrefix(),
      ]),
    ).toEqual({ result: ["deployed", ["users", "purchases"], "pre_"], requests: {} });
    const none = await rejection(workspace.deployConnection("x", { source, destination, selectedStreams: [] }));
    expect(none).toBeInstanceOf(InputError);
  });
});

describe("safe-mode deletes", () => {
  it("a source is deleted only when its name says so, unless safeMode is off", async () => {
    const workspace = harness.workspace();
    const kept = await workspace.deploySource(uniqueName("precious"), FAKER);
    const fresh = workspace.getSource(kept.sourceId);
    const refused = await harness.count(() => rejection(workspace.permanentlyDeleteSource(fresh.sourceId)));
    expect(refused.result).toBeInstanceOf(UnsafeDeleteError);
    expect(refused.result).toBeInstanceOf(InputError);
    expect(refused.result).toMatchObject({
      code: "unsafe_delete",
      resourceType: "source",
      resourceId: kept.sourceId,
      resourceName: await kept.getName(),
    });
    expect(refused.result.message).toMatch(/does not contain 'delete-me' or 'deleteme'/);
    expect(refused.requests).toEqual({ getSource: 1 });
    expect(await fresh.checkIsValid()).toBe(true);

    const doomed = await workspace.deploySource(uniqueName("to DeleteMe"), FAKER);
    const deleted = await harness.count(() => workspace.permanentlyDeleteSource(doomed));
    expect(deleted.requests).toEqual({ deleteSource: 1 });

    const unsafe = await harness.count(() => workspace.permanentlyDeleteSource(kept.sourceId, { safeMode: false }));
    expect(unsafe.requests).toEqual({ deleteSource: 1 });
    // Deleted resources are hidden from lists (Airbyte keeps them as deprecated).
    expect(await workspace.listSources({ name: await kept.getName() })).toEqual([]);
  });

  it("destinations too, and the objects' own permanentlyDelete", async () => {
    const workspace = harness.workspace();
    const named = await workspace.deployDestination(uniqueName("delete-me dest"), DEV_NULL);
    await named.permanentlyDelete();
    const other = await workspace.deployDestination(uniqueName("dest"), DEV_NULL);
    expect(await rejection(other.permanentlyDelete())).toBeInstanceOf(InputError);
    await other.permanentlyDelete({ safeMode: false });
    const source = await workspace.deploySource(uniqueName("deleteme"), FAKER);
    await source.permanentlyDelete();
    expect(
      await rejection(workspace.permanentlyDeleteSource(workspace.getDestination(UNKNOWN_ID) as never)),
    ).toBeInstanceOf(InputError);
  });

  it("a cascade checks every name before deleting anything", async () => {
    const workspace = harness.workspace();
    const source = await workspace.deploySource(uniqueName("not marked"), FAKER);
    const destination = await workspace.deployDestination(uniqueName("delete-me d"), DEV_NULL);
    const connection = await workspace.deployConnection(uniqueName("delete-me c"), {
      source,
      destination,
      selectedStreams: ["users"],
    });
    const refused = await rejection(
      workspace.permanentlyDeleteConnection(connection.connectionId, {
        cascadeDeleteSource: true,
        cascadeDeleteDestination: true,
      }),
    );
    expect(refused).toBeInstanceOf(InputError);
    expect(refused.message).toContain(await source.getName());
    expect(await workspace.getConnection(connection.connectionId).checkIsValid()).toBe(true);

    await source.rename(uniqueName("deleteme source"));
    const cascade = await harness.count(() =>
      workspace.permanentlyDeleteConnection(workspace.getConnection(connection.connectionId), {
        cascadeDeleteSource: true,
        cascadeDeleteDestination: true,
      }),
    );
    expect(cascade.requests).toEqual({
      deleteConnection: 1,
      deleteDestination: 1,
      deleteSource: 1,
      getConnection: 1,
      getDestination: 1,
      getSource: 1,
    });
    expect(await workspace.listConnections({ name: await connection.getName() })).toEqual([]);
    expect(await workspace.listSources({ name: await source.getName() })).toEqual([]);
    expect(await workspace.listDestinations({ name: await destination.getName() })).toEqual([]);
  });

  it("without safe mode and cascades, deleting a connection is one request", async () => {
    const workspace = harness.workspace();
    const seeded = await seedConnection(harness.admin(), workspace.workspaceId);
    const { requests } = await harness.count(() =>
      workspace.getConnection(seeded.connection.connectionId).permanentlyDelete({ safeMode: false }),
    );
    expect(requests).toEqual({ deleteConnection: 1 });
  });
});

describe("the workspace itself", () => {
  it("rename, then the name is known without a request", async () => {
    const workspace = await freshWorkspace();
    const renamed = uniqueName("renamed");
    expect(await harness.count(() => workspace.rename(renamed))).toMatchObject({ requests: { updateWorkspace: 1 } });
    expect(await harness.count(() => workspace.getName())).toEqual({ result: renamed, requests: {} });
    expect((await workspace.connect()).name).toBe(renamed);
  });

  it("permanentlyDelete: refused by name in safe mode, refused while connections exist, else done", async () => {
    const workspace = await freshWorkspace(uniqueName("keep"));
    expect(await rejection(workspace.permanentlyDelete())).toBeInstanceOf(InputError);

    const marked = await freshWorkspace(uniqueName("delete-me ws"));
    const seeded = await seedConnection(harness.admin(), marked.workspaceId);
    const notEmpty = await rejection(marked.permanentlyDelete());
    expect(notEmpty).toBeInstanceOf(WorkspaceNotEmptyError);
    expect(notEmpty).toMatchObject({
      workspaceId: marked.workspaceId,
      connectionIds: [seeded.connection.connectionId],
      webUrl: marked.workspaceUrl,
    });
    // Even without safe mode.
    expect(await rejection(marked.permanentlyDelete({ safeMode: false }))).toBeInstanceOf(WorkspaceNotEmptyError);

    await marked.getConnection(seeded.connection.connectionId).permanentlyDelete({ safeMode: false });
    const deleted = await harness.count(() => marked.permanentlyDelete({ workspaceName: "trusted deleteme" }));
    expect(deleted.requests).toEqual({ deleteWorkspace: 1, listConnections: 1 });
  });

  it("getOrganization: the workspace's organization, asked for once", async () => {
    const workspace = harness.workspace();
    const first = await harness.count(() => workspace.getOrganization());
    expect(first.requests).toEqual({ "config.workspaces.get_organization_info": 1 });
    expect(first.result.organizationId).toBe(harness.local().organizationId);
    expect(await first.result.getOrganizationName()).toBeTruthy();
    expect((await harness.count(() => workspace.getOrganization())).requests).toEqual({});
  });

  it("getOrganization of an unreachable workspace: an error, or undefined with raiseOnError false", async () => {
    const missing = harness.workspace({ workspaceId: UNKNOWN_ID });
    expect(await missing.getOrganization({ raiseOnError: false })).toBeUndefined();
    expect(await rejection(missing.getOrganization())).toBeInstanceOf(MissingResourceError);
  });
});

describe("errors", () => {
  it("a 404 is a MissingResourceError naming the resource, with the workspace's page", async () => {
    const workspace = harness.workspace();
    const error = await rejection(workspace.getConnection(UNKNOWN_ID).getName());
    expect(error).toBeInstanceOf(MissingResourceError);
    expect(error).toMatchObject({
      resourceType: "connection",
      resourceNameOrId: UNKNOWN_ID,
      workspaceUrl: workspace.workspaceUrl,
      webUrl: workspace.workspaceUrl,
    });
    expect(await rejection(workspace.getSource(UNKNOWN_ID).getName())).toMatchObject({ resourceType: "source" });
    expect(await rejection(workspace.getDestination(UNKNOWN_ID).getDefinitionId())).toBeInstanceOf(
      MissingResourceError,
    );
    expect(await rejection(harness.workspace({ workspaceId: UNKNOWN_ID }).connect())).toMatchObject({
      resourceType: "workspace",
    });
  });

  it("a connection of another workspace is a WorkspaceMismatchError, also for sources and destinations", async () => {
    const other = await freshWorkspace();
    const seeded = await seedConnection(harness.admin(), other.workspaceId);
    const workspace = harness.workspace();
    const error = await rejection(workspace.getConnection(seeded.connection.connectionId).checkIsValid());
    expect(error).toBeInstanceOf(WorkspaceMismatchError);
    expect(error).toMatchObject({
      resourceType: "connection",
      resourceId: seeded.connection.connectionId,
      expectedWorkspaceId: workspace.workspaceId,
      actualWorkspaceId: other.workspaceId,
      webUrl: workspace.workspaceUrl,
    });
    expect(error.message).toBe(
      `Connection '${seeded.connection.connectionId}' belongs to workspace '${other.workspaceId}', not '${workspace.workspaceId}'.`,
    );
    expect(await rejection(workspace.getConnection(seeded.connection.connectionId).getName())).toBeInstanceOf(
      WorkspaceMismatchError,
    );
    expect(await rejection(workspace.getSource(seeded.source.sourceId).getName())).toBeInstanceOf(
      WorkspaceMismatchError,
    );
    expect(await rejection(workspace.getDestination(seeded.destination.destinationId).checkIsValid())).toBeInstanceOf(
      WorkspaceMismatchError,
    );
    expect(await other.getConnection(seeded.connection.connectionId).checkIsValid()).toBe(true);
  });

  it("ids are required", async () => {
    const workspace = harness.workspace();
    expect(await rejection(() => workspace.getConnection(""))).toBeInstanceOf(InputError);
    expect(await rejection(workspace.permanentlyDeleteConnection(undefined as never))).toBeInstanceOf(InputError);
  });
});

describe("objects made directly", () => {
  it("a CloudConnection, CloudSource or CloudDestination can be made from a workspace and an id", async () => {
    const workspace = harness.workspace();
    const seeded = await seedConnection(harness.admin(), workspace.workspaceId);
    const connection = new CloudConnection(workspace, seeded.connection.connectionId);
    expect(await connection.getName()).toBe(seeded.connection.name);
    expect(await new CloudSource(workspace, seeded.source.sourceId).getName()).toBe(seeded.source.name);
    expect(await new CloudDestination(workspace, seeded.destination.destinationId).getName()).toBe(
      seeded.destination.name,
    );
  });
});
