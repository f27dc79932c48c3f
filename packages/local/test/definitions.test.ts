/**
 * Connector definitions: the built-in catalog, custom Docker definitions, declarative sources
 * with their manifest versions, and the Connector Builder calls of the Config API.
 */
import { type AirbyteApi } from "airbyte-ts";
import { describe, expect, test } from "vitest";
import { failure, useLocalServer } from "@airbyte-ts/test-support/local-server";
import { connectionSpecification, manifest } from "@airbyte-ts/test-support/manifests";

const harness = useLocalServer();

const FAKER = "dfd88b22-b603-4c3d-aad7-3701784586b1";
const DEV_NULL = "a7bcc9d8-13b3-4e49-b80d-d020b90045e3";
const UNKNOWN = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";
const MASK = "**********";
const PUBLIC = "Public definitions cannot be modified.";

let counter = 0;
async function newWorkspace(): Promise<string> {
  return (await harness.admin().workspaces.createWorkspace({ name: `definitions-${++counter}` })).workspaceId;
}

function userWith(role?: string): AirbyteApi {
  const user = harness.local().createUser({
    email: `defs-${++counter}@example.com`,
    ...(role ? { organizationId: harness.local().organizationId, organizationRole: role } : {}),
  });
  return harness.client({ clientId: user.clientId, clientSecret: user.clientSecret });
}

describe("GET /connector_definitions", () => {
  test("the built-in catalog by type, plus a workspace's custom definitions", async () => {
    const api = harness.admin();
    const sources = await api.connectorDefinitions.listConnectorDefinitions({ type: "source" });
    expect(sources.data).toContainEqual({
      id: FAKER,
      name: "Sample Data (Faker)",
      connectorDefinitionType: "source",
      version: "6.2.20",
    });
    expect(sources.data.every((d) => d.connectorDefinitionType === "source")).toBe(true);
    const destinations = await api.connectorDefinitions.listConnectorDefinitions({ type: "destination" });
    expect(destinations.data.map((d) => d.name)).toEqual([
      "End-to-End Testing (/dev/null)",
      "DuckDB",
      "Postgres",
      "MotherDuck",
      "Snowflake",
      "BigQuery",
    ]);

    const workspaceId = await newWorkspace();
    const custom = await api.destinationDefinitions.createDestinationDefinition(
      { workspaceId },
      { name: "Acme Lake", dockerRepository: "acme/destination-lake", dockerImageTag: "2.1.0" },
    );
    const withCustom = await api.connectorDefinitions.listConnectorDefinitions({ type: "destination", workspaceId });
    expect(withCustom.data.at(-1)).toEqual({
      id: custom.id,
      name: "Acme Lake",
      connectorDefinitionType: "destination",
      version: "2.1.0",
    });
    // Custom definitions stay in their workspace.
    const elsewhere = await api.connectorDefinitions.listConnectorDefinitions({
      type: "destination",
      workspaceId: harness.local().workspaceId,
    });
    expect(elsewhere.data.map((d) => d.id)).not.toContain(custom.id);
  });

  test("type is required and checked; other organizations' workspaces are forbidden", async () => {
    const api = harness.admin();
    const list = (path: string) => failure(api.request({ operation: "listConnectorDefinitions", method: "GET", path }));
    expect((await list("/connector_definitions")).status).toBe(400);
    expect((await list("/connector_definitions?type=connector")).status).toBe(400);
    expect((await list("/connector_definitions?type=source&workspaceId=nope")).status).toBe(400);
    const stranger = userWith();
    const error = await failure(
      stranger.connectorDefinitions.listConnectorDefinitions({
        type: "source",
        workspaceId: harness.local().workspaceId,
      }),
    );
    expect(error.status).toBe(403);
    expect((await stranger.connectorDefinitions.listConnectorDefinitions({ type: "source" })).data.length).toBe(3);
  });
});

