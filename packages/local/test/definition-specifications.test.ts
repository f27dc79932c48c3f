/**
 * The Config API's source_definition_specifications/get and destination_definition_specifications/get
 * through the SDK: the specification of every kind of definition a workspace can use, and that
 * it is the very schema the server holds that definition's configurations to (what a client
 * such as config-as-code validates against before it writes). The harness checks every answer
 * against config.yaml, `jobInfo` included.
 */
import { type AirbyteApi, AirbyteApiError, type Config, NotFoundError, PermissionDeniedError } from "airbyte-ts";
import AjvModule from "ajv";
import addFormatsModule from "ajv-formats";
import { beforeAll, describe, expect, test } from "vitest";
import { failure, useLocalServer } from "@airbyte-ts/test-support/local-server";
import { connectionSpecification, manifest } from "@airbyte-ts/test-support/manifests";
import { builtInConnectors } from "../src/connectors/registry.js";
import type { Connector } from "../src/connectors/types.js";

const harness = useLocalServer();

const FAKER = "dfd88b22-b603-4c3d-aad7-3701784586b1";
const DEV_NULL = "a7bcc9d8-13b3-4e49-b80d-d020b90045e3";
const UNKNOWN = "4f0c9a8e-2d6b-4b1e-9c3a-7e5d1f2a8b60";
/** What the server holds a custom Docker image's configurations to: it cannot run the image's `spec`. */
const OPEN = { type: "object", additionalProperties: true };

// Both packages are CommonJS with a default export.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

/**
 * Whether a configuration follows a specification, by a validator of this test's own (not the
 * server's), set up as Airbyte reads connector specifications: their own keywords
 * (`airbyte_secret`, `order`...) ignored, the standard formats checked.
 */
function specAccepts(spec: Record<string, unknown>): (configuration: unknown) => boolean {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  const validate = ajv.compile(spec);
  return (configuration) => validate(configuration);
}

let api: AirbyteApi;
let workspaceId: string;
beforeAll(async () => {
  api = harness.admin();
  workspaceId = (await api.workspaces.createWorkspace({ name: "specifications" })).workspaceId;
});

const sourceSpec = (sourceDefinitionId: string, workspace = workspaceId) =>
  api.config.sourceDefinitionSpecifications.get({ sourceDefinitionId, workspaceId: workspace });
const destinationSpec = (destinationDefinitionId: string, workspace = workspaceId) =>
  api.config.destinationDefinitionSpecifications.get({ destinationDefinitionId, workspaceId: workspace });

/** A made-up get_spec job, as Airbyte answers: no job runs to read a stored specification. */
function expectSpecJob(jobInfo: Config.SynchronousJobRead, before: number): void {
  expect(jobInfo).toEqual({
    id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    configType: "get_spec",
    createdAt: jobInfo.endedAt,
    endedAt: expect.any(Number),
    succeeded: true,
    connectorConfigurationUpdated: false,
    logType: "formatted",
    logs: { logLines: [] },
  });
  // Epoch milliseconds, as Airbyte's made-up job has them.
  expect(jobInfo.endedAt).toBeGreaterThanOrEqual(before);
  expect(jobInfo.endedAt).toBeLessThanOrEqual(Date.now());
}

/** Creating a source or destination of the definition: undefined when accepted, else the error. */
async function create(
  actorType: "source" | "destination",
  definitionId: string,
  configuration: Record<string, unknown>,
) {
  const name = `spec-check-${definitionId}`;
  const made =
    actorType === "source"
      ? api.sources.createSource({ name, workspaceId, definitionId, configuration })
      : api.destinations.createDestination({ name, workspaceId, definitionId, configuration });
  return made.then(
    () => undefined,
    (error: unknown) => {
      if (error instanceof AirbyteApiError) return error;
      throw error;
    },
  );
}

/**
 * The server accepts an empty configuration exactly when the specification does, and when it
 * refuses, it names each property the specification requires at the top.
 */
async function expectSameValidation(connector: Connector, spec: Record<string, unknown>): Promise<void> {
  const { actorType, definitionId } = connector.definition;
  const refused = await create(actorType, definitionId, {});
  expect(refused === undefined, connector.definition.name).toBe(specAccepts(spec)({}));
  if (refused === undefined) return;
  expect(refused.status).toBe(422);
  for (const property of (spec.required as string[] | undefined) ?? []) {
    expect(refused.message).toContain(`$.${property}: is missing but it is required`);
  }
}

