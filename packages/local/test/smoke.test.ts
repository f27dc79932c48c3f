import { expect, test } from "vitest";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();

test("workspaces through the SDK", async () => {
  const api = harness.admin();
  const page = await api.workspaces.listWorkspaces();
  expect(page.data.map((w) => w.name)).toEqual(["Default Workspace"]);
  const created = await api.workspaces.createWorkspace({ name: "analytics" });
  expect(created.name).toBe("analytics");
  expect((await api.workspaces.getWorkspace({ workspaceId: created.workspaceId })).name).toBe("analytics");
  await expect(api.workspaces.getWorkspace({ workspaceId: "nope" })).rejects.toThrow(/must be a UUID/);
  expect(await api.health.getHealthCheck()).toBe("Successful operation");
});
