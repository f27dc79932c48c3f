import type { Config, StreamConfiguration } from "airbyte-ts";
import { describe, expect, test } from "vitest";
import { catalogDiff, mergeRefreshedCatalog, schemaChangeOf } from "../src/services/connections/catalog-diff.js";
import { ServiceError } from "../src/services/errors.js";
import {
  configureStreams,
  publicStreamConfigurations,
  publicSyncMode,
  selectAllStreams,
  streamFieldPaths,
  validSyncModes,
} from "../src/services/connections/stream-configuration.js";

const usersSchema = {
  type: "object",
  properties: {
    id: { type: "integer" },
    name: { type: "string" },
    updated_at: { type: "string", format: "date-time" },
    address: { type: "object", properties: { city: { type: "string" }, zip: { type: "string" } } },
  },
};
const eventsSchema = {
  type: "object",
  properties: { event_id: { type: "string" }, kind: { type: "string" }, at: { type: "string" } },
};

function entry(stream: Config.AirbyteStream): Config.AirbyteStreamAndConfiguration {
  return {
    stream,
    config: {
      syncMode: "full_refresh",
      destinationSyncMode: "overwrite",
      ...(stream.defaultCursorField ? { cursorField: stream.defaultCursorField } : {}),
      ...(stream.sourceDefinedPrimaryKey ? { primaryKey: stream.sourceDefinedPrimaryKey } : {}),
      aliasName: stream.name,
      selected: true,
      suggested: true,
    },
  };
}

/** A source with a source-defined cursor and key (users) and one without either (events). */
const discovered: Config.AirbyteCatalog = {
  streams: [
    entry({
      name: "users",
      jsonSchema: usersSchema,
      supportedSyncModes: ["full_refresh", "incremental"],
      sourceDefinedCursor: true,
      defaultCursorField: ["updated_at"],
      sourceDefinedPrimaryKey: [["id"]],
    }),
    entry({ name: "events", jsonSchema: eventsSchema, supportedSyncModes: ["full_refresh", "incremental"] }),
  ],
};
const destinationModes: Config.DestinationSyncMode[] = ["append", "overwrite", "append_dedup"];

function rejection(streams: StreamConfiguration[], modes = destinationModes): string {
  try {
    configureStreams(discovered, streams, modes);
  } catch (error) {
    if (error instanceof ServiceError && error.kind === "bad-request") return error.message;
    throw error;
  }
  throw new Error("expected a bad request");
}

function configOf(catalog: Config.AirbyteCatalog, name: string): Config.AirbyteStreamConfiguration | undefined {
  return catalog.streams.find((s) => s.stream?.name === name)?.config;
}

describe("sync modes", () => {
  test("public modes map to internal pairs and back", () => {
    expect(publicSyncMode("incremental", "append_dedup")).toBe("incremental_deduped_history");
    expect(publicSyncMode("full_refresh", "overwrite_dedup")).toBe("full_refresh_overwrite_deduped");
    expect(publicSyncMode("incremental", "soft_delete")).toBe("incremental_soft_delete");
    expect(publicSyncMode(undefined, "append")).toBe("full_refresh_overwrite");
    expect(publicSyncMode("incremental", "overwrite")).toBeUndefined();
  });

  test("valid modes combine the source's and the destination's", () => {
    expect(validSyncModes(["full_refresh", "incremental"], ["append", "overwrite", "append_dedup"])).toEqual([
      "full_refresh_overwrite",
      "full_refresh_append",
      "incremental_append",
      "incremental_deduped_history",
    ]);
    expect(validSyncModes(["full_refresh"], ["overwrite"])).toEqual(["full_refresh_overwrite"]);
  });
});

