/**
 * State and catalogs through the CLI (Config API): dump, per-stream get and set, import, round
 * trips through files and stdin, confirmation, and malformed input (exit 2).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { CloudConnection } from "airbyte-ts";
import { built, json, seedConnection, useCliServer } from "./helpers/cli.js";

type Row = Record<string, unknown>;

describe.skipIf(!built)("state and catalog", () => {
  const harness = useCliServer();
  const cli = harness.cli;
  let connection: CloudConnection;

  beforeAll(async () => {
    ({ connection } = await seedConnection(harness.workspace(), { count: 30, streams: ["users", "products"] }));
  });

  test("state: dump, get-stream, set-stream and import round trip; malformed input is exit 2", async () => {
    const { connection: incremental } = await seedConnection(harness.workspace(), { count: 10 });
    await harness.workspace().api.connections.patchConnection(
      { connectionId: incremental.connectionId },
      {
        configurations: { streams: [{ name: "users", syncMode: "incremental_append", cursorField: ["updated_at"] }] },
      },
    );
    const id = incremental.connectionId;
    expect((await cli(["sync", "run", id, "--wait"])).code).toBe(0);

    const dumped = await cli(["state", "dump", id]);
    expect(dumped.code).toBe(0);
    const messages = JSON.parse(dumped.stdout) as Row[];
    expect(messages[0]).toMatchObject({ type: "STREAM", stream: { stream_descriptor: { name: "users" } } });
    const raw = json(await cli(["state", "dump", id, "--raw"]));
    expect(raw.stateType).toBe("stream");
    const stream = json(await cli(["state", "get-stream", id, "users"]));
    expect(stream).toHaveProperty("updated_at");
    const none = await cli(["state", "get-stream", id, "products"]);
    expect(none.stdout).toBe("null\n");
    expect(none.stderr).toBe("Stream 'products' has no state.\n");

    const unconfirmed = await cli([
      "state",
      "set-stream",
      id,
      "users",
      "--state",
      '{"updated_at": "2020-01-01T00:00:00Z"}',
    ]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain("without confirmation. Pass --yes");
    const set = await cli([
      "--json",
      "state",
      "set-stream",
      id,
      "users",
      "--yes",
      "--state",
      '{"updated_at": "2020-01-01T00:00:00Z"}',
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(json(set)).toEqual({ updated_at: "2020-01-01T00:00:00Z" });

    const backup = join(harness.home.home, "state.json");
    writeFileSync(backup, dumped.stdout);
    const restored = await cli(["state", "import", id, backup, "--yes"]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stderr).toBe(`Replaced the state of connection '${await incremental.getName()}' (stream).\n`);
    expect(json(await cli(["state", "get-stream", id, "users"]))).toEqual(stream);
    const fromStdin = await cli(["state", "import", id, "-", "--yes"], { input: dumped.stdout });
    expect(fromStdin.code).toBe(0);

    const bad = join(harness.home.home, "bad-state.json");
    writeFileSync(bad, '[{"type": "STREAM",\n  "stream": }]');
    const malformed = await cli(["state", "import", id, bad, "--yes"]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(
      /bad-state\.json is not valid JSON \(.* at line 2, column 13\)\. Fix the state and retry\.\n$/,
    );
    const inline = await cli(["state", "set-stream", id, "users", "--yes", "--state", "{oops"]);
    expect(inline.code).toBe(2);
    expect(inline.stderr).toMatch(/^airbyte-ts: --state is not valid JSON/);
  });

  test("catalog: dump (protocol or raw), to a file, and import", async () => {
    const id = connection.connectionId;
    const catalog = json<{ streams: Row[] }>(await cli(["catalog", "dump", id]));
    expect(catalog.streams.map((s) => (s.stream as Row).name)).toEqual(expect.arrayContaining(["users", "products"]));
    const raw = json<{ streams: Row[] }>(await cli(["catalog", "dump", id, "--raw"]));
    expect(raw.streams[0]).toHaveProperty("config");
    const path = join(harness.home.home, "catalog.yaml");
    const written = await cli(["catalog", "dump", id, "-o", path]);
    expect(written.stdout).toBe("");
    expect(written.stderr).toBe(`Wrote the catalog to ${path}.\n`);
    const imported = await cli(["--json", "catalog", "import", id, path, "--yes"]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(json<{ streams: Row[] }>(imported).streams.length).toBe(catalog.streams.length);
    const notCatalog = await cli(["catalog", "import", id, "-", "--yes"], { input: '{"streams": 3}' });
    expect(notCatalog.code).toBe(2);
    expect(notCatalog.stderr).toBe('airbyte-ts: The catalog must have a "streams" list.\n');
  });
});
