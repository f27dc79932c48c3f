/**
 * `/groups`: groups of an organization's users, their members and their permissions, which
 * give each member access; names unique per organization, duplicates refused with Airbyte's
 * group problems, organization admins only.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { type AirbyteApi } from "airbyte-ts";
import { failure, type Person, useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();
const UNKNOWN = "7d2c4e1a-9b3f-4c5d-8e6f-0a1b2c3d4e5f";

let alice: Person; // admin of her organization
let bob: Person; // admin of another organization
let carol: Person; // member of alice's organization
let erin: Person; // member of alice's organization, in no group
let workspaceId: string; // in alice's organization
let bobsWorkspaceId: string;

beforeAll(async () => {
  alice = harness.person("alice@groups.test");
  bob = harness.person("bob@groups.test");
  carol = harness.person("carol@groups.test", { organizationId: alice.organizationId });
  erin = harness.person("erin@groups.test", { organizationId: alice.organizationId });
  workspaceId = (await alice.api.workspaces.createWorkspace({ name: "alice ws", organizationId: alice.organizationId }))
    .workspaceId;
  bobsWorkspaceId = (await bob.api.workspaces.createWorkspace({ name: "bob ws", organizationId: bob.organizationId }))
    .workspaceId;
});

describe("groups", () => {
  test("create, get, update and delete a group", async () => {
    const created = await alice.api.groups.createGroup({
      name: "Analysts",
      description: "read the dashboards",
      organizationId: alice.organizationId,
    });
    expect(created).toEqual({
      groupId: expect.any(String),
      name: "Analysts",
      description: "read the dashboards",
      organizationId: alice.organizationId,
      memberCount: 0,
    });
    expect(await alice.api.groups.getGroup({ groupId: created.groupId })).toEqual(created);
    const renamed = await alice.api.groups.updateGroup({ groupId: created.groupId }, { name: "Data analysts" });
    expect(renamed).toEqual({ ...created, name: "Data analysts" });
    const described = await alice.api.groups.updateGroup({ groupId: created.groupId }, { description: "new" });
    expect(described).toEqual({ ...renamed, description: "new" });
    await alice.api.groups.deleteGroup({ groupId: created.groupId });
    const gone = await failure(alice.api.groups.getGroup({ groupId: created.groupId }));
    expect([gone.status, gone.data]).toEqual([404, { resourceType: "group", resourceId: created.groupId }]);
  });

  test("names are unique in an organization, whatever their case: 409 group-already-exists", async () => {
    const first = await alice.api.groups.createGroup({ name: "Ops", organizationId: alice.organizationId });
    expect(first).not.toHaveProperty("description");
    const duplicate = await failure(
      alice.api.groups.createGroup({ name: "OPS", organizationId: alice.organizationId }),
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.type).toBe("error:group-already-exists");
    expect(duplicate.title).toBe("Group already exists");
    expect(duplicate.data?.message).toBe(
      `Group with name 'OPS' already exists in organization ${alice.organizationId}`,
    );
    // Another organization may use the name.
    await bob.api.groups.createGroup({ name: "Ops", organizationId: bob.organizationId });
    const other = await alice.api.groups.createGroup({ name: "Other", organizationId: alice.organizationId });
    const rename = await failure(alice.api.groups.updateGroup({ groupId: other.groupId }, { name: "ops" }));
    expect(rename.status).toBe(409);
    // Renaming to its own name in another case is not a conflict.
    expect((await alice.api.groups.updateGroup({ groupId: first.groupId }, { name: "OPS" })).name).toBe("OPS");
    await alice.api.groups.deleteGroup({ groupId: first.groupId });
    await alice.api.groups.deleteGroup({ groupId: other.groupId });
  });

  test("the list pages with limit and offset; next only when another page has groups", async () => {
    const organization = harness.person("pages@groups.test");
    for (const name of ["a", "b", "c"]) {
      await organization.api.groups.createGroup({ name, organizationId: organization.organizationId });
    }
    const first = await organization.api.groups.listGroups({ organizationId: organization.organizationId, limit: 2 });
    expect(first.data.map((g) => g.name)).toEqual(["a", "b"]);
    const base = `${harness.local().publicApiUrl}/groups?organizationId=${organization.organizationId}&limit=2`;
    expect(first.nextLink).toBe(`${base}&offset=2`);
    expect(first.previousLink).toBeUndefined();
    const second = await organization.api.groups.listGroups({
      organizationId: organization.organizationId,
      limit: 2,
      offset: 2,
    });
    expect(second.data.map((g) => g.name)).toEqual(["c"]);
    expect(second.nextLink).toBeUndefined();
    expect(second.previousLink).toBe(`${base}&offset=0`);
    const all: string[] = [];
    for await (const group of organization.api.groups.listGroups({ organizationId: organization.organizationId })) {
      all.push(group.name);
    }
    expect(all).toEqual(["a", "b", "c"]);
  });
});

describe("members", () => {
  test("add, list and remove members; memberCount follows", async () => {
    const group = await alice.api.groups.createGroup({ name: "Members", organizationId: alice.organizationId });
    const added = await alice.api.groups.addGroupMember({ groupId: group.groupId }, { userId: carol.userId });
    expect(added).toEqual({
      memberId: expect.any(String),
      groupId: group.groupId,
      userId: carol.userId,
      userEmail: carol.email,
      userName: "carol",
    });
    await alice.api.groups.addGroupMember({ groupId: group.groupId }, { userId: erin.userId });
    expect((await alice.api.groups.getGroup({ groupId: group.groupId })).memberCount).toBe(2);
    const page = await alice.api.groups.listGroupMembers({ groupId: group.groupId, limit: 1 });
    expect(page.data).toEqual([added]);
    expect(page.nextLink).toBe(`${harness.local().publicApiUrl}/groups/${group.groupId}/members?limit=1&offset=1`);
    await alice.api.groups.removeGroupMember({ groupId: group.groupId, userId: carol.userId });
    // Removing someone who is no member is not an error.
    await alice.api.groups.removeGroupMember({ groupId: group.groupId, userId: carol.userId });
    const rest = await alice.api.groups.listGroupMembers({ groupId: group.groupId });
    expect(rest.data.map((m) => m.userId)).toEqual([erin.userId]);
    expect(rest.nextLink).toBeUndefined();
    await alice.api.groups.deleteGroup({ groupId: group.groupId });
  });

  test("a member twice: 409 group-member-already-exists; outsiders and unknown users: 404", async () => {
    const group = await alice.api.groups.createGroup({ name: "Twice", organizationId: alice.organizationId });
    await alice.api.groups.addGroupMember({ groupId: group.groupId }, { userId: carol.userId });
    const twice = await failure(alice.api.groups.addGroupMember({ groupId: group.groupId }, { userId: carol.userId }));
    expect(twice.status).toBe(409);
    expect(twice.type).toBe("error:group-member-already-exists");
    expect(twice.data?.message).toBe(`User ${carol.userId} is already a member of group ${group.groupId}`);
    const outsider = await failure(alice.api.groups.addGroupMember({ groupId: group.groupId }, { userId: bob.userId }));
    expect(outsider.status).toBe(404);
    expect(outsider.data).toEqual({ resourceType: "user", resourceId: bob.userId });
    const unknown = await failure(alice.api.groups.addGroupMember({ groupId: group.groupId }, { userId: UNKNOWN }));
    expect([unknown.status, unknown.data?.resourceType]).toEqual([404, "user"]);
    await alice.api.groups.deleteGroup({ groupId: group.groupId });
  });
});

describe("permissions of a group", () => {
  test("grant, list and remove a group's permissions", async () => {
    const group = await alice.api.groups.createGroup({ name: "Grants", organizationId: alice.organizationId });
    const onWorkspace = await alice.api.groups.createGroupPermission(
      { groupId: group.groupId },
      { permissionType: "workspace_editor", workspaceId },
    );
    expect(onWorkspace).toEqual({
      permissionId: expect.any(String),
      groupId: group.groupId,
      permissionType: "workspace_editor",
      workspaceId,
    });
    const onOrganization = await alice.api.groups.createGroupPermission(
      { groupId: group.groupId },
      { permissionType: "organization_reader", organizationId: alice.organizationId },
    );
    expect(onOrganization).toEqual({
      permissionId: expect.any(String),
      groupId: group.groupId,
      permissionType: "organization_reader",
      organizationId: alice.organizationId,
    });
    expect((await alice.api.groups.listGroupPermissions({ groupId: group.groupId })).data).toEqual([
      onWorkspace,
      onOrganization,
    ]);
    const duplicate = await failure(
      alice.api.groups.createGroupPermission(
        { groupId: group.groupId },
        { permissionType: "workspace_editor", workspaceId },
      ),
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.type).toBe("error:group-permission-already-exists");
    expect(duplicate.data?.message).toBe(`Group already has workspace_editor permission for workspace ${workspaceId}`);
    await alice.api.groups.deleteGroupPermission({ groupId: group.groupId, permissionId: onWorkspace.permissionId });
    const again = await failure(
      alice.api.groups.deleteGroupPermission({ groupId: group.groupId, permissionId: onWorkspace.permissionId }),
    );
    expect([again.status, again.data?.resourceType]).toEqual([404, "permission"]);
    // A group permission is not a user permission: the user endpoints refuse it.
    const asUserPermission = await failure(
      alice.api.permissions.getPermission({ permissionId: onOrganization.permissionId }),
    );
    expect(asUserPermission.status).toBe(403);
    expect(asUserPermission.data?.message).toBe(
      "Permission is inherited from a group and cannot be read as a user permission.",
    );
    await alice.api.groups.deleteGroup({ groupId: group.groupId });
  });

  test("a group's permissions stay inside its organization and name one target", async () => {
    const group = await alice.api.groups.createGroup({ name: "Scope", organizationId: alice.organizationId });
    const otherWorkspace = await failure(
      alice.api.groups.createGroupPermission(
        { groupId: group.groupId },
        { permissionType: "workspace_reader", workspaceId: bobsWorkspaceId },
      ),
    );
    expect(otherWorkspace.status).toBe(400);
    expect(String(otherWorkspace.data?.message)).toContain(
      "Cannot grant group permissions to workspace in different organization",
    );
    const otherOrganization = await failure(
      alice.api.groups.createGroupPermission(
        { groupId: group.groupId },
        { permissionType: "organization_reader", organizationId: bob.organizationId },
      ),
    );
    expect(otherOrganization.status).toBe(400);
    const send = (body: unknown) =>
      failure(
        alice.api.request({ operation: "raw", method: "POST", path: `/groups/${group.groupId}/permissions`, body }),
      );
    const none = await send({ permissionType: "workspace_reader" });
    expect(none.status).toBe(400);
    expect(none.data?.message).toBe(
      "Workspace ID or Organization ID must be provided in order to create a group permission.",
    );
    expect(
      (await send({ permissionType: "workspace_reader", workspaceId, organizationId: alice.organizationId })).status,
    ).toBe(422);
    expect((await send({ permissionType: "instance_admin", organizationId: alice.organizationId })).status).toBe(400);
    expect((await send({ permissionType: "organization_reader", workspaceId })).status).toBe(400);
    expect((await send({ permissionType: "owner", workspaceId })).status).toBe(422);
    const unknownWorkspace = await send({ permissionType: "workspace_reader", workspaceId: UNKNOWN });
    expect([unknownWorkspace.status, unknownWorkspace.data?.resourceType]).toEqual([404, "workspace"]);
    await alice.api.groups.deleteGroup({ groupId: group.groupId });
  });

  test("a member of a group with workspace_reader reads the workspace; others do not", async () => {
    const group = await alice.api.groups.createGroup({ name: "Readers", organizationId: alice.organizationId });
    await alice.api.groups.createGroupPermission(
      { groupId: group.groupId },
      { permissionType: "workspace_reader", workspaceId },
    );
    const before = await failure(carol.api.workspaces.getWorkspace({ workspaceId }));
    expect(before.status).toBe(403);
    await alice.api.groups.addGroupMember({ groupId: group.groupId }, { userId: carol.userId });
    expect((await carol.api.workspaces.getWorkspace({ workspaceId })).name).toBe("alice ws");
    expect((await carol.api.workspaces.listWorkspaces()).data.map((w) => w.workspaceId)).toEqual([workspaceId]);
    // Reading is all the group gives.
    expect((await failure(carol.api.workspaces.updateWorkspace({ workspaceId }, { name: "x" }))).status).toBe(403);
    // Erin, not in the group, still cannot.
    expect((await failure(erin.api.workspaces.getWorkspace({ workspaceId }))).status).toBe(403);
    await alice.api.groups.removeGroupMember({ groupId: group.groupId, userId: carol.userId });
    expect((await failure(carol.api.workspaces.getWorkspace({ workspaceId }))).status).toBe(403);
    // Deleting a group takes its permissions with it.
    await alice.api.groups.addGroupMember({ groupId: group.groupId }, { userId: carol.userId });
    await alice.api.groups.deleteGroup({ groupId: group.groupId });
    expect((await failure(carol.api.workspaces.getWorkspace({ workspaceId }))).status).toBe(403);
  });
});

describe("who may", () => {
  test("only organization admins manage groups; unknown groups are 404 first", async () => {
    const group = await alice.api.groups.createGroup({ name: "Private", organizationId: alice.organizationId });
    const { groupId } = group;
    const attempts = (api: AirbyteApi) => [
      () => api.groups.listGroups({ organizationId: alice.organizationId }),
      () => api.groups.createGroup({ name: "Mine", organizationId: alice.organizationId }),
      () => api.groups.getGroup({ groupId }),
      () => api.groups.updateGroup({ groupId }, { name: "Taken" }),
      () => api.groups.deleteGroup({ groupId }),
      () => api.groups.listGroupMembers({ groupId }),
      () => api.groups.addGroupMember({ groupId }, { userId: carol.userId }),
      () => api.groups.removeGroupMember({ groupId, userId: carol.userId }),
      () => api.groups.listGroupPermissions({ groupId }),
      () => api.groups.createGroupPermission({ groupId }, { permissionType: "workspace_reader", workspaceId }),
      () => api.groups.deleteGroupPermission({ groupId, permissionId: UNKNOWN }),
    ];
    for (const api of [bob.api, carol.api]) {
      for (const attempt of attempts(api)) {
        const error = await failure(attempt());
        expect(error.status).toBe(403);
        expect(error.title).toBe("forbidden");
      }
    }
    const unknown = await failure(bob.api.groups.getGroup({ groupId: UNKNOWN }));
    expect([unknown.status, unknown.data?.resourceType]).toEqual([404, "group"]);
    // The instance admin manages any organization's groups.
    expect((await harness.admin().groups.getGroup({ groupId })).name).toBe("Private");
    await alice.api.groups.deleteGroup({ groupId });
  });
});

describe("bad input", () => {
  const send = (method: "GET" | "POST" | "PATCH", path: string, body?: unknown) =>
    failure(alice.api.request({ operation: "raw", method, path, ...(body === undefined ? {} : { body }) }));

  test("organizationId is required to list; limits are checked", async () => {
    expect((await send("GET", "/groups")).status).toBe(400);
    expect((await send("GET", "/groups?organizationId=nope")).status).toBe(400);
    expect((await send("GET", `/groups?organizationId=${alice.organizationId}&limit=0`)).status).toBe(400);
    expect((await send("GET", `/groups?organizationId=${alice.organizationId}&limit=101`)).status).toBe(400);
  });

  test("bodies: missing fields 400, wrong types 422, blank names 400", async () => {
    expect((await send("POST", "/groups", { organizationId: alice.organizationId })).status).toBe(400);
    expect((await send("POST", "/groups", { name: 3, organizationId: alice.organizationId })).status).toBe(422);
    expect((await send("POST", "/groups", { name: "  ", organizationId: alice.organizationId })).status).toBe(400);
    expect((await send("POST", "/groups", { name: "x", organizationId: "nope" })).status).toBe(400);
    const group = await alice.api.groups.createGroup({ name: "Inputs", organizationId: alice.organizationId });
    expect((await send("PATCH", `/groups/${group.groupId}`, { name: false })).status).toBe(422);
    expect((await send("POST", `/groups/${group.groupId}/members`, {})).status).toBe(400);
    expect((await send("POST", `/groups/${group.groupId}/members`, { userId: 5 })).status).toBe(422);
    expect((await send("GET", "/groups/not-a-uuid")).status).toBe(400);
    await alice.api.groups.deleteGroup({ groupId: group.groupId });
  });

  test("unknown organization for the instance admin: 404", async () => {
    const error = await failure(harness.admin().groups.createGroup({ name: "x", organizationId: UNKNOWN }));
    expect([error.status, error.data?.resourceType]).toEqual([404, "organization"]);
  });
});
