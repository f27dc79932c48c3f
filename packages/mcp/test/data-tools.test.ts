/**
 * The state and synced-records tools over stdio against a real sync of the local server from the
 * Faker source into a DuckDB file (users incremental, products full refresh): the state by
 * stream, and records read back from the file through the SDK's dataset reader, checked against
 * what the SDK reads itself.
 */
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { DuckDBInstance } from "@duckdb/node-api";
import type { CloudConnection, SyncResult } from "airbyte-ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "@airbyte-ts/mcp";
import { built, seedConnection, useMcpServer } from "./helpers/mcp.js";

interface StreamState {
  stream_descriptor: { name: string; namespace: string | null };
  stream_state: Record<string, unknown> | null;
}
interface State {
  connection_id: string;
  state_type: string;
  streams?: StreamState[];
  shared_state?: unknown;
  legacy_state?: unknown;
  stream?: StreamState;
}
interface Records {
  connection_id: string;
  job_id: number;
  stream_name: string;
  columns: string[];
  records: Record<string, unknown>[];
  returned: number;
  total_rows_available: number;
  truncated: boolean;
}

const USERS = 30;

describe.skipIf(!built)("airbyte-ts-mcp state and synced-records tools", () => {
  const harness = useMcpServer();
  let client: Client;
  let localDirectory: string;
  let connection: CloudConnection;
  let sync: SyncResult;

  beforeAll(async () => {
    // The folder behind Airbyte's /local mount: the local server writes the DuckDB file there.
    localDirectory = join(harness.env().HOME!, "local");
    const workspace = harness.workspace();
    const source = await workspace.deploySource("faker for duckdb", { sourceType: "faker", count: USERS, seed: 5 });
    const destination = await workspace.deployDestination("duckdb file", {
      destinationType: "duckdb",
      destination_path: "/local/mcp.duckdb",
    });
    connection = await workspace.deployConnection("faker to duckdb", {
      source,
      destination,
      selectedStreams: ["users", "products"],
    });
    await workspace.api.connections.patchConnection(
      { connectionId: connection.connectionId },
      {
        configurations: {
          streams: [
            { name: "users", syncMode: "incremental_append", cursorField: ["updated_at"] },
            { name: "products" },
          ],
        },
      },
    );
    sync = await connection.runSync({ pollIntervalMs: 100 });
    await sync.getDestinationReader({ localDirectory });
    client = await harness.connect({ AIRBYTE_LOCAL_DIRECTORY: localDirectory });
  });
  afterAll(async () => {
    await sync?.close();
  });

  const ok = <T>(name: string, args: Record<string, unknown>) => harness.ok<T>(client, name, args);
  const refused = (name: string, args: Record<string, unknown>, on: Client = client) => harness.refused(on, name, args);

  const read = (args: Record<string, unknown>) =>
    ok<Records>("read_synced_records", { connection_id: connection.connectionId, stream_name: "users", ...args });

  it("get_connection_state gives every stream's state after an incremental sync, as the SDK dumps it", async () => {
    const connection_id = connection.connectionId;
    const state = await ok<State>("get_connection_state", { connection_id });
    const [message] = await connection.dumpRawState();
    if (message?.type !== "STREAM")
      throw new Error(`expected one STREAM state message, got ${JSON.stringify(message)}`);
    expect(state).toEqual({
      connection_id,
      state_type: "stream",
      streams: [message.stream],
      shared_state: null,
      legacy_state: null,
    });
    expect(state.streams?.[0]).toMatchObject({ stream_descriptor: { name: "users", namespace: null } });
    const artifact = await ok<{ artifact: unknown; message: string | null }>("get_connection_artifact", {
      connection_id,
      artifact_type: "state",
    });
    expect(artifact).toMatchObject({ artifact: await connection.dumpRawState(), message: null });
  });

  it("get_connection_state gives one stream's state, null for a stream without one, an error for an unknown stream", async () => {
    const connection_id = connection.connectionId;
    const users = await ok<State>("get_connection_state", { connection_id, stream_name: "users" });
    const expected = await connection.getStreamState("users");
    expect(expected).toHaveProperty("updated_at");
    expect(users).toEqual({
      connection_id,
      state_type: "stream",
      stream: { stream_descriptor: { name: "users", namespace: null }, stream_state: expected },
    });
    // products is a full refresh, purchases is not selected: both are the catalog's, neither has state.
    for (const stream_name of ["products", "purchases"]) {
      const none = await ok<State>("get_connection_state", { connection_id, stream_name });
      expect(none.stream, stream_name).toEqual({
        stream_descriptor: { name: stream_name, namespace: null },
        stream_state: null,
      });
    }
    const unknown = await refused("get_connection_state", { connection_id, stream_name: "orders" });
    expect(unknown).toMatchObject({
      code: "unknown_stream",
      message: expect.stringMatching(/users, products, purchases/),
    });
    const nowhere = { connection_id: "00000000-0000-4000-8000-000000000000" };
    expect((await refused("get_connection_state", nowhere)).code).toBe("not_found");
  });

  it("read_synced_records reads the first records of the stream's DuckDB table, as the SDK does", async () => {
    const users = await sync.getDataset("users");
    const expected = await users.toArray({ limit: 20 });
    const first = await read({});
    expect(first).toEqual({
      connection_id: connection.connectionId,
      job_id: sync.jobId,
      stream_name: "users",
      columns: await users.columnNames(),
      records: JSON.parse(JSON.stringify(expected)),
      returned: 20,
      total_rows_available: await users.count(),
      truncated: true,
    });
    expect(first.total_rows_available).toBe(USERS);
    expect(first.columns).toEqual(expect.arrayContaining(["_airbyte_raw_id", "id", "email"]));

    const last = await read({ offset: 25, limit: 10, job_id: sync.jobId });
    expect(last).toMatchObject({ returned: USERS - 25, truncated: false });
    expect(last.records).toEqual(JSON.parse(JSON.stringify(await users.toArray({ limit: 10, offset: 25 }))));
    const picked = await read({ columns: ["email", "id"], limit: 2 });
    expect(picked.columns).toEqual(["email", "id"]);
    expect(picked.records).toEqual(expected.slice(0, 2).map(({ email, id }) => ({ email, id })));
    const products = await ok<Records>("read_synced_records", {
      connection_id: connection.connectionId,
      stream_name: "products",
      limit: 1,
    });
    expect(products.total_rows_available).toBe(await (await sync.getDataset("products")).count());
  });

  it("read_synced_records refuses what it cannot read, with the next step", async () => {
    const unknownColumn = await refused("read_synced_records", {
      connection_id: connection.connectionId,
      stream_name: "users",
      columns: ["id", "salary"],
    });
    expect(unknownColumn).toMatchObject({ code: "unknown_column", message: expect.stringMatching(/'salary'.*email/) });
    const unselected = await refused("read_synced_records", {
      connection_id: connection.connectionId,
      stream_name: "purchases",
    });
    expect(unselected).toMatchObject({ code: "unknown_stream", message: expect.stringMatching(/users, products/) });
    const job = { connection_id: connection.connectionId, stream_name: "users", job_id: 99_999 };
    expect((await refused("read_synced_records", job)).code).toBe("not_found");
    const tooMany = { connection_id: connection.connectionId, stream_name: "users", limit: 1001 };
    await harness.refusedBySchema(client, "read_synced_records", tooMany);

    const workspace = harness.workspace();
    const unsynced = await workspace.deployConnection("not synced yet", {
      source: await connection.getSource(),
      destination: await connection.getDestination(),
      selectedStreams: ["users"],
    });
    const never = await refused("read_synced_records", { connection_id: unsynced.connectionId, stream_name: "users" });
    expect(never).toMatchObject({ code: "no_successful_sync", hint: expect.stringMatching(/run_cloud_sync/) });

    const silent = await seedConnection(workspace);
    await silent.connection.runSync({ pollIntervalMs: 100 });
    const devNull = await refused("read_synced_records", {
      connection_id: silent.connection.connectionId,
      stream_name: "users",
    });
    expect(devNull).toMatchObject({ code: "unsupported_destination", message: expect.stringMatching(/duckdb/) });
  });

  it("over HTTP read_synced_records refuses to read a DuckDB file of the server's machine", async () => {
    const server = createServer({ env: harness.env(), transport: "http" });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const remote = new Client({ name: "airbyte-ts-mcp-test", version: "0.0.0" });
    await Promise.all([server.connect(serverSide), remote.connect(clientSide)]);
    try {
      const args = { connection_id: connection.connectionId, stream_name: "users" };
      const error = await refused("read_synced_records", args, remote);
      expect(error).toMatchObject({ code: "local_files_refused", hint: expect.stringMatching(/person/) });
    } finally {
      await remote.close();
      await server.close();
    }
  });

  it("read_synced_records gives JSON values for the types JSON lacks: huge integers, dates, bytes", async () => {
    // A column of each added to the synced table (the SDK's reader closed first: DuckDB locks the file).
    await sync.close();
    const instance = await DuckDBInstance.create(join(localDirectory, "mcp.duckdb"));
    const writer = await instance.connect();
    try {
      await writer.run(
        "ALTER TABLE main.users ADD COLUMN huge HUGEINT DEFAULT 170141183460469231731687303715884105727",
      );
      await writer.run("ALTER TABLE main.users ADD COLUMN born DATE DEFAULT DATE '1999-12-31'");
      await writer.run("ALTER TABLE main.users ADD COLUMN photo BLOB DEFAULT '\\xAA\\xBB'::BLOB");
    } finally {
      writer.closeSync();
      instance.closeSync();
    }
    const typed = await read({ columns: ["id", "huge", "born", "photo"], limit: 1 });
    expect(typed.records).toEqual([
      { id: 1, huge: "170141183460469231731687303715884105727", born: "1999-12-31", photo: "qrs=" },
    ]);
    // The server closed the file after reading: a new sync can write to it.
    const next = await connection.runSync({ pollIntervalMs: 100 });
    expect(await next.getJobStatus()).toBe("succeeded");
  });
});
