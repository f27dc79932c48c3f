import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigFileError, EnvVarMissingError } from "../../src/config-as-code/errors.js";
import { loadProject } from "../../src/config-as-code/load-project.js";
import { streamKey, type ConnectionResource, type ConnectorResource } from "../../src/config-as-code/project.js";

const file = (text: string, path = "airbyte.yaml") => ({ path, text: `apiVersion: airbyte-ts/v1\n${text}` });

async function refusal(promise: Promise<unknown>): Promise<ConfigFileError | EnvVarMissingError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ConfigFileError) && !(error instanceof EnvVarMissingError)) {
    throw new Error(`expected a refusal, got ${String(error)}`);
  }
  return error;
}

const PROJECT = `
workspace: { name: analytics-prod }
tags:
  finance: { color: "#3f51b5" }
definitions:
  sources:
    acme_api:
      name: Acme API (custom)
      manifestFile: ./acme.yaml
sources:
  pg_prod:
    name: Postgres (prod)
    connector: source-postgres
    renamedFrom: [pg_main]
    configuration:
      host: db.internal
      port: \${PG_PORT}
      zip: 0123
      switch: on
      window: 12:30
      answer: no
      password: \${PG_PASSWORD}
      schemas: [public]
  acme:
    connector: { custom: acme_api }
    configuration: { api_key: "\${ACME_KEY}" }
destinations:
  bq:
    connector: { definitionId: 22f6c74f-5699-40ff-833c-4a879ea40133 }
    configuration: { dataset_id: raw }
connections:
  pg_to_bq:
    source: pg_prod
    destination: bq
    status: active
    schedule: { type: cron, cron: "0  0 */6 * * ?" }
    namespace: { definition: custom_format, format: "\${SOURCE_NAMESPACE}_raw" }
    tags: [finance, { name: tier-1 }]
    streams:
      public/users: { syncMode: incremental_deduped_history }
      orders:
        syncMode: incremental_append
        cursorField: [updated_at]
        primaryKey: [id, region]
        selectedFields: [id, [customer, id]]
      weird:
        name: a/b/c
        namespace: x.y
  unmanaged_source:
    source: { name: Legacy MySQL }
    destination: { id: 6a1e5b9e-0000-4000-8000-000000000001 }
    schedule: manual
lifecycle:
  prune: managed
  preventDestroy: [connection.pg_to_bq]
`;

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "airbyte-ts-project-"));
  await writeFile(join(folder, "acme.yaml"), "version: 6.0.0\ntype: DeclarativeSource\nstreams: []\n");
  await writeFile(join(folder, "airbyte.yaml"), `apiVersion: airbyte-ts/v1\n${PROJECT}`);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const env = { PG_PORT: "5432", PG_PASSWORD: "s3cret", ACME_KEY: "k", SOURCE_NAMESPACE: "must-not-be-used" };

