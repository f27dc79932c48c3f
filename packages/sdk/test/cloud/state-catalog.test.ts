/**
 * State and catalog conversions between the Config API and the Airbyte protocol, with every
 * example of PyAirbyte's tests (pyairbyte.md section 6), then the same through a connection of
 * the local server: dump, import, per-stream reads and writes, the 423 while a sync runs.
 */
import { describe, expect, it } from "vitest";
import {
  type CloudConnection,
  ConnectionStateLockedError,
  ConnectionSyncActiveError,
  denormalizeCatalogToApi,
  denormalizeProtocolStateToApi,
  InputError,
  isProtocolCatalogFormat,
  isProtocolStateFormat,
  normalizeCatalogToProtocol,
  normalizeStateToProtocol,
  type ConnectionState,
} from "airbyte-ts";
import { camelToSnakeKeys, snakeToCamelKeys } from "../../src/cloud/catalog.js";
import { rejection, seedConnection, useCloudServer } from "./harness.js";

const STREAM_STATE: ConnectionState = {
  stateType: "stream",
  connectionId: "c1",
  streamState: [
    { streamDescriptor: { name: "users", namespace: "public" }, streamState: { cursor: "2024-01-01" } },
    { streamDescriptor: { name: "orders" }, streamState: { cursor: "2024-06-01" } },
  ],
};

const GLOBAL_STATE: ConnectionState = {
  stateType: "global",
  connectionId: "c2",
  globalState: {
    shared_state: { cdc_offset: "12345" },
    streamStates: [{ streamDescriptor: { name: "users" }, streamState: { cursor: "2024-01-01" } }],
  },
};

const LEGACY_STATE: ConnectionState = { stateType: "legacy", connectionId: "c3", state: { some_key: "some_value" } };

const API_CATALOG = {
  streams: [
    {
      stream: {
        name: "users",
        jsonSchema: { type: "object" },
        supportedSyncModes: ["full_refresh", "incremental"],
        sourceDefinedCursor: true,
        defaultCursorField: ["updated_at"],
        sourceDefinedPrimaryKey: [["id"]],
      },
      config: {
        syncMode: "incremental",
        destinationSyncMode: "append_dedup",
        cursorField: ["updated_at"],
        primaryKey: [["id"]],
      },
    },
  ],
};

const PROTOCOL_CATALOG = {
  streams: [
    {
      stream: {
        name: "users",
        json_schema: { type: "object" },
        supported_sync_modes: ["full_refresh", "incremental"],
        source_defined_cursor: true,
        default_cursor_field: ["updated_at"],
        source_defined_primary_key: [["id"]],
      },
      sync_mode: "incremental",
      destination_sync_mode: "append_dedup",
      cursor_field: ["updated_at"],
      primary_key: [["id"]],
    },
  ],
};

describe("key case conversion", () => {
  it.each([
    ["streamDescriptor", "stream_descriptor"],
    ["destinationSyncMode", "destination_sync_mode"],
    ["jsonSchema", "json_schema"],
    ["name", "name"],
    ["someURL", "some_u_r_l"],
    ["_ab_x", "ab_x"],
  ])("camelCase %s -> %s", (camel, snake) => {
    expect(camelToSnakeKeys({ [camel]: 1 })).toEqual({ [snake]: 1 });
  });

  it.each([
    ["stream_descriptor", "streamDescriptor"],
    ["source_defined_primary_key", "sourceDefinedPrimaryKey"],
    ["json_schema", "jsonSchema"],
    ["name", "name"],
    ["_ab_x", "AbX"],
    ["some_URL", "someUrl"],
  ])("snake_case %s -> %s", (snake, camel) => {
    expect(snakeToCamelKeys({ [snake]: 1 })).toEqual({ [camel]: 1 });
  });

  it("renames only the top-level keys: nested values are never touched", () => {
    const nested = { innerKey: { deepKey: 1 }, list: [{ itemKey: 2 }] };
    expect(camelToSnakeKeys({ outerKey: nested })).toEqual({ outer_key: nested });
    expect(snakeToCamelKeys({ outer_key: { inner_key: 1 } })).toEqual({ outerKey: { inner_key: 1 } });
  });
});

