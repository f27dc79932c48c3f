import { describe, expect, test } from "vitest";
import { adminToken, failure, fakerToDevNull, member, newPair, outsider } from "./helpers/connections.js";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();

const FAKER_STREAMS = ["users", "products", "purchases"];
const STREAM_DOCS = "https://reference.airbyte.com/reference/getstreamproperties";

describe("POST /connections", () => {
  test("without configurations: Airbyte's defaults and every stream in full refresh overwrite", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-defaults");
    const before = Math.floor(Date.now() / 1000);
    const connection = await api.connections.createConnection({
      sourceId: pair.sourceId,
      destinationId: pair.destinationId,
    });
    expect(connection).toEqual({
      connectionId: expect.any(String),
      name: "faker <> null",
      sourceId: pair.sourceId,
      destinationId: pair.destinationId,
      workspaceId: pair.workspaceId,
      status: "active",
      schedule: { scheduleType: "manual" },
      nonBreakingSchemaUpdatesBehavior: "ignore",
      namespaceDefinition: "destination",
      prefix: "",
      configurations: {
        // As on Airbyte, the discovered defaults' (empty) field selection is kept, the primary key is not.
        streams: FAKER_STREAMS.map((name) => ({
          name,
          syncMode: "full_refresh_overwrite",
          cursorField: ["updated_at"],
          selectedFields: [],
        })),
      },
      createdAt: expect.any(Number),
      tags: [],
    });
    expect(connection.createdAt).toBeGreaterThanOrEqual(before);
    expect(connection.createdAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(await api.connections.getConnection({ connectionId: connection.connectionId })).toEqual(connection);
  });

  test("listed streams are configured; the others are not synced", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-streams");
    const connection = await api.connections.createConnection({
      ...pair,
      name: "configured",
      configurations: {
        streams: [
          { name: "users", syncMode: "incremental_deduped_history" },
          {
            name: "products",
            syncMode: "full_refresh_append",
            selectedFields: [{ fieldPath: ["id"] }, { fieldPath: ["price"] }],
          },
        ],
      },
    });
    expect(connection.configurations.streams).toEqual([
      {
        name: "users",
        syncMode: "incremental_deduped_history",
        cursorField: ["updated_at"],
        primaryKey: [["id"]],
        selectedFields: [],
        mappers: [],
      },
      {
        name: "products",
        syncMode: "full_refresh_append",
        cursorField: ["updated_at"],
        primaryKey: [["id"]],
        selectedFields: [{ fieldPath: ["id"] }, { fieldPath: ["price"] }],
        mappers: [],
      },
    ]);
    // The Config API shows the whole catalog: purchases is there, unselected.
    const read = await api.config.connections.get({ connectionId: connection.connectionId });
    const byName = Object.fromEntries(read.syncCatalog.streams.map((s) => [s.stream?.name, s.config]));
    expect(Object.keys(byName)).toEqual(FAKER_STREAMS);
    expect(byName.purchases?.selected).toBe(false);
    expect(byName.users).toMatchObject({
      selected: true,
      syncMode: "incremental",
      destinationSyncMode: "append_dedup",
    });
    expect(byName.products).toMatchObject({ fieldSelectionEnabled: true, destinationSyncMode: "append" });
  });

  test("names, namespaces, schema-change behaviour, status and prefix as given", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-settings");
    const connection = await api.connections.createConnection({
      ...pair,
      name: "mine",
      namespaceDefinition: "custom_format",
      namespaceFormat: "${SOURCE_NAMESPACE}_raw",
      nonBreakingSchemaUpdatesBehavior: "disable_connection",
      prefix: "faker_",
      status: "inactive",
      dataResidency: "auto",
    });
    expect(connection).toMatchObject({
      name: "mine",
      namespaceDefinition: "custom_format",
      namespaceFormat: "${SOURCE_NAMESPACE}_raw",
      nonBreakingSchemaUpdatesBehavior: "disable_connection",
      prefix: "faker_",
      status: "inactive",
    });
    // The Config API spells them as Airbyte stores them.
    const read = await api.config.connections.get({ connectionId: connection.connectionId });
    expect(read).toMatchObject({ namespaceDefinition: "customformat", nonBreakingChangesPreference: "disable" });
  });

  test("cron schedules are answered with their time zone", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-cron");
    const daily = await api.connections.createConnection({
      ...pair,
      schedule: { scheduleType: "cron", cronExpression: "0 0 12 * * ?" },
    });
    expect(daily.schedule).toEqual({ scheduleType: "cron", cronExpression: "0 0 12 * * ? UTC" });
    const suffixed = await api.connections.createConnection({
      ...pair,
      schedule: { scheduleType: "cron", cronExpression: "0 30 6 ? * MON-FRI UTC" },
    });
    expect(suffixed.schedule.cronExpression).toBe("0 30 6 ? * MON-FRI UTC");
    const read = await api.config.connections.get({ connectionId: suffixed.connectionId });
    expect(read).toMatchObject({
      scheduleType: "cron",
      scheduleData: { cron: { cronExpression: "0 30 6 ? * MON-FRI", cronTimeZone: "UTC" } },
    });
    const manual = await api.connections.createConnection({ ...pair, schedule: { scheduleType: "manual" } });
    expect(manual.schedule).toEqual({ scheduleType: "manual" });
  });

  test("schedule errors: missing, too frequent, invalid", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-cron-errors");
    const missing = await failure(api.connections.createConnection({ ...pair, schedule: { scheduleType: "cron" } }));
    expect(missing.status).toBe(400);
    expect(missing.title).toBe("bad-request");
    expect(missing.data).toEqual({ message: "Missing cron expression in the schedule." });
    const frequent = await failure(
      api.connections.createConnection({ ...pair, schedule: { scheduleType: "cron", cronExpression: "* 0 12 * * ?" } }),
    );
    expect(frequent.status).toBe(400);
    expect(frequent.data?.message).toContain("is less than the one hour minimum");
    const invalid = await failure(
      api.connections.createConnection({ ...pair, schedule: { scheduleType: "cron", cronExpression: "0 0 25 * * ?" } }),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.data?.message).toMatch(
      /^The cron expression 0 0 25 \* \* \? is not valid\. Error: .*quartz-scheduler\.org/,
    );
    // Nothing was created by the failed calls.
    const page = await api.connections.listConnections({ workspaceIds: [pair.workspaceId] });
    expect(page.data).toEqual([]);
  });

  test("stream configuration errors are Airbyte's 400s", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-stream-errors");
    const create = (streams: object[]) =>
      failure(api.connections.createConnection({ ...pair, configurations: { streams: streams as never } }));
    const unknown = await create([{ name: "orders" }]);
    expect(unknown.status).toBe(400);
    expect(unknown.data?.message).toBe(
      `No streams found with name [orders] and namespace [null]. Please call the ${STREAM_DOCS} endpoint to see the valid stream name and namespace combinations.`,
    );
    const duplicate = await create([{ name: "users" }, { name: "users" }]);
    expect(duplicate.data?.message).toBe(
      "Duplicate stream found in configuration for stream name [users] in namespace [null].",
    );
    // dev-null writes in overwrite, append and append_dedup.
    const mode = await create([{ name: "users", syncMode: "incremental_update" }]);
    expect(mode.data?.message).toBe(
      "Cannot set sync mode to incremental_update for stream users. Valid sync modes are: [full_refresh_overwrite, full_refresh_append, incremental_append, incremental_deduped_history]",
    );
    const cursor = await create([{ name: "users", syncMode: "incremental_append", cursorField: ["name"] }]);
    expect(cursor.data?.message).toBe(
      "Cursor Field [name] is already defined by source for stream: users. Do not include a cursor field configuration for this stream.",
    );
    const key = await create([{ name: "users", syncMode: "incremental_deduped_history", primaryKey: [["email"]] }]);
    expect(key.data?.message).toBe(
      "Primary key for stream: users is already pre-defined. Please remove the primaryKey or provide the value as [[id]].",
    );
    const nested = await create([{ name: "users", selectedFields: [{ fieldPath: ["address", "city"] }] }]);
    expect(nested.data?.message).toBe("Nested field selection not supported for stream users.");
    const withoutCursor = await create([
      { name: "users", syncMode: "incremental_append", selectedFields: [{ fieldPath: ["id"] }] },
    ]);
    expect(withoutCursor.data?.message).toBe(
      "Cursor field is not selected properly for stream: users. Please include the cursor field in selected fields for this stream.",
    );
  });

  test("tags are given by id and must belong to the connection's workspace", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-tags");
    const elsewhere = await newPair(harness, "conn-tags-elsewhere");
    const tag = await api.tags.createTag({ name: "prod", color: "00FF00", workspaceId: pair.workspaceId });
    const foreign = await api.tags.createTag({ name: "other", color: "0000FF", workspaceId: elsewhere.workspaceId });
    const connection = await api.connections.createConnection({ ...pair, tags: [{ ...tag, name: "ignored" }] });
    expect(connection.tags).toEqual([
      { tagId: tag.tagId, workspaceId: pair.workspaceId, name: "prod", color: "00FF00" },
    ]);
    const error = await failure(api.connections.createConnection({ ...pair, tags: [foreign] }));
    expect(error.status).toBe(404);
    expect(error.data).toEqual({ resourceType: "tag", resourceId: foreign.tagId });
    // Deleting a tag removes it from its connections.
    await api.tags.deleteTag({ tagId: tag.tagId });
    expect((await api.connections.getConnection({ connectionId: connection.connectionId })).tags).toEqual([]);
  });

  test("unknown, deleted and mismatched sources and destinations", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-actors");
    const other = await newPair(harness, "conn-actors-other");
    const unknownId = crypto.randomUUID();
    const noSource = await failure(api.connections.createConnection({ ...pair, sourceId: unknownId }));
    expect(noSource.status).toBe(404);
    expect(noSource.data).toEqual({ resourceType: "source", resourceId: unknownId });
    const noDestination = await failure(api.connections.createConnection({ ...pair, destinationId: unknownId }));
    expect(noDestination.status).toBe(404);
    expect(noDestination.data).toEqual({ resourceType: "destination", resourceId: unknownId });
    const mixed = await failure(api.connections.createConnection({ ...pair, sourceId: other.sourceId }));
    expect(mixed.status).toBe(400);
    expect(mixed.data?.message).toContain("different workspaces");
    await api.sources.deleteSource({ sourceId: other.sourceId });
    const deleted = await failure(api.connections.createConnection({ ...other }));
    expect(deleted.status).toBe(400);
    expect(deleted.data?.message).toContain("has been deleted");
  });

  test("bad input answers 400 or 422, never 500", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-bad-input");
    const send = (body: unknown, method = "POST", path = "/connections") =>
      failure(api.request({ operation: "raw", method: method as "POST", path, body }));
    expect((await send({ destinationId: pair.destinationId })).status).toBe(400);
    expect((await send({ ...pair, sourceId: "nope" })).status).toBe(400);
    expect((await send({ ...pair, name: 7 })).status).toBe(422);
    expect((await send({ ...pair, status: "paused" })).status).toBe(422);
    expect((await send({ ...pair, namespaceDefinition: "customformat" })).status).toBe(422);
    expect((await send({ ...pair, schedule: { scheduleType: "basic" } })).status).toBe(422);
    expect((await send({ ...pair, schedule: {} })).status).toBe(400);
    expect(
      (await send({ ...pair, configurations: { streams: [{ syncMode: "full_refresh_overwrite" }] } })).status,
    ).toBe(400);
    expect(
      (await send({ ...pair, configurations: { streams: [{ name: "users", syncMode: "sometimes" }] } })).status,
    ).toBe(422);
    expect((await send({ ...pair, configurations: { streams: "users" } })).status).toBe(422);
    expect((await send({ ...pair, tags: [{ tagId: crypto.randomUUID() }] })).status).toBe(400);
    expect((await send([])).status).toBe(422);

    const token = await adminToken(harness);
    const malformed = await fetch(`${harness.local().publicApiUrl}/connections`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{ nope",
    });
    expect(malformed.status).toBe(422);
    const empty = await fetch(`${harness.local().publicApiUrl}/connections`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });
    expect(empty.status).toBe(400);
  });
});

