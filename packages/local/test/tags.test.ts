import { describe, expect, test } from "vitest";
import { failure, useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();

async function newWorkspace(name: string): Promise<string> {
  return (await harness.admin().workspaces.createWorkspace({ name })).workspaceId;
}

async function outsider() {
  const user = harness.local().createUser({ email: `outsider-${Math.random()}@example.com` });
  return harness.client({ clientId: user.clientId, clientSecret: user.clientSecret });
}

describe("tags", () => {
  test("create, get, list, update and delete", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace("tags-crud");
    const created = await api.tags.createTag({ name: "finance", color: "FF00aa", workspaceId });
    expect(created).toEqual({ tagId: expect.any(String), name: "finance", color: "FF00aa", workspaceId });
    expect(await api.tags.getTag({ tagId: created.tagId })).toEqual(created);

    const second = await api.tags.createTag({ name: "alpha", color: "000000", workspaceId });
    expect((await api.tags.listTags({ workspaceIds: [workspaceId] })).data.map((t) => t.name)).toEqual([
      "alpha",
      "finance",
    ]);

    const updated = await api.tags.updateTag({ tagId: created.tagId }, { name: "billing", color: "123ABC" });
    expect(updated).toEqual({ ...created, name: "billing", color: "123ABC" });

    await api.tags.deleteTag({ tagId: second.tagId });
    expect((await api.tags.listTags({ workspaceIds: [workspaceId] })).data).toEqual([updated]);
    const gone = await failure(api.tags.getTag({ tagId: second.tagId }));
    expect(gone.status).toBe(404);
    expect(gone.data).toEqual({ resourceType: "tag", resourceId: second.tagId });
  });

  test("without workspaceIds, the tags of every workspace the caller can read", async () => {
    const api = harness.admin();
    const first = await newWorkspace("tags-all-1");
    const second = await newWorkspace("tags-all-2");
    await api.tags.createTag({ name: "one", color: "111111", workspaceId: first });
    await api.tags.createTag({ name: "two", color: "222222", workspaceId: second });
    const names = (await api.tags.listTags()).data.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["one", "two"]));
    // Repeated and comma-separated ids both work.
    const both = await api.request<{ data: { name: string }[] }>({
      operation: "listTags",
      method: "GET",
      path: `/tags?workspaceIds=${first},${second}`,
    });
    expect(both.data.map((t) => t.name).sort()).toEqual(["one", "two"]);
  });

  test("colours are six hex digits without #", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace("tags-colors");
    for (const color of ["#FF00AA", "FFF", "GG0000", "FF00AA0", ""]) {
      const error = await failure(api.tags.createTag({ name: `c${color}`, color, workspaceId }));
      expect(error.status, color).toBe(400);
      expect(error.type).toBe("error:tag-invalid-hex-color");
      expect(error.title).toBe("Invalid hex color");
    }
    const tag = await api.tags.createTag({ name: "ok", color: "abcdef", workspaceId });
    const error = await failure(api.tags.updateTag({ tagId: tag.tagId }, { name: "ok", color: "#abcdef" }));
    expect(error.type).toBe("error:tag-invalid-hex-color");
  });

  test("names have at most 30 characters", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace("tags-names");
    await api.tags.createTag({ name: "x".repeat(30), color: "000000", workspaceId });
    const error = await failure(api.tags.createTag({ name: "y".repeat(31), color: "000000", workspaceId }));
    expect(error.status).toBe(400);
    expect(error.type).toBe("error:tag-name-too-long");
    expect(error.detail).toBe("The tag name can be maximum 30 characters.");
  });

  test("a name is unique in its workspace, not across workspaces", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace("tags-dup");
    const other = await newWorkspace("tags-dup-other");
    const tag = await api.tags.createTag({ name: "dup", color: "000000", workspaceId });
    const error = await failure(api.tags.createTag({ name: "dup", color: "111111", workspaceId }));
    expect(error.status).toBe(409);
    expect(error.type).toBe("error:tag-already-exists");
    await api.tags.createTag({ name: "dup", color: "111111", workspaceId: other });
    const renamed = await api.tags.createTag({ name: "other", color: "000000", workspaceId });
    const clash = await failure(api.tags.updateTag({ tagId: renamed.tagId }, { name: "dup", color: "000000" }));
    expect(clash.status).toBe(409);
    // Keeping its own name is no clash.
    expect((await api.tags.updateTag({ tagId: tag.tagId }, { name: "dup", color: "222222" })).color).toBe("222222");
  });

  test("a workspace holds at most 100 tags", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace("tags-limit");
    for (let i = 0; i < 100; i++) await api.tags.createTag({ name: `t${i}`, color: "000000", workspaceId });
    const error = await failure(api.tags.createTag({ name: "t100", color: "000000", workspaceId }));
    expect(error.status).toBe(400);
    expect(error.type).toBe("error:tag-limit-for-workspace-reached");
  });

  test("another organization's user gets 403 on every route", async () => {
    const api = harness.admin();
    const workspaceId = harness.local().workspaceId;
    const tag = await api.tags.createTag({ name: "private", color: "000000", workspaceId });
    const other = await outsider();
    for (const call of [
      () => other.tags.listTags({ workspaceIds: [workspaceId] }),
      () => other.tags.createTag({ name: "intruder", color: "000000", workspaceId }),
      () => other.tags.getTag({ tagId: tag.tagId }),
      () => other.tags.updateTag({ tagId: tag.tagId }, { name: "x", color: "000000" }),
      () => other.tags.deleteTag({ tagId: tag.tagId }),
    ]) {
      const error = await failure(call());
      expect(error.status).toBe(403);
      expect(error.title).toBe("forbidden");
    }
    // Their own list holds nothing of ours.
    expect((await other.tags.listTags()).data).toEqual([]);
    expect((await api.tags.getTag({ tagId: tag.tagId })).name).toBe("private");
  });

  test("a reader may read tags but not write them", async () => {
    const api = harness.admin();
    const workspaceId = harness.local().workspaceId;
    const tag = await api.tags.createTag({ name: "readable", color: "000000", workspaceId });
    const reader = harness.local().createUser({
      email: `reader-${Math.random()}@example.com`,
      organizationId: harness.local().organizationId,
      organizationRole: "organization_reader",
    });
    const client = harness.client({ clientId: reader.clientId, clientSecret: reader.clientSecret });
    expect((await client.tags.getTag({ tagId: tag.tagId })).name).toBe("readable");
    const error = await failure(client.tags.createTag({ name: "nope", color: "000000", workspaceId }));
    expect(error.status).toBe(403);
    expect(error.data?.message).toBe(
      "Caller does not have the required WORKSPACE_EDITOR permissions to access the resource(s).",
    );
  });

  test("bad input: malformed JSON, missing fields, wrong types, bad ids", async () => {
    const api = harness.admin();
    const workspaceId = harness.local().workspaceId;
    const raw = (method: string, path: string, body?: unknown) =>
      failure(
        api.request({ operation: "raw", method: method as "POST", path, ...(body === undefined ? {} : { body }) }),
      );
    expect((await raw("POST", "/tags", { name: "n", color: "000000" })).status).toBe(400);
    expect((await raw("POST", "/tags", { name: 5, color: "000000", workspaceId })).status).toBe(422);
    expect((await raw("POST", "/tags", { name: "n", color: "000000", workspaceId: "nope" })).status).toBe(400);
    expect((await raw("PATCH", `/tags/${crypto.randomUUID()}`, { name: "n" })).status).toBe(400);
    expect((await raw("GET", "/tags/not-a-uuid")).status).toBe(400);
    expect((await raw("GET", "/tags?workspaceIds=nope")).status).toBe(400);
    const unknown = crypto.randomUUID();
    const missing = await raw("DELETE", `/tags/${unknown}`);
    expect(missing.status).toBe(404);
    expect(missing.data).toEqual({ resourceType: "tag", resourceId: unknown });
    expect((await raw("POST", "/tags", { name: "n", color: "000000", workspaceId: crypto.randomUUID() })).status).toBe(
      404,
    );

    const token = await api.applications.createAccessToken({
      client_id: harness.local().clientId,
      client_secret: harness.local().clientSecret,
      grant_type: "client_credentials",
    });
    const response = await fetch(`${harness.local().publicApiUrl}/tags`, {
      method: "POST",
      headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(422);
  });
});
