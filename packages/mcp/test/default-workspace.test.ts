/**
 * A server without a workspace of its own (no AIRBYTE_WORKSPACE_ID) acts, where a call leaves
 * workspace_id out, on the default workspace of the user its credentials belong to, as
 * PyAirbyte's tools do; and it asks again on each call, so a new default counts at once.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { CloudClient } from "airbyte-ts";
import { beforeAll, describe, expect, it } from "vitest";
import { built, useMcpServer } from "./helpers/mcp.js";

describe.skipIf(!built)("the user's default workspace, when the server has none", () => {
  const harness = useMcpServer();
  let client: Client;
  let sdk: CloudClient;
  let email: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    email = "noor@default-workspace.test";
    const created = harness.local().createUser({ email, name: "Noor" });
    sdk = new CloudClient({
      clientId: created.clientId,
      clientSecret: created.clientSecret,
      publicApiRoot: harness.local().publicApiUrl,
      apiOptions: { logLevel: "off" },
    });
    first = (await sdk.createWorkspace({ name: "noor first", organizationId: created.organizationId })).workspaceId;
    second = (await sdk.createWorkspace({ name: "noor second", organizationId: created.organizationId })).workspaceId;
    client = await harness.connect({
      AIRBYTE_CLIENT_ID: created.clientId,
      AIRBYTE_CLIENT_SECRET: created.clientSecret,
      AIRBYTE_WORKSPACE_ID: "",
    });
    harness.neverShows(created.clientSecret);
  });

  const describeDefault = () =>
    harness.ok<{ workspace_id: string; workspace_name: string }>(client, "describe_cloud_workspace");

  it("says a workspace is needed while the user has no default", async () => {
    expect((await sdk.getCurrentUser())?.defaultWorkspaceId).toBeUndefined();
    const error = await harness.refused(client, "list_cloud_connections");
    expect(error.code).toBe("invalid_argument");
    expect(error.message).toContain("Workspace ID is required");
  });

  it("acts on the user's default workspace, and on a new default at once", async () => {
    await sdk.setDefaultWorkspace({ userEmail: email, workspaceId: second });
    expect(await describeDefault()).toMatchObject({ workspace_id: second, workspace_name: "noor second" });
    await harness.ok(client, "set_default_cloud_workspace", { user_email: email, workspace_id: first });
    expect(await describeDefault()).toMatchObject({ workspace_id: first, workspace_name: "noor first" });
    // A workspace_id given still wins.
    expect(
      await harness.ok<{ workspace_id: string }>(client, "describe_cloud_workspace", { workspace_id: second }),
    ).toMatchObject({ workspace_id: second });
  });
});
