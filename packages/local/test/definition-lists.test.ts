/**
 * The Config API's source_definitions/list_for_workspace and destination_definitions/list_for_workspace
 * through the SDK: every definition a workspace can use (the built-ins, its custom Docker images,
 * its declarative manifests), `custom` exactly for its own, in agreement with the public API's
 * definition lists. The harness checks every answer against config.yaml.
 */
import { type AirbyteApi, type Config, NotFoundError, PermissionDeniedError } from "airbyte-ts";
import { beforeAll, describe, expect, test } from "vitest";
import { failure, useLocalServer } from "@airbyte-ts/test-support/local-server";
import { manifest } from "@airbyte-ts/test-support/manifests";
import { DECLARATIVE_REPOSITORY } from "../src/connectors/declarative.js";
import { builtInConnectors } from "../src/connectors/registry.js";
import { NO_DOCUMENTATION } from "../src/services/definitions/workspace-lists.js";

const harness = useLocalServer();

const FAKER = "dfd88b22-b603-4c3d-aad7-3701784586b1";
const DEV_NULL = "a7bcc9d8-13b3-4e49-b80d-d020b90045e3";
const UNKNOWN = "0d5c2b7e-8f41-4a93-b6e2-3c9a1f7d4e58";
/** How Airbyte classifies every custom definition it creates. */
const CUSTOM = { custom: true, releaseStage: "custom", supportLevel: "none" } as const;

let api: AirbyteApi;
let counter = 0;
beforeAll(() => {
  api = harness.admin();
});

async function newWorkspace(): Promise<string> {
  return (await api.workspaces.createWorkspace({ name: `definition-lists-${++counter}` })).workspaceId;
}

const sources = async (workspaceId: string, extra: Partial<Config.WorkspaceIdActorDefinitionRequestBody> = {}) =>
  (await api.config.sourceDefinitions.listForWorkspace({ workspaceId, ...extra })).sourceDefinitions;
const destinations = async (workspaceId: string, extra: Partial<Config.WorkspaceIdActorDefinitionRequestBody> = {}) =>
  (await api.config.destinationDefinitions.listForWorkspace({ workspaceId, ...extra })).destinationDefinitions;

/** The built-ins of a type as the lists must show them: what the server's catalog holds, never custom. */
function builtIns(actorType: "source" | "destination") {
  return builtInConnectors()
    .filter((c) => c.definition.actorType === actorType)
    .map(({ definition: d }) => ({
      [actorType === "source" ? "sourceDefinitionId" : "destinationDefinitionId"]: d.definitionId,
      name: d.name,
      dockerRepository: d.dockerRepository,
      dockerImageTag: d.dockerImageTag,
      documentationUrl: d.documentationUrl,
      custom: false,
    }));
}

const docker = (name: string, extra: { documentationUrl?: string } = {}) => ({
  name,
  dockerRepository: `acme/${name.toLowerCase().replace(/\W+/g, "-")}`,
  dockerImageTag: "1.2.0",
  ...extra,
});

describe("a fresh workspace", () => {
  test("lists every built-in source and destination, none of them custom", async () => {
    const workspaceId = await newWorkspace();
    expect(await sources(workspaceId)).toEqual(builtIns("source"));
    expect(await destinations(workspaceId)).toEqual(builtIns("destination"));
    expect(builtIns("source").length + builtIns("destination").length).toBe(builtInConnectors().length);
  });
});