describe("built-in definitions", () => {
  const sources = builtInConnectors().filter((c) => c.definition.actorType === "source");
  const destinations = builtInConnectors().filter((c) => c.definition.actorType === "destination");

  test.each(sources.map((c) => [c.definition.name, c] as const))(
    "source %s: its specification, the one its configurations are validated with",
    async (_name, connector) => {
      const before = Date.now();
      const read = await sourceSpec(connector.definition.definitionId);
      const { jobInfo, ...rest } = read;
      expect(rest).toEqual({
        sourceDefinitionId: connector.definition.definitionId,
        documentationUrl: connector.definition.documentationUrl,
        connectionSpecification: connector.definition.connectionSpecification,
      });
      expectSpecJob(jobInfo, before);
      await expectSameValidation(connector, read.connectionSpecification ?? {});
    },
  );

  test.each(destinations.map((c) => [c.definition.name, c] as const))(
    "destination %s: its specification and sync modes, the ones the server checks against",
    async (_name, connector) => {
      const before = Date.now();
      const read = await destinationSpec(connector.definition.definitionId);
      const { jobInfo, ...rest } = read;
      expect(rest).toEqual({
        destinationDefinitionId: connector.definition.definitionId,
        documentationUrl: connector.definition.documentationUrl,
        connectionSpecification: connector.definition.connectionSpecification,
        supportedDestinationSyncModes: connector.definition.supportedDestinationSyncModes,
      });
      expectSpecJob(jobInfo, before);
      await expectSameValidation(connector, read.connectionSpecification ?? {});
    },
  );

  test("every workspace reads them, and each call is a new made-up job", async () => {
    const other = harness.local().workspaceId;
    const [here, there] = [await sourceSpec(FAKER), await sourceSpec(FAKER, other)];
    expect(there.connectionSpecification).toEqual(here.connectionSpecification);
    expect(there.jobInfo.id).not.toBe(here.jobInfo.id);
  });
});

describe("custom definitions", () => {
  test("a declarative source's specification is its active manifest's connection_specification", async () => {
    const created = await api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
      { workspaceId },
      { name: "Example API", manifest: manifest("Example API") },
    );
    const read = await sourceSpec(created.id);
    expect(read).toMatchObject({
      sourceDefinitionId: created.id,
      documentationUrl: "https://example.com/docs",
      connectionSpecification: connectionSpecification(),
    });
    expect(read).not.toHaveProperty("advancedAuth");

    // A new version that is not made active changes nothing; the active one is what counts.
    const spec = {
      connectionSpecification: (manifest("Draft").spec as Record<string, unknown>).connection_specification,
    };
    await api.config.declarativeSourceDefinitions.createManifest({
      workspaceId,
      sourceDefinitionId: created.id,
      setAsActiveManifest: false,
      declarativeManifest: { description: "draft", manifest: manifest("Draft"), spec, version: 2 },
    });
    expect((await sourceSpec(created.id)).connectionSpecification).toEqual(connectionSpecification());
    await api.declarativeSourceDefinitions.updateDeclarativeSourceDefinition(
      { workspaceId, definitionId: created.id },
      { manifest: manifest("Example API v3") },
    );
    const updated = (await sourceSpec(created.id)).connectionSpecification ?? {};
    expect(updated).toEqual({ ...connectionSpecification(), title: "Example API v3" });

    // The server accepts and refuses configurations as that specification does.
    const accepts = specAccepts(updated);
    const good = { api_key: "k-123", region: "eu" };
    const bad = { api_key: "k-123", region: "mars" };
    expect([accepts(good), accepts(bad)]).toEqual([true, false]);
    expect(await create("source", created.id, good)).toBeUndefined();
    expect((await create("source", created.id, bad))?.status).toBe(422);
  });

  test("a custom Docker source or destination: the open schema the server holds its configurations to", async () => {
    const docker = { name: "Acme", dockerRepository: "acme/connector", dockerImageTag: "1.0.0" };
    const source = await api.sourceDefinitions.createSourceDefinition(
      { workspaceId },
      { ...docker, documentationUrl: "https://acme.example/docs" },
    );
    const destination = await api.destinationDefinitions.createDestinationDefinition({ workspaceId }, docker);

    const sourceRead = await sourceSpec(source.id);
    expect(sourceRead).toMatchObject({
      sourceDefinitionId: source.id,
      documentationUrl: "https://acme.example/docs",
      connectionSpecification: OPEN,
    });
    const destinationRead = await destinationSpec(destination.id);
    const { jobInfo: _job, ...rest } = destinationRead;
    // Without the image's specification the server assumes the two modes every destination has.
    expect(rest).toEqual({
      destinationDefinitionId: destination.id,
      connectionSpecification: OPEN,
      supportedDestinationSyncModes: ["overwrite", "append"],
    });
    expect(await create("source", source.id, { anything: ["goes", 1] })).toBeUndefined();
  });
});