describe("configuring streams", () => {
  test("without configurations every stream is selected in full refresh overwrite", () => {
    const catalog = selectAllStreams(discovered);
    expect(
      catalog.streams.map((s) => [
        s.stream?.name,
        s.config?.selected,
        s.config?.syncMode,
        s.config?.destinationSyncMode,
      ]),
    ).toEqual([
      ["users", true, "full_refresh", "overwrite"],
      ["events", true, "full_refresh", "overwrite"],
    ]);
    expect(publicStreamConfigurations(catalog)).toEqual([
      { name: "users", syncMode: "full_refresh_overwrite", cursorField: ["updated_at"] },
      { name: "events", syncMode: "full_refresh_overwrite" },
    ]);
  });

  test("listed streams are selected and configured; the others are kept unselected", () => {
    const catalog = configureStreams(
      discovered,
      [{ name: "users", syncMode: "incremental_deduped_history" }],
      destinationModes,
    );
    expect(configOf(catalog, "users")).toMatchObject({
      selected: true,
      syncMode: "incremental",
      destinationSyncMode: "append_dedup",
      cursorField: ["updated_at"],
      primaryKey: [["id"]],
    });
    expect(configOf(catalog, "events")).toMatchObject({ selected: false, syncMode: "full_refresh" });
    expect(publicStreamConfigurations(catalog)).toEqual([
      { name: "users", syncMode: "incremental_deduped_history", cursorField: ["updated_at"], primaryKey: [["id"]] },
    ]);
  });

  test("a stream without a source cursor takes the given cursor and key", () => {
    const catalog = configureStreams(
      discovered,
      [{ name: "events", syncMode: "incremental_deduped_history", cursorField: ["at"], primaryKey: [["event_id"]] }],
      destinationModes,
    );
    expect(configOf(catalog, "events")).toMatchObject({ cursorField: ["at"], primaryKey: [["event_id"]] });
  });

  test("selected fields enable field selection and are kept", () => {
    const catalog = configureStreams(
      discovered,
      [
        {
          name: "users",
          syncMode: "incremental_append",
          selectedFields: [{ fieldPath: ["id"] }, { fieldPath: ["updated_at"] }],
        },
      ],
      destinationModes,
    );
    expect(configOf(catalog, "users")).toMatchObject({
      fieldSelectionEnabled: true,
      selectedFields: [{ fieldPath: ["id"] }, { fieldPath: ["updated_at"] }],
    });
  });

  test("namespace, mappers, includeFiles and destinationObjectName are kept", () => {
    const mapper = {
      type: "hashing" as const,
      mapperConfiguration: { targetField: "name", method: "SHA-256", fieldNameSuffix: "_h" },
    };
    const catalog = configureStreams(
      discovered,
      [{ name: "events", namespace: "raw", mappers: [mapper], includeFiles: false, destinationObjectName: "ev" }],
      destinationModes,
    );
    expect(configOf(catalog, "events")).toMatchObject({
      namespace: "raw",
      mappers: [mapper],
      includeFiles: false,
      destinationObjectName: "ev",
    });
    expect(publicStreamConfigurations(catalog)[0]).toMatchObject({
      name: "events",
      mappers: [mapper],
      includeFiles: false,
      destinationObjectName: "ev",
    });
  });

  test("full_refresh_overwrite is accepted even when the destination does not list it", () => {
    expect(() =>
      configureStreams(discovered, [{ name: "users", syncMode: "full_refresh_overwrite" }], ["append"]),
    ).not.toThrow();
  });
});

describe("Airbyte's validation messages", () => {
  const docs = "https://reference.airbyte.com/reference/getstreamproperties";

  test("unknown and duplicate streams", () => {
    expect(rejection([{ name: "orders" }])).toBe(
      `No streams found with name [orders] and namespace [null]. Please call the ${docs} endpoint to see the valid stream name and namespace combinations.`,
    );
    expect(rejection([{ name: "users" }, { name: "users" }])).toBe(
      "Duplicate stream found in configuration for stream name [users] in namespace [null].",
    );
  });

  test("sync modes neither side offers", () => {
    expect(rejection([{ name: "users", syncMode: "incremental_update" }])).toBe(
      "Cannot set sync mode to incremental_update for stream users. Valid sync modes are: [full_refresh_overwrite, full_refresh_append, incremental_append, incremental_deduped_history]",
    );
    expect(rejection([{ name: "users", syncMode: "incremental_append" }], ["overwrite"])).toBe(
      "Cannot set sync mode to incremental_append for stream users. Valid sync modes are: [full_refresh_overwrite]",
    );
  });

  test("cursor rules", () => {
    expect(rejection([{ name: "users", syncMode: "incremental_append", cursorField: ["name"] }])).toBe(
      "Cursor Field [name] is already defined by source for stream: users. Do not include a cursor field configuration for this stream.",
    );
    expect(rejection([{ name: "events", syncMode: "incremental_append" }])).toBe(
      "No default cursor field for stream: events. Please include a cursor field configuration for this stream.",
    );
    expect(rejection([{ name: "events", syncMode: "incremental_append", cursorField: ["nope"] }])).toBe(
      "Invalid cursor field for stream: events. The list of valid cursor fields include: [[event_id], [kind], [at]].",
    );
  });

  test("primary key rules", () => {
    expect(rejection([{ name: "users", syncMode: "incremental_deduped_history", primaryKey: [["name"]] }])).toBe(
      "Primary key for stream: users is already pre-defined. Please remove the primaryKey or provide the value as [[id]].",
    );
    expect(rejection([{ name: "events", syncMode: "incremental_deduped_history", cursorField: ["at"] }])).toBe(
      "No default primary key for stream: events. Please include a primary key configuration for this stream.",
    );
    expect(
      rejection([
        { name: "events", syncMode: "incremental_deduped_history", cursorField: ["at"], primaryKey: [["missing"]] },
      ]),
    ).toBe(
      "Invalid primary key for stream: events. The list of valid primary keys fields: [[event_id], [kind], [at]].",
    );
  });

  test("field selection rules", () => {
    expect(rejection([{ name: "users", selectedFields: [] }])).toBe(
      "No fields selected for stream users. The list of valid field names includes: [id, name, updated_at, address].",
    );
    expect(rejection([{ name: "users", selectedFields: [{ fieldPath: [] }] }])).toBe(
      "Selected field path cannot be empty for stream:  users.",
    );
    expect(rejection([{ name: "users", selectedFields: [{ fieldPath: ["address", "city"] }] }])).toBe(
      "Nested field selection not supported for stream users.",
    );
    expect(rejection([{ name: "users", selectedFields: [{ fieldPath: ["id"] }, { fieldPath: ["id"] }] }])).toBe(
      "Duplicate fields selected in configuration for stream: users.",
    );
    expect(rejection([{ name: "users", selectedFields: [{ fieldPath: ["nope"] }] }])).toBe(
      "Invalid fields selected for stream users. The list of valid field names includes: [id, name, updated_at, address].",
    );
    expect(
      rejection([
        { name: "users", syncMode: "incremental_deduped_history", selectedFields: [{ fieldPath: ["updated_at"] }] },
      ]),
    ).toBe(
      "Primary key fields are not selected properly for stream: users. Please include primary key(s) in the configuration for this stream.",
    );
    expect(
      rejection([{ name: "users", syncMode: "incremental_append", selectedFields: [{ fieldPath: ["id"] }] }]),
    ).toBe(
      "Cursor field is not selected properly for stream: users. Please include the cursor field in selected fields for this stream.",
    );
  });
});