describe("custom definitions", () => {
  test("a custom Docker source and a declarative source: listed custom, in their workspace only", async () => {
    const workspaceId = await newWorkspace();
    const image = await api.sourceDefinitions.createSourceDefinition(
      { workspaceId },
      docker("In-house CRM", { documentationUrl: "https://acme.example/crm" }),
    );
    const declarative = await api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
      { workspaceId },
      { name: "Example API", manifest: manifest() },
    );

    expect(await sources(workspaceId)).toEqual([
      ...builtIns("source"),
      {
        sourceDefinitionId: image.id,
        name: "In-house CRM",
        dockerRepository: "acme/in-house-crm",
        dockerImageTag: "1.2.0",
        documentationUrl: "https://acme.example/crm",
        ...CUSTOM,
      },
      {
        sourceDefinitionId: declarative.id,
        name: "Example API",
        // Run by Airbyte's manifest image, at the CDK version the manifest names.
        dockerRepository: DECLARATIVE_REPOSITORY,
        dockerImageTag: "6.7.0",
        documentationUrl: "https://example.com/docs",
        sourceType: "custom",
        ...CUSTOM,
      },
    ]);

    const elsewhere = (await sources(harness.local().workspaceId)).map((d) => d.sourceDefinitionId);
    expect(elsewhere).not.toContain(image.id);
    expect(elsewhere).not.toContain(declarative.id);
  });

  test("a custom Docker destination, with and without a documentation link", async () => {
    const workspaceId = await newWorkspace();
    const linked = await api.destinationDefinitions.createDestinationDefinition(
      { workspaceId },
      docker("Acme Lake", { documentationUrl: "https://acme.example/lake" }),
    );
    const bare = await api.destinationDefinitions.createDestinationDefinition({ workspaceId }, docker("Acme Vault"));
    expect(await destinations(workspaceId)).toEqual([
      ...builtIns("destination"),
      {
        destinationDefinitionId: linked.id,
        name: "Acme Lake",
        dockerRepository: "acme/acme-lake",
        dockerImageTag: "1.2.0",
        documentationUrl: "https://acme.example/lake",
        ...CUSTOM,
      },
      {
        destinationDefinitionId: bare.id,
        name: "Acme Vault",
        dockerRepository: "acme/acme-vault",
        dockerImageTag: "1.2.0",
        // Required by DestinationDefinitionRead: the URI that names no document.
        documentationUrl: NO_DOCUMENTATION,
        ...CUSTOM,
      },
    ]);
    const other = (await destinations(harness.local().workspaceId)).map((d) => d.destinationDefinitionId);
    expect(other).not.toContain(linked.id);
    expect(other).not.toContain(bare.id);
  });

  test("updates show: a renamed Docker image, a declarative definition's new active manifest", async () => {
    const workspaceId = await newWorkspace();
    const image = await api.sourceDefinitions.createSourceDefinition({ workspaceId }, docker("CRM"));
    await api.sourceDefinitions.updateSourceDefinition(
      { workspaceId, definitionId: image.id },
      { name: "CRM v2", dockerImageTag: "2.0.0" },
    );
    const declarative = await api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
      { workspaceId },
      { name: "Example API", manifest: manifest() },
    );
    await api.declarativeSourceDefinitions.updateDeclarativeSourceDefinition(
      { workspaceId, definitionId: declarative.id },
      { manifest: { ...manifest("Example API v2"), version: "6.8.1" } },
    );
    const listed = (await sources(workspaceId)).slice(builtIns("source").length);
    expect(listed.map((d) => [d.name, d.dockerImageTag])).toEqual([
      ["CRM v2", "2.0.0"],
      ["Example API", "6.8.1"],
    ]);
    // A Docker definition created without a link has none; sources do not require one.
    expect(listed[0]).not.toHaveProperty("documentationUrl");
  });

  test("a manifest's documentation link that is not a URI is left out, not the definition", async () => {
    const workspaceId = await newWorkspace();
    const spec = { ...(manifest().spec as Record<string, unknown>), documentation_url: "see the team wiki" };
    const created = await api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
      { workspaceId },
      { name: "Wiki API", manifest: { ...manifest(), spec } },
    );
    const listed = (await sources(workspaceId)).find((d) => d.sourceDefinitionId === created.id);
    expect(listed).toMatchObject({ name: "Wiki API", ...CUSTOM });
    expect(listed).not.toHaveProperty("documentationUrl");
  });

  test("deleted definitions disappear from the lists", async () => {
    const workspaceId = await newWorkspace();
    const image = await api.sourceDefinitions.createSourceDefinition({ workspaceId }, docker("Gone"));
    const declarative = await api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
      { workspaceId },
      { name: "Gone API", manifest: manifest() },
    );
    const destination = await api.destinationDefinitions.createDestinationDefinition({ workspaceId }, docker("Gone"));
    const kept = await api.sourceDefinitions.createSourceDefinition({ workspaceId }, docker("Kept"));

    await api.sourceDefinitions.deleteSourceDefinition({ workspaceId, definitionId: image.id });
    await api.declarativeSourceDefinitions.deleteDeclarativeSourceDefinition({
      workspaceId,
      definitionId: declarative.id,
    });
    await api.destinationDefinitions.deleteDestinationDefinition({ workspaceId, definitionId: destination.id });

    const custom = (await sources(workspaceId)).filter((d) => d.custom).map((d) => d.sourceDefinitionId);
    expect(custom).toEqual([kept.id]);
    expect(await destinations(workspaceId)).toEqual(builtIns("destination"));
    // Asking for tombstones changes nothing: as on Airbyte, deleted definitions are never listed.
    expect((await sources(workspaceId, { includeTombstone: true })).filter((d) => d.custom)).toHaveLength(1);
  });
});

describe("agreement with the public API", () => {
  test("the same ids, names and images as its definition lists", async () => {
    const workspaceId = await newWorkspace();
    await api.sourceDefinitions.createSourceDefinition({ workspaceId }, docker("Ledger"));
    await api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
      { workspaceId },
      { name: "Ledger API", manifest: manifest() },
    );
    await api.destinationDefinitions.createDestinationDefinition({ workspaceId }, docker("Ledger Lake"));

    // The public Docker list leaves declarative definitions out, as Airbyte's does; they have a list of their own.
    const dockerSources = (await api.sourceDefinitions.listSourceDefinitions({ workspaceId })).data;
    const declarative = (await api.declarativeSourceDefinitions.listDeclarativeSourceDefinitions({ workspaceId })).data;
    const configSources = await sources(workspaceId);
    expect(configSources.filter((d) => d.dockerRepository !== DECLARATIVE_REPOSITORY).map(image)).toEqual(
      dockerSources.map((d) => image({ ...d, sourceDefinitionId: d.id })),
    );
    expect(configSources.filter((d) => d.dockerRepository === DECLARATIVE_REPOSITORY).map(named)).toEqual(
      declarative.map((d) => ({ id: d.id, name: d.name })),
    );
    const connectorSources = await api.connectorDefinitions.listConnectorDefinitions({ type: "source", workspaceId });
    expect(configSources.map(named)).toEqual(connectorSources.data.map((d) => ({ id: d.id, name: d.name })));

    const publicDestinations = (await api.destinationDefinitions.listDestinationDefinitions({ workspaceId })).data;
    expect((await destinations(workspaceId)).map(image)).toEqual(
      publicDestinations.map((d) => image({ ...d, destinationDefinitionId: d.id })),
    );
  });
});