describe("state: Config API -> protocol", () => {
  it("stream state: one STREAM message per stream, namespace always present", () => {
    expect(normalizeStateToProtocol(STREAM_STATE)).toEqual([
      {
        type: "STREAM",
        stream: { stream_descriptor: { name: "users", namespace: "public" }, stream_state: { cursor: "2024-01-01" } },
      },
      {
        type: "STREAM",
        stream: { stream_descriptor: { name: "orders", namespace: null }, stream_state: { cursor: "2024-06-01" } },
      },
    ]);
  });

  it("global state: one GLOBAL message with the shared state and the streams", () => {
    expect(normalizeStateToProtocol(GLOBAL_STATE)).toEqual([
      {
        type: "GLOBAL",
        global: {
          shared_state: { cdc_offset: "12345" },
          stream_states: [
            { stream_descriptor: { name: "users", namespace: null }, stream_state: { cursor: "2024-01-01" } },
          ],
        },
      },
    ]);
  });

  it("global state written by PyAirbyte (sharedState) reads the same", () => {
    const pyairbyteShape = {
      ...GLOBAL_STATE,
      globalState: { sharedState: { cdc_offset: "12345" }, streamStates: GLOBAL_STATE.globalState?.streamStates },
    } as unknown as ConnectionState;
    expect(normalizeStateToProtocol(pyairbyteShape)).toEqual(normalizeStateToProtocol(GLOBAL_STATE));
  });

  it("legacy state: one LEGACY message with the blob", () => {
    expect(normalizeStateToProtocol(LEGACY_STATE)).toEqual([{ type: "LEGACY", data: { some_key: "some_value" } }]);
    expect(normalizeStateToProtocol({ stateType: "legacy", connectionId: "c" })).toEqual([
      { type: "LEGACY", data: {} },
    ]);
  });

  it("not_set, a stream state without streams and a global state without its object: no messages", () => {
    expect(normalizeStateToProtocol({ stateType: "not_set", connectionId: "c" })).toEqual([]);
    expect(normalizeStateToProtocol({ stateType: "stream", connectionId: "c", streamState: [] })).toEqual([]);
    expect(normalizeStateToProtocol({ stateType: "stream", connectionId: "c" })).toEqual([]);
    expect(normalizeStateToProtocol({ stateType: "global", connectionId: "c" })).toEqual([]);
  });

  it("a stream without a state blob gets stream_state null", () => {
    const state = { stateType: "stream", connectionId: "c", streamState: [{ streamDescriptor: { name: "a" } }] };
    expect(normalizeStateToProtocol(state as ConnectionState)).toEqual([
      { type: "STREAM", stream: { stream_descriptor: { name: "a", namespace: null }, stream_state: null } },
    ]);
  });

  it("refuses what is not a Config API state", () => {
    expect(() => normalizeStateToProtocol({ connectionId: "c" } as unknown as ConnectionState)).toThrow(InputError);
    expect(() =>
      normalizeStateToProtocol({ stateType: "other", connectionId: "c" } as unknown as ConnectionState),
    ).toThrow(/stateType must be one of global, stream, legacy, not_set/);
  });
});

