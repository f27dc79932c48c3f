import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { CloudClient } from "airbyte-ts";
import { beforeAll, describe, expect, it } from "vitest";
import { built, useMcpServer } from "./helpers/mcp.js";

const RO = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const WORKSPACE_TOOLS = {
  list_cloud_workspaces: RO,
  list_cloud_organizations: RO,
  describe_cloud_organization: RO,
  get_cloud_organization_billing_status: RO,
  get_default_cloud_context: RO,
  set_default_cloud_workspace: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
};
const ADMIN_EMAIL = "admin@airbyte.local";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

interface Workspace {
  workspace_id: string;
  workspace_name: string;
  workspace_url: string;
  organization_id: string | null;
}
interface Organization {
  id: string;
  name: string;
  email: string | null;
}
interface Context {
  user: { user_id: string; email: string; default_workspace_id: string | null } | null;
  default_workspace: (Workspace & { source: string }) | null;
  default_organization: { organization_id: string; organization_name: string | null } | null;
  configured_workspace_id: string | null;
  organizations: Organization[];
  organizations_truncated: boolean;
  workspaces: Workspace[];
  workspaces_truncated: boolean;
  discovery_hints: string[];
  message: string | null;
}
describe.skipIf(!built)("airbyte-ts-mcp workspace, organization and account tools", () => {
  const harness = useMcpServer();
  let admin: Client;
  let tools: Tool[];
  /** A user with an organization of her own and two workspaces in it, and no workspace for the server. */
  let ivy: { client: Client; sdk: CloudClient; email: string; organizationId: string };
  let home: string;
  let lab: string;

  beforeAll(async () => {
    admin = await harness.connect();
    tools = (await admin.listTools()).tools;
    const email = "ivy@workspace-tools.test";
    const created = harness.local().createUser({ email, name: "Ivy" });
    const sdk = new CloudClient({
      clientId: created.clientId,
      clientSecret: created.clientSecret,
      publicApiRoot: harness.local().publicApiUrl,
      apiOptions: { logLevel: "off" },
    });
    home = (await sdk.createWorkspace({ name: "ivy home", organizationId: created.organizationId })).workspaceId;
    lab = (await sdk.createWorkspace({ name: "ivy lab", organizationId: created.organizationId })).workspaceId;
    const client = await harness.connect({
      AIRBYTE_CLIENT_ID: created.clientId,
      AIRBYTE_CLIENT_SECRET: created.clientSecret,
      AIRBYTE_WORKSPACE_ID: "",
    });
    ivy = { client, sdk, email, organizationId: created.organizationId };
    harness.neverShows(created.clientSecret);
  });

  const ok = <T = Record<string, unknown>>(name: string, args: Record<string, unknown> = {}, on: Client = admin) =>
    harness.ok<T>(on, name, args);
  const refused = (name: string, args: Record<string, unknown>, on: Client = admin) => harness.refused(on, name, args);

  const ids = (listed: { workspaces: Workspace[] }) => listed.workspaces.map((w) => w.workspace_id);

  it("lists the tools with PyAirbyte's annotations and their schemas", () => {
    const listed = tools.filter((tool) => tool.name in WORKSPACE_TOOLS);
    expect(listed.map((tool) => tool.name)).toEqual(Object.keys(WORKSPACE_TOOLS));
    for (const tool of listed) {
      const { title: _title, ...annotations } = tool.annotations ?? {};
      expect(annotations, tool.name).toEqual(WORKSPACE_TOOLS[tool.name as keyof typeof WORKSPACE_TOOLS]);
      expect(tool.outputSchema?.type, tool.name).toBe("object");
    }
  });

  it("list_cloud_workspaces: by organization id or name, by name, by the user's roles", async () => {
    const byId = await ok<{ workspaces: Workspace[]; count: number }>("list_cloud_workspaces", {
      organization_id: ivy.organizationId,
    });
    const expected = await ivy.sdk.listWorkspaces({ organizationId: ivy.organizationId });
    expect(ids(byId)).toEqual(expected.map((w) => w.workspaceId));
    expect(ids(byId)).toEqual([home, lab]);
    expect(byId.workspaces[0]).toEqual({
      workspace_id: home,
      workspace_name: "ivy home",
      workspace_url: ivy.sdk.getWorkspace(home).workspaceUrl,
      organization_id: ivy.organizationId,
    });
    const byName = await ok<{ workspaces: Workspace[] }>("list_cloud_workspaces", {
      organization_name: "Ivy's Organization",
      name_contains: "LAB",
    });
    expect(ids(byName)).toEqual([lab]);
    // Ivy's roles: her organization's workspaces, none of her own.
    const mine = await ok<{ workspaces: Workspace[] }>(
      "list_cloud_workspaces",
      { privilege_scope: "organization_admin" },
      ivy.client,
    );
    expect(ids(mine)).toEqual([home, lab]);
    const direct = await ok<{ count: number; message: string | null }>(
      "list_cloud_workspaces",
      { privilege_scope: "member_of" },
      ivy.client,
    );
    expect(direct.count).toBe(0);
    expect(direct.message).toBeTruthy();
    const everything = await ok<{ workspaces: Workspace[] }>("list_cloud_workspaces", { limit: 500 });
    expect(ids(everything)).toEqual(expect.arrayContaining([harness.local().workspaceId, home, lab]));
    expect((await ok<{ count: number }>("list_cloud_workspaces", { limit: 1 })).count).toBe(1);
  });

  it("list_cloud_workspaces: listing the credentials may not do is a message, not an error", async () => {
    const listed = await ok<{ workspaces: Workspace[]; message: string }>(
      "list_cloud_workspaces",
      { organization_id: harness.local().organizationId },
      ivy.client,
    );
    expect(listed.workspaces).toEqual([]);
    expect(listed.message).toContain("unavailable");
    const instanceOnly = await refused("list_cloud_workspaces", { privilege_scope: "instance_admin" }, ivy.client);
    expect(instanceOnly.code).toBe("invalid_argument");
  });

  it("list_cloud_workspaces refuses bad arguments and unknown organizations", async () => {
    const both = { organization_id: ivy.organizationId, privilege_scope: "any" };
    expect((await refused("list_cloud_workspaces", both)).code).toBe("invalid_argument");
    const twoWays = { organization_id: ivy.organizationId, organization_name: "Ivy's Organization" };
    expect((await refused("list_cloud_workspaces", twoWays)).code).toBe("invalid_argument");
    const missing = await refused("list_cloud_workspaces", { organization_name: "No Such Organization" });
    expect(missing.code).toBe("not_found");
    expect(missing.hint).toContain("list_cloud_organizations");
    for (const bad of [{ limit: 0 }, { privilege_scope: "everything" }]) {
      expect((await harness.call(admin, "list_cloud_workspaces", bad)).isError).toBe(true);
    }
  });

  it("list_cloud_organizations: the user's organizations, by name and limit", async () => {
    const own = await ok<{ organizations: Organization[]; count: number }>("list_cloud_organizations", {}, ivy.client);
    expect(own.organizations).toEqual([{ id: ivy.organizationId, name: "Ivy's Organization", email: ivy.email }]);
    const none = await ok<{ count: number; message: string }>(
      "list_cloud_organizations",
      { name_contains: "no such" },
      ivy.client,
    );
    expect(none).toMatchObject({ count: 0, message: expect.any(String) });
    const named = await ok<{ organizations: Organization[] }>("list_cloud_organizations", { name_contains: "IVY" });
    expect(named.organizations.map((o) => o.id)).toEqual([ivy.organizationId]);
    expect((await ok<{ count: number }>("list_cloud_organizations", { limit: 1 })).count).toBe(1);
  });

  it("describe_cloud_organization: by id or name, else the server's organization or its workspace's", async () => {
    const defaultOrganization = {
      id: harness.local().organizationId,
      name: "Default Organization",
      email: ADMIN_EMAIL,
    };
    expect(await ok("describe_cloud_organization")).toEqual(defaultOrganization);
    const ivys = { id: ivy.organizationId, name: "Ivy's Organization", email: ivy.email };
    expect(await ok("describe_cloud_organization", { organization_id: ivy.organizationId })).toEqual(ivys);
    expect(await ok("describe_cloud_organization", { organization_name: "Ivy's Organization" })).toEqual(ivys);
    const configured = await harness.connect({ AIRBYTE_ORGANIZATION_ID: ivy.organizationId });
    expect(await ok("describe_cloud_organization", {}, configured)).toEqual(ivys);
    // Ivy's server has neither an organization nor a workspace to take one from.
    const nothing = await refused("describe_cloud_organization", {}, ivy.client);
    expect(nothing).toMatchObject({
      code: "invalid_argument",
      hint: expect.stringContaining("list_cloud_organizations"),
    });
    expect((await refused("describe_cloud_organization", { organization_id: UNKNOWN })).code).toBe("not_found");
  });

  it("get_cloud_organization_billing_status: no billing information from a self-managed Airbyte, said so", async () => {
    const status = await ok("get_cloud_organization_billing_status", { organization_id: ivy.organizationId });
    expect(status).toEqual({
      organization_id: ivy.organizationId,
      organization_name: "Ivy's Organization",
      billing_info_available: false,
      payment_status: null,
      subscription_status: null,
      is_account_locked: null,
      message: expect.stringContaining("no billing information"),
    });
    const refusal = await refused("get_cloud_organization_billing_status", { organization_name: "Nobody's" });
    expect(refusal.code).toBe("not_found");
  });

  it("get_default_cloud_context: the user, the server's workspace and organization, and what to call next", async () => {
    const context = await ok<Context>("get_default_cloud_context");
    const user = await harness.workspace().api.config.users.get({ userId: context.user?.user_id ?? "" });
    expect(context.user).toEqual({
      user_id: user.userId,
      email: ADMIN_EMAIL,
      name: user.name,
      default_workspace_id: null,
    });
    expect(context.default_workspace).toMatchObject({
      workspace_id: harness.local().workspaceId,
      workspace_name: "Default Workspace",
      source: "server",
    });
    expect(context.default_organization).toEqual({
      organization_id: harness.local().organizationId,
      organization_name: "Default Organization",
    });
    expect(context.configured_workspace_id).toBe(harness.local().workspaceId);
    expect(context.organizations.map((o) => o.id)).toEqual(
      expect.arrayContaining([harness.local().organizationId, ivy.organizationId]),
    );
    expect(context.workspaces.map((w) => w.workspace_id)).toEqual(
      expect.arrayContaining([harness.local().workspaceId, home, lab]),
    );
    expect(context.workspaces_truncated).toBe(false);
    expect(context.discovery_hints.join(" ")).toContain("list_cloud_connections");
    expect(context.message).toBeNull();
  });

  it("set_default_cloud_workspace sets the user's default in their account; the context then starts there", async () => {
    const before = await ok<Context>("get_default_cloud_context", {}, ivy.client);
    expect(before).toMatchObject({ default_workspace: null, configured_workspace_id: null });
    expect(before.discovery_hints.join(" ")).toContain("set_default_cloud_workspace");
    expect(before.workspaces.map((w) => w.workspace_id)).toEqual([home, lab]);

    const set = await ok(
      "set_default_cloud_workspace",
      { user_email: "IVY@workspace-tools.test", workspace_id: lab },
      ivy.client,
    );
    expect(set).toEqual({
      user_id: before.user?.user_id,
      user_email: ivy.email,
      previous_default_workspace_id: null,
      default_workspace_id: lab,
      default_workspace_name: "ivy lab",
      workspace_url: ivy.sdk.getWorkspace(lab).workspaceUrl,
      organization_id: ivy.organizationId,
      organization_name: "Ivy's Organization",
      membership_basis: "organization",
    });
    expect((await ivy.sdk.getCurrentUser())?.defaultWorkspaceId).toBe(lab);
    const again = await ok("set_default_cloud_workspace", { user_email: ivy.email, workspace_id: lab }, ivy.client);
    expect(again).toMatchObject({ previous_default_workspace_id: lab, default_workspace_id: lab });

    const after = await ok<Context>("get_default_cloud_context", {}, ivy.client);
    expect(after.default_workspace).toMatchObject({ workspace_id: lab, source: "user_default" });
    expect(after.default_organization?.organization_id).toBe(ivy.organizationId);
    expect(after.discovery_hints.join(" ")).toContain(
      `act on the user's default, ${lab}, when workspace_id is left out`,
    );
  });

  it("set_default_cloud_workspace refuses another email, and workspaces the user may not use; nothing changes", async () => {
    const wrong = await refused(
      "set_default_cloud_workspace",
      { user_email: ADMIN_EMAIL, workspace_id: home },
      ivy.client,
    );
    expect(wrong.code).toBe("invalid_argument");
    expect(wrong.hint).toContain("get_default_cloud_context");
    const foreign = { user_email: ivy.email, workspace_id: harness.local().workspaceId };
    expect((await refused("set_default_cloud_workspace", foreign, ivy.client)).code).toBe("forbidden");
    // The instance admin may read ivy's workspace, but is no member of it.
    const notMember = await refused("set_default_cloud_workspace", { user_email: ADMIN_EMAIL, workspace_id: home });
    expect(notMember).toMatchObject({
      code: "invalid_argument",
      message: expect.stringContaining("not an explicit member"),
    });
    expect(
      (await refused("set_default_cloud_workspace", { user_email: ADMIN_EMAIL, workspace_id: UNKNOWN })).code,
    ).toBe("not_found");
    expect((await harness.call(ivy.client, "set_default_cloud_workspace", { workspace_id: home })).isError).toBe(true);
    expect((await ivy.sdk.getCurrentUser())?.defaultWorkspaceId).toBe(lab);
    expect(
      (await harness.workspace().api.config.users.get({ userId: "00000000-0000-0000-0000-000000000000" }))
        .defaultWorkspaceId,
    ).toBeUndefined();
  });

  it("get_default_cloud_context lists at most 25 workspaces and says there are more", async () => {
    const created = harness.local().createUser({ email: "jan@workspace-tools.test", name: "Jan" });
    const sdk = new CloudClient({
      clientId: created.clientId,
      clientSecret: created.clientSecret,
      publicApiRoot: harness.local().publicApiUrl,
      apiOptions: { logLevel: "off" },
    });
    for (let i = 0; i < 26; i++)
      await sdk.createWorkspace({ name: `jan ${i}`, organizationId: created.organizationId });
    const jan = await harness.connect({
      AIRBYTE_CLIENT_ID: created.clientId,
      AIRBYTE_CLIENT_SECRET: created.clientSecret,
      AIRBYTE_WORKSPACE_ID: "",
    });
    const context = await ok<Context>("get_default_cloud_context", {}, jan);
    expect(context.workspaces).toHaveLength(25);
    expect(context).toMatchObject({ workspaces_truncated: true, organizations_truncated: false });
    expect(context.discovery_hints.join(" ")).toContain("list_cloud_workspaces(organization_id");
  });

  it("read-only mode keeps the read tools and hides set_default_cloud_workspace", async () => {
    const readOnly = await harness.connect({ AIRBYTE_CLOUD_MCP_READONLY_MODE: "1" });
    const names = (await readOnly.listTools()).tools.map((tool) => tool.name);
    for (const [name, annotations] of Object.entries(WORKSPACE_TOOLS)) {
      expect(names.includes(name), name).toBe(annotations.readOnlyHint);
    }
    const hidden = await harness.call(readOnly, "set_default_cloud_workspace", {
      user_email: ADMIN_EMAIL,
      workspace_id: home,
    });
    expect(hidden.isError).toBe(true);
  });
});
