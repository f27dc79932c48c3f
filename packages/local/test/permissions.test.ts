/**
 * `/permissions`: a user's own permissions, another user's for an organization admin, granting,
 * changing and removing them with Airbyte's rules (who may grant what, equal grants, redundant
 * workspace roles, the last organization admin), and bad input.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { failure, type Person, useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();
const UNKNOWN = "7d2c4e1a-9b3f-4c5d-8e6f-0a1b2c3d4e5f";
const NO_SCOPE = "00000000-0000-0000-0000-000000000000";

let alice: Person; // admin of her own organization
let bob: Person; // admin of another organization
let carol: Person; // member of alice's organization
let dave: Person; // reader of alice's organization
let workspaceId: string; // in alice's organization

beforeAll(async () => {
  alice = harness.person("alice@permissions.test");
  bob = harness.person("bob@permissions.test");
  carol = harness.person("carol@permissions.test", { organizationId: alice.organizationId });
  dave = harness.person("dave@permissions.test", {
    organizationId: alice.organizationId,
    organizationRole: "organization_reader",
  });
  workspaceId = (await alice.api.workspaces.createWorkspace({ name: "alice ws", organizationId: alice.organizationId }))
    .workspaceId;
});

describe("listing", () => {
  test("a user lists their own permissions, each with its scope", async () => {
    const { data } = await alice.api.permissions.listPermissions();
    expect(data).toEqual([
      {
        permissionId: expect.any(String),
        permissionType: "organization_admin",
        userId: alice.userId,
        scope: "organization",
        scopeId: alice.organizationId,
      },
    ]);
    // The userId of the caller is the same as none.
    expect((await alice.api.permissions.listPermissions({ userId: alice.userId })).data).toEqual(data);
  });

  test("the instance admin's own list shows its scopeless instance_admin role", async () => {
    const { data } = await harness.admin().permissions.listPermissions();
    expect(data.map((p) => [p.permissionType, p.scope, p.scopeId])).toEqual([
      ["instance_admin", "none", NO_SCOPE],
      ["organization_admin", "organization", harness.local().organizationId],
    ]);
  });

  test("another user's permissions: an organization admin sees those on the organization", async () => {
    const { data } = await alice.api.permissions.listPermissions({
      userId: carol.userId,
      organizationId: alice.organizationId,
    });
    expect(data).toEqual([
      {
        permissionId: expect.any(String),
        permissionType: "organization_member",
        userId: carol.userId,
        scope: "organization",
        scopeId: alice.organizationId,
      },
    ]);
  });

  test("another user's permissions need an organizationId (400) and its admin role (403)", async () => {
    const missing = await failure(alice.api.permissions.listPermissions({ userId: carol.userId }));
    expect(missing.status).toBe(400);
    expect(missing.data?.message).toBe("Organization ID is required when getting someone else's permissions.");
    const notAdmin = await failure(
      carol.api.permissions.listPermissions({ userId: alice.userId, organizationId: alice.organizationId }),
    );
    expect(notAdmin.status).toBe(403);
    const otherOrganization = await failure(
      bob.api.permissions.listPermissions({ userId: alice.userId, organizationId: alice.organizationId }),
    );
    expect(otherOrganization.status).toBe(403);
    expect(otherOrganization.title).toBe("forbidden");
  });
});

describe("granting, reading, changing, removing", () => {
  test("an organization admin grants a workspace role, reads it, changes it and removes it", async () => {
    const granted = await alice.api.permissions.createPermission({
      permissionType: "workspace_reader",
      userId: carol.userId,
      workspaceId,
    });
    expect(granted).toEqual({
      permissionId: expect.any(String),
      permissionType: "workspace_reader",
      userId: carol.userId,
      workspaceId,
    });
    const { permissionId } = granted;
    expect(await alice.api.permissions.getPermission({ permissionId })).toEqual(granted);
    // Carol reads her own workspace permission: she is a reader of that workspace.
    expect(await carol.api.permissions.getPermission({ permissionId })).toEqual(granted);
    const updated = await alice.api.permissions.updatePermission(
      { permissionId },
      { permissionType: "workspace_editor" },
    );
    expect(updated).toEqual({ ...granted, permissionType: "workspace_editor" });
    await alice.api.permissions.deletePermission({ permissionId });
    // Gone: the instance admin is told so; anyone else learns nothing about the id.
    expect((await failure(harness.admin().permissions.getPermission({ permissionId }))).status).toBe(404);
    expect((await failure(alice.api.permissions.getPermission({ permissionId }))).status).toBe(403);
  });

  test("granting the same permission twice answers the existing one", async () => {
    const first = await alice.api.permissions.createPermission({
      permissionType: "workspace_runner",
      userId: carol.userId,
      workspaceId,
    });
    const again = await alice.api.permissions.createPermission({
      permissionType: "workspace_runner",
      userId: carol.userId,
      workspaceId,
    });
    expect(again).toEqual(first);
    const other = await failure(
      alice.api.permissions.createPermission({ permissionType: "workspace_admin", userId: carol.userId, workspaceId }),
    );
    expect(other.status).toBe(409);
    expect(other.title).toBe("state-conflict");
    expect(String(other.data?.message)).toContain(`PATCH /permissions/${first.permissionId}`);
    await alice.api.permissions.deletePermission({ permissionId: first.permissionId });
  });

  test("a workspace role the organization role already grants is refused", async () => {
    const error = await failure(
      alice.api.permissions.createPermission({ permissionType: "workspace_reader", userId: dave.userId, workspaceId }),
    );
    expect(error.status).toBe(409);
    expect(error.data?.message).toBe(
      `Permission type workspace_reader would be redundant for user ${dave.userId}. Preventing creation.`,
    );
    // A higher workspace role is not redundant.
    const editor = await alice.api.permissions.createPermission({
      permissionType: "workspace_editor",
      userId: dave.userId,
      workspaceId,
    });
    expect(editor.permissionType).toBe("workspace_editor");
  });

  test("raising an organization role removes the workspace roles it now covers", async () => {
    const workspaceRole = await alice.api.permissions.createPermission({
      permissionType: "workspace_editor",
      userId: carol.userId,
      workspaceId,
    });
    const [organizationRole] = (
      await alice.api.permissions.listPermissions({ userId: carol.userId, organizationId: alice.organizationId })
    ).data;
    await alice.api.permissions.updatePermission(
      { permissionId: organizationRole!.permissionId },
      { permissionType: "organization_editor" },
    );
    expect(
      (await failure(harness.admin().permissions.getPermission({ permissionId: workspaceRole.permissionId }))).status,
    ).toBe(404);
    await alice.api.permissions.updatePermission(
      { permissionId: organizationRole!.permissionId },
      { permissionType: "organization_member" },
    );
  });

  test("a permission changes within its scope only, never to instance_admin", async () => {
    const [own] = (await carol.api.permissions.listPermissions()).data;
    const crossScope = await failure(
      alice.api.permissions.updatePermission(
        { permissionId: own!.permissionId },
        { permissionType: "workspace_admin" },
      ),
    );
    expect(crossScope.status).toBe(400);
    const instanceAdmin = await failure(
      alice.api.permissions.updatePermission({ permissionId: own!.permissionId }, { permissionType: "instance_admin" }),
    );
    expect(instanceAdmin.status).toBe(422);
    expect(instanceAdmin.data?.message).toBe("Cannot update permission record to INSTANCE_ADMIN.");
  });

  test("an organization keeps its last admin", async () => {
    const [own] = (await alice.api.permissions.listPermissions()).data;
    const demote = await failure(
      alice.api.permissions.updatePermission(
        { permissionId: own!.permissionId },
        { permissionType: "organization_editor" },
      ),
    );
    expect(demote.status).toBe(409);
    expect(demote.data?.message).toBe(`Cannot demote the last admin in Organization ${alice.organizationId}.`);
    const remove = await failure(alice.api.permissions.deletePermission({ permissionId: own!.permissionId }));
    expect(remove.status).toBe(409);
    expect(remove.data?.message).toBe(`Cannot delete the last admin in Organization ${alice.organizationId}.`);
  });

  test("leaving an organization also removes the user's roles on its workspaces", async () => {
    const erin = harness.person("erin@permissions.test", { organizationId: alice.organizationId });
    const workspaceRole = await alice.api.permissions.createPermission({
      permissionType: "workspace_reader",
      userId: erin.userId,
      workspaceId,
    });
    const [membership] = (await erin.api.permissions.listPermissions()).data.filter((p) => p.scope === "organization");
    await alice.api.permissions.deletePermission({ permissionId: membership!.permissionId });
    expect((await erin.api.permissions.listPermissions()).data).toEqual([]);
    expect(
      (await failure(harness.admin().permissions.getPermission({ permissionId: workspaceRole.permissionId }))).status,
    ).toBe(404);
  });

  test("an organization admin grants organization roles; the instance admin may grant anywhere", async () => {
    const frank = harness.person("frank@permissions.test");
    const granted = await alice.api.permissions.createPermission({
      permissionType: "organization_reader",
      userId: frank.userId,
      organizationId: alice.organizationId,
    });
    expect(granted).toEqual({
      permissionId: expect.any(String),
      permissionType: "organization_reader",
      userId: frank.userId,
      organizationId: alice.organizationId,
    });
    const byAdmin = await harness.admin().permissions.createPermission({
      permissionType: "organization_member",
      userId: frank.userId,
      organizationId: bob.organizationId,
    });
    expect(byAdmin.organizationId).toBe(bob.organizationId);
  });
});

describe("who may", () => {
  test("a user of another organization can neither grant, read, change nor remove", async () => {
    const target = await alice.api.permissions.createPermission({
      permissionType: "workspace_reader",
      userId: carol.userId,
      workspaceId,
    });
    const attempts = [
      () =>
        bob.api.permissions.createPermission({ permissionType: "workspace_admin", userId: bob.userId, workspaceId }),
      () =>
        bob.api.permissions.createPermission({
          permissionType: "organization_admin",
          userId: bob.userId,
          organizationId: alice.organizationId,
        }),
      () => bob.api.permissions.getPermission({ permissionId: target.permissionId }),
      () =>
        bob.api.permissions.updatePermission(
          { permissionId: target.permissionId },
          { permissionType: "workspace_admin" },
        ),
      () => bob.api.permissions.deletePermission({ permissionId: target.permissionId }),
    ];
    for (const attempt of attempts) {
      const error = await failure(attempt());
      expect(error.status).toBe(403);
      expect(error.type).toBe("https://reference.airbyte.com/reference/errors#forbidden");
    }
    await alice.api.permissions.deletePermission({ permissionId: target.permissionId });
  });

  test("a member without admin rights cannot grant, even to themselves", async () => {
    const error = await failure(
      carol.api.permissions.createPermission({ permissionType: "workspace_admin", userId: carol.userId, workspaceId }),
    );
    expect(error.status).toBe(403);
    expect(error.data?.message).toBe(
      "Caller does not have the required WORKSPACE_ADMIN permissions to access the resource(s).",
    );
  });

  test("reading an unknown permission: 403 for users, 404 for the instance admin", async () => {
    expect((await failure(alice.api.permissions.getPermission({ permissionId: UNKNOWN }))).status).toBe(403);
    const notFound = await failure(harness.admin().permissions.getPermission({ permissionId: UNKNOWN }));
    expect(notFound.status).toBe(404);
    expect(notFound.data).toEqual({ resourceType: "permission", resourceId: UNKNOWN });
  });
});

describe("bad input", () => {
  const send = (body: unknown, method: "POST" | "PATCH" = "POST", path = "/permissions") =>
    failure(harness.admin().request({ operation: "raw", method, path, body }));

  test("a target must be given, and only one, matching the role's scope", async () => {
    const none = await send({ permissionType: "workspace_reader", userId: carol.userId });
    expect(none.status).toBe(400);
    expect(none.data?.message).toBe(
      "Workspace ID or Organization ID must be provided in order to create a permission.",
    );
    const both = await send({
      permissionType: "workspace_reader",
      userId: carol.userId,
      workspaceId,
      organizationId: alice.organizationId,
    });
    expect(both.status).toBe(422);
    const mismatch = await send({ permissionType: "organization_reader", userId: carol.userId, workspaceId });
    expect(mismatch.status).toBe(400);
    expect(mismatch.data?.message).toContain("needs a organizationId");
  });

  test("unknown users, workspaces and organizations are 404", async () => {
    const user = await send({ permissionType: "workspace_reader", userId: UNKNOWN, workspaceId });
    expect([user.status, user.data]).toEqual([404, { resourceType: "user", resourceId: UNKNOWN }]);
    const workspace = await send({ permissionType: "workspace_reader", userId: carol.userId, workspaceId: UNKNOWN });
    expect([workspace.status, workspace.data?.resourceType]).toEqual([404, "workspace"]);
    const organization = await send({
      permissionType: "organization_reader",
      userId: carol.userId,
      organizationId: UNKNOWN,
    });
    expect([organization.status, organization.data?.resourceType]).toEqual([404, "organization"]);
  });

  test("missing fields are 400, wrong types and unknown roles 422, malformed JSON 422", async () => {
    expect((await send({ userId: carol.userId, workspaceId })).status).toBe(400);
    expect((await send({ permissionType: "workspace_reader", workspaceId })).status).toBe(400);
    expect((await send({ permissionType: 7, userId: carol.userId, workspaceId })).status).toBe(422);
    expect((await send({ permissionType: "instance_admin", userId: carol.userId, workspaceId })).status).toBe(422);
    expect((await send({ permissionType: "workspace_owner", userId: carol.userId, workspaceId })).status).toBe(422);
    expect((await send([])).status).toBe(422);
    expect((await send({}, "PATCH", `/permissions/${UNKNOWN}`)).status).toBe(400);
    expect((await send({ permissionType: "boss" }, "PATCH", `/permissions/${UNKNOWN}`)).status).toBe(422);
    const token = await harness.admin().request<{ access_token: string }>({
      operation: "token",
      method: "POST",
      path: "/applications/token",
      body: { client_id: harness.local().clientId, client_secret: harness.local().clientSecret },
    });
    const malformed = await fetch(`${harness.local().publicApiUrl}/permissions`, {
      method: "POST",
      headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" },
      body: "{",
    });
    expect(malformed.status).toBe(422);
    expect(((await malformed.json()) as { title: string }).title).toBe("unprocessable-entity");
  });

  test("ids that are not UUIDs are 400", async () => {
    const path = await failure(
      harness.admin().request({ operation: "raw", method: "GET", path: "/permissions/not-a-uuid" }),
    );
    expect(path.status).toBe(400);
    const userId = await failure(
      harness.admin().request({ operation: "raw", method: "GET", path: "/permissions", query: { userId: "x" } }),
    );
    expect(userId.status).toBe(400);
  });
});