describe("Docker definitions (/workspaces/{id}/definitions/sources|destinations)", () => {
  test("create, get, list, update and delete a custom definition", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const created = await api.sourceDefinitions.createSourceDefinition(
      { workspaceId },
      {
        name: "In-house CRM",
        dockerRepository: "acme/source-crm",
        dockerImageTag: "0.1.0",
        documentationUrl: "https://acme.example/crm",
      },
    );
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "In-house CRM",
      dockerRepository: "acme/source-crm",
      dockerImageTag: "0.1.0",
      documentationUrl: "https://acme.example/crm",
    });
    const params = { workspaceId, definitionId: created.id };
    expect(await api.sourceDefinitions.getSourceDefinition(params)).toEqual(created);
    const list = await api.sourceDefinitions.listSourceDefinitions({ workspaceId });
    expect(list.data.map((d) => d.name)).toEqual([
      "Sample Data (Faker)",
      "Postgres",
      "File (CSV, JSON, Excel, Feather, Parquet)",
      "In-house CRM",
    ]);
    const updated = await api.sourceDefinitions.updateSourceDefinition(params, {
      name: "CRM",
      dockerImageTag: "0.2.0",
    });
    expect(updated).toEqual({ ...created, name: "CRM", dockerImageTag: "0.2.0" });
    expect(await api.sourceDefinitions.getSourceDefinition(params)).toEqual(updated);

    // Deleting a definition deletes the sources made from it.
    const source = await api.sources.createSource({
      name: "crm",
      workspaceId,
      definitionId: created.id,
      configuration: {},
    });
    expect(await api.sourceDefinitions.deleteSourceDefinition(params)).toEqual(updated);
    expect((await failure(api.sourceDefinitions.getSourceDefinition(params))).status).toBe(404);
    expect((await api.sources.listSources({ workspaceIds: [workspaceId] })).data).toEqual([]);
    expect((await api.sources.getSource({ sourceId: source.sourceId })).sourceType).toBe("");
    const late = await failure(
      api.sources.createSource({ name: "late", workspaceId, definitionId: created.id, configuration: {} }),
    );
    expect(late.status).toBe(404);
  });

  test("built-in definitions can be read but not changed", async () => {
    const api = harness.admin();
    const workspaceId = harness.local().workspaceId;
    const devNull = await api.destinationDefinitions.getDestinationDefinition({ workspaceId, definitionId: DEV_NULL });
    expect(devNull).toEqual({
      id: DEV_NULL,
      name: "End-to-End Testing (/dev/null)",
      dockerRepository: "airbyte/destination-dev-null",
      dockerImageTag: "0.8.0",
      documentationUrl: "https://docs.airbyte.com/integrations/destinations/dev-null",
    });
    const update = await failure(
      api.destinationDefinitions.updateDestinationDefinition(
        { workspaceId, definitionId: DEV_NULL },
        { name: "x", dockerImageTag: "1" },
      ),
    );
    expect(update.status).toBe(400);
    expect(update.data?.message).toBe(PUBLIC);
    const remove = await failure(
      api.destinationDefinitions.deleteDestinationDefinition({ workspaceId, definitionId: DEV_NULL }),
    );
    expect(remove.data?.message).toBe(PUBLIC);
    // A source definition is not a destination definition.
    const wrongKind = await failure(
      api.destinationDefinitions.getDestinationDefinition({ workspaceId, definitionId: FAKER }),
    );
    expect(wrongKind.status).toBe(404);
    expect(wrongKind.data).toEqual({ resourceType: "destination_definition", resourceId: FAKER });
  });

  test("definitions are scoped to their workspace", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const definition = await api.destinationDefinitions.createDestinationDefinition(
      { workspaceId },
      { name: "Lake", dockerRepository: "acme/destination-lake", dockerImageTag: "1.0.0" },
    );
    const other = await newWorkspace();
    const error = await failure(
      api.destinationDefinitions.getDestinationDefinition({ workspaceId: other, definitionId: definition.id }),
    );
    expect(error.status).toBe(404);
    const destination = await api.destinations.createDestination({
      name: "lake",
      workspaceId,
      definitionId: definition.id,
      configuration: { bucket: "b" },
    });
    expect(destination.destinationType).toBe("");
    const check = await api.config.destinations.checkConnection({ destinationId: destination.destinationId });
    expect(check.status).toBe("failed");
    expect(check.message).toMatch(/cannot run custom Docker images \(acme\/destination-lake:1\.0\.0\)/);
  });

  test("bad input and permissions", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const path = `/workspaces/${workspaceId}/definitions/sources`;
    const create = (body: unknown) =>
      failure(api.request({ operation: "createSourceDefinition", method: "POST", path, body }));
    expect((await create({ name: "x", dockerRepository: "a/b" })).status).toBe(400);
    expect((await create({ name: "x", dockerRepository: "a/b", dockerImageTag: 1 })).status).toBe(422);
    expect(
      (await create({ name: "x", dockerRepository: "a/b", dockerImageTag: "1", documentationUrl: "not a uri" })).status,
    ).toBe(400);
    expect((await create({ name: " ", dockerRepository: "a/b", dockerImageTag: "1" })).status).toBe(400);
    const declarative = await create({
      name: "x",
      dockerRepository: "airbyte/source-declarative-manifest",
      dockerImageTag: "1",
    });
    expect(declarative.status).toBe(400);
    expect(
      (await failure(api.sourceDefinitions.getSourceDefinition({ workspaceId, definitionId: UNKNOWN }))).status,
    ).toBe(404);
    expect((await failure(api.sourceDefinitions.listSourceDefinitions({ workspaceId: UNKNOWN }))).status).toBe(404);

    const stranger = userWith();
    expect((await failure(stranger.sourceDefinitions.listSourceDefinitions({ workspaceId }))).status).toBe(403);
    const reader = userWith("organization_reader");
    expect((await reader.sourceDefinitions.listSourceDefinitions({ workspaceId })).data.length).toBe(3);
    const denied = await failure(
      reader.sourceDefinitions.createSourceDefinition(
        { workspaceId },
        { name: "x", dockerRepository: "a/b", dockerImageTag: "1" },
      ),
    );
    expect(denied.status).toBe(403);
  });
});