describe("GET /connections", () => {
  test("filters by workspace and tag, hides deleted ones, pages by createdAt", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-list");
    const names = ["a", "b", "c", "d"];
    const created = [];
    for (const name of names) created.push(await api.connections.createConnection({ ...pair, name }));
    const tag = await api.tags.createTag({ name: "t", color: "ABCDEF", workspaceId: pair.workspaceId });
    const tag2 = await api.tags.createTag({ name: "u", color: "ABCDEF", workspaceId: pair.workspaceId });
    await api.connections.patchConnection({ connectionId: created[1]!.connectionId }, { tags: [tag] });
    await api.connections.patchConnection({ connectionId: created[2]!.connectionId }, { tags: [tag2] });
    await api.connections.deleteConnection({ connectionId: created[3]!.connectionId });

    const page = await api.connections.listConnections({ workspaceIds: [pair.workspaceId], limit: 2 });
    expect(page.data.map((c) => c.name)).toEqual(["a", "b"]);
    const base = `${harness.local().url}/api/public/v1/connections`;
    expect(page.nextLink).toBe(`${base}?includeDeleted=false&workspaceIds=${pair.workspaceId}&limit=2&offset=2`);
    expect(page.previousLink).toBe("");
    const second = await api.connections.listConnections({ workspaceIds: [pair.workspaceId], limit: 2, offset: 2 });
    expect(second.data.map((c) => c.name)).toEqual(["c"]);
    expect(second.previousLink).toBe(`${base}?includeDeleted=false&workspaceIds=${pair.workspaceId}&limit=2&offset=0`);

    const all = await api.connections.listConnections({ workspaceIds: [pair.workspaceId], includeDeleted: true });
    expect(all.data.map((c) => [c.name, c.status])).toEqual([
      ["a", "active"],
      ["b", "active"],
      ["c", "active"],
      ["d", "deprecated"],
    ]);

    const tagged = await api.connections.listConnections({
      workspaceIds: [pair.workspaceId],
      tagIds: [tag.tagId, tag2.tagId],
    });
    expect(tagged.data.map((c) => c.name)).toEqual(["b", "c"]);
    // The tag filter is not carried in the links.
    expect(tagged.nextLink).toBe(`${base}?includeDeleted=false&workspaceIds=${pair.workspaceId}&limit=20&offset=20`);
    const empty = await api.connections.listConnections({ workspaceIds: [pair.workspaceId], offset: 50 });
    expect(empty.data).toEqual([]);
    expect(empty.nextLink).toBe("");
  });

  test("without workspaceIds: every workspace the caller can read", async () => {
    const api = harness.admin();
    const first = await newPair(harness, "conn-all-1");
    const second = await newPair(harness, "conn-all-2");
    const a = await api.connections.createConnection({ ...first });
    const b = await api.connections.createConnection({ ...second });
    const ids: string[] = [];
    for await (const connection of api.connections.listConnections()) ids.push(connection.connectionId);
    expect(ids).toEqual(expect.arrayContaining([a.connectionId, b.connectionId]));

    const stranger = outsider(harness);
    expect((await stranger.connections.listConnections()).data).toEqual([]);
    const forbidden = await failure(stranger.connections.listConnections({ workspaceIds: [first.workspaceId] }));
    expect(forbidden.status).toBe(403);
  });

  test("bad query parameters are 400s", async () => {
    const api = harness.admin();
    for (const query of [
      "limit=0",
      "limit=101",
      "offset=-1",
      "workspaceIds=nope",
      "tagIds=1",
      "includeDeleted=maybe",
    ]) {
      const error = await failure(api.request({ operation: "raw", method: "GET", path: `/connections?${query}` }));
      expect(error.status, query).toBe(400);
    }
  });
});