describe("schema paths", () => {
  test("nested properties are listed after their parent", () => {
    expect(streamFieldPaths(usersSchema)).toEqual([
      ["id"],
      ["name"],
      ["updated_at"],
      ["address"],
      ["address", "city"],
      ["address", "zip"],
    ]);
  });
});

describe("refreshing a catalog", () => {
  const configured = configureStreams(
    discovered,
    [
      {
        name: "users",
        syncMode: "incremental_deduped_history",
        selectedFields: [{ fieldPath: ["id"] }, { fieldPath: ["updated_at"] }],
      },
    ],
    destinationModes,
  );
  const refreshedUsers = {
    ...usersSchema,
    properties: { id: usersSchema.properties.id, updated_at: { type: "string" }, email: { type: "string" } },
  };
  const refreshed: Config.AirbyteCatalog = {
    streams: [
      entry({ ...(discovered.streams[0]?.stream as Config.AirbyteStream), jsonSchema: refreshedUsers }),
      entry({ name: "orders", jsonSchema: eventsSchema, supportedSyncModes: ["full_refresh"] }),
    ],
  };

  test("the diff lists added and removed streams and fields", () => {
    const diff = catalogDiff(configured, refreshed);
    const kinds = diff.transforms.map((t) => [t.transformType, t.streamDescriptor.name]);
    expect(kinds).toEqual([
      ["add_stream", "orders"],
      ["update_stream", "users"],
      ["remove_stream", "events"],
    ]);
    const fields = diff.transforms[1]?.updateStream?.fieldTransforms.map((f) => [
      f.transformType,
      f.fieldName,
      f.breaking,
    ]);
    expect(fields).toEqual([
      ["update_field_schema", ["updated_at"], false],
      ["add_field", ["email"], false],
      ["remove_field", ["name"], false],
      ["remove_field", ["address"], false],
      ["remove_field", ["address", "city"], false],
      ["remove_field", ["address", "zip"], false],
    ]);
    expect(schemaChangeOf(diff)).toBe("non_breaking");
    expect(schemaChangeOf(catalogDiff(configured, configured))).toBe("no_change");
  });

  test("removing the cursor of a selected incremental stream is breaking", () => {
    const withoutCursor = {
      streams: [
        entry({
          ...(discovered.streams[0]?.stream as Config.AirbyteStream),
          jsonSchema: { type: "object", properties: { id: {} } },
        }),
      ],
    };
    const diff = catalogDiff(configured, withoutCursor);
    expect(schemaChangeOf(diff)).toBe("breaking");
  });

  test("the refreshed catalog keeps the configuration of streams still there", () => {
    const merged = mergeRefreshedCatalog(configured, refreshed);
    expect(configOf(merged, "users")).toMatchObject({
      selected: true,
      syncMode: "incremental",
      destinationSyncMode: "append_dedup",
      primaryKey: [["id"]],
      fieldSelectionEnabled: true,
      // Still-selected fields, plus the newly discovered email.
      selectedFields: [{ fieldPath: ["id"] }, { fieldPath: ["updated_at"] }, { fieldPath: ["email"] }],
    });
    expect(configOf(merged, "orders")).toMatchObject({ selected: false });
    expect(merged.streams.map((s) => s.stream?.name)).toEqual(["users", "orders"]);
  });
});
