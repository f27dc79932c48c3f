/**
 * CloudClient and CloudOrganization against the local server: workspaces (create, rename,
 * delete, list through the public API or an organization's through the Config API, with their
 * paging), organizations (list, get by id or name), with the requests each makes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  CloudClient,
  CloudOrganization,
  CloudWorkspace,
  InputError,
  MissingResourceError,
  MultipleResourcesError,
  RequestAbortedError,
  WorkspaceNotEmptyError,
} from "airbyte-ts";
import { rejection, seedConnection, uniqueName, useCloudServer } from "./harness.js";

const harness = useCloudServer();

/** A user with an organization of their own, and a client of theirs. */
function person(name: string): { client: CloudClient; organizationId: string } {
  const created = harness.local().createUser({ email: `${uniqueName("user").replace(/\W/g, "")}@example.com`, name });
  const client = new CloudClient({
    clientId: created.clientId,
    clientSecret: created.clientSecret,
    publicApiRoot: harness.local().publicApiUrl,
    organizationId: created.organizationId,
    ...harness.tuning(),
  });
  return { client, organizationId: created.organizationId };
}

describe("workspaces", () => {
  it("getWorkspace makes a workspace with the client's credentials, without a request", async () => {
    const client = harness.client({ workspaceId: harness.local().workspaceId });
    const { result, requests } = await harness.count(async () => [
      client.getWorkspace(),
      client.getWorkspace("other-id"),
    ]);
    expect(requests).toEqual({});
    expect(result[0]).toBeInstanceOf(CloudWorkspace);
    expect(result.map((w) => w.workspaceId)).toEqual([harness.local().workspaceId, "other-id"]);
    expect(result[0]!.apiRoot).toBe(harness.local().publicApiUrl);
    expect(await result[0]!.getName()).toBeTruthy();
  });

  it("createWorkspace, renameWorkspace and permanentlyDeleteWorkspace", async () => {
    const client = harness.client({ organizationId: harness.local().organizationId });
    const created = await harness.count(() => client.createWorkspace({ name: uniqueName("made") }));
    expect(created.requests).toEqual({ createWorkspace: 1 });
    expect(created.result.organizationId).toBe(harness.local().organizationId);
    const { workspaceId } = created.result;

    const renamed = await harness.count(() => client.renameWorkspace(workspaceId, { name: "delete-me workspace" }));
    expect(renamed).toMatchObject({
      result: { workspaceId, name: "delete-me workspace" },
      requests: { updateWorkspace: 1 },
    });

    const seeded = await seedConnection(harness.admin(), workspaceId);
    expect(await rejection(client.permanentlyDeleteWorkspace(workspaceId))).toBeInstanceOf(WorkspaceNotEmptyError);
    await client
      .getWorkspace(workspaceId)
      .permanentlyDeleteConnection(seeded.connection.connectionId, { safeMode: false });
    const deleted = await harness.count(() => client.permanentlyDeleteWorkspace(workspaceId));
    expect(deleted.requests).toEqual({ deleteWorkspace: 1, getWorkspace: 1, listConnections: 1 });
    expect(await client.listWorkspaces({ name: "delete-me workspace" })).toEqual([]);
    expect(
      await rejection(client.renameWorkspace("0b7e2f8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", { name: "x" })),
    ).toBeInstanceOf(MissingResourceError);
  });

  it("listWorkspaces through the public API: exact name, nameContains (any case), nameFilter", async () => {
    const client = harness.client();
    const name = uniqueName("Listed Workspace");
    const info = await harness.client().createWorkspace({ name, organizationId: harness.local().organizationId });
    const exact = await harness.count(() => client.listWorkspaces({ name }));
    expect(exact.result.map((w) => w.workspaceId)).toEqual([info.workspaceId]);
    expect(exact.requests).toEqual({ listWorkspaces: 1 });
    expect((await client.listWorkspaces({ nameContains: name.toUpperCase() })).map((w) => w.name)).toEqual([name]);
    expect((await client.listWorkspaces({ nameFilter: (n) => n === name })).map((w) => w.name)).toEqual([name]);
    for (const bad of [
      { nameContains: "a", nameFilter: () => true },
      { name: "a", nameFilter: () => true },
      { limit: 0 },
    ]) {
      expect(await rejection(client.listWorkspaces(bad))).toBeInstanceOf(InputError);
    }
  });

  describe("an organization's workspaces, through the Config API", () => {
    const owner = { client: undefined as unknown as CloudClient, organizationId: "" };
    beforeAll(async () => {
      Object.assign(owner, person("Owner"));
      for (let i = 0; i < 150; i++) await owner.client.createWorkspace({ name: `Team ${String(i).padStart(3, "0")}` });
    }, 60_000);

    it("pages of 100 until a short page", async () => {
      const { result, requests } = await harness.count(() => owner.client.listWorkspaces());
      expect(result).toHaveLength(150);
      expect(requests).toEqual({ "config.workspaces.list_by_organization_id": 2 });
      expect(result[0]).toMatchObject({ name: "Team 000", organizationId: owner.organizationId });
    });

    it("a limit stops early; nameContains is asked of the server; name stays an exact match", async () => {
      const limited = await harness.count(() => owner.client.listWorkspaces({ limit: 10 }));
      expect(limited.result).toHaveLength(10);
      expect(limited.requests).toEqual({ "config.workspaces.list_by_organization_id": 1 });
      const contains = await owner.client.listWorkspaces({ nameContains: "team 14" });
      expect(contains.map((w) => w.name)).toEqual([
        "Team 140",
        "Team 141",
        "Team 142",
        "Team 143",
        "Team 144",
        "Team 145",
        "Team 146",
        "Team 147",
        "Team 148",
        "Team 149",
      ]);
      expect((await owner.client.listWorkspaces({ name: "Team 14" })).map((w) => w.name)).toEqual([]);
      expect((await owner.client.listWorkspaces({ name: "Team 042" })).map((w) => w.name)).toEqual(["Team 042"]);
    });

    it("the admin can ask for any organization's workspaces by id", async () => {
      const listed = await harness.client().listWorkspaces({ organizationId: owner.organizationId, limit: 3 });
      expect(listed.map((w) => w.name)).toEqual(["Team 000", "Team 001", "Team 002"]);
    });
  });
});

