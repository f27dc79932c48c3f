/**
 * One user cannot reach another organization's workspaces: each user of two organizations
 * lists and reads only their own workspaces and what is in them, gets Airbyte's 403 on the
 * other's, until the other organization's admin grants a permission (and again after it is
 * removed). A member of an organization without a workspace role sees the organization only.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { AirbyteApiError } from "airbyte-ts";
import { type Person, useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();
const READER_REQUIRED = "Caller does not have the required WORKSPACE_READER permissions to access the resource(s).";

let alice: Person;
let bob: Person;
let alicesWorkspace: string;
let bobsWorkspace: string;
let alicesSource: string;
let bobsSource: string;
let alicesConnection: string;
let bobsConnection: string;

async function forbidden(promise: PromiseLike<unknown>): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof AirbyteApiError)) throw error;
    expect(error.status).toBe(403);
    expect(error.type).toBe("https://reference.airbyte.com/reference/errors#forbidden");
    expect(error.title).toBe("forbidden");
    expect(error.data?.message).toBe(READER_REQUIRED);
    return;
  }
  throw new Error("the call succeeded");
}

const fakerSource = (workspaceId: string, name: string) => ({
  name,
  workspaceId,
  configuration: { sourceType: "faker", count: 10 },
});

/** A faker source to a silent dev-null destination in the user's workspace; the connection's id. */
async function connectionOf(user: Person, workspaceId: string, sourceId: string): Promise<string> {
  const destination = await user.api.destinations.createDestination({
    name: "nowhere",
    workspaceId,
    configuration: { destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } },
  });
  const connection = await user.api.connections.createConnection({
    sourceId,
    destinationId: destination.destinationId,
  });
  return connection.connectionId;
}

beforeAll(async () => {
  alice = harness.person("alice@access.test");
  bob = harness.person("bob@access.test");
  alicesWorkspace = (
    await alice.api.workspaces.createWorkspace({ name: "Alice's", organizationId: alice.organizationId })
  ).workspaceId;
  bobsWorkspace = (await bob.api.workspaces.createWorkspace({ name: "Bob's", organizationId: bob.organizationId }))
    .workspaceId;
  alicesSource = (await alice.api.sources.createSource(fakerSource(alicesWorkspace, "alice faker"))).sourceId;
  bobsSource = (await bob.api.sources.createSource(fakerSource(bobsWorkspace, "bob faker"))).sourceId;
  alicesConnection = await connectionOf(alice, alicesWorkspace, alicesSource);
  bobsConnection = await connectionOf(bob, bobsWorkspace, bobsSource);
});