describe("state: protocol -> Config API", () => {
  it("an empty list is not_set", () => {
    expect(denormalizeProtocolStateToApi([], "x")).toEqual({ stateType: "not_set", connectionId: "x" });
  });

  it("STREAM messages: one stream each; a null namespace is dropped; the connection id is the target's", () => {
    expect(denormalizeProtocolStateToApi(normalizeStateToProtocol(STREAM_STATE), "target")).toEqual({
      ...STREAM_STATE,
      connectionId: "target",
    });
  });

  it("GLOBAL: the first message only, shared state under the API's shared_state key", () => {
    const messages = normalizeStateToProtocol(GLOBAL_STATE);
    expect(denormalizeProtocolStateToApi([...messages, ...messages], "c2")).toEqual(GLOBAL_STATE);
    const withoutShared = denormalizeProtocolStateToApi([{ type: "GLOBAL", global: { stream_states: [] } }], "c");
    expect(withoutShared.globalState).toEqual({ shared_state: {}, streamStates: [] });
  });

  it("LEGACY: the first message's data", () => {
    expect(
      denormalizeProtocolStateToApi(
        [
          { type: "LEGACY", data: { k: 1 } },
          { type: "LEGACY", data: {} },
        ],
        "c",
      ),
    ).toEqual({
      stateType: "legacy",
      connectionId: "c",
      state: { k: 1 },
    });
  });

  it("the first message's type decides, case-insensitively; anything else is read as STREAM", () => {
    expect(denormalizeProtocolStateToApi([{ type: "legacy", data: { a: 1 } }], "c").stateType).toBe("legacy");
    const mixed = denormalizeProtocolStateToApi(
      [
        { type: "STREAM", stream: { stream_descriptor: { name: "a", namespace: "" }, stream_state: { n: 1 } } },
        { type: "LEGACY", data: {} },
        { stream: { stream_descriptor: { name: "b", namespace: "ns" } } },
      ],
      "c",
    );
    expect(mixed).toEqual({
      stateType: "stream",
      connectionId: "c",
      streamState: [
        { streamDescriptor: { name: "a" }, streamState: { n: 1 } },
        { streamDescriptor: { name: "" }, streamState: {} },
        { streamDescriptor: { name: "b", namespace: "ns" }, streamState: {} },
      ],
    });
  });
});

describe("state: round trips", () => {
  it.each([
    ["stream", STREAM_STATE],
    ["global", GLOBAL_STATE],
    ["legacy", LEGACY_STATE],
    ["not_set", { stateType: "not_set", connectionId: "c4" } satisfies ConnectionState],
  ])("%s: API -> protocol -> API is exact", (_type, state) => {
    expect(denormalizeProtocolStateToApi(normalizeStateToProtocol(state), state.connectionId)).toEqual(state);
  });

  it.each([
    ["stream", STREAM_STATE],
    ["global", GLOBAL_STATE],
    ["legacy", LEGACY_STATE],
    ["not_set", { stateType: "not_set", connectionId: "c4" } satisfies ConnectionState],
  ])("%s: protocol -> API -> protocol is exact", (_type, state) => {
    const messages = normalizeStateToProtocol(state);
    expect(normalizeStateToProtocol(denormalizeProtocolStateToApi(messages, "any"))).toEqual(messages);
  });
});

describe("state: format detection", () => {
  it.each([
    ["an empty list", true, []],
    ["STREAM messages", true, [{ type: "STREAM", stream: {} }]],
    ["GLOBAL and LEGACY messages", true, [{ type: "GLOBAL" }, { type: "LEGACY" }]],
    ["a Config API stream list", false, [{ streamDescriptor: { name: "a" } }]],
    ["a list with one unknown type", false, [{ type: "STREAM" }, { type: "OTHER" }]],
    ["lower-case types", false, [{ type: "stream" }]],
    ["a single protocol message", true, { type: "STREAM", stream: {} }],
    ["a Config API state", false, { stateType: "stream", connectionId: "c" }],
    ["an object with both keys", false, { type: "STREAM", stateType: "stream" }],
  ])("%s: protocol format is %s", (_label, expected, input) => {
    expect(isProtocolStateFormat(input)).toBe(expected);
  });
});

