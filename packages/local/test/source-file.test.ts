/**
 * The File source on its own: files the test writes under a /local directory and serves over a
 * loopback HTTP server, checked, discovered and read through the connector's operations.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { fileSource } from "../src/connectors/sources/file.js";
import { parseReaderOptions, readerPlan } from "../src/connectors/sources/file-reader-options.js";
import type { SourceMessage } from "../src/connectors/protocol.js";

const localDirectory = mkdtempSync(join(tmpdir(), "file-source-local-"));
// Downloads go to a temporary directory of this file's own (os.tmpdir() follows TMPDIR), so that
// what is left there after a read is this file's doing.
const downloads = mkdtempSync(join(tmpdir(), "file-source-downloads-"));
const leftDownloads = () => readdirSync(downloads);
const context = { localDirectory };
let server: Server;
let baseUrl = "";

const previousTmpdir = process.env.TMPDIR;
beforeAll(async () => {
  process.env.TMPDIR = downloads;
  server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname.slice(1));
    const found = readdirSync(localDirectory).includes(name);
    if (!found) {
      response.writeHead(404, "Not Found").end("no such file");
      return;
    }
    response
      .writeHead(200, { "content-type": "application/octet-stream" })
      .end(readFileSync(join(localDirectory, name)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  if (previousTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmpdir;
  rmSync(localDirectory, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
  writeFileSync(join(localDirectory, name), content);
  return `/local/${name}`;
}

const local = (url: string, format: string, extra: Record<string, unknown> = {}) => ({
  dataset_name: "data",
  format,
  url,
  provider: { storage: "local" },
  ...extra,
});

async function properties(config: Record<string, unknown>): Promise<Record<string, unknown>> {
  const [stream] = await fileSource.discover(config, context);
  return (stream?.jsonSchema as { properties: Record<string, unknown> }).properties;
}

async function records(config: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const messages: SourceMessage[] = [];
  const read = fileSource.read!({
    config,
    streams: [{ name: "data", jsonSchema: {}, syncMode: "full_refresh", cursorField: [], primaryKey: [] }],
    state: { streams: [] },
    localDirectory,
    signal: new AbortController().signal,
  });
  for await (const message of read) messages.push(message);
  return messages.flatMap((message) => (message.type === "record" ? [message.data] : []));
}

const text = { type: ["null", "string"] };
const integer = { type: ["null", "integer"], airbyte_type: "integer" };
const number = { type: ["null", "number"] };

describe("CSV", () => {
  test("quoted cells, embedded newlines and unicode; types inferred from every row", async () => {
    const url = write(
      "people.csv",
      'id,name,note,score,born,seen_at\n1,"Doe, Jane","line one\nline two",1.5,2001-02-03,2024-05-06 07:08:09\n2,Zoë 🚀,"say ""hi""",,1999-12-31,\n',
    );
    const config = local(url, "csv");
    expect(await fileSource.check(config, context)).toEqual({ status: "succeeded" });
    expect(await properties(config)).toEqual({
      id: integer,
      name: text,
      note: text,
      score: number,
      born: { type: ["null", "string"], format: "date", airbyte_type: "date" },
      seen_at: { type: ["null", "string"], format: "date-time", airbyte_type: "timestamp_without_timezone" },
    });
    expect(await records(config)).toEqual([
      {
        id: 1,
        name: "Doe, Jane",
        note: "line one\nline two",
        score: 1.5,
        born: "2001-02-03",
        seen_at: "2024-05-06T07:08:09.000000",
      },
      { id: 2, name: "Zoë 🚀", note: 'say "hi"', score: null, born: "1999-12-31", seen_at: null },
    ]);
  });

  test("reader_options as pandas takes them: sep, encoding, skiprows, names, dtype, na_values", async () => {
    const latin1 = Buffer.from("# exported\ncode;ville;n\n007;Orléans;NA\n010;Besançon;-\n011;Nîmes;3\n", "latin1");
    const config = local(write("villes.csv", latin1), "csv", {
      reader_options: JSON.stringify({
        sep: ";",
        encoding: "latin-1",
        skiprows: 1,
        dtype: { code: "str" },
        na_values: ["-"],
      }),
    });
    expect(await properties(config)).toEqual({ code: text, ville: text, n: integer });
    expect(await records(config)).toEqual([
      { code: "007", ville: "Orléans", n: null },
      { code: "010", ville: "Besançon", n: null },
      { code: "011", ville: "Nîmes", n: 3 },
    ]);

    const renamed = local(write("plain.csv", "1,a\n2,b\n"), "csv", {
      reader_options: JSON.stringify({ header: null, names: ["n", "letter"] }),
    });
    expect(await records(renamed)).toEqual([
      { n: 1, letter: "a" },
      { n: 2, letter: "b" },
    ]);
    // Without a header or names, pandas names columns by position.
    const positional = local("/local/plain.csv", "csv", { reader_options: '{"header": null}' });
    expect(await records(positional)).toEqual([
      { 0: 1, 1: "a" },
      { 0: 2, 1: "b" },
    ]);
  });

  test("a large file is read chunk by chunk, every row in order", async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `${i},row ${i}`);
    const rows = await records(local(write("large.csv", `id,label\n${lines.join("\n")}\n`), "csv"));
    expect(rows).toHaveLength(50_000);
    expect(rows.every((row, i) => row.id === i && row.label === `row ${i}`)).toBe(true);
  });
});

test("an aborted read stops, and its downloaded copy is removed", async () => {
  const lines = Array.from({ length: 50_000 }, (_, i) => `${i},row ${i}`);
  write("to-cancel.csv", `id,label\n${lines.join("\n")}\n`);
  const config = { ...local("", "csv"), url: `${baseUrl}/to-cancel.csv`, provider: { storage: "HTTPS" } };
  const controller = new AbortController();
  const read = fileSource.read!({
    config,
    streams: [{ name: "data", jsonSchema: {}, syncMode: "full_refresh", cursorField: [], primaryKey: [] }],
    state: { streams: [] },
    localDirectory,
    signal: controller.signal,
  });
  let seen = 0;
  const reading = (async () => {
    for await (const message of read) if (message.type === "record" && ++seen === 10) controller.abort();
  })();
  await expect(reading).rejects.toThrow(/abort/i);
  expect(seen).toBeLessThanOrEqual(2048 + 10);
  expect(leftDownloads()).toEqual([]);
});

describe("JSON Lines, JSON and Parquet", () => {
  test("JSON Lines with nested objects and arrays", async () => {
    const url = write(
      "events.jsonl",
      '{"id": 1, "tags": ["a", "b"], "payload": {"k": "v", "n": 2}, "ok": true}\n{"id": 2, "tags": [], "payload": {"k": "ü", "n": null}, "ok": null}\n',
    );
    const config = local(url, "jsonl");
    expect(await properties(config)).toEqual({
      id: integer,
      tags: { type: ["null", "array"] },
      payload: { type: ["null", "object"] },
      ok: { type: ["null", "boolean"] },
    });
    expect(await records(config)).toEqual([
      { id: 1, tags: ["a", "b"], payload: { k: "v", n: 2 }, ok: true },
      { id: 2, tags: [], payload: { k: "ü", n: null }, ok: null },
    ]);
    const array = local(write("events.json", '[{"id": 1, "name": "x"}, {"id": 2, "name": null}]'), "json");
    expect(await records(array)).toEqual([
      { id: 1, name: "x" },
      { id: 2, name: null },
    ]);
  });

  test("Parquet written by DuckDB: integers beyond 2^53, decimals, timestamps with and without zone, nulls", async () => {
    const path = join(localDirectory, "typed.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`COPY (
      SELECT * FROM (VALUES
        (1, 9007199254740993::BIGINT, 12.34::DECIMAL(10,2), TIMESTAMPTZ '2024-01-02 03:04:05.123456+02', TIMESTAMP '2024-01-02 03:04:05', DATE '2024-02-29', 'naïve', true),
        (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
      ) AS t(id, big, price, at_tz, at_local, day, label, flag)
    ) TO '${path}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const config = local("/local/typed.parquet", "parquet");
    expect(await fileSource.check(config, context)).toEqual({ status: "succeeded" });
    expect(await properties(config)).toEqual({
      id: integer,
      big: integer,
      price: number,
      at_tz: { type: ["null", "string"], format: "date-time", airbyte_type: "timestamp_with_timezone" },
      at_local: { type: ["null", "string"], format: "date-time", airbyte_type: "timestamp_without_timezone" },
      day: { type: ["null", "string"], format: "date", airbyte_type: "date" },
      label: text,
      flag: { type: ["null", "boolean"] },
    });
    expect(await records(config)).toEqual([
      {
        id: 1,
        big: 9007199254740993n,
        price: 12.34,
        at_tz: "2024-01-02T01:04:05.123456Z",
        at_local: "2024-01-02T03:04:05.000000",
        day: "2024-02-29",
        label: "naïve",
        flag: true,
      },
      { id: 2, big: null, price: null, at_tz: null, at_local: null, day: null, label: null, flag: null },
    ]);
    const some = local("/local/typed.parquet", "parquet", { reader_options: '{"columns": ["label", "id"]}' });
    expect(Object.keys(await properties(some))).toEqual(["label", "id"]);
  });
});

describe("HTTPS provider", () => {
  test("a file served over HTTP is downloaded, read, and its temporary copy removed", async () => {
    write("served.csv", "id;city\n1;Zürich\n2;Kraków\n");
    const config = {
      dataset_name: "data",
      format: "csv",
      url: `${baseUrl}/served.csv`,
      provider: { storage: "HTTPS", user_agent: true },
      reader_options: '{"sep": ";"}',
    };
    expect(tmpdir()).toBe(downloads);
    expect(await fileSource.check(config, context)).toEqual({ status: "succeeded" });
    expect(await properties(config)).toEqual({ id: integer, city: text });
    expect(await records(config)).toEqual([
      { id: 1, city: "Zürich" },
      { id: 2, city: "Kraków" },
    ]);
    expect(leftDownloads()).toEqual([]);
  });
});

describe("check's failures", () => {
  const failure = async (config: Record<string, unknown>) => {
    const outcome = await fileSource.check(config, context);
    expect(outcome.status).toBe("failed");
    return outcome.message;
  };

  test("a missing file, an HTTP 404, a path outside /local", async () => {
    expect(await failure(local("/local/nothing.csv", "csv"))).toMatch(/^The file \/local\/nothing.csv does not exist/);
    expect(
      await failure({ dataset_name: "d", format: "csv", url: `${baseUrl}/gone.csv`, provider: { storage: "HTTPS" } }),
    ).toBe(`Could not download ${baseUrl}/gone.csv: HTTP 404 Not Found`);
    expect(await failure(local("/local/../etc/passwd", "csv"))).toMatch(/is not inside the local mount/);
    expect(await failure(local("/etc/passwd", "csv"))).toMatch(/is not inside the local mount/);
  });

  test("a malformed CSV names its line; a format or option the local server cannot read is named", async () => {
    const url = write("broken.csv", 'a,b\n1,2\n3,4\n"x",5,6\n7,8\n');
    expect(await failure(local(url, "csv"))).toBe(
      `Could not read ${url} as csv: line 4 is malformed (too many columns, Expected Number of Columns: 2 Found: 3). The line: "x",5,6`,
    );
    const json = write("broken.json", '{"a": 1,');
    expect(await failure(local(json, "json"))).toMatch(
      /^Could not read \/local\/broken.json as json: Malformed JSON in file "\/local\/broken.json", at byte 9/,
    );
    expect(await failure(local(url, "excel"))).toMatch(
      /^The local server reads csv, json, jsonl, parquet files, not excel/,
    );
    expect(await failure(local(url, "csv", { reader_options: '{"thousands": ","}' }))).toMatch(
      /^reader_options: thousands is not an option the local server can apply to csv files/,
    );
    expect(await failure(local(url, "csv", { reader_options: "{'sep': ';'}" }))).toMatch(
      /^reader_options is not valid JSON/,
    );
    expect(await failure({ ...local(url, "csv"), provider: { storage: "S3" } })).toMatch(
      /reads files from local and HTTPS storage only, not S3/,
    );
  });
});

test("pandas' header and skiprows become DuckDB's header and skip", () => {
  const plan = readerPlan("csv", parseReaderOptions('{"header": 2, "skiprows": 1, "quotechar": "\'"}'));
  expect(plan.parameters).toMatchObject({ header: "true", skip: "3", quote: "''''" });
  expect(readerPlan("csv", {}).positionalNames).toBe(false);
});
