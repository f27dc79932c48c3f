/**
 * CloudClient and the user its credentials belong to, against the local server: who they are
 * (getCurrentUser), their default workspace (setDefaultWorkspace, with its checks), and the
 * workspaces their roles reach (listWorkspaces' privilegeScope), with the requests each makes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { AirbyteCloudError, CloudClient, InputError, MissingResourceError, PermissionDeniedError } from "airbyte-ts";
import { rejection, uniqueName, useCloudServer } from "./harness.js";

const harness = useCloudServer();
const UNKNOWN = "0b7e2f8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

interface Someone {
  client: CloudClient;
  userId: string;
  email: string;
  organizationId: string;
}

function someone(name: string, options: { organizationId?: string; organizationRole?: string } = {}): Someone {
  const email = `${uniqueName(name).replace(/\W/g, "")}@users.test`;
  const created = harness.local().createUser({ email, name, ...options });
  const client = new CloudClient({
    clientId: created.clientId,
    clientSecret: created.clientSecret,
    publicApiRoot: harness.local().publicApiUrl,
    ...harness.tuning(),
  });
  return { client, email, userId: created.userId, organizationId: created.organizationId };
}

let fay: Someone; // admin of her organization, with two workspaces
let gus: Someone; // admin of his own organization, and a reader of one of fay's workspaces
let fayHome: string;
let fayLab: string;
let gusHome: string;

beforeAll(async () => {
  fay = someone("Fay");
  gus = someone("Gus");
  fayHome = (await fay.client.createWorkspace({ name: "fay home", organizationId: fay.organizationId })).workspaceId;
  fayLab = (await fay.client.createWorkspace({ name: "fay lab", organizationId: fay.organizationId })).workspaceId;
  gusHome = (await gus.client.createWorkspace({ name: "gus home", organizationId: gus.organizationId })).workspaceId;
  await fay.client.api.permissions.createPermission({
    permissionType: "workspace_reader",
    userId: gus.userId,
    workspaceId: fayHome,
  });
});

describe("getCurrentUser", () => {
  it("names the user from their own permissions, then reads their record", async () => {
    const { result, requests } = await harness.count(() => fay.client.getCurrentUser());
    expect(result).toEqual({
      userId: fay.userId,
      name: "Fay",
      email: fay.email,
      defaultWorkspaceId: undefined,
      status: "registered",
    });
    expect(requests).toEqual({ listPermissions: 1, "config.users.get": 1 });
  });

  it("is undefined for a user without any permission: nothing names them", async () => {
    const hal = someone("Hal", { organizationId: fay.organizationId });
    const own = await fay.client.api.permissions.listPermissions({
      userId: hal.userId,
      organizationId: fay.organizationId,
    });
    for (const permission of own.data) {
      await fay.client.api.permissions.deletePermission({ permissionId: permission.permissionId });
    }
    expect(await hal.client.getCurrentUser()).toBeUndefined();
    const refused = await rejection(hal.client.setDefaultWorkspace({ userEmail: hal.email, workspaceId: fayHome }));
    expect(refused).toBeInstanceOf(AirbyteCloudError);
  });
});

describe("setDefaultWorkspace", () => {
  it("sets a workspace of the user's organization, then another; each answer says what changed", async () => {
    const first = await harness.count(() =>
      fay.client.setDefaultWorkspace({ userEmail: ` ${fay.email.toUpperCase()} `, workspaceId: fayHome }),
    );
    expect(first.result).toEqual({
      userId: fay.userId,
      userEmail: fay.email,
      previousDefaultWorkspaceId: undefined,
      defaultWorkspaceId: fayHome,
      defaultWorkspaceName: "fay home",
      organizationId: fay.organizationId,
      organizationName: "Fay's Organization",
      membershipBasis: "organization",
    });
    expect(first.requests).toEqual({
      listPermissions: 1,
      "config.users.get": 1,
      getWorkspace: 1,
      "config.workspaces.get_organization_info": 1,
      "config.users.update": 1,
    });
    const second = await fay.client.setDefaultWorkspace({ userEmail: fay.email, workspaceId: fayLab });
    expect(second).toMatchObject({ previousDefaultWorkspaceId: fayHome, defaultWorkspaceId: fayLab });
    expect((await fay.client.getCurrentUser())?.defaultWorkspaceId).toBe(fayLab);
  });

  it("a role on the workspace alone is membership too", async () => {
    const set = await gus.client.setDefaultWorkspace({ userEmail: gus.email, workspaceId: fayHome });
    expect(set).toMatchObject({ defaultWorkspaceId: fayHome, membershipBasis: "workspace" });
  });

  it("refuses, changing nothing: another email, a workspace the user cannot read, no workspace", async () => {
    const before = await gus.client.getCurrentUser();
    const wrongEmail = await rejection(gus.client.setDefaultWorkspace({ userEmail: fay.email, workspaceId: gusHome }));
    expect(wrongEmail).toBeInstanceOf(InputError);
    expect(wrongEmail.message).toContain(gus.email);
    // A workspace gus may not read, or none at all: the server refuses him either way (403).
    for (const workspaceId of [UNKNOWN, fayLab]) {
      const refused = await rejection(gus.client.setDefaultWorkspace({ userEmail: gus.email, workspaceId }));
      expect(refused).toBeInstanceOf(PermissionDeniedError);
    }
    expect(await rejection(gus.client.setDefaultWorkspace({ userEmail: gus.email, workspaceId: "" }))).toBeInstanceOf(
      InputError,
    );
    expect(await gus.client.getCurrentUser()).toEqual(before);
  });

  it("an instance admin's reach is not membership; an unknown workspace is missing", async () => {
    const admin = harness.client();
    const me = await admin.getCurrentUser();
    expect(me?.email).toBe("admin@airbyte.local");
    const refused = await rejection(
      admin.setDefaultWorkspace({ userEmail: "admin@airbyte.local", workspaceId: fayLab }),
    );
    expect(refused).toBeInstanceOf(InputError);
    expect(refused.message).toContain("not an explicit member");
    const unknown = await rejection(
      admin.setDefaultWorkspace({ userEmail: "admin@airbyte.local", workspaceId: UNKNOWN }),
    );
    expect(unknown).toBeInstanceOf(MissingResourceError);
    expect((await admin.getCurrentUser())?.defaultWorkspaceId).toBe(me?.defaultWorkspaceId);
  });
});

describe("listWorkspaces by privilegeScope", () => {
  const ids = (list: { workspaceId: string }[]) => list.map((workspace) => workspace.workspaceId);

  it("member_of: the workspaces the user holds a role on, each read once", async () => {
    const { result, requests } = await harness.count(() => gus.client.listWorkspaces({ privilegeScope: "member_of" }));
    expect(ids(result)).toEqual([fayHome]);
    expect(requests).toEqual({ listPermissions: 1, getWorkspace: 1 });
  });

  it("organization_admin: the workspaces of the user's organizations (Config API)", async () => {
    const { result, requests } = await harness.count(() =>
      gus.client.listWorkspaces({ privilegeScope: "organization_admin" }),
    );
    expect(ids(result)).toEqual([gusHome]);
    expect(requests).toEqual({ listPermissions: 1, "config.workspaces.list_by_organization_id": 1 });
  });

  it("any: both for a user; a limit and a name filter apply across them", async () => {
    expect(ids(await gus.client.listWorkspaces({ privilegeScope: "any" }))).toEqual([gusHome, fayHome]);
    expect(ids(await gus.client.listWorkspaces({ privilegeScope: "any", limit: 1 }))).toEqual([gusHome]);
    expect(ids(await gus.client.listWorkspaces({ privilegeScope: "any", nameContains: "FAY" }))).toEqual([fayHome]);
  });

  it("instance_admin: every workspace, for an instance admin only", async () => {
    const every = await harness.client().listWorkspaces({ privilegeScope: "instance_admin" });
    expect(ids(every)).toEqual(expect.arrayContaining([fayHome, fayLab, gusHome]));
    const any = await harness.client().listWorkspaces({ privilegeScope: "any", nameContains: "fay " });
    expect(ids(any)).toEqual([fayHome, fayLab]);
    expect(await rejection(gus.client.listWorkspaces({ privilegeScope: "instance_admin" }))).toBeInstanceOf(InputError);
  });

  it("refuses a scope with an organization, or a scope it does not know", async () => {
    const both = gus.client.listWorkspaces({ privilegeScope: "any", organizationId: gus.organizationId });
    expect(await rejection(both)).toBeInstanceOf(InputError);
    const unknown = gus.client.listWorkspaces({ privilegeScope: "everything" as "any" });
    expect(await rejection(unknown)).toBeInstanceOf(InputError);
  });
});