describe("catalog conversions", () => {
  it("syncCatalog -> protocol: keys to snake_case, config flattened", () => {
    expect(normalizeCatalogToProtocol(API_CATALOG)).toEqual(PROTOCOL_CATALOG);
  });

  it("protocol -> syncCatalog: keys to camelCase, everything but stream under config", () => {
    expect(denormalizeCatalogToApi(PROTOCOL_CATALOG)).toEqual(API_CATALOG);
  });

  it("both round trips are exact", () => {
    expect(denormalizeCatalogToApi(normalizeCatalogToProtocol(API_CATALOG))).toEqual(API_CATALOG);
    expect(normalizeCatalogToProtocol(denormalizeCatalogToApi(PROTOCOL_CATALOG))).toEqual(PROTOCOL_CATALOG);
  });

  it("every config key is flattened, unselected streams stay, other catalog keys go", () => {
    const catalog = {
      streams: [{ stream: { name: "a" }, config: { selected: false, aliasName: "a2", syncMode: "full_refresh" } }],
      other: 1,
    };
    expect(normalizeCatalogToProtocol(catalog)).toEqual({
      streams: [{ stream: { name: "a" }, selected: false, alias_name: "a2", sync_mode: "full_refresh" }],
    });
  });

  it("empty catalogs convert to empty catalogs", () => {
    expect(normalizeCatalogToProtocol({ streams: [] })).toEqual({ streams: [] });
    expect(denormalizeCatalogToApi({ streams: [] })).toEqual({ streams: [] });
  });

  it.each([
    ["the protocol format", true, PROTOCOL_CATALOG],
    ["a first entry with only destination_sync_mode", true, { streams: [{ stream: {}, destination_sync_mode: "x" }] }],
    ["the Config API format", false, API_CATALOG],
    ["an empty catalog", false, { streams: [] }],
    ["no streams at all", false, {}],
  ])("%s: protocol format is %s", (_label, expected, catalog) => {
    expect(isProtocolCatalogFormat(catalog)).toBe(expected);
  });
});

