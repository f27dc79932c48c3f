import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { manifest } from "@airbyte-ts/test-support/manifests";
import { beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../src/server.js";
import { built, useMcpServer } from "./helpers/mcp.js";

const RO = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const W = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
const D = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
const DEFINITION_TOOLS = {
  publish_custom_source_definition: W,
  list_custom_source_definitions: RO,
  get_custom_source_definition: RO,
  get_connector_builder_draft_manifest: RO,
  update_custom_source_definition: D,
  permanently_delete_custom_source_definition: D,
};

/** The test-support manifest as YAML text, with a comment as people write it; `title` tells versions apart. */
function manifestYaml(title: string): string {
  return `# A small declarative source
version: 6.7.0
type: DeclarativeSource
check:
  type: CheckStream
  stream_names: [items]
streams:
  - type: DeclarativeStream
    name: items
spec:
  type: Spec
  documentation_url: https://example.com/docs
  connection_specification:
    $schema: http://json-schema.org/draft-07/schema#
    title: ${title}
    type: object
    required: [api_key, region]
    properties:
      api_key: { type: string, airbyte_secret: true }
      region: { type: string, enum: [eu, us] }
`;
}

/** A testing value no answer may repeat. */
const API_KEY = "sk-test-values-never-shown-4242";

interface Definition {
  definition_id: string;
  name: string;
  version: string | null;
  connector_builder_project_id: string | null;
  connector_builder_project_url: string | null;
}

describe.skipIf(!built)("airbyte-ts-mcp custom source definition tools", () => {
  const harness = useMcpServer();
  let client: Client;
  let tools: Tool[];
  harness.neverShows(API_KEY);

  beforeAll(async () => {
    client = await harness.connect();
    tools = (await client.listTools()).tools;
  });

  const ok = <T = Record<string, unknown>>(name: string, args: Record<string, unknown>, on: Client = client) =>
    harness.ok<T>(on, name, args);
  const refused = (name: string, args: Record<string, unknown>, on: Client = client) => harness.refused(on, name, args);

  const sdkDefinition = (id: string) => harness.workspace().getCustomSourceDefinition(id, { definitionType: "yaml" });

  const publish = (name: string, extra: Record<string, unknown> = {}, on: Client = client) =>
    ok<Definition & { testing_values_set: boolean }>(
      "publish_custom_source_definition",
      { name, manifest_yaml: manifestYaml("Published"), ...extra },
      on,
    );

  /** A definition with a Connector Builder draft, made with the SDK: not this session's. */
  async function seedDraftedDefinition(name: string) {
    const { api, workspaceId } = harness.workspace();
    const project = await api.config.connectorBuilderProjects.create({
      workspaceId,
      builderProject: { name, draftManifest: manifest("Draft title") },
    });
    const published = await api.config.connectorBuilderProjects.publish({
      workspaceId,
      builderProjectId: project.builderProjectId,
      name,
      initialDeclarativeManifest: {
        manifest: manifest("Published title"),
        spec: {
          connectionSpecification: (manifest().spec as { connection_specification: object }).connection_specification,
        },
        version: 1,
        description: "first",
      },
    });
    return { definitionId: published.sourceDefinitionId, projectId: project.builderProjectId };
  }

  it("lists the tools with PyAirbyte's annotations and their schemas", () => {
    const listed = tools.filter((tool) => tool.name in DEFINITION_TOOLS);
    expect(listed.map((tool) => tool.name)).toEqual(Object.keys(DEFINITION_TOOLS));
    for (const tool of listed) {
      const { title: _title, ...annotations } = tool.annotations ?? {};
      expect(annotations, tool.name).toEqual(DEFINITION_TOOLS[tool.name as keyof typeof DEFINITION_TOOLS]);
      expect(tool.outputSchema?.type, tool.name).toBe("object");
    }
  });

  it("publishes YAML text with testing values, which are stored but never shown", async () => {
    const published = await publish("mcp published", { testing_values: { api_key: API_KEY, region: "eu" } });
    expect(published).toMatchObject({ name: "mcp published", version: "1", testing_values_set: true });
    const definition = await sdkDefinition(published.definition_id);
    expect(await definition.getName()).toBe("mcp published");
    expect(
      ((await definition.getManifest())?.spec as { connection_specification: { title: string } })
        .connection_specification.title,
    ).toBe("Published");
    expect(published.connector_builder_project_id).toBe(await definition.getConnectorBuilderProjectId());
    expect(published.connector_builder_project_url).toBe(await definition.getConnectorBuilderProjectUrl());
    const project = await definition.getBuilderProjectData();
    expect(project.testingValues).toMatchObject({ region: "eu" });

    const listed = await ok<{ definitions: Definition[]; count: number }>("list_custom_source_definitions", {});
    const { testing_values_set: _set, ...summary } = published;
    expect(listed.definitions.find((d) => d.definition_id === published.definition_id)).toEqual(summary);
    expect(listed.count).toBe(listed.definitions.length);
  });

  it("publish refuses a name taken (unless unique is false), a manifest that fails validation, bad testing values", async () => {
    await publish("mcp twin");
    const twin = await refused("publish_custom_source_definition", {
      name: "mcp twin",
      manifest_yaml: manifestYaml("2"),
    });
    expect(twin.code).toBe("duplicate_resource");
    expect(twin.hint).toContain("unique: false");
    expect((await publish("mcp twin", { unique: false })).name).toBe("mcp twin");
    const noType = manifestYaml("x").replace("type: DeclarativeSource\n", "");
    const invalid = await refused("publish_custom_source_definition", { name: "mcp invalid", manifest_yaml: noType });
    expect(invalid.code).toBe("invalid_argument");
    const notJson = { name: "mcp values", manifest_yaml: manifestYaml("x"), testing_values: "{not json" };
    expect((await refused("publish_custom_source_definition", notJson)).code).toBe("invalid_argument");
    const names = (await harness.workspace().listCustomSourceDefinitions({ definitionType: "yaml" })).map((d) =>
      d.getName(),
    );
    expect(await Promise.all(names)).not.toContain("mcp invalid");
    expect((await harness.call(client, "publish_custom_source_definition", { name: "mcp no manifest" })).isError).toBe(
      true,
    );
  });

  it("takes testing values from a variable of the server's (testing_values_secret_name), never showing them", async () => {
    const fromEnv = await harness.connect({ MCP_TEST_VALUES: JSON.stringify({ api_key: API_KEY }) });
    const published = await publish(
      "mcp secret values",
      { testing_values: { region: "ap" }, testing_values_secret_name: "MCP_TEST_VALUES" },
      fromEnv,
    );
    expect(published.testing_values_set).toBe(true);
    const project = await (await sdkDefinition(published.definition_id)).getBuilderProjectData();
    // The key is there, masked as the API masks a secret the spec marks.
    expect(project.testingValues).toEqual({ region: "ap", api_key: "**********" });
    const missing = await refused(
      "update_custom_source_definition",
      { definition_id: published.definition_id, testing_values_secret_name: "MCP_NO_SUCH_VALUES" },
      fromEnv,
    );
    expect(missing.code).toBe("config_secret_missing");
    expect(missing.hint).toContain("testing_values");
  });

  it("reads a manifest file over stdio, and refuses a path over HTTP", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "mcp-manifest-")), "manifest.yaml");
    writeFileSync(file, manifestYaml("From a file"));
    const fromFile = await publish("mcp from file", { manifest_yaml: file });
    const definition = await sdkDefinition(fromFile.definition_id);
    expect(JSON.stringify(await definition.getManifest())).toContain("From a file");

    const server = createServer({ env: harness.env(), transport: "http" });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const overHttp = new Client({ name: "definition-tools-http", version: "0.0.0" });
    await overHttp.connect(clientSide);
    try {
      const path = await refused(
        "publish_custom_source_definition",
        { name: "mcp http", manifest_yaml: file },
        overHttp,
      );
      expect(path).toMatchObject({ code: "invalid_argument", message: expect.stringContaining("Over HTTP") });
      const text = await publish("mcp over http", { manifest_yaml: manifestYaml("Inline") }, overHttp);
      expect(text.name).toBe("mcp over http");
    } finally {
      await overHttp.close();
    }
  });

  it("get and get_connector_builder_draft_manifest show the published manifest and the Builder's draft", async () => {
    const { definitionId, projectId } = await seedDraftedDefinition("mcp drafted");
    const plain = await ok<Record<string, unknown>>("get_custom_source_definition", { definition_id: definitionId });
    expect(plain).toMatchObject({
      definition_id: definitionId,
      name: "mcp drafted",
      connector_builder_project_id: projectId,
    });
    expect(plain.manifest).toEqual(manifest("Published title"));
    expect(plain).not.toHaveProperty("has_draft");
    const withDraft = await ok("get_custom_source_definition", { definition_id: definitionId, include_draft: true });
    expect(withDraft).toMatchObject({ has_draft: true, draft_manifest: manifest("Draft title") });
    const draft = await ok("get_connector_builder_draft_manifest", { definition_id: definitionId });
    expect(draft).toEqual({
      definition_id: definitionId,
      name: "mcp drafted",
      connector_builder_project_id: projectId,
      connector_builder_project_url: expect.stringContaining(projectId),
      has_draft: true,
      draft_manifest: manifest("Draft title"),
      published_manifest: manifest("Published title"),
    });
    const published = await publish("mcp without draft");
    const none = await ok("get_connector_builder_draft_manifest", { definition_id: published.definition_id });
    expect(none).toMatchObject({ has_draft: false, draft_manifest: null });
    for (const tool of ["get_custom_source_definition", "get_connector_builder_draft_manifest"]) {
      const missing = await refused(tool, { definition_id: "00000000-0000-4000-8000-000000000000" });
      expect(missing.code, tool).toBe("not_found");
      expect(missing.hint, tool).toContain("list_custom_source_definitions");
    }
  });

  it("updates a definition of its own: a new manifest version, new testing values, or both", async () => {
    const { definition_id } = await publish("mcp updated");
    const updated = await ok<Definition & { manifest_updated: boolean; testing_values_updated: boolean }>(
      "update_custom_source_definition",
      {
        definition_id,
        manifest_yaml: manifestYaml("Second"),
        testing_values: JSON.stringify({ api_key: API_KEY, region: "us" }),
      },
    );
    expect(updated).toMatchObject({
      definition_id,
      version: "2",
      manifest_updated: true,
      testing_values_updated: true,
    });
    const definition = await sdkDefinition(definition_id);
    expect(JSON.stringify(await definition.getManifest())).toContain("Second");
    expect((await definition.getBuilderProjectData()).testingValues).toMatchObject({ region: "us" });
    const valuesOnly = await ok("update_custom_source_definition", {
      definition_id,
      testing_values: { api_key: API_KEY, region: "eu" },
    });
    expect(valuesOnly).toMatchObject({ version: "2", manifest_updated: false, testing_values_updated: true });
    expect((await refused("update_custom_source_definition", { definition_id })).code).toBe("invalid_argument");
    const invalid = manifestYaml("x").replace("type: DeclarativeSource\n", "");
    expect((await refused("update_custom_source_definition", { definition_id, manifest_yaml: invalid })).code).toBe(
      "invalid_argument",
    );
    expect(await (await sdkDefinition(definition_id)).getVersion()).toBe("2");
  });

  it("deletes a definition of its own: the exact name, containing delete-me; then it is gone", async () => {
    const kept = await publish("mcp keep");
    const unsafe = await refused("permanently_delete_custom_source_definition", {
      definition_id: kept.definition_id,
      name: "mcp keep",
    });
    expect(unsafe.code).toBe("unsafe_delete");
    expect(unsafe.hint).toContain("cannot be renamed");
    const { definition_id } = await publish("mcp delete-me");
    const mismatch = await refused("permanently_delete_custom_source_definition", { definition_id, name: "mcp" });
    expect(mismatch.code).toBe("name_mismatch");
    expect(await (await sdkDefinition(definition_id)).getName()).toBe("mcp delete-me");
    const deleted = await ok("permanently_delete_custom_source_definition", { definition_id, name: "mcp delete-me" });
    expect(deleted).toEqual({ definition_id, name: "mcp delete-me", deleted: true });
    const listed = await harness.workspace().listCustomSourceDefinitions({ definitionType: "yaml" });
    expect(listed.map((d) => d.definitionId)).not.toContain(definition_id);
    // The id is forgotten: safe mode now refuses it, as any id this session did not make.
    const again = await refused("permanently_delete_custom_source_definition", {
      definition_id,
      name: "mcp delete-me",
    });
    expect(again.code).toBe("safe_mode_refused");
  });

  it("in safe mode refuses to update or delete a definition it did not publish; with SAFE_MODE=0 it may", async () => {
    const { definitionId } = await seedDraftedDefinition("mcp seeded delete-me");
    const before = await (await sdkDefinition(definitionId)).getVersion();
    for (const [tool, args] of [
      ["update_custom_source_definition", { manifest_yaml: manifestYaml("Changed") }],
      ["permanently_delete_custom_source_definition", { name: "mcp seeded delete-me" }],
    ] as const) {
      const error = await refused(tool, { definition_id: definitionId, ...args });
      expect(error.code, tool).toBe("safe_mode_refused");
      expect(error.hint, tool).toContain("AIRBYTE_CLOUD_MCP_SAFE_MODE=0");
    }
    expect(await (await sdkDefinition(definitionId)).getVersion({ forceRefresh: true })).toBe(before);

    const unsafe = await harness.connect({ AIRBYTE_CLOUD_MCP_SAFE_MODE: "0" });
    await ok(
      "update_custom_source_definition",
      { definition_id: definitionId, manifest_yaml: manifestYaml("Changed") },
      unsafe,
    );
    expect(JSON.stringify(await (await sdkDefinition(definitionId)).getManifest())).toContain("Changed");
    await ok(
      "permanently_delete_custom_source_definition",
      { definition_id: definitionId, name: "mcp seeded delete-me" },
      unsafe,
    );
    const missing = await refused("get_custom_source_definition", { definition_id: definitionId });
    expect(missing.code).toBe("not_found");
  });

  it("read-only mode shows only the read tools", async () => {
    const readOnly = await harness.connect({ AIRBYTE_CLOUD_MCP_READONLY_MODE: "1" });
    const names = (await readOnly.listTools()).tools.map((tool) => tool.name);
    for (const [name, annotations] of Object.entries(DEFINITION_TOOLS)) {
      expect(names.includes(name), name).toBe(annotations.readOnlyHint);
    }
    const hidden = await harness.call(readOnly, "publish_custom_source_definition", {
      name: "mcp read-only",
      manifest_yaml: manifestYaml("x"),
    });
    expect(hidden.isError).toBe(true);
  });
});