describe("loadProject", () => {
  it("reads every kind of resource, keyed by kind and key, with references and lifecycle", async () => {
    const project = await loadProject([join(folder, "airbyte.yaml")], { env });
    expect([...project.resources.keys()]).toEqual([
      "tag.finance",
      "source_definition.acme_api",
      "source.pg_prod",
      "source.acme",
      "destination.bq",
      "connection.pg_to_bq",
      "connection.unmanaged_source",
    ]);
    expect(project.workspace).toEqual({ name: "analytics-prod" });
    expect(project.lifecycle).toEqual({ prune: "managed", preventDestroy: ["connection.pg_to_bq"] });
    expect(project.resources.get("tag.finance")).toMatchObject({ name: "finance", color: "3F51B5" });
    expect(project.resources.get("source_definition.acme_api")).toMatchObject({
      name: "Acme API (custom)",
      manifest: { file: "./acme.yaml", value: { version: "6.0.0", type: "DeclarativeSource", streams: [] } },
    });
    const pg = project.resources.get("source.pg_prod") as ConnectorResource;
    expect(pg).toMatchObject({
      name: "Postgres (prod)",
      connector: { connector: "source-postgres" },
      renamedFrom: ["pg_main"],
    });
    // YAML 1.2: `on`, `no` and `12:30` are strings (1.1 read true, false and 750), `0123` a
    // decimal number whose text is kept for a string-typed spec.
    expect(pg.configuration.value).toEqual({
      host: "db.internal",
      port: "5432",
      zip: 123,
      switch: "on",
      window: "12:30",
      answer: "no",
      password: "s3cret",
      schemas: ["public"],
    });
    expect(pg.configuration.origins.get('["zip"]')).toMatchObject({ plainText: "0123" });
    expect([...pg.configuration.fromEnvironment].sort()).toEqual(['["password"]', '["port"]']);
    expect(pg.location).toMatchObject({ file: join(folder, "airbyte.yaml"), line: 12, column: 3 });
    expect(project.resources.get("source.acme")).toMatchObject({ name: "acme", connector: { custom: "acme_api" } });
  });

  it("reads a connection's settings, and keys its streams by namespace and name", async () => {
    const project = await loadProject(
      [file(PROJECT.replace("manifestFile: ./acme.yaml", "docker: { repository: acme/source, tag: 1.0.0 }"))],
      { env },
    );
    const connection = project.resources.get("connection.pg_to_bq") as ConnectionResource;
    expect(connection).toMatchObject({
      source: { key: "pg_prod" },
      destination: { key: "bq" },
      status: "active",
      schedule: { type: "cron", cron: "0 0 */6 * * ?" },
      // Airbyte's own macro stays as written, although a variable of that name is set.
      namespace: { definition: "custom_format", format: "${SOURCE_NAMESPACE}_raw" },
      tags: [{ key: "finance" }, { name: "tier-1" }],
      streamPolicy: "exact",
    });
    expect([...(connection.streams?.keys() ?? [])]).toEqual([
      streamKey("users", "public"),
      streamKey("orders", undefined),
      streamKey("a/b/c", "x.y"),
    ]);
    expect(connection.streams?.get(streamKey("orders", undefined))).toMatchObject({
      syncMode: "incremental_append",
      cursorField: ["updated_at"],
      primaryKey: [["id"], ["region"]],
      selectedFields: [["id"], ["customer", "id"]],
    });
    expect(project.resources.get("connection.unmanaged_source")).toMatchObject({
      source: { name: "Legacy MySQL" },
      destination: { id: "6a1e5b9e-0000-4000-8000-000000000001" },
      schedule: { type: "manual" },
    });
  });

  it("keeps the same stream name in two namespaces apart, and reads names holding / and . from fields", async () => {
    const project = await loadProject([
      file(`connections:
  c:
    source: { id: s }
    destination: { id: d }
    streams:
      public/users: { syncMode: full_refresh_append }
      sales/users: { syncMode: incremental_append }
      users: {}
      odd: { name: a/b.c, namespace: x.y }
`),
    ]);
    const streams = (project.resources.get("connection.c") as ConnectionResource).streams;
    expect([...(streams?.keys() ?? [])]).toEqual([
      streamKey("users", "public"),
      streamKey("users", "sales"),
      streamKey("users", undefined),
      streamKey("a/b.c", "x.y"),
    ]);
    expect(streams?.get(streamKey("users", "sales"))?.syncMode).toBe("incremental_append");
  });

  it("merges several files into one project and refuses a key declared twice", async () => {
    const project = await loadProject(
      [
        file("sources:\n  a: { connector: source-faker }\n", "one.yaml"),
        file("sources:\n  b: { connector: source-faker }\n", "two.yaml"),
      ],
      { env: {} },
    );
    expect([...project.resources.keys()]).toEqual(["source.a", "source.b"]);
    expect(project.files).toEqual(["one.yaml", "two.yaml"]);
    const error = await refusal(
      loadProject(
        [
          file("sources:\n  a: { connector: source-faker }\n", "one.yaml"),
          file("sources:\n  a: { connector: source-faker }\n", "two.yaml"),
        ],
        { env: {} },
      ),
    );
    expect(error.message).toBe("two.yaml:3:3 (sources.a): declares source.a again (first in one.yaml).");
  });

  it("says where an unset variable is used and never keeps the text; $${...} is literal", async () => {
    const error = await refusal(
      loadProject(
        [file("sources:\n  a:\n    connector: source-faker\n    configuration:\n      password: ${NOT_SET}\n")],
        { env: {} },
      ),
    );
    expect(error).toBeInstanceOf(EnvVarMissingError);
    expect(error.code).toBe("env_var_missing");
    expect(error.message).toBe(
      "airbyte.yaml:6:7 (sources.a.configuration.password): the environment variable NOT_SET is not set. Set it, or write $${NOT_SET} for the literal text.",
    );
    const project = await loadProject(
      [file('sources:\n  a:\n    connector: source-faker\n    configuration: { text: "$${NOT_SET} and ${SET}" }\n')],
      {
        env: { SET: "yes" },
      },
    );
    expect((project.resources.get("source.a") as ConnectorResource).configuration.value).toEqual({
      text: "${NOT_SET} and yes",
    });
  });

  it.each([
    [
      "not YAML",
      "sources: [",
      /^airbyte\.yaml:2:11: Flow sequence in block collection must be sufficiently indented and end with a \]\.$/,
    ],
    [
      "a duplicate map key",
      "sources:\n  a: { connector: x }\n  a: { connector: y }\n",
      /^airbyte\.yaml:4:3: Map keys must be unique/,
    ],
    [
      "an unknown field, with the near one",
      "sourcs: {}\n",
      /^airbyte\.yaml:2:1 \(sourcs\): is not a known field\. Did you mean "sources"\?$/,
    ],
    [
      "a bad sync mode",
      "connections:\n  c:\n    source: {id: s}\n    destination: {id: d}\n    streams:\n      s: { syncMode: incremental }\n",
      /\(connections\.c\.streams\.s\.syncMode\): must be one of full_refresh_overwrite, /,
    ],
    [
      "a reference to an undeclared key",
      "sources:\n  pg: { connector: source-postgres }\nconnections:\n  c: { source: pgg, destination: { id: d } }\n",
      /\(connections\.c\.source\): names source "pgg", which this project does not declare \(it has: pg\)\.$/,
    ],
    [
      "a stream label with two slashes",
      "connections:\n  c:\n    source: {id: s}\n    destination: {id: d}\n    streams: { a/b/c: {} }\n",
      /has more than one "\/"/,
    ],
    [
      "the same stream twice",
      "connections:\n  c:\n    source: {id: s}\n    destination: {id: d}\n    streams:\n      public/users: {}\n      u: { name: users, namespace: public }\n",
      /is the same stream as "public\/users"/,
    ],
    ["a merge key", "x: &x { connector: a }\nsources:\n  a: { <<: *x }\n", /(is not a known field|merge keys)/],
    ["a bad key", "sources:\n  'my source': { connector: a }\n", /"my source" is not a usable key/],
    ["a wrong apiVersion", null, /\(apiVersion\): must be airbyte-ts\/v1\./],
    [
      "a cron schedule without its expression",
      "connections:\n  c: { source: {id: s}, destination: {id: d}, schedule: { type: cron } }\n",
      /schedule\.cron\): must be a string, not empty/,
    ],
    [
      "a renamedFrom key still declared",
      "sources:\n  a: { connector: x }\n  b: { connector: x, renamedFrom: [a] }\n",
      /is renamed from source\.a, which is still declared/,
    ],
    [
      "a connection renamed from a key no resource could have",
      "connections:\n  c: { source: {id: s}, destination: {id: d}, renamedFrom: ['old c'] }\n",
      /\(connections\.c\.renamedFrom\[0\]\): "old c" is not a usable key/,
    ],
    [
      "a connection with an empty name",
      "connections:\n  c: { name: ' ', source: {id: s}, destination: {id: d} }\n",
      /\(connections\.c\.name\): must not be empty/,
    ],
  ])("refuses %s with the file, line and path", async (_name, text, message) => {
    const input = text === null ? { path: "airbyte.yaml", text: "apiVersion: v0\n" } : file(text);
    const error = await refusal(loadProject([input], { env: {} }));
    expect(error.code).toMatch(/^config_invalid$/);
    expect(error.message).toMatch(message);
  });

  it("refuses a missing file and a missing manifest file", async () => {
    expect((await refusal(loadProject([join(folder, "nope.yaml")]))).message).toMatch(/nope\.yaml: cannot be read/);
    const error = await refusal(
      loadProject([
        {
          path: join(folder, "p.yaml"),
          text: "apiVersion: airbyte-ts/v1\ndefinitions:\n  sources:\n    d: { manifestFile: ./missing.yaml }\n",
        },
      ]),
    );
    expect(error.message).toMatch(/missing\.yaml: cannot be read/);
  });
});