describe("filterByUsed", () => {
  test("keeps the definitions the workspace's live sources and destinations are made from", async () => {
    const workspaceId = await newWorkspace();
    expect(await sources(workspaceId, { filterByUsed: true })).toEqual([]);
    const source = await api.sources.createSource({
      name: "faker",
      workspaceId,
      definitionId: FAKER,
      configuration: { count: 5 },
    });
    await api.destinations.createDestination({
      name: "dev-null",
      workspaceId,
      definitionId: DEV_NULL,
      configuration: { test_destination: { test_destination_type: "SILENT" } },
    });
    expect((await sources(workspaceId, { filterByUsed: true })).map((d) => d.sourceDefinitionId)).toEqual([FAKER]);
    expect((await destinations(workspaceId, { filterByUsed: true })).map((d) => d.destinationDefinitionId)).toEqual([
      DEV_NULL,
    ]);
    expect(await sources(workspaceId, { filterByUsed: false })).toEqual(builtIns("source"));

    await api.sources.deleteSource({ sourceId: source.sourceId });
    expect(await sources(workspaceId, { filterByUsed: true })).toEqual([]);
  });
});

describe("access", () => {
  test("another organization's user: 403, as for the workspace; their own workspace answers", async () => {
    const workspaceId = await newWorkspace();
    const person = harness.person("stranger@definition-lists.test");
    const denied = await failure(person.api.config.sourceDefinitions.listForWorkspace({ workspaceId }));
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(denied.problem?.message).toBe(
      "Caller does not have the required WORKSPACE_READER permissions to access the resource(s).",
    );
    const deniedDestinations = await failure(
      person.api.config.destinationDefinitions.listForWorkspace({ workspaceId }),
    );
    expect(deniedDestinations).toBeInstanceOf(PermissionDeniedError);
    // An unknown workspace is refused the same way: whether it exists is not theirs to learn.
    expect(
      await failure(person.api.config.sourceDefinitions.listForWorkspace({ workspaceId: UNKNOWN })),
    ).toBeInstanceOf(PermissionDeniedError);

    const own = await person.api.workspaces.createWorkspace({ name: "own", organizationId: person.organizationId });
    const listed = await person.api.config.destinationDefinitions.listForWorkspace({ workspaceId: own.workspaceId });
    expect(listed.destinationDefinitions).toEqual(builtIns("destination"));
  });

  test("an organization reader lists its workspaces' definitions", async () => {
    const workspaceId = await newWorkspace();
    const custom = await api.sourceDefinitions.createSourceDefinition({ workspaceId }, docker("Shared"));
    const reader = harness.person("reader@definition-lists.test", {
      organizationId: harness.local().organizationId,
      organizationRole: "organization_reader",
    });
    const listed = await reader.api.config.sourceDefinitions.listForWorkspace({ workspaceId });
    expect(listed.sourceDefinitions.at(-1)).toMatchObject({ sourceDefinitionId: custom.id, ...CUSTOM });
  });

  test("an unknown workspace is the Config API's 404 naming it", async () => {
    const error = await failure(api.config.destinationDefinitions.listForWorkspace({ workspaceId: UNKNOWN }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.body).toMatchObject({ message: `Could not find workspace ${UNKNOWN}.`, id: UNKNOWN });
  });

  test("malformed bodies are refused before any lookup", async () => {
    const send = (path: string, body: unknown) =>
      failure(api.request({ operation: "x", method: "POST", api: "config", path, body }));
    const source = "/source_definitions/list_for_workspace";
    const destination = "/destination_definitions/list_for_workspace";
    expect((await send(source, {})).status).toBe(400);
    expect((await send(source, { workspaceId: "nope" })).status).toBe(400);
    expect((await send(destination, { workspaceId: UNKNOWN, filterByUsed: "yes" })).status).toBe(422);
  });
});

/** What the public API's DefinitionResponse and a Config API read have in common. */
function image(d: {
  sourceDefinitionId?: string;
  destinationDefinitionId?: string;
  name: string;
  dockerRepository: string;
  dockerImageTag: string;
}) {
  const id = d.sourceDefinitionId ?? d.destinationDefinitionId;
  return { id, name: d.name, dockerRepository: d.dockerRepository, dockerImageTag: d.dockerImageTag };
}

function named(d: Config.SourceDefinitionRead) {
  return { id: d.sourceDefinitionId, name: d.name };
}