describe("two organizations", () => {
  test("each user lists only their own organization's workspaces, sources and connections", async () => {
    expect((await alice.api.workspaces.listWorkspaces()).data.map((w) => w.workspaceId)).toEqual([alicesWorkspace]);
    expect((await bob.api.workspaces.listWorkspaces()).data.map((w) => w.workspaceId)).toEqual([bobsWorkspace]);
    expect((await alice.api.sources.listSources()).data.map((s) => s.sourceId)).toEqual([alicesSource]);
    expect((await bob.api.sources.listSources()).data.map((s) => s.sourceId)).toEqual([bobsSource]);
    expect((await alice.api.connections.listConnections()).data.map((c) => c.connectionId)).toEqual([alicesConnection]);
    expect((await bob.api.connections.listConnections()).data.map((c) => c.connectionId)).toEqual([bobsConnection]);
    expect((await alice.api.organizations.listOrganizationsForUser()).data.map((o) => o.organizationId)).toEqual([
      alice.organizationId,
    ]);
  });

  test("the other organization's workspace, source and connection answer 403 with Airbyte's message", async () => {
    await forbidden(alice.api.workspaces.getWorkspace({ workspaceId: bobsWorkspace }));
    await forbidden(alice.api.workspaces.listWorkspaces({ workspaceIds: [bobsWorkspace] }));
    await forbidden(alice.api.sources.getSource({ sourceId: bobsSource }));
    await forbidden(alice.api.sources.listSources({ workspaceIds: [bobsWorkspace] }));
    await forbidden(bob.api.workspaces.getWorkspace({ workspaceId: alicesWorkspace }));
    await forbidden(bob.api.sources.getSource({ sourceId: alicesSource }));
    await forbidden(alice.api.connections.getConnection({ connectionId: bobsConnection }));
    await forbidden(alice.api.connections.listConnections({ workspaceIds: [bobsWorkspace] }));
    await forbidden(bob.api.connections.getConnection({ connectionId: alicesConnection }));
    // The Config API says the same in its own error body.
    const config = await bob.api.config.workspaces.getOrganizationInfo({ workspaceId: alicesWorkspace }).then(
      () => undefined,
      (error: AirbyteApiError) => error,
    );
    expect([config?.status, config?.problem?.message]).toEqual([403, READER_REQUIRED]);
  });

  test("a workspace permission granted by the other organization's admin opens access; removing it closes it", async () => {
    const grant = await bob.api.permissions.createPermission({
      permissionType: "workspace_reader",
      userId: alice.userId,
      workspaceId: bobsWorkspace,
    });
    expect((await alice.api.workspaces.getWorkspace({ workspaceId: bobsWorkspace })).name).toBe("Bob's");
    expect((await alice.api.workspaces.listWorkspaces()).data.map((w) => w.workspaceId).sort()).toEqual(
      [alicesWorkspace, bobsWorkspace].sort(),
    );
    expect((await alice.api.sources.getSource({ sourceId: bobsSource })).name).toBe("bob faker");
    expect((await alice.api.connections.getConnection({ connectionId: bobsConnection })).workspaceId).toBe(
      bobsWorkspace,
    );
    expect(
      (await alice.api.sources.listSources({ workspaceIds: [bobsWorkspace] })).data.map((s) => s.sourceId),
    ).toEqual([bobsSource]);
    // A reader reads; writing needs more.
    const write = await alice.api.workspaces.updateWorkspace({ workspaceId: bobsWorkspace }, { name: "mine now" }).then(
      () => undefined,
      (error: AirbyteApiError) => error,
    );
    expect(write?.status).toBe(403);
    expect(write?.data?.message).toBe(
      "Caller does not have the required WORKSPACE_EDITOR permissions to access the resource(s).",
    );
    // Alice's own permission list shows the grant; the organization stays Bob's.
    expect((await alice.api.permissions.listPermissions()).data).toContainEqual({
      permissionId: grant.permissionId,
      permissionType: "workspace_reader",
      userId: alice.userId,
      scope: "workspace",
      scopeId: bobsWorkspace,
    });
    await bob.api.permissions.deletePermission({ permissionId: grant.permissionId });
    await forbidden(alice.api.workspaces.getWorkspace({ workspaceId: bobsWorkspace }));
    await forbidden(alice.api.sources.getSource({ sourceId: bobsSource }));
    await forbidden(alice.api.connections.getConnection({ connectionId: bobsConnection }));
    expect((await alice.api.workspaces.listWorkspaces()).data.map((w) => w.workspaceId)).toEqual([alicesWorkspace]);
  });

  test("a user cannot grant themselves access to the other organization", async () => {
    const error = await alice.api.permissions
      .createPermission({ permissionType: "workspace_admin", userId: alice.userId, workspaceId: bobsWorkspace })
      .then(
        () => undefined,
        (e: AirbyteApiError) => e,
      );
    expect(error?.status).toBe(403);
    await forbidden(alice.api.workspaces.getWorkspace({ workspaceId: bobsWorkspace }));
  });
});

describe("an organization member without workspace roles", () => {
  test("sees the organization but no workspace", async () => {
    const carol = harness.person("carol@access.test", { organizationId: alice.organizationId });
    expect((await carol.api.organizations.listOrganizationsForUser()).data.map((o) => o.organizationId)).toEqual([
      alice.organizationId,
    ]);
    expect((await carol.api.workspaces.listWorkspaces()).data).toEqual([]);
    expect((await carol.api.sources.listSources()).data).toEqual([]);
    expect((await carol.api.connections.listConnections()).data).toEqual([]);
    expect(
      (await carol.api.config.workspaces.listByOrganizationId({ organizationId: alice.organizationId })).workspaces,
    ).toEqual([]);
    await forbidden(carol.api.workspaces.getWorkspace({ workspaceId: alicesWorkspace }));
    await forbidden(carol.api.sources.getSource({ sourceId: alicesSource }));
    await forbidden(carol.api.connections.getConnection({ connectionId: alicesConnection }));
    // Granted a workspace role, the workspace appears.
    await alice.api.permissions.createPermission({
      permissionType: "workspace_reader",
      userId: carol.userId,
      workspaceId: alicesWorkspace,
    });
    expect((await carol.api.workspaces.listWorkspaces()).data.map((w) => w.workspaceId)).toEqual([alicesWorkspace]);
  });
});
