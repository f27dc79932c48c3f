/**
 * `importWorkspace` against a real local server: a workspace made through the API (as the web
 * app would) imported, then planned with the secrets given: empty; imported again: the same bytes;
 * the file names its JSON Schema on its first line and satisfies it.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { schemaCheck } from "@airbyte-ts/test-support/json-schema";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { manifest } from "@airbyte-ts/test-support/manifests";
import { importWorkspace } from "../../src/config-as-code/import-workspace.js";
import { loadProject, plan } from "../../src/config-as-code/index.js";
import { PROJECT_SCHEMA_URL } from "../../src/config-as-code/load-project.js";

const schema = JSON.parse(readFileSync(new URL("../../schema/project.schema.json", import.meta.url), "utf8")) as object;

const harness = useLocalServer();
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "airbyte-ts-import-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe("importing a workspace", () => {
  it("writes files that plan clean with the secrets given, the same bytes every time, and no secret", async () => {
    const api = harness.admin();
    const { workspaceId } = await api.workspaces.createWorkspace({
      name: "to import",
      organizationId: harness.local().organizationId,
    });
    const tag = await api.tags.createTag({ name: "Tier 1", color: "00aa00", workspaceId });
    const custom = await api.declarativeSourceDefinitions.createDeclarativeSourceDefinition(
      { workspaceId },
      {
        name: "Acme API",
        manifest: manifest(),
      },
    );
    // Custom Docker definitions, which only the Config API tells from the catalogue's.
    const image = await api.sourceDefinitions.createSourceDefinition(
      { workspaceId },
      { name: "Acme on Docker", dockerRepository: "acme/source-acme", dockerImageTag: "1.2.0" },
    );
    await api.sources.createSource({
      name: "Acme (image)",
      workspaceId,
      definitionId: image.id,
      configuration: { region: "eu" },
    });
    await api.destinationDefinitions.createDestinationDefinition(
      { workspaceId },
      {
        name: "Lake loader",
        dockerRepository: "acme/destination-lake",
        dockerImageTag: "0.9.0",
        documentationUrl: "https://example.com/lake",
      },
    );
    await api.destinationDefinitions.createDestinationDefinition(
      { workspaceId },
      { name: "No docs", dockerRepository: "acme/destination-nodocs", dockerImageTag: "1" },
    );
    const faker = await api.sources.createSource({
      name: "Faker",
      workspaceId,
      definitionId: "dfd88b22-b603-4c3d-aad7-3701784586b1",
      configuration: { count: 10, seed: 1 },
    });
    await api.sources.createSource({
      name: "Acme",
      workspaceId,
      definitionId: custom.id,
      configuration: { api_key: "acme-secret", region: "eu" },
    });
    const destinations = await api.destinationDefinitions.listDestinationDefinitions({ workspaceId });
    const postgres = destinations.data.find((d) => d.dockerRepository.endsWith("/destination-postgres"));
    const warehouse = await api.destinations.createDestination({
      name: "Warehouse",
      workspaceId,
      definitionId: postgres?.id ?? "",
      configuration: {
        host: "db",
        port: 5432,
        database: "d",
        schema: "s3/${STREAM_NAME}",
        username: "u",
        password: "pg-secret",
      },
    });
    await api.connections.createConnection({
      name: "Faker → Warehouse",
      sourceId: faker.sourceId,
      destinationId: warehouse.destinationId,
      schedule: { scheduleType: "cron", cronExpression: "0 0 12 * * ?" },
      namespaceDefinition: "custom_format",
      namespaceFormat: "${SOURCE_NAMESPACE}_raw",
      prefix: "raw_",
      tags: [tag],
      configurations: {
        streams: [
          { name: "users", syncMode: "incremental_deduped_history" },
          {
            name: "purchases",
            syncMode: "full_refresh_append",
            selectedFields: [{ fieldPath: ["id"] }, { fieldPath: ["updated_at"] }],
          },
        ],
      },
    });

    const imported = await importWorkspace({ api, workspaceId });
    expect(Object.keys(imported.files).sort()).toEqual(["airbyte.yaml", "manifests/acme_api.yaml"]);
    expect(imported.variables.map((variable) => variable.name).sort()).toEqual([
      "DESTINATION_WAREHOUSE_PASSWORD",
      "SOURCE_ACME_API_KEY",
    ]);
    const text = imported.files["airbyte.yaml"] ?? "";
    expect(text).not.toMatch(/acme-secret|pg-secret|\*{10}/);
    expect(text).toContain("password: ${DESTINATION_WAREHOUSE_PASSWORD}");
    expect(text).toContain("format: ${SOURCE_NAMESPACE}_raw");
    expect(text).toMatch(
      /acme_on_docker:\n\s+name: Acme on Docker\n\s+docker:\n\s+repository: acme\/source-acme\n\s+tag: 1\.2\.0/,
    );
    expect(text).toMatch(/lake_loader:\n\s+name: Lake loader\n\s+docker:\n\s+repository: acme\/destination-lake/);
    expect(text).toMatch(/name: Acme \(image\)\n\s+connector:\n\s+custom: acme_on_docker/);
    expect(text).toMatch(
      /no_docs:\n\s+name: No docs\n\s+docker:\n\s+repository: acme\/destination-nodocs\n\s+tag: "1"\n/,
    );
    expect(imported.warnings).toEqual([]);
    // Editors find the schema from the first line, and the file satisfies it.
    expect(text.split("\n")[0]).toBe(`# yaml-language-server: $schema=${PROJECT_SCHEMA_URL}`);
    expect(schemaCheck(schema)(parse(text))).toEqual([]);
    expect((await importWorkspace({ api, workspaceId })).files).toEqual(imported.files);

    for (const [path, content] of Object.entries(imported.files)) {
      await mkdir(dirname(join(folder, path)), { recursive: true });
      await writeFile(join(folder, path), content);
    }
    const env = { DESTINATION_WAREHOUSE_PASSWORD: "pg-secret", SOURCE_ACME_API_KEY: "acme-secret" };
    const project = await loadProject([join(folder, "airbyte.yaml")], { env });
    const planned = await plan(project, { api, workspaceId }, { lock: imported.lock });
    expect(planned.actions).toEqual([]);
    expect(planned.unchanged).toHaveLength(10);
    // The secrets were not applied by airbyte-ts: the plan says it cannot compare them.
    expect(planned.warnings.map((warning) => `${warning.address} ${warning.message.split(":")[0]}`).sort()).toEqual([
      "destination.warehouse cannot tell whether configuration.password changed",
      "source.acme cannot tell whether configuration.api_key changed",
    ]);
  });

  it("says so when the Config API refuses, and leaves custom Docker definitions unmanaged", async () => {
    const api = harness.admin();
    const { workspaceId } = await api.workspaces.createWorkspace({
      name: "to import without the Config API",
      organizationId: harness.local().organizationId,
    });
    const image = await api.sourceDefinitions.createSourceDefinition(
      { workspaceId },
      { name: "Acme on Docker", dockerRepository: "acme/source-acme", dockerImageTag: "1.2.0" },
    );
    await api.sources.createSource({ name: "Acme (image)", workspaceId, definitionId: image.id, configuration: {} });
    const { clientId, clientSecret, url } = harness.local();
    const withoutConfigApi = harness.client({ clientId, clientSecret, configApiUrl: `${url}/no-config-api/v1` });
    const imported = await importWorkspace({ api: withoutConfigApi, workspaceId });
    expect(imported.warnings).toEqual([
      expect.stringMatching(/^Custom Docker definitions were not imported \(the Config API refused: /),
    ]);
    const text = imported.files["airbyte.yaml"] ?? "";
    expect(text).not.toContain("definitions:");
    expect(text).toContain("connector: source-acme");
  });
});
