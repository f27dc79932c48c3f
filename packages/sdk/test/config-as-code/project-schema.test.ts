/**
 * The published JSON Schema of a project file agrees with `loadProject`: every file the loader
 * accepts validates, and every file it refuses for its shape (an unknown field, a missing
 * connector, a reference with both id and name...) the schema refuses too, so an editor flags
 * what a plan would. Problems the schema cannot see (a key named but not declared, an unset
 * variable) are the loader's alone and are not listed here.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { schemaCheck } from "@airbyte-ts/test-support/json-schema";
import { ConfigFileError } from "../../src/config-as-code/errors.js";
import { loadProject, PROJECT_SCHEMA_URL } from "../../src/config-as-code/load-project.js";

const schema = JSON.parse(readFileSync(new URL("../../schema/project.schema.json", import.meta.url), "utf8")) as {
  $id: string;
};
const check = schemaCheck(schema);
const env = { PG_PASSWORD: "secret", STATUS: "inactive", PORT: "5432" };

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "airbyte-ts-schema-"));
  await writeFile(join(folder, "acme.yaml"), "version: 6.0.0\ntype: DeclarativeSource\nstreams: []\n");
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const HEAD = "apiVersion: airbyte-ts/v1\n";

/** Files the loader accepts, between them every field of the format. */
const ACCEPTED: Record<string, string> = {
  "the smallest file": HEAD,
  "empty sections": `${HEAD}tags:\nsources:\nconnections:\n`,
  "every field": `${HEAD}workspace: { name: analytics }
lifecycle: { prune: all, preventDestroy: [source.pg, connection.pg_to_bq] }
tags:
  finance: { name: Finance, color: "#3f51b5", renamedFrom: [money] }
  plain:
  numeric: { color: 123456 }
definitions:
  sources:
    acme_api: { name: Acme API, manifestFile: ./acme.yaml }
    imaged: { docker: { repository: acme/source-x, tag: "1.2.0", documentationUrl: "https://acme.test" } }
  destinations:
    sink: { docker: { repository: acme/destination-y, tag: latest } }
sources:
  pg:
    name: Postgres
    renamedFrom: [pg_old]
    connector: source-postgres
    configuration: { host: db, port: "\${PORT}", password: "\${PG_PASSWORD}", schemas: [public] }
  acme: { connector: { custom: acme_api } }
  by_id: { connector: { definitionId: 22f6c74f-5699-40ff-833c-4a879ea40133 }, configuration: {} }
destinations:
  bq: { connector: destination-bigquery, configuration: { dataset_id: raw } }
  custom_sink: { connector: { custom: sink } }
connections:
  pg_to_bq:
    name: Postgres to BigQuery
    source: pg
    destination: bq
    status: \${STATUS}
    schedule: { type: cron, cron: "0 0 * * * ?" }
    namespace: { definition: custom_format, format: "raw_\${SOURCE_NAMESPACE}" }
    prefix: pg_
    nonBreakingSchemaUpdates: propagate_columns
    tags: [finance, { name: Tier 1 }, { id: 8d3ef7f4-0000-4000-8000-000000000001 }]
    streamPolicy: merge
    streams:
      public/users: { syncMode: incremental_deduped_history, cursorField: [updated_at], primaryKey: [id] }
      orders:
        namespace: public
        syncMode: full_refresh_overwrite
        primaryKey: [[id], [customer, id]]
        selectedFields: [id, [customer, id], amount]
        mappers: [{ type: hashing, mapperConfiguration: { targetField: email, method: SHA-256, fieldNameSuffix: _h } }]
        destinationObjectName: orders_raw
      a/b/c: { name: a/b/c, namespace: weird }
      cleared: { cursorField: null, primaryKey: null, selectedFields: null, mappers: null, destinationObjectName: null }
      bare:
  outside:
    source: { name: Shared Postgres }
    destination: { id: 5b1e0a8c-0000-4000-8000-000000000002 }
    schedule: manual
    namespace: destination
    prefix: null
  manual_object:
    source: acme
    destination: custom_sink
    schedule: { type: manual }
    namespace: { definition: source }
`,
};