describe("definitions a workspace cannot use", () => {
  test("an unknown id is the Config API's 404 naming it", async () => {
    const error = await failure(sourceSpec(UNKNOWN));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.body).toEqual({
      message: `Could not find source_definition ${UNKNOWN}.`,
      errorId: expect.any(String),
      id: UNKNOWN,
    });
    expect(await failure(destinationSpec(UNKNOWN))).toBeInstanceOf(NotFoundError);
  });

  test("a definition of the other kind is not found", async () => {
    expect(await failure(sourceSpec(DEV_NULL))).toBeInstanceOf(NotFoundError);
    expect(await failure(destinationSpec(FAKER))).toBeInstanceOf(NotFoundError);
  });

  test("another workspace's custom definition, and a deleted one, are not found", async () => {
    const created = await api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
      { workspaceId },
      { name: "Private API", manifest: manifest("Private API") },
    );
    const elsewhere = harness.local().workspaceId;
    expect(await failure(sourceSpec(created.id, elsewhere))).toBeInstanceOf(NotFoundError);
    const docker = await api.destinationDefinitions.createDestinationDefinition(
      { workspaceId },
      { name: "Lake", dockerRepository: "acme/lake", dockerImageTag: "2.0.0" },
    );
    await api.destinationDefinitions.deleteDestinationDefinition({ workspaceId, definitionId: docker.id });
    expect(await failure(destinationSpec(docker.id))).toBeInstanceOf(NotFoundError);
  });

  test("another organization's user cannot read a workspace's custom definition: 403, as for the workspace", async () => {
    const created = await api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
      { workspaceId },
      { name: "Secret API", manifest: manifest("Secret API") },
    );
    const person = harness.person("stranger@specifications.test");
    const stranger = person.api;
    const denied = await failure(
      stranger.config.sourceDefinitionSpecifications.get({ sourceDefinitionId: created.id, workspaceId }),
    );
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(denied.problem?.message).toBe(
      "Caller does not have the required WORKSPACE_READER permissions to access the resource(s).",
    );
    // Even a built-in's, asked for with a workspace they cannot read; with their own, it answers.
    const builtIn = await failure(
      stranger.config.destinationDefinitionSpecifications.get({ destinationDefinitionId: DEV_NULL, workspaceId }),
    );
    expect(builtIn.status).toBe(403);
    const own = await stranger.workspaces.createWorkspace({
      name: "stranger's",
      organizationId: person.organizationId,
    });
    const read = await stranger.config.destinationDefinitionSpecifications.get({
      destinationDefinitionId: DEV_NULL,
      workspaceId: own.workspaceId,
    });
    expect(read.destinationDefinitionId).toBe(DEV_NULL);
  });

  test("malformed bodies are refused before any lookup", async () => {
    const send = (path: string, body: unknown) =>
      failure(api.request({ operation: "x", method: "POST", api: "config", path, body }));
    const source = "/source_definition_specifications/get";
    const destination = "/destination_definition_specifications/get";
    expect((await send(source, { sourceDefinitionId: FAKER })).status).toBe(400);
    expect((await send(source, { sourceDefinitionId: FAKER, workspaceId: 42 })).status).toBe(422);
    expect((await send(destination, { destinationDefinitionId: "nope", workspaceId })).status).toBe(400);
  });
});