describe("through a connection of the local server", () => {
  const harness = useCloudServer();

  async function connection(): Promise<CloudConnection> {
    const workspace = harness.workspace();
    const { connection } = await seedConnection(harness.admin(), workspace.workspaceId, {
      streams: ["users", "products"],
    });
    return workspace.getConnection(connection.connectionId);
  }

  it("dumpRawState: protocol messages by default, the Config API's state with normalize: false; one request each", async () => {
    const target = await connection();
    const protocol = await harness.count(() => target.dumpRawState());
    expect(protocol).toEqual({ result: [], requests: { "config.state.get": 1 } });
    const raw = await harness.count(() => target.dumpRawState({ normalize: false }));
    expect(raw.result).toEqual({ stateType: "not_set", connectionId: target.connectionId });
    expect(raw.requests).toEqual({ "config.state.get": 1 });
    expect(await target.getStateArtifacts()).toBeUndefined();
  });

  it("importRawState takes protocol messages, one message or a Config API state, always for this connection", async () => {
    const target = await connection();
    const imported = await harness.count(() => target.importRawState(normalizeStateToProtocol(STREAM_STATE)));
    expect(imported.requests).toEqual({ "config.state.create_or_update_safe": 1 });
    expect(imported.result).toEqual({ ...STREAM_STATE, connectionId: target.connectionId });
    expect(await target.dumpRawState({ normalize: false })).toEqual({
      ...STREAM_STATE,
      connectionId: target.connectionId,
    });
    expect(await target.dumpRawState()).toEqual(normalizeStateToProtocol(STREAM_STATE));
    expect(await target.getStateArtifacts()).toEqual(STREAM_STATE.streamState);

    await target.importRawState({ type: "LEGACY", data: { k: "v" } });
    expect(await target.dumpRawState({ normalize: false })).toEqual({
      stateType: "legacy",
      connectionId: target.connectionId,
      state: { k: "v" },
    });
    await target.importRawState(GLOBAL_STATE);
    expect(await target.dumpRawState({ normalize: false })).toEqual({
      ...GLOBAL_STATE,
      connectionId: target.connectionId,
    });
  });

  it("importRawState refuses a list that is not protocol messages, and anything not an object, before any request", async () => {
    const target = await connection();
    const list = await harness.count(() => rejection(target.importRawState([{ streamDescriptor: { name: "a" } }])));
    expect(list.result).toBeInstanceOf(InputError);
    expect(list.result.message).toMatch(/STREAM, GLOBAL, or LEGACY/);
    expect(list.requests).toEqual({});
    expect(await rejection(target.importRawState("state" as unknown as ConnectionState))).toBeInstanceOf(InputError);
  });

  it("getStreamState and setStreamState work on stream states, matching names and namespaces exactly", async () => {
    const target = await connection();
    await target.importRawState(STREAM_STATE);
    expect(await harness.count(() => target.getStreamState("users", "public"))).toEqual({
      result: { cursor: "2024-01-01" },
      requests: { "config.state.get": 1 },
    });
    expect(await target.getStreamState("users")).toBeUndefined();
    expect(await target.getStreamState("orders", "")).toEqual({ cursor: "2024-06-01" });
    expect(await target.getStreamState("nope")).toBeUndefined();

    const set = await harness.count(() => target.setStreamState("orders", { cursor: "2025-01-01" }));
    expect(set.requests).toEqual({ "config.state.create_or_update_safe": 1, "config.state.get": 1 });
    await target.setStreamState("items", { cursor: "1" }, "shop");
    expect((await target.dumpRawState({ normalize: false })).streamState).toEqual([
      { streamDescriptor: { name: "users", namespace: "public" }, streamState: { cursor: "2024-01-01" } },
      { streamDescriptor: { name: "orders" }, streamState: { cursor: "2025-01-01" } },
      { streamDescriptor: { name: "items", namespace: "shop" }, streamState: { cursor: "1" } },
    ]);
  });

  it("setStreamState keeps a global state's shared part", async () => {
    const target = await connection();
    await target.importRawState(GLOBAL_STATE);
    await target.setStreamState("users", { cursor: "2030-01-01" });
    expect((await target.dumpRawState({ normalize: false })).globalState).toEqual({
      shared_state: { cdc_offset: "12345" },
      streamStates: [{ streamDescriptor: { name: "users" }, streamState: { cursor: "2030-01-01" } }],
    });
    expect(await target.getStreamState("users")).toEqual({ cursor: "2030-01-01" });
  });

  it("setStreamState refuses connections without state and legacy states", async () => {
    const target = await connection();
    const unset = await rejection(target.setStreamState("users", {}));
    expect(unset).toBeInstanceOf(InputError);
    expect(unset.message).toBe("Cannot set stream state: connection has no existing state.");
    await target.importRawState(LEGACY_STATE);
    expect((await rejection(target.setStreamState("users", {}))).message).toBe(
      "Cannot set stream state on a legacy-type connection state.",
    );
  });

  it("while a sync runs, replacing the state is a ConnectionStateLockedError (the server's 423)", async () => {
    const workspace = harness.workspace();
    const { connection } = await seedConnection(harness.admin(), workspace.workspaceId, {
      destinationConfiguration: {
        destinationType: "dev-null",
        test_destination: { test_destination_type: "THROTTLED", millis_per_record: 10_000 },
      },
    });
    const target = workspace.getConnection(connection.connectionId);
    const sync = await target.runSync({ wait: false });
    try {
      const error = await rejection(target.importRawState(STREAM_STATE));
      expect(error).toBeInstanceOf(ConnectionStateLockedError);
      expect(error).toBeInstanceOf(ConnectionSyncActiveError);
      expect(error).toMatchObject({
        code: "state_locked",
        connectionId: target.connectionId,
        connectionUrl: target.connectionUrl,
        guidance: "Wait for the current sync to complete before updating state.",
      });
    } finally {
      await sync.cancel();
    }
  });

  it("dumpRawCatalog and importRawCatalog: both formats, one request each", async () => {
    const target = await connection();
    const raw = await harness.count(() => target.dumpRawCatalog({ normalize: false }));
    expect(raw.requests).toEqual({ "config.web_backend.connections.get": 1 });
    const apiCatalog = raw.result!;
    const selected = apiCatalog.streams.filter((s) => s.config?.selected).map((s) => s.stream?.name);
    expect(selected.sort()).toEqual(["products", "users"]);

    const protocol = await target.dumpRawCatalog();
    expect(protocol).toEqual(normalizeCatalogToProtocol(apiCatalog));
    expect(await target.getCatalogArtifact()).toEqual(protocol);

    // Deselect products through the protocol format; the catalog comes back the same otherwise.
    const edited = {
      streams: protocol!.streams.map((entry) =>
        entry.stream.name === "products" ? { ...entry, selected: false } : entry,
      ),
    };
    const imported = await harness.count(() => target.importRawCatalog(edited));
    expect(imported.requests).toEqual({ "config.web_backend.connections.update": 1 });
    const after = await target.dumpRawCatalog({ normalize: false });
    const products = after!.streams.find((s) => s.stream?.name === "products");
    expect(products?.config?.selected).toBe(false);
    expect(await target.getStreamNames()).toEqual(["users"]);
  });
});
