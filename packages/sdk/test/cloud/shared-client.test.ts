/**
 * One low-level client per object graph, against the local server: a CloudClient's workspaces
 * and everything they hand out send through the client's `api`; its tokens belong to it (and its
 * `withOptions()` copies), never to another client in the same process.
 */
import { describe, expect, it } from "vitest";
import { AirbyteApi, CloudClient, type Hooks, selfManaged } from "airbyte-ts";
import { seedConnection, useCloudServer } from "./harness.js";

const harness = useCloudServer();

/** Records, per request, its operation and the Authorization header it carried. */
function recorder(): { hooks: Hooks; tokenRequests(): number; authorizations(): Set<string> } {
  const seen: { operation: string; authorization: string | null }[] = [];
  return {
    hooks: {
      beforeRequest: (context) => {
        seen.push({ operation: context.operation, authorization: context.headers.get("authorization") });
      },
    },
    tokenRequests: () => seen.filter((request) => request.operation === "createAccessToken").length,
    authorizations: () =>
      new Set(
        seen
          .filter((request) => request.operation !== "createAccessToken")
          .map((request) => request.authorization ?? "none"),
      ),
  };
}

function lowLevelClient(clientId: string, clientSecret: string, hooks: Hooks): AirbyteApi {
  return new AirbyteApi({
    ...selfManaged(harness.local().url),
    clientId,
    clientSecret,
    hooks,
    retries: false,
    logLevel: "off",
  });
}

describe("one client per object graph", () => {
  it("a CloudClient's workspace, its connections and their sync results share the client's api", async () => {
    const client = harness.client({ workspaceId: harness.local().workspaceId });
    const workspace = client.getWorkspace();
    expect(workspace.api).toBe(client.api);
    const seeded = await seedConnection(harness.admin(), workspace.workspaceId);
    const connection = workspace.getConnection(seeded.connection.connectionId);
    expect(connection.workspace.api).toBe(client.api);
    const source = await connection.getSource();
    expect(source.workspace.api).toBe(client.api);
  });

  it("the workspace of a CloudClient mints no token of its own", async () => {
    const seen = recorder();
    const client = new CloudClient({
      clientId: harness.local().clientId,
      clientSecret: harness.local().clientSecret,
      publicApiRoot: harness.local().publicApiUrl,
      apiOptions: { hooks: seen.hooks, retries: false, logLevel: "off" },
    });
    await client.listWorkspaces();
    await client.getWorkspace(harness.local().workspaceId).getInfo();
    await client.getWorkspace(harness.local().workspaceId).getInfo();
    expect(seen.tokenRequests()).toBe(1);
  });
});

describe("tokens belong to a client", () => {
  it("two clients with different credentials in one process never share a token", async () => {
    const application = await harness.admin().applications.createApplication({ name: "second identity" });
    const first = recorder();
    const second = recorder();
    const admin = lowLevelClient(harness.local().clientId, harness.local().clientSecret, first.hooks);
    const other = lowLevelClient(application.clientId, application.clientSecret, second.hooks);
    for (let round = 0; round < 3; round++) {
      await admin.workspaces.listWorkspaces();
      await other.workspaces.listWorkspaces();
    }
    expect(first.tokenRequests()).toBe(1);
    expect(second.tokenRequests()).toBe(1);
    expect(first.authorizations().size).toBe(1);
    expect(second.authorizations().size).toBe(1);
    const [firstToken] = first.authorizations();
    expect(second.authorizations().has(firstToken as string)).toBe(false);
  });

  it("withOptions() copies reuse the client's token; a new client with the same credentials mints its own", async () => {
    const seen = recorder();
    const api = lowLevelClient(harness.local().clientId, harness.local().clientSecret, seen.hooks);
    await api.workspaces.listWorkspaces();
    await api.withOptions({ timeoutMs: 5_000 }).workspaces.listWorkspaces();
    await api
      .withOptions({ headers: { "x-team": "data" } })
      .withOptions({ timeoutMs: 9_000 })
      .health.getHealthCheck();
    expect(seen.tokenRequests()).toBe(1);

    await lowLevelClient(
      harness.local().clientId,
      harness.local().clientSecret,
      seen.hooks,
    ).workspaces.listWorkspaces();
    expect(seen.tokenRequests()).toBe(2);
  });
});