describe("GET, PATCH and DELETE /connections/{id}", () => {
  test("PATCH changes only the given fields", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-patch");
    const created = await api.connections.createConnection({
      ...pair,
      name: "before",
      prefix: "p_",
      schedule: { scheduleType: "cron", cronExpression: "0 0 3 * * ?" },
    });
    const id = { connectionId: created.connectionId };
    const renamed = await api.connections.patchConnection(id, { name: "after" });
    expect(renamed).toEqual({ ...created, name: "after" });

    const manual = await api.connections.patchConnection(id, { schedule: { scheduleType: "manual" } });
    expect(manual.schedule).toEqual({ scheduleType: "manual" });
    expect((await api.config.connections.get(id)).scheduleData).toBeUndefined();

    const settings = await api.connections.patchConnection(id, {
      status: "inactive",
      namespaceDefinition: "source",
      nonBreakingSchemaUpdatesBehavior: "propagate_fully",
      prefix: "",
      schedule: { scheduleType: "cron", cronExpression: "0 0 0/6 * * ? UTC" },
    });
    expect(settings).toMatchObject({
      name: "after",
      status: "inactive",
      namespaceDefinition: "source",
      nonBreakingSchemaUpdatesBehavior: "propagate_fully",
      prefix: "",
      schedule: { scheduleType: "cron", cronExpression: "0 0 0/6 * * ? UTC" },
    });
  });

  test("stream configurations replace the whole selection", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-patch-streams");
    const created = await api.connections.createConnection({ ...pair });
    const id = { connectionId: created.connectionId };
    const patched = await api.connections.patchConnection(id, {
      configurations: { streams: [{ name: "purchases", syncMode: "incremental_append" }] },
    });
    expect(patched.configurations.streams).toEqual([
      {
        name: "purchases",
        syncMode: "incremental_append",
        cursorField: ["updated_at"],
        primaryKey: [["id"]],
        selectedFields: [],
        mappers: [],
      },
    ]);
    // An empty list leaves the streams alone.
    const untouched = await api.connections.patchConnection(id, { configurations: { streams: [] } });
    expect(untouched.configurations).toEqual(patched.configurations);
    const invalid = await failure(
      api.connections.patchConnection(id, {
        configurations: { streams: [{ name: "users", syncMode: "full_refresh_update" }] },
      }),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.data?.message).toMatch(/^Cannot set sync mode to full_refresh_update for stream users/);
    expect((await api.connections.getConnection(id)).configurations).toEqual(patched.configurations);
  });

  test("tags are replaced by PATCH", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-patch-tags");
    const one = await api.tags.createTag({ name: "one", color: "111111", workspaceId: pair.workspaceId });
    const two = await api.tags.createTag({ name: "two", color: "222222", workspaceId: pair.workspaceId });
    const created = await api.connections.createConnection({ ...pair, tags: [one] });
    const id = { connectionId: created.connectionId };
    expect((await api.connections.patchConnection(id, { tags: [two, one] })).tags.map((t) => t.name)).toEqual([
      "one",
      "two",
    ]);
    expect((await api.connections.patchConnection(id, { name: "kept" })).tags).toHaveLength(2);
    expect((await api.connections.patchConnection(id, { tags: [] })).tags).toEqual([]);
  });

  test("a locked connection cannot be changed", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-locked");
    const locked = await api.connections.createConnection({ ...pair, status: "locked" });
    const error = await failure(
      api.connections.patchConnection({ connectionId: locked.connectionId }, { status: "active" }),
    );
    expect(error.status).toBe(409);
    expect(error.type).toBe("error:connection/locked");
    expect(error.title).toBe("Connection is locked");
    expect(error.data).toEqual({ connectionId: locked.connectionId });
  });

  test("DELETE deprecates; the connection stays readable and cannot come back", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-delete");
    const created = await api.connections.createConnection({ ...pair });
    const id = { connectionId: created.connectionId };
    await api.connections.deleteConnection(id);
    expect((await api.connections.getConnection(id)).status).toBe("deprecated");
    await api.connections.deleteConnection(id);
    const revive = await failure(api.connections.patchConnection(id, { status: "active" }));
    expect(revive.status).toBe(400);
    expect(revive.data?.message).toContain("has been deleted");
    // Deleting the source deprecates its connections too.
    const other = await api.connections.createConnection({ ...pair });
    await api.sources.deleteSource({ sourceId: pair.sourceId });
    expect((await api.connections.getConnection({ connectionId: other.connectionId })).status).toBe("deprecated");
  });

  test("unknown ids: 404 for the admin, 403 for others; bad ids: 400", async () => {
    const api = harness.admin();
    const unknown = crypto.randomUUID();
    for (const call of [
      () => api.connections.getConnection({ connectionId: unknown }),
      () => api.connections.patchConnection({ connectionId: unknown }, { name: "x" }),
      () => api.connections.deleteConnection({ connectionId: unknown }),
    ]) {
      const error = await failure(call());
      expect(error.status).toBe(404);
      expect(error.data).toEqual({ resourceType: "connection", resourceId: unknown });
    }
    const stranger = outsider(harness);
    expect((await failure(stranger.connections.getConnection({ connectionId: unknown }))).status).toBe(403);
    expect((await failure(api.connections.getConnection({ connectionId: "nope" }))).status).toBe(400);
    const pair = await newPair(harness, "conn-bad-patch");
    const { connectionId } = await api.connections.createConnection({ ...pair });
    const patch = (body: unknown) =>
      failure(api.request({ operation: "raw", method: "PATCH", path: `/connections/${connectionId}`, body }));
    expect((await patch({ status: "gone" })).status).toBe(422);
    expect((await patch({ schedule: { scheduleType: "cron", cronExpression: 5 } })).status).toBe(422);
    expect((await patch({ namespaceDefinition: "custom" })).status).toBe(422);
  });
});