describe("declarative source definitions", () => {
  test("create, read, update to a new version, and delete", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const created = await api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
      { workspaceId },
      { name: "Example", manifest: manifest() },
    );
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Example",
      manifest: manifest(),
      version: 1,
    });
    const params = { workspaceId, definitionId: created.id };
    expect(await api.declarativeSourceDefinitions.getDeclarativeSourceDefinition(params)).toEqual(created);
    expect((await api.declarativeSourceDefinitions.listDeclarativeSourceDefinitions({ workspaceId })).data).toEqual([
      created,
    ]);
    // Declarative definitions are not Docker definitions.
    const docker = await api.sourceDefinitions.listSourceDefinitions({ workspaceId });
    expect(docker.data.map((d) => d.id)).not.toContain(created.id);
    expect((await failure(api.sourceDefinitions.getSourceDefinition(params))).status).toBe(404);
    // But they are usable, with the image's repository, as connector definitions.
    const all = await api.connectorDefinitions.listConnectorDefinitions({ type: "source", workspaceId });
    expect(all.data.at(-1)).toEqual({
      id: created.id,
      name: "Example",
      connectorDefinitionType: "source",
      version: "6.7.0",
    });

    const updated = await api.declarativeSourceDefinitions.updateDeclarativeSourceDefinition(params, {
      manifest: manifest("Example v2"),
    });
    expect(updated).toEqual({ ...created, manifest: manifest("Example v2"), version: 2 });

    expect(await api.declarativeSourceDefinitions.deleteDeclarativeSourceDefinition(params)).toEqual(updated);
    expect((await failure(api.declarativeSourceDefinitions.getDeclarativeSourceDefinition(params))).status).toBe(404);
    expect((await api.declarativeSourceDefinitions.listDeclarativeSourceDefinitions({ workspaceId })).data).toEqual([]);
  });

  test("sources of a declarative definition are validated against the manifest's specification", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const definition = await api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
      { workspaceId },
      { name: "Example", manifest: manifest() },
    );
    const invalid = await failure(
      api.sources.createSource({
        name: "x",
        workspaceId,
        definitionId: definition.id,
        configuration: { region: "mars" },
      }),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.data?.message).toMatch(/\$\.api_key: is missing but it is required/);
    const source = await api.sources.createSource({
      name: "example",
      workspaceId,
      definitionId: definition.id,
      configuration: { api_key: "k3y", region: "eu" },
    });
    expect(source).toMatchObject({ sourceType: "", configuration: { api_key: MASK, region: "eu" } });
    const check = await api.config.sources.checkConnection({ sourceId: source.sourceId });
    expect(check.status).toBe("failed");
    expect(check.message).toMatch(/cannot run declarative \(low-code\) sources/);
  });

  test("manifests without a connection specification, built-ins and unknown ids", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const noSpec = await failure(
      api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
        { workspaceId },
        { name: "x", manifest: { version: "6.0.0" } },
      ),
    );
    expect(noSpec.status).toBe(400);
    expect(noSpec.data?.message).toMatch(/spec\.connection_specification/);
    const badSchema = await failure(
      api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
        { workspaceId },
        { name: "x", manifest: { spec: { connection_specification: { type: "nonsense" } } } },
      ),
    );
    expect(badSchema.status).toBe(400);
    expect(badSchema.data?.message).toMatch(/not a valid JSON Schema/);
    const builtIn = { workspaceId, definitionId: FAKER };
    expect((await failure(api.declarativeSourceDefinitions.getDeclarativeSourceDefinition(builtIn))).status).toBe(404);
    const put = await failure(
      api.declarativeSourceDefinitions.updateDeclarativeSourceDefinition(builtIn, { manifest: manifest() }),
    );
    expect(put.data?.message).toBe(PUBLIC);
    const unknown = await failure(
      api.declarativeSourceDefinitions.getDeclarativeSourceDefinition({ workspaceId, definitionId: UNKNOWN }),
    );
    expect(unknown.data).toEqual({ resourceType: "declarative_source_definition", resourceId: UNKNOWN });
    const send = (body: unknown) =>
      failure(
        api.request({
          operation: "createDeclarativeSourceDefinition",
          method: "POST",
          path: `/workspaces/${workspaceId}/definitions/declarative_sources`,
          body,
        }),
      );
    expect((await send({ name: "x" })).status).toBe(400);
    expect((await send({ name: "x", manifest: "yaml text" })).status).toBe(422);
    const stranger = userWith();
    const denied = await failure(
      stranger.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
        { workspaceId },
        { name: "x", manifest: manifest() },
      ),
    );
    expect(denied.status).toBe(403);
  });
});

