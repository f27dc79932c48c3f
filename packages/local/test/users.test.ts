/**
 * Users in the Config API: `users/get` and `users/update` (name and default workspace), each
 * user on their own record and the instance admin on anyone's.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { failure, type Person, useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();
const UNKNOWN = "7d2c4e1a-9b3f-4c5d-8e6f-0a1b2c3d4e5f";

let dana: Person; // admin of her organization
let eric: Person; // admin of another organization
let workspaceId: string; // in dana's organization

beforeAll(async () => {
  dana = harness.person("dana@users.test", { organizationRole: "organization_admin" });
  eric = harness.person("eric@users.test");
  workspaceId = (
    await dana.api.workspaces.createWorkspace({ name: "dana's default", organizationId: dana.organizationId })
  ).workspaceId;
});

describe("users/get", () => {
  test("a user reads their own record: registered, no default workspace until one is set", async () => {
    expect(await dana.api.config.users.get({ userId: dana.userId })).toEqual({
      userId: dana.userId,
      name: "dana",
      email: "dana@users.test",
      status: "registered",
      metadata: {},
    });
  });

  test("another user's record is the instance admin's to read (403), an unknown one 404", async () => {
    expect((await failure(eric.api.config.users.get({ userId: dana.userId }))).status).toBe(403);
    expect((await failure(eric.api.config.users.get({ userId: UNKNOWN }))).status).toBe(403);
    expect((await harness.admin().config.users.get({ userId: dana.userId })).email).toBe("dana@users.test");
    expect((await failure(harness.admin().config.users.get({ userId: UNKNOWN }))).status).toBe(404);
  });

  test("a body without userId is refused at the edge (400), as every Config API call", async () => {
    const refused = await failure(dana.api.config.users.get({} as { userId: string }));
    expect(refused.status).toBe(400);
  });
});

describe("users/update", () => {
  test("sets the default workspace and the name; the fields left out keep their values", async () => {
    const updated = await dana.api.config.users.update({ userId: dana.userId, defaultWorkspaceId: workspaceId });
    expect(updated).toMatchObject({ userId: dana.userId, name: "dana", defaultWorkspaceId: workspaceId });
    const renamed = await dana.api.config.users.update({ userId: dana.userId, name: "Dana D." });
    expect(renamed).toMatchObject({ name: "Dana D.", defaultWorkspaceId: workspaceId });
    expect(await dana.api.config.users.get({ userId: dana.userId })).toEqual(renamed);
  });

  test("a whole-object update (what users/get answered, sent back) is accepted", async () => {
    const record = await dana.api.config.users.get({ userId: dana.userId });
    const { email: _email, ...writable } = record;
    expect(await dana.api.config.users.update({ ...writable, news: true, companyName: "D&Co" })).toEqual(record);
  });

  test("the default must be a live workspace: unknown 404, deleted 400; nothing changes", async () => {
    const before = await dana.api.config.users.get({ userId: dana.userId });
    const unknown = await failure(dana.api.config.users.update({ userId: dana.userId, defaultWorkspaceId: UNKNOWN }));
    expect(unknown.status).toBe(404);
    const scratch = await dana.api.workspaces.createWorkspace({ name: "scratch", organizationId: dana.organizationId });
    await dana.api.workspaces.deleteWorkspace({ workspaceId: scratch.workspaceId });
    const deleted = await failure(
      dana.api.config.users.update({ userId: dana.userId, defaultWorkspaceId: scratch.workspaceId }),
    );
    expect(deleted.status).toBe(400);
    expect((await failure(dana.api.config.users.update({ userId: dana.userId, name: "  " }))).status).toBe(400);
    expect(await dana.api.config.users.get({ userId: dana.userId })).toEqual(before);
  });

  test("only the user or the instance admin may change a record", async () => {
    const refused = await failure(eric.api.config.users.update({ userId: dana.userId, name: "not dana" }));
    expect(refused.status).toBe(403);
    const byAdmin = await harness.admin().config.users.update({ userId: eric.userId, name: "Eric E." });
    expect(byAdmin.name).toBe("Eric E.");
    expect((await dana.api.config.users.get({ userId: dana.userId })).name).toBe("Dana D.");
  });
});