describe("permissions", () => {
  test("another organization's user gets 403 on every route", async () => {
    const api = harness.admin();
    const pair = await newPair(harness, "conn-perm");
    const { connectionId } = await api.connections.createConnection({ ...pair });
    const stranger = outsider(harness);
    for (const call of [
      () => stranger.connections.createConnection({ ...pair }),
      () => stranger.connections.getConnection({ connectionId }),
      () => stranger.connections.patchConnection({ connectionId }, { name: "mine" }),
      () => stranger.connections.deleteConnection({ connectionId }),
      () => stranger.config.connections.get({ connectionId }),
    ]) {
      const error = await failure(call());
      expect(error.status).toBe(403);
    }
    expect((await api.connections.getConnection({ connectionId })).status).toBe("active");
  });

  test("a reader reads but does not write; an editor writes", async () => {
    const api = harness.admin();
    const workspaceId = harness.local().workspaceId;
    const pair = await fakerToDevNull(api, workspaceId);
    const { connectionId } = await api.connections.createConnection({ ...pair });
    const reader = member(harness, "organization_reader");
    expect((await reader.connections.getConnection({ connectionId })).connectionId).toBe(connectionId);
    const denied = await failure(reader.connections.patchConnection({ connectionId }, { name: "x" }));
    expect(denied.status).toBe(403);
    expect(denied.data?.message).toBe(
      "Caller does not have the required WORKSPACE_EDITOR permissions to access the resource(s).",
    );
    const editor = member(harness, "organization_editor");
    expect((await editor.connections.patchConnection({ connectionId }, { name: "edited" })).name).toBe("edited");
    const created = await editor.connections.createConnection({ ...pair, name: "by editor" });
    expect(created.workspaceId).toBe(workspaceId);
  });
});