/** Files the loader refuses for their shape; the schema must refuse them too. */
const REFUSED: Record<string, string> = {
  "no apiVersion": "sources:\n",
  "another apiVersion": "apiVersion: airbyte-ts/v2\n",
  "an unknown top-level key": `${HEAD}resources: {}\n`,
  "a key that starts with a dot": `${HEAD}tags:\n  .hidden: {}\n`,
  "a colour that is no colour": `${HEAD}tags:\n  t: { color: blue }\n`,
  "an unknown tag field": `${HEAD}tags:\n  t: { colour: "00AA00" }\n`,
  "a workspace with id and name": `${HEAD}workspace: { id: a, name: b }\n`,
  "an unknown prune mode": `${HEAD}lifecycle: { prune: everything }\n`,
  "a preventDestroy that is no address": `${HEAD}lifecycle: { preventDestroy: [pg] }\n`,
  "a source without a connector": `${HEAD}sources:\n  pg: { configuration: {} }\n`,
  "a source that is a list": `${HEAD}sources:\n  pg: [source-postgres]\n`,
  "a configuration that is a list": `${HEAD}sources:\n  pg: { connector: source-postgres, configuration: [a] }\n`,
  "a connector with definitionId and custom": `${HEAD}sources:\n  pg: { connector: { definitionId: x, custom: y } }\n`,
  "an unknown source field": `${HEAD}sources:\n  pg: { connector: source-postgres, secrets: {} }\n`,
  "a source definition with manifestFile and docker": `${HEAD}definitions:\n  sources:\n    d: { manifestFile: ./acme.yaml, docker: { repository: r, tag: t } }\n`,
  "a source definition with neither": `${HEAD}definitions:\n  sources:\n    d: { name: D }\n`,
  "a destination definition with a manifest": `${HEAD}definitions:\n  destinations:\n    d: { manifestFile: ./acme.yaml }\n`,
  "a docker image without a tag": `${HEAD}definitions:\n  destinations:\n    d: { docker: { repository: r } }\n`,
  "a connection without a destination": `${HEAD}sources:\n  s: { connector: source-faker }\nconnections:\n  c: { source: s }\n`,
  "a reference with id and name": `${HEAD}connections:\n  c: { source: { id: a, name: b }, destination: { id: c } }\n`,
  "an unknown status": `${HEAD}connections:\n  c: { source: { id: a }, destination: { id: b }, status: paused }\n`,
  "a basic schedule": `${HEAD}connections:\n  c: { source: { id: a }, destination: { id: b }, schedule: { type: basic, timing: 1h } }\n`,
  "a cron schedule without cron": `${HEAD}connections:\n  c: { source: { id: a }, destination: { id: b }, schedule: { type: cron } }\n`,
  "a format outside custom_format": `${HEAD}connections:\n  c: { source: { id: a }, destination: { id: b }, namespace: { definition: source, format: x } }\n`,
  "an unknown schema update behaviour": `${HEAD}connections:\n  c: { source: { id: a }, destination: { id: b }, nonBreakingSchemaUpdates: propagate }\n`,
  "tags that are not a list": `${HEAD}connections:\n  c: { source: { id: a }, destination: { id: b }, tags: finance }\n`,
  "an unknown stream policy": `${HEAD}connections:\n  c: { source: { id: a }, destination: { id: b }, streamPolicy: all }\n`,
  "an unknown sync mode": `${HEAD}connections:\n  c: { source: { id: a }, destination: { id: b }, streams: { users: { syncMode: incremental } } }\n`,
  "an unknown stream field": `${HEAD}connections:\n  c: { source: { id: a }, destination: { id: b }, streams: { users: { cursor: [x] } } }\n`,
  "a cursor that is not a list": `${HEAD}connections:\n  c: { source: { id: a }, destination: { id: b }, streams: { users: { cursorField: updated_at } } }\n`,
  "mappers that are not maps": `${HEAD}connections:\n  c: { source: { id: a }, destination: { id: b }, streams: { users: { mappers: [hash] } } }\n`,
};

const load = (text: string) => loadProject([{ path: join(folder, "airbyte.yaml"), text }], { env });

describe("the project file's JSON Schema", () => {
  it("is published at the address import writes into each file", () => {
    expect(schema.$id).toBe(PROJECT_SCHEMA_URL);
  });

  it.each(Object.entries(ACCEPTED))("accepts %s, as loadProject does", async (_, text) => {
    await load(text);
    expect(check(parse(text))).toEqual([]);
  });

  it.each(Object.entries(REFUSED))("refuses %s, as loadProject does", async (_, text) => {
    await expect(load(text)).rejects.toBeInstanceOf(ConfigFileError);
    expect(check(parse(text))).not.toEqual([]);
  });
});
