/**
 * Organizations and users: `GET /organizations`, `GET /users`, the Cloud-only OAuth overrides
 * and Embedded tokens (501), `GET /embedded/organizations`, and the Config API's organization
 * info and workspaces of an organization.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { type AirbyteApi } from "airbyte-ts";
import { failure, type Person, useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();
const UNKNOWN = "7d2c4e1a-9b3f-4c5d-8e6f-0a1b2c3d4e5f";

let alice: Person; // admin of her organization
let bob: Person; // admin of another organization
let carol: Person; // member of alice's organization

async function rawFetch(path: string, init: { method: string; body?: string }, api: "public" | "config" = "public") {
  const local = harness.local();
  const token = await fetch(`${local.publicApiUrl}/applications/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: local.clientId, client_secret: local.clientSecret }),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  const root = api === "public" ? local.publicApiUrl : local.configApiUrl;
  const response = await fetch(root + path, {
    ...init,
    headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(() => {
  alice = harness.person("alice@identity.test");
  bob = harness.person("bob@identity.test");
  carol = harness.person("carol@identity.test", { organizationId: alice.organizationId });
});

describe("organizations", () => {
  test("each user lists the organizations where they hold a role", async () => {
    const own = { organizationId: alice.organizationId, organizationName: "alice@identity.test's Organization" };
    expect((await alice.api.organizations.listOrganizationsForUser()).data).toEqual([
      { ...own, email: "alice@identity.test" },
    ]);
    expect((await carol.api.organizations.listOrganizationsForUser()).data).toEqual([
      { ...own, email: "alice@identity.test" },
    ]);
    const all = (await harness.admin().organizations.listOrganizationsForUser()).data.map((o) => o.organizationId);
    expect(all).toEqual(
      expect.arrayContaining([harness.local().organizationId, alice.organizationId, bob.organizationId]),
    );
  });

  test("OAuth credential overrides are Cloud only: 501 once the input is valid", async () => {
    const params = { organizationId: alice.organizationId };
    const body = { actorType: "source" as const, name: "google-ads", configuration: { client_id: "x" } };
    const put = await failure(alice.api.organizations.createOrUpdateOrganizationOAuthCredentials(params, body));
    expect(put.status).toBe(501);
    expect(put.type).toBe("error:implementation/not-implemented-in-oss");
    const remove = await failure(
      alice.api.organizations.deleteOrganizationOAuthCredentials({
        ...params,
        actorType: "source",
        name: "google-ads",
      }),
    );
    expect(remove.status).toBe(501);
    const send = (payload: unknown) =>
      failure(
        alice.api.request({
          operation: "raw",
          method: "PUT",
          path: `/organizations/${alice.organizationId}/oauthCredentials`,
          body: payload,
        }),
      );
    expect((await send({ actorType: "source", name: "x" })).status).toBe(400);
    expect((await send({ actorType: "sink", name: "x", configuration: {} })).status).toBe(422);
    expect((await send({ actorType: "source", name: "x", configuration: "text" })).status).toBe(422);
    const badActor = await failure(
      alice.api.request({
        operation: "raw",
        method: "DELETE",
        path: `/organizations/${alice.organizationId}/oauthCredentials/sink/x`,
      }),
    );
    expect(badActor.status).toBe(400);
    const badId = await failure(
      alice.api.request({ operation: "raw", method: "DELETE", path: "/organizations/nope/oauthCredentials/source/x" }),
    );
    expect(badId.status).toBe(400);
  });
});

describe("users", () => {
  test("members of an organization list its users, filtered by ids or emails", async () => {
    const { data } = await carol.api.users.listUsersWithinAnOrganization({ organizationId: alice.organizationId });
    expect(data).toEqual([
      { id: alice.userId, name: "alice", email: "alice@identity.test" },
      { id: carol.userId, name: "carol", email: "carol@identity.test" },
    ]);
    const byId = await alice.api.users.listUsersWithinAnOrganization({
      organizationId: alice.organizationId,
      ids: [carol.userId],
    });
    expect(byId.data.map((u) => u.id)).toEqual([carol.userId]);
    const byEmail = await alice.api.users.listUsersWithinAnOrganization({
      organizationId: alice.organizationId,
      emails: ["alice@identity.test"],
    });
    expect(byEmail.data.map((u) => u.id)).toEqual([alice.userId]);
    // Either filter matches, as on Airbyte.
    const either = await alice.api.users.listUsersWithinAnOrganization({
      organizationId: alice.organizationId,
      ids: [carol.userId],
      emails: ["alice@identity.test"],
    });
    expect(either.data.map((u) => u.id)).toEqual([alice.userId, carol.userId]);
    // Comma-separated values are read like repeated ones.
    const comma = await alice.api.request<{ data: { id: string }[] }>({
      operation: "raw",
      method: "GET",
      path: "/users",
      query: { organizationId: alice.organizationId, ids: `${alice.userId},${carol.userId}` },
    });
    expect(comma.data.map((u) => u.id)).toEqual([alice.userId, carol.userId]);
    // A user of another organization is not listed.
    const outsider = await alice.api.users.listUsersWithinAnOrganization({
      organizationId: alice.organizationId,
      ids: [bob.userId],
    });
    expect(outsider.data).toEqual([]);
  });

  test("outsiders get 403; organizationId is required; unknown ones are 404 for the instance admin", async () => {
    const forbidden = await failure(
      bob.api.users.listUsersWithinAnOrganization({ organizationId: alice.organizationId }),
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.data?.message).toBe(
      "Caller does not have the required ORGANIZATION_MEMBER permissions to access the resource(s).",
    );
    const raw = (query: Record<string, string>) =>
      failure(alice.api.request({ operation: "raw", method: "GET", path: "/users", query }));
    expect((await raw({})).status).toBe(400);
    expect((await raw({ organizationId: "nope" })).status).toBe(400);
    expect((await raw({ organizationId: alice.organizationId, ids: "nope" })).status).toBe(400);
    const unknown = await failure(harness.admin().users.listUsersWithinAnOrganization({ organizationId: UNKNOWN }));
    expect([unknown.status, unknown.data?.resourceType]).toEqual([404, "organization"]);
  });
});

describe("embedded", () => {
  test("the caller's organizations with their own role in each", async () => {
    expect(await alice.api.embeddedWidget.listEmbeddedOrganizationsByUser()).toEqual({
      organizations: [
        {
          organizationId: alice.organizationId,
          organizationName: "alice@identity.test's Organization",
          permission: "organization_admin",
        },
      ],
    });
    expect((await carol.api.embeddedWidget.listEmbeddedOrganizationsByUser()).organizations).toEqual([
      expect.objectContaining({ organizationId: alice.organizationId, permission: "organization_member" }),
    ]);
    expect((await harness.admin().embeddedWidget.listEmbeddedOrganizationsByUser()).organizations).toEqual([
      {
        organizationId: harness.local().organizationId,
        organizationName: "Default Organization",
        permission: "organization_admin",
      },
    ]);
  });

  test("widget and scoped tokens are Cloud only: 501 once the input is valid", async () => {
    const widget = await failure(
      alice.api.embeddedWidget.getEmbeddedWidget({
        allowedOrigin: "https://example.com",
        externalUserId: "customer-1",
        organizationId: alice.organizationId,
      }),
    );
    expect(widget.status).toBe(501);
    const scoped = await failure(
      alice.api.embeddedScopedToken.generateEmbeddedScopedToken({ workspaceId: harness.local().workspaceId }),
    );
    expect(scoped.status).toBe(501);
    const send = (path: string, body: unknown) =>
      failure(alice.api.request({ operation: "raw", method: "POST", path, body }));
    expect((await send("/embedded/widget_token", { allowedOrigin: "x" })).status).toBe(400);
    expect(
      (await send("/embedded/widget_token", { allowedOrigin: 1, externalUserId: "a", organizationId: UNKNOWN })).status,
    ).toBe(422);
    expect((await send("/embedded/scoped_token", {})).status).toBe(400);
    expect((await send("/embedded/scoped_token", { workspaceId: "nope" })).status).toBe(400);
    expect((await rawFetch("/embedded/scoped_token", { method: "POST", body: "{" })).status).toBe(422);
  });
});

describe("Config API", () => {
  let workspaceId: string;
  beforeAll(async () => {
    workspaceId = (
      await alice.api.workspaces.createWorkspace({ name: "Analytics", organizationId: alice.organizationId })
    ).workspaceId;
  });

  test("workspaces/get_organization_info for whoever reads the workspace", async () => {
    const info = await alice.api.config.workspaces.getOrganizationInfo({ workspaceId });
    expect(info).toEqual({
      organizationId: alice.organizationId,
      organizationName: "alice@identity.test's Organization",
      sso: false,
      scim: false,
    });
    const forbidden = await failure(bob.api.config.workspaces.getOrganizationInfo({ workspaceId }));
    expect(forbidden.status).toBe(403);
    expect(forbidden.problem?.message).toBe(
      "Caller does not have the required WORKSPACE_READER permissions to access the resource(s).",
    );
    // A member without a role on the workspace cannot either.
    expect((await failure(carol.api.config.workspaces.getOrganizationInfo({ workspaceId }))).status).toBe(403);
    const unknown = await failure(harness.admin().config.workspaces.getOrganizationInfo({ workspaceId: UNKNOWN }));
    expect(unknown.status).toBe(404);
    expect(unknown.problem?.message).toBe(`Could not find workspace ${UNKNOWN}.`);
  });

  test("organizations/get_organization_info for the organization's members", async () => {
    const info = await carol.api.config.organizations.getOrganizationInfo({ organizationId: alice.organizationId });
    expect(info).toEqual({
      organizationId: alice.organizationId,
      organizationName: "alice@identity.test's Organization",
      sso: false,
      scim: false,
    });
    const forbidden = await failure(
      bob.api.config.organizations.getOrganizationInfo({ organizationId: alice.organizationId }),
    );
    expect(forbidden.status).toBe(403);
    const unknown = await failure(
      harness.admin().config.organizations.getOrganizationInfo({ organizationId: UNKNOWN }),
    );
    expect(unknown.status).toBe(404);
  });

  test("workspaces/list_by_organization_id: live workspaces by name, filtered and paged", async () => {
    const organization = harness.person("lister@identity.test");
    const names = ["Marketing", "analytics dev", "Analytics", "Old"];
    const ids: Record<string, string> = {};
    for (const name of names) {
      ids[name] = (
        await organization.api.workspaces.createWorkspace({ name, organizationId: organization.organizationId })
      ).workspaceId;
    }
    await organization.api.workspaces.updateWorkspace(
      { workspaceId: ids.Marketing! },
      {
        notifications: {
          failure: { email: { enabled: true }, webhook: { enabled: true, url: "https://hooks.example/x" } },
        },
      },
    );
    await organization.api.workspaces.deleteWorkspace({ workspaceId: ids.Old! });
    const list = (body: Parameters<AirbyteApi["config"]["workspaces"]["listByOrganizationId"]>[0]) =>
      organization.api.config.workspaces.listByOrganizationId(body);
    const { workspaces } = await list({ organizationId: organization.organizationId });
    expect(workspaces.map((w) => w.name)).toEqual(["Analytics", "analytics dev", "Marketing"]);
    const marketing = workspaces.find((w) => w.name === "Marketing");
    expect(marketing).toEqual({
      workspaceId: ids.Marketing,
      customerId: ids.Marketing,
      name: "Marketing",
      slug: "marketing",
      initialSetupComplete: true,
      displaySetupWizard: false,
      anonymousDataCollection: false,
      news: false,
      securityUpdates: false,
      notifications: [],
      notificationSettings: {
        sendOnFailure: {
          notificationType: ["customerio", "slack"],
          slackConfiguration: { webhook: "https://hooks.example/x" },
        },
        sendOnSuccess: { notificationType: [] },
        sendOnConnectionUpdate: { notificationType: [] },
        sendOnConnectionUpdateActionRequired: { notificationType: [] },
        sendOnSyncDisabled: { notificationType: [] },
        sendOnSyncDisabledWarning: { notificationType: [] },
      },
      organizationId: organization.organizationId,
      tombstone: false,
    });
    expect(workspaces.find((w) => w.name === "analytics dev")?.slug).toBe("analytics-dev");
    const filtered = await list({ organizationId: organization.organizationId, nameContains: "ANALYTICS" });
    expect(filtered.workspaces.map((w) => w.name)).toEqual(["Analytics", "analytics dev"]);
    const page = await list({ organizationId: organization.organizationId, pagination: { pageSize: 1, rowOffset: 1 } });
    expect(page.workspaces.map((w) => w.name)).toEqual(["analytics dev"]);
  });

  test("workspaces/list_by_organization_id shows a member only the workspaces they may read", async () => {
    const { workspaces } = await carol.api.config.workspaces.listByOrganizationId({
      organizationId: alice.organizationId,
    });
    expect(workspaces).toEqual([]);
    const forbidden = await failure(
      bob.api.config.workspaces.listByOrganizationId({ organizationId: alice.organizationId }),
    );
    expect(forbidden.status).toBe(403);
    const unknown = await failure(harness.admin().config.workspaces.listByOrganizationId({ organizationId: UNKNOWN }));
    expect(unknown.status).toBe(404);
  });

  test("bad bodies get the Config API's error body", async () => {
    for (const [path, body, status] of [
      ["/workspaces/get_organization_info", "{", 422],
      ["/workspaces/get_organization_info", "{}", 400],
      ["/workspaces/get_organization_info", '{"workspaceId": 3}', 422],
      ["/organizations/get_organization_info", '{"organizationId": "nope"}', 400],
      ["/workspaces/list_by_organization_id", "[]", 422],
      ["/workspaces/list_by_organization_id", `{"organizationId": "${UNKNOWN}", "pagination": {"pageSize": 0}}`, 400],
      ["/workspaces/list_by_organization_id", `{"organizationId": "${UNKNOWN}", "nameContains": 5}`, 422],
    ] as const) {
      const answer = await rawFetch(path, { method: "POST", body }, "config");
      expect([path, body, answer.status]).toEqual([path, body, status]);
      expect(typeof answer.json.message).toBe("string");
      expect(typeof answer.json.errorId).toBe("string");
    }
  });
});
