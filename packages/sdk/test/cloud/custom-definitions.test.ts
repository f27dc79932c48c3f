/**
 * Custom definitions against the local server: declarative (YAML) sources from an object, YAML
 * text, JSON text or a file, with uniqueness, validation, testing values and their Connector
 * Builder project; Docker sources and destinations (publish, list, get, update the tag, rename,
 * delete, deploy), which PyAirbyte leaves unimplemented.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  type CloudWorkspace,
  CustomCloudDestinationDefinition,
  CustomCloudSourceDefinition,
  DuplicateResourcesError,
  InputError,
  MissingResourceError,
} from "airbyte-ts";
import { manifest } from "@airbyte-ts/test-support/manifests";
import { rejection, uniqueName, useCloudServer } from "./harness.js";

const harness = useCloudServer();

async function freshWorkspace(): Promise<CloudWorkspace> {
  const info = await harness
    .client()
    .createWorkspace({ name: uniqueName("definitions"), organizationId: harness.local().organizationId });
  return harness.workspace({ workspaceId: info.workspaceId });
}

describe("declarative (YAML) source definitions", () => {
  it("publish from an object: a uniqueness check, one create; name, manifest and version known at once", async () => {
    const workspace = await freshWorkspace();
    const { result: definition, requests } = await harness.count(() =>
      workspace.publishCustomSourceDefinition("Example", { manifestYaml: manifest() }),
    );
    expect(requests).toEqual({ createDeclarativeSourceDefinition: 1, listDeclarativeSourceDefinitions: 1 });
    expect(definition).toBeInstanceOf(CustomCloudSourceDefinition);
    expect(definition.definitionType).toBe("yaml");
    expect(definition.connectorType).toBe("source");
    const read = await harness.count(async () => [
      await definition.getName(),
      await definition.getManifest(),
      await definition.getVersion(),
    ]);
    expect(read).toEqual({ result: ["Example", manifest(), "1"], requests: {} });
    expect(await definition.getDockerRepository()).toBeUndefined();

    const duplicate = await rejection(workspace.publishCustomSourceDefinition("Example", { manifestYaml: manifest() }));
    expect(duplicate).toBeInstanceOf(DuplicateResourcesError);
    expect(duplicate).toMatchObject({ resourceType: "custom_source_definition", resourceName: "Example" });
    await workspace.publishCustomSourceDefinition("Example", { manifestYaml: manifest(), unique: false });
  });

  it("publish from YAML text, JSON text, a file path and a file URL", async () => {
    const workspace = await freshWorkspace();
    const fromYaml = await workspace.publishCustomSourceDefinition("from yaml", {
      manifestYaml: stringify(manifest("Y")),
    });
    expect(await fromYaml.getManifest()).toEqual(manifest("Y"));
    const fromJson = await workspace.publishCustomSourceDefinition("from json", {
      manifestYaml: JSON.stringify(manifest("J")),
    });
    expect(await fromJson.getManifest()).toEqual(manifest("J"));
    const directory = mkdtempSync(join(tmpdir(), "airbyte-ts-manifest-"));
    const file = join(directory, "manifest.yaml");
    writeFileSync(file, stringify(manifest("F")));
    const fromPath = await workspace.publishCustomSourceDefinition("from path", { manifestYaml: file });
    expect(await fromPath.getManifest()).toEqual(manifest("F"));
    const fromUrl = await workspace.publishCustomSourceDefinition("from url", { manifestYaml: pathToFileURL(file) });
    expect(await fromUrl.getManifest()).toEqual(manifest("F"));
    const missing = await rejection(
      workspace.publishCustomSourceDefinition("x", { manifestYaml: join(directory, "nope.yaml") }),
    );
    expect(missing).toBeInstanceOf(InputError);
    expect(missing.message).toMatch(/Cannot read the manifest file/);
  });

  it("preValidate refuses a manifest that is not a declarative source, before any request", async () => {
    const workspace = await freshWorkspace();
    for (const [bad, message] of [
      [["a list"], "Manifest must be a dictionary."],
      [{ type: "DeclarativeSource" }, "Manifest missing required fields: version."],
      [{ version: "1", type: "Other" }, "Manifest type must be 'DeclarativeSource', got 'Other'."],
    ] as const) {
      const { result, requests } = await harness.count(() =>
        rejection(workspace.publishCustomSourceDefinition("bad", { manifestYaml: bad as never })),
      );
      expect(result).toBeInstanceOf(InputError);
      expect(result.message).toBe(message);
      expect(requests).toEqual({});
    }
    const yamlError = await rejection(workspace.publishCustomSourceDefinition("bad", { manifestYaml: "a: [\nb" }));
    expect(yamlError).toBeInstanceOf(InputError);
    expect(yamlError.message).toMatch(/Cannot parse the manifest text as YAML/);
  });

  it("exactly one of manifestYaml and dockerImage", async () => {
    const workspace = harness.workspace();
    expect(await rejection(workspace.publishCustomSourceDefinition("x", {}))).toBeInstanceOf(InputError);
    expect(
      await rejection(
        workspace.publishCustomSourceDefinition("x", { manifestYaml: manifest(), dockerImage: "a/b", dockerTag: "1" }),
      ),
    ).toBeInstanceOf(InputError);
    expect(await rejection(workspace.publishCustomSourceDefinition("x", { dockerImage: "a/b" }))).toBeInstanceOf(
      InputError,
    );
  });

  it("the Connector Builder project: id, URL, data, draft; testing values set at publish time", async () => {
    const workspace = await freshWorkspace();
    const { result: definition, requests } = await harness.count(() =>
      workspace.publishCustomSourceDefinition("with testing values", {
        manifestYaml: manifest(),
        testingValues: { api_key: "key-1", region: "eu" },
        unique: false,
      }),
    );
    expect(requests).toEqual({
      createDeclarativeSourceDefinition: 1,
      "config.connector_builder_projects.get_for_definition_id": 1,
      "config.connector_builder_projects.update_testing_values": 1,
    });
    const projectId = await definition.getConnectorBuilderProjectId();
    expect(projectId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await definition.getConnectorBuilderProjectUrl()).toBe(
      `${workspace.workspaceUrl}/connector-builder/edit/${projectId}`,
    );
    expect(await definition.getDefinitionUrl()).toBe(`${workspace.workspaceUrl}/connector-builder/edit/${projectId}`);
    const data = await harness.count(() => definition.getBuilderProjectData());
    expect(data.requests).toEqual({ "config.connector_builder_projects.get_with_manifest": 1 });
    expect(data.result.builderProject.builderProjectId).toBe(projectId);
    expect(data.result.testingValues).toMatchObject({ region: "eu" });
    expect(await harness.count(() => definition.hasDraft())).toEqual({ result: false, requests: {} });
    expect(await definition.getDraftManifest()).toBeUndefined();

    await definition.setTestingValues({ api_key: "key-2", region: "us" });
    const refreshed = await definition.getBuilderProjectData({ useCache: false });
    expect(refreshed.testingValues).toMatchObject({ region: "us" });
  });

  it("a project with a draft shows it", async () => {
    const workspace = await freshWorkspace();
    const api = harness.admin();
    const draft = manifest("Draft title");
    const project = await api.config.connectorBuilderProjects.create({
      workspaceId: workspace.workspaceId,
      builderProject: { name: "drafted", draftManifest: draft },
    });
    const published = await api.config.connectorBuilderProjects.publish({
      workspaceId: workspace.workspaceId,
      builderProjectId: project.builderProjectId,
      name: "drafted",
      initialDeclarativeManifest: {
        manifest: manifest(),
        spec: {
          connectionSpecification: (manifest().spec as { connection_specification: object }).connection_specification,
        },
        version: 1,
        description: "first",
      },
    });
    const definition = await workspace.getCustomSourceDefinition(published.sourceDefinitionId, {
      definitionType: "yaml",
    });
    expect(await definition.hasDraft()).toBe(true);
    expect(await definition.getDraftManifest()).toEqual(draft);
    expect(await definition.getConnectorBuilderProjectId()).toBe(project.builderProjectId);
  });

  it("list and get; get of an unknown id is a MissingResourceError", async () => {
    const workspace = await freshWorkspace();
    const published = await workspace.publishCustomSourceDefinition("listed", { manifestYaml: manifest() });
    const listed = await harness.count(() => workspace.listCustomSourceDefinitions({ definitionType: "yaml" }));
    expect(listed.requests).toEqual({ listDeclarativeSourceDefinitions: 1 });
    expect(listed.result.map((d) => d.definitionId)).toEqual([published.definitionId]);
    expect(await harness.count(async () => listed.result[0]!.getName())).toEqual({ result: "listed", requests: {} });
    expect(await workspace.listCustomSourceDefinitions({ definitionType: "docker" })).toEqual([]);

    const fetched = await harness.count(() =>
      workspace.getCustomSourceDefinition(published.definitionId, { definitionType: "yaml" }),
    );
    expect(fetched.requests).toEqual({ getDeclarativeSourceDefinition: 1 });
    expect(await fetched.result.getVersion()).toBe("1");
    const unknown = await rejection(
      workspace.getCustomSourceDefinition("0b7e2f8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", { definitionType: "yaml" }),
    );
    expect(unknown).toBeInstanceOf(MissingResourceError);
    expect(await rejection(workspace.listCustomSourceDefinitions({ definitionType: "zip" as never }))).toBeInstanceOf(
      InputError,
    );
  });

  it("updateDefinition publishes a new manifest version; a YAML definition cannot be renamed or given a tag", async () => {
    const workspace = await freshWorkspace();
    const definition = await workspace.publishCustomSourceDefinition("versioned", { manifestYaml: manifest() });
    const updated = await harness.count(() => definition.updateDefinition({ manifestYaml: manifest("Second") }));
    expect(updated.requests).toEqual({ updateDeclarativeSourceDefinition: 1 });
    expect(await definition.getVersion()).toBe("2");
    expect(await definition.getManifest()).toEqual(manifest("Second"));
    expect((await rejection(definition.rename("other"))).message).toBe("Cannot rename YAML custom source definitions.");
    expect(await rejection(definition.updateDefinition({ dockerTag: "1.0" }))).toBeInstanceOf(InputError);
    expect(await rejection(definition.updateDefinition({}))).toBeInstanceOf(InputError);
    expect(await rejection(definition.updateDefinition({ manifestYaml: { type: "x" } }))).toBeInstanceOf(InputError);
  });

  it("deploySource creates a source of the definition", async () => {
    const workspace = await freshWorkspace();
    const definition = await workspace.publishCustomSourceDefinition("deployable", { manifestYaml: manifest() });
    const { result: source, requests } = await harness.count(() =>
      definition.deploySource("custom source", { api_key: "k", region: "eu" }),
    );
    expect(requests).toEqual({ createSource: 1, listSources: 1 });
    expect(await source.getDefinitionId()).toBe(definition.definitionId);
    expect(await source.getName()).toBe("custom source");
  });

  it("permanentlyDelete in safe mode needs the name to say so", async () => {
    const workspace = await freshWorkspace();
    const kept = await workspace.publishCustomSourceDefinition("keep", { manifestYaml: manifest() });
    const refused = await harness.count(() => rejection(kept.permanentlyDelete()));
    expect(refused.result).toBeInstanceOf(InputError);
    expect(refused.requests).toEqual({});
    const doomed = await workspace.publishCustomSourceDefinition("delete-me def", { manifestYaml: manifest() });
    const deleted = await harness.count(() => doomed.permanentlyDelete());
    expect(deleted.requests).toEqual({ deleteDeclarativeSourceDefinition: 1 });
    await kept.permanentlyDelete({ safeMode: false });
    expect(await workspace.listCustomSourceDefinitions({ definitionType: "yaml" })).toEqual([]);
  });
});

describe("Docker definitions", () => {
  it("a source image: publish, list without the public catalogue, get, update the tag, rename, deploy, delete", async () => {
    const workspace = await freshWorkspace();
    const published = await harness.count(() =>
      workspace.publishCustomSourceDefinition("my image", {
        dockerImage: "example/source-custom",
        dockerTag: "1.0.0",
        documentationUrl: "https://example.com/docs",
      }),
    );
    expect(published.requests).toEqual({
      createSourceDefinition: 1,
      listConnectorDefinitions: 1,
      listSourceDefinitions: 1,
    });
    const definition = published.result;
    expect(definition.definitionType).toBe("docker");
    expect([
      await definition.getDockerRepository(),
      await definition.getDockerImageTag(),
      await definition.getDocumentationUrl(),
    ]).toEqual(["example/source-custom", "1.0.0", "https://example.com/docs"]);
    expect([
      await definition.getManifest(),
      await definition.getVersion(),
      await definition.getConnectorBuilderProjectId(),
    ]).toEqual([undefined, undefined, undefined]);
    expect(await definition.hasDraft()).toBeUndefined();
    expect(await definition.getDefinitionUrl()).toBe(`${workspace.workspaceUrl}/settings/source`);

    const listed = await workspace.listCustomSourceDefinitions({ definitionType: "docker" });
    expect(listed.map((d) => d.definitionId)).toEqual([definition.definitionId]);
    expect(await workspace.listCustomSourceDefinitions({ definitionType: "yaml" })).toEqual([]);
    const duplicate = await rejection(
      workspace.publishCustomSourceDefinition("my image", { dockerImage: "example/source-custom", dockerTag: "2" }),
    );
    expect(duplicate).toBeInstanceOf(DuplicateResourcesError);

    const fetched = await workspace.getCustomSourceDefinition(definition.definitionId, { definitionType: "docker" });
    const tagged = await harness.count(() => fetched.updateDefinition({ dockerTag: "1.1.0" }));
    expect(tagged.requests).toEqual({ updateSourceDefinition: 1 });
    expect(await fetched.getDockerImageTag()).toBe("1.1.0");
    await fetched.rename("delete-me image");
    expect([await fetched.getName(), await fetched.getDockerImageTag()]).toEqual(["delete-me image", "1.1.0"]);
    expect(await rejection(fetched.updateDefinition({ manifestYaml: manifest() }))).toBeInstanceOf(InputError);
    expect(await rejection(fetched.getBuilderProjectData())).toBeInstanceOf(InputError);
    expect(await rejection(fetched.setTestingValues({}))).toBeInstanceOf(InputError);

    const source = await fetched.deploySource("from image", { anything: true });
    expect(await source.getDefinitionId()).toBe(definition.definitionId);
    await workspace.permanentlyDeleteSource(source, { safeMode: false });

    const deleted = await harness.count(() => fetched.permanentlyDelete());
    expect(deleted.requests).toEqual({ deleteSourceDefinition: 1 });
    expect(await workspace.listCustomSourceDefinitions({ definitionType: "docker" })).toEqual([]);
  });

  it("a destination image: the same, with deployDestination", async () => {
    const workspace = await freshWorkspace();
    const definition = await workspace.publishCustomDestinationDefinition("my sink", {
      dockerImage: "example/destination-custom",
      dockerTag: "0.1.0",
    });
    expect(definition).toBeInstanceOf(CustomCloudDestinationDefinition);
    expect([definition.connectorType, definition.definitionType]).toEqual(["destination", "docker"]);
    expect(await definition.getDefinitionUrl()).toBe(`${workspace.workspaceUrl}/settings/destination`);
    const listed = await harness.count(() => workspace.listCustomDestinationDefinitions());
    expect(listed.requests).toEqual({ listConnectorDefinitions: 1, listDestinationDefinitions: 1 });
    expect(listed.result.map((d) => d.definitionId)).toEqual([definition.definitionId]);
    expect(
      await rejection(workspace.publishCustomDestinationDefinition("my sink", { dockerImage: "x/y", dockerTag: "1" })),
    ).toBeInstanceOf(DuplicateResourcesError);
    expect(
      await rejection(workspace.publishCustomDestinationDefinition("x", { dockerImage: "", dockerTag: "1" })),
    ).toBeInstanceOf(InputError);

    const fetched = await workspace.getCustomDestinationDefinition(definition.definitionId);
    await fetched.updateDefinition({ dockerTag: "0.2.0" });
    await fetched.rename("renamed sink");
    expect([await fetched.getName(), await fetched.getDockerImageTag()]).toEqual(["renamed sink", "0.2.0"]);

    const destination = await fetched.deployDestination("to image", { anything: true });
    expect(await destination.getDefinitionId()).toBe(definition.definitionId);
    await workspace.permanentlyDeleteDestination(destination, { safeMode: false });

    expect(await rejection(fetched.permanentlyDelete())).toBeInstanceOf(InputError);
    await fetched.permanentlyDelete({ safeMode: false });
    expect(await workspace.listCustomDestinationDefinitions()).toEqual([]);
    expect(await rejection(workspace.getCustomDestinationDefinition(definition.definitionId))).toBeInstanceOf(
      MissingResourceError,
    );
  });
});