describe("organizations", () => {
  it("listOrganizations: one request, with names and emails known", async () => {
    const { client, organizationId } = person("Solo");
    const listed = await harness.count(() => client.listOrganizations());
    expect(listed.requests).toEqual({ listOrganizationsForUser: 1 });
    expect(listed.result.map((o) => o.organizationId)).toEqual([organizationId]);
    const [organization] = listed.result as [CloudOrganization];
    const read = await harness.count(async () => [
      await organization.getOrganizationName(),
      await organization.getEmail(),
    ]);
    expect(read.requests).toEqual({});
    expect(read.result[0]).toBe("Solo's Organization");
    expect(read.result[1]).toMatch(/@example\.com$/);
  });

  it("billing status comes from the organization's info, asked for once", async () => {
    const { client, organizationId } = person("Billing");
    const organization = await client.getOrganization(organizationId);
    const first = await harness.count(async () => [
      await organization.getPaymentStatus(),
      await organization.getSubscriptionStatus(),
      await organization.isAccountLocked(),
    ]);
    expect(first).toEqual({
      result: [undefined, undefined, false],
      requests: { "config.organizations.get_organization_info": 1 },
    });
  });

  it("an aborted read of the organization's info is thrown, not remembered: the next read asks again", async () => {
    const { client, organizationId } = person("Aborting");
    const organization = await client.getOrganization(organizationId);
    const aborted = await rejection(organization.getPaymentStatus({ signal: AbortSignal.abort() }));
    expect(aborted).toBeInstanceOf(RequestAbortedError);
    const next = await harness.count(() => organization.isAccountLocked());
    expect(next).toEqual({ result: false, requests: { "config.organizations.get_organization_info": 1 } });
  });

  it("an organization's info that cannot be read answers nothing, as PyAirbyte's does", async () => {
    const organization = new CloudOrganization("0b7e2f8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", { api: harness.client().api });
    const read = await harness.count(async () => [
      await organization.getOrganizationName(),
      await organization.getPaymentStatus(),
    ]);
    expect(read).toEqual({
      result: [undefined, undefined],
      requests: { "config.organizations.get_organization_info": 1 },
    });
  });

  it("getOrganization: by id (default the client's) or exact name", async () => {
    const { client, organizationId } = person("Findable");
    expect((await client.getOrganization()).organizationId).toBe(organizationId);
    expect((await client.getOrganization(organizationId)).organizationId).toBe(organizationId);
    const byName = await harness.count(() =>
      client.getOrganization(undefined, { organizationName: "Findable's Organization" }),
    );
    expect(byName.result.organizationId).toBe(organizationId);
    expect(byName.requests).toEqual({ listOrganizationsForUser: 1 });
  });

  it("getOrganization's errors: missing, ambiguous, both or neither given", async () => {
    person("Twin");
    person("Twin");
    const admin = harness.client();
    expect(
      await rejection(admin.getOrganization(undefined, { organizationName: "Twin's Organization" })),
    ).toBeInstanceOf(MultipleResourcesError);
    const missing = await rejection(admin.getOrganization("no-such-organization"));
    expect(missing).toBeInstanceOf(MissingResourceError);
    expect(missing).toMatchObject({ resourceType: "organization", resourceNameOrId: "no-such-organization" });
    expect(await rejection(admin.getOrganization("a", { organizationName: "b" }))).toBeInstanceOf(InputError);
    expect(await rejection(admin.getOrganization())).toBeInstanceOf(InputError);
  });
});