describe("Connector Builder projects and manifest versions (Config API)", () => {
  test("a project is created, published, versioned and read back", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const created = await api.config.connectorBuilderProjects.create({
      workspaceId,
      builderProject: { name: "Builder project", draftManifest: manifest("Draft") },
    });
    expect(created).toEqual({ builderProjectId: expect.stringMatching(/^[0-9a-f-]{36}$/), workspaceId });
    const { builderProjectId } = created;

    const draft = await api.config.connectorBuilderProjects.getWithManifest({ workspaceId, builderProjectId });
    expect(draft).toEqual({
      builderProject: { name: "Builder project", builderProjectId, hasDraft: true, updatedAt: expect.any(Number) },
      declarativeManifest: { manifest: manifest("Draft"), isDraft: true },
    });

    const spec = { connectionSpecification: connectionSpecification() };
    const { sourceDefinitionId } = await api.config.connectorBuilderProjects.publish({
      workspaceId,
      builderProjectId,
      name: "Published",
      initialDeclarativeManifest: { description: "first", manifest: manifest(), spec, version: 1 },
    });
    expect(
      await api.config.connectorBuilderProjects.getForDefinitionId({
        actorDefinitionId: sourceDefinitionId,
        workspaceId,
      }),
    ).toEqual({
      builderProjectId,
      workspaceId,
    });
    const published = await api.declarativeSourceDefinitions.getDeclarativeSourceDefinition({
      workspaceId,
      definitionId: sourceDefinitionId,
    });
    expect(published).toMatchObject({ name: "Published", version: 1 });

    await api.config.declarativeSourceDefinitions.createManifest({
      workspaceId,
      sourceDefinitionId,
      setAsActiveManifest: false,
      declarativeManifest: { description: "second", manifest: manifest("Second"), spec, version: 2 },
    });
    const versions = () => api.config.declarativeSourceDefinitions.listManifests({ workspaceId, sourceDefinitionId });
    expect(await versions()).toEqual({
      manifestVersions: [
        { version: 1, isActive: true, description: "first" },
        { version: 2, isActive: false, description: "second" },
      ],
    });
    const duplicate = await failure(
      api.config.declarativeSourceDefinitions.createManifest({
        workspaceId,
        sourceDefinitionId,
        setAsActiveManifest: true,
        declarativeManifest: { description: "again", manifest: manifest(), spec, version: 2 },
      }),
    );
    expect(duplicate.status).toBe(409);

    const { response } = await api.config.declarativeSourceDefinitions
      .updateActiveManifest({ workspaceId, sourceDefinitionId, version: 2 })
      .withResponse();
    expect(response.status).toBe(204);
    expect((await versions()).manifestVersions.map((v) => v.isActive)).toEqual([false, true]);
    expect(
      (
        await api.declarativeSourceDefinitions.getDeclarativeSourceDefinition({
          workspaceId,
          definitionId: sourceDefinitionId,
        })
      ).manifest,
    ).toEqual(manifest("Second"));
    const missingVersion = await failure(
      api.config.declarativeSourceDefinitions.updateActiveManifest({ workspaceId, sourceDefinitionId, version: 9 }),
    );
    expect(missingVersion.status).toBe(404);

    const withVersion = await api.config.connectorBuilderProjects.getWithManifest({
      workspaceId,
      builderProjectId,
      version: 1,
    });
    expect(withVersion.builderProject).toMatchObject({
      sourceDefinitionId,
      activeDeclarativeManifestVersion: 2,
      hasDraft: true,
    });
    expect(withVersion.declarativeManifest).toEqual({
      manifest: manifest(),
      isDraft: false,
      version: 1,
      description: "first",
    });
    const noSuchVersion = await failure(
      api.config.connectorBuilderProjects.getWithManifest({ workspaceId, builderProjectId, version: 5 }),
    );
    expect(noSuchVersion.status).toBe(404);

    const again = await failure(
      api.config.connectorBuilderProjects.publish({
        workspaceId,
        builderProjectId,
        name: "Twice",
        initialDeclarativeManifest: { description: "x", manifest: manifest(), spec, version: 1 },
      }),
    );
    expect(again.status).toBe(409);
  });

  test("testing values are stored, answered masked, and a mask keeps the stored secret", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const { builderProjectId } = await api.config.connectorBuilderProjects.create({
      workspaceId,
      builderProject: { name: "p", draftManifest: manifest() },
    });
    const spec = connectionSpecification();
    const stored = await api.config.connectorBuilderProjects.updateTestingValues({
      workspaceId,
      builderProjectId,
      spec,
      testingValues: { api_key: "secret-key", region: "eu" },
    });
    expect(stored).toEqual({ api_key: MASK, region: "eu" });
    // The wrapped form of the specification works too; the mask keeps the stored key.
    const again = await api.config.connectorBuilderProjects.updateTestingValues({
      workspaceId,
      builderProjectId,
      spec: { connectionSpecification: spec },
      testingValues: { api_key: MASK, region: "us" },
    });
    expect(again).toEqual({ api_key: MASK, region: "us" });
    const read = await api.config.connectorBuilderProjects.getWithManifest({ workspaceId, builderProjectId });
    expect(read.testingValues).toEqual({ api_key: MASK, region: "us" });
    expect(JSON.stringify(read)).not.toContain("secret-key");
  });

  test("unknown projects and definitions, bad bodies and permissions", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    expect(
      await api.config.connectorBuilderProjects.getForDefinitionId({ actorDefinitionId: UNKNOWN, workspaceId }),
    ).toEqual({
      builderProjectId: null,
      workspaceId,
    });
    const unknownProject = await failure(
      api.config.connectorBuilderProjects.getWithManifest({ workspaceId, builderProjectId: UNKNOWN }),
    );
    expect(unknownProject.status).toBe(404);
    const unknownDefinition = await failure(
      api.config.declarativeSourceDefinitions.listManifests({ workspaceId, sourceDefinitionId: FAKER }),
    );
    expect(unknownDefinition.status).toBe(404);
    const send = (path: string, body: unknown) =>
      failure(api.request({ operation: "x", method: "POST", api: "config", path, body }));
    expect((await send("/connector_builder_projects/create", { workspaceId })).status).toBe(400);
    expect(
      (await send("/connector_builder_projects/create", { workspaceId, builderProject: { name: 3 } })).status,
    ).toBe(422);
    expect(
      (
        await send("/connector_builder_projects/publish", {
          workspaceId,
          builderProjectId: UNKNOWN,
          name: "x",
          initialDeclarativeManifest: { description: "d", manifest: {}, spec: {} },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await send("/declarative_source_definitions/update_active_manifest", {
          workspaceId,
          sourceDefinitionId: UNKNOWN,
          version: "1",
        })
      ).status,
    ).toBe(422);
    const stranger = userWith();
    const denied = await failure(
      stranger.config.connectorBuilderProjects.create({ workspaceId, builderProject: { name: "mine" } }),
    );
    expect(denied.status).toBe(403);
  });
});
