/**
 * The DuckDB reader against a real DuckDB file laid out as a sync writes it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DestinationReadError, InvalidArgumentError, TableNotFoundError } from "airbyte-ts";
import { Dataset, DestinationReader, openDestination } from "airbyte-ts/datasets";
import {
  EXPECTED_COLUMNS,
  EXPECTED_OTHER_ROW,
  EXPECTED_ROWS,
  LARGE_ROW_COUNT,
  otherTypesSql,
  PAYLOAD_BYTES,
  retainedHeap,
  typedTableSql,
} from "./fixture.js";

let localDirectory: string;
let reader: DestinationReader;

const destination = (destinationPath: string, schema?: string) => ({
  destinationType: "duckdb",
  configuration: { destination_path: destinationPath, ...(schema === undefined ? {} : { schema }) },
});

async function writeDatabase(path: string, statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    for (const statement of statements) await connection.run(statement);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

beforeAll(async () => {
  localDirectory = mkdtempSync(join(tmpdir(), "airbyte-ts-duckdb-"));
  mkdirSync(join(localDirectory, "syncs"));
  await writeDatabase(join(localDirectory, "syncs", "warehouse.duckdb"), [
    ...typedTableSql("duckdb", "main.users"),
    ...typedTableSql("duckdb", "main.faker_users"),
    "CREATE SCHEMA sales",
    ...typedTableSql("duckdb", "sales.users"),
    ...otherTypesSql("duckdb", "main.other_types"),
    `CREATE TABLE main.events AS
       SELECT i::BIGINT AS id,
              repeat('x', ${PAYLOAD_BYTES}) || i::VARCHAR AS payload,
              uuid()::VARCHAR AS _airbyte_raw_id,
              TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(i) AS _airbyte_extracted_at,
              '{"changes": [], "sync_id": 1}'::JSON AS _airbyte_meta,
              1::BIGINT AS _airbyte_generation_id
       FROM range(${LARGE_ROW_COUNT}) t(i)`,
  ]);
  reader = openDestination(destination("/local/syncs/warehouse.duckdb"), { localDirectory });
});

afterAll(async () => {
  await reader?.close();
  rmSync(localDirectory, { recursive: true, force: true });
});

describe("a DuckDB destination", () => {
  test("names: the file's catalog, the default schema main, the stream's table", () => {
    expect(reader.destinationType).toBe("duckdb");
    expect(reader.databaseName).toBe("warehouse");
    expect(reader.defaultSchemaName).toBe("main");
    const users = reader.dataset("users");
    expect(users).toBeInstanceOf(Dataset);
    expect(users.streamName).toBe("users");
    expect(users.tableName).toBe("users");
    expect(users.schemaName).toBe("main");
    expect(users.databaseName).toBe("warehouse");
    expect(users.fullyQualifiedName).toBe('"warehouse"."main"."users"');
  });

  test("a relative path is inside /local, and the configured schema is the default", () => {
    const relative = openDestination(destination("syncs/warehouse.duckdb", "Sales"), { localDirectory });
    expect(relative.defaultSchemaName).toBe("sales");
    expect(relative.dataset("users").fullyQualifiedName).toBe('"warehouse"."sales"."users"');
  });

  test("columnNames lists the stream's columns and Airbyte's, in order", async () => {
    expect(await reader.dataset("users").columnNames()).toEqual(EXPECTED_COLUMNS);
  });

  test("count, exists", async () => {
    expect(await reader.dataset("users").count()).toBe(2);
    expect(await reader.dataset("events").count()).toBe(LARGE_ROW_COUNT);
    expect(await reader.dataset("users").exists()).toBe(true);
    expect(await reader.dataset("orders").exists()).toBe(false);
  });

  test("toArray gives plain JSON-friendly values: numbers, ISO timestamps in UTC, parsed JSON", async () => {
    const rows = await reader.dataset("users").toArray();
    expect(rows).toEqual(EXPECTED_ROWS);
    expect(typeof rows[0]?.id).toBe("number");
    expect(typeof rows[0]?.big).toBe("bigint");
    expect(await reader.dataset("users").toArray({ limit: 1 })).toEqual([EXPECTED_ROWS[0]]);
    expect(await reader.dataset("users").toArray({ limit: 0 })).toEqual([]);
    expect(await reader.dataset("users").toArray({ limit: 5, offset: 1 })).toEqual([EXPECTED_ROWS[1]]);
    expect(await reader.dataset("users").toArray({ limit: 5, offset: 2 })).toEqual([]);
  });

  test("other types: local timestamps, times, decimals, intervals, bytes, infinity, lists", async () => {
    expect(await reader.dataset("other_types").toArray()).toEqual([EXPECTED_OTHER_ROW]);
  });

  test("async iteration and rows({ limit, columns })", async () => {
    const iterated = [];
    for await (const row of reader.dataset("users")) iterated.push(row);
    expect(iterated).toEqual(EXPECTED_ROWS);

    const picked = [];
    for await (const row of reader.dataset("users").rows({ columns: ["name", "_airbyte_meta"], limit: 1 }))
      picked.push(row);
    expect(picked).toEqual([{ name: "Ada", _airbyte_meta: { changes: [], sync_id: 7 } }]);
  });

  test("the connection's prefix and a stream's schema choose the table", async () => {
    const prefixed = reader.dataset("Users", { prefix: "faker_" });
    expect(prefixed.tableName).toBe("faker_users");
    expect(await prefixed.count()).toBe(2);
    const inSales = reader.dataset("users", { schemaName: "sales" });
    expect(inSales.fullyQualifiedName).toBe('"warehouse"."sales"."users"');
    expect(await inSales.toArray()).toEqual(EXPECTED_ROWS);
  });

  test("a table that was never synced is a TableNotFoundError from every method", async () => {
    const missing = reader.dataset("orders");
    await expect(missing.count()).rejects.toBeInstanceOf(TableNotFoundError);
    await expect(missing.columnNames()).rejects.toBeInstanceOf(TableNotFoundError);
    await expect(missing.toArray()).rejects.toThrow(/"warehouse"."main"."orders" does not exist/);
    const iterate = async () => {
      for await (const row of missing) void row;
    };
    await expect(iterate()).rejects.toBeInstanceOf(TableNotFoundError);
    await expect(reader.dataset("users", { schemaName: "nowhere" }).count()).rejects.toBeInstanceOf(TableNotFoundError);
  });

  test("bad limits and batch sizes are argument errors", () => {
    expect(() => reader.dataset("users").rows({ limit: -1 })).toThrow(InvalidArgumentError);
    expect(() => reader.dataset("users").rows({ batchSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => reader.dataset("users").rows({ columns: [] })).toThrow(InvalidArgumentError);
    expect(() => reader.dataset("users").rows({ limit: 1, offset: -1 })).toThrow(InvalidArgumentError);
    expect(() => reader.dataset("users").rows({ offset: 1 })).toThrow(/offset needs a limit/);
  });

  test(`iterating ${LARGE_ROW_COUNT} rows holds one chunk at a time`, async () => {
    const before = await retainedHeap();
    let count = 0;
    let idSum = 0;
    let peak = 0;
    for await (const row of reader.dataset<{ id: number; payload: string }>("events")) {
      count += 1;
      idSum += row.id;
      if (row.payload.length < PAYLOAD_BYTES) throw new Error("short payload");
      if (count % 50_000 === 0) peak = Math.max(peak, (await retainedHeap()) - before);
    }
    expect(count).toBe(LARGE_ROW_COUNT);
    expect(idSum).toBe((LARGE_ROW_COUNT * (LARGE_ROW_COUNT - 1)) / 2);
    // Holding every row would retain over 200 MB (200,000 rows of 1 KB); a chunk is 2,048 rows.
    expect(peak).toBeLessThan(32 * 1024 * 1024);
  });

  test("breaking out of an iteration releases its connection", async () => {
    for (let round = 0; round < 20; round++) {
      for await (const row of reader.dataset("events")) {
        void row;
        break;
      }
    }
    expect(await reader.dataset("users").count()).toBe(2);
  });

  test("connection() is DuckDB's own connection; query() and stream() run SQL with values converted", async () => {
    const connection = await reader.connection();
    expect(connection).toBeInstanceOf(DuckDBConnection);
    expect(await reader.connection()).toBe(connection);
    const result = await (connection as DuckDBConnection).runAndReadAll("SELECT count(*) FROM sales.users");
    expect(result.getRows()).toEqual([[2n]]);

    expect(await reader.query("SELECT id, created_at FROM main.users WHERE id = $1", [2])).toEqual([
      { id: 2, created_at: "1969-12-31T23:59:59.999Z" },
    ]);
    let streamed = 0;
    for await (const row of reader.stream<{ id: number }>("SELECT id FROM main.events WHERE id < 5000"))
      streamed += row.id >= 0 ? 1 : 0;
    expect(streamed).toBe(5000);
  });

  test("the file is opened read-only", async () => {
    await expect(reader.query("CREATE TABLE main.scratch (x INTEGER)")).rejects.toThrow(/read-only/i);
  });

  test("close() releases the file; a later read opens it again", async () => {
    const own = openDestination(destination("/local/syncs/warehouse.duckdb"), { localDirectory });
    expect(await own.dataset("users").count()).toBe(2);
    await own.close();
    expect(await own.dataset("users").count()).toBe(2);
    await own.close();
  });

  test("inspect shows names, never internals", () => {
    expect(inspect(reader)).toBe("DestinationReader(duckdb: warehouse, default schema main)");
    expect(inspect(reader.dataset("users"))).toBe('Dataset(users -> "warehouse"."main"."users" on duckdb)');
  });
});

describe("DuckDB paths and files that cannot be read", () => {
  test("the local directory comes from the option, then AIRBYTE_LOCAL_DIRECTORY, then /tmp/airbyte_local", async () => {
    const fromEnv = openDestination(destination("/local/syncs/warehouse.duckdb"), {
      env: { AIRBYTE_LOCAL_DIRECTORY: localDirectory },
    });
    expect(await fromEnv.dataset("users").count()).toBe(2);
    await fromEnv.close();
    const byDefault = openDestination(destination("/local/airbyte-ts-test-none/x.duckdb"), { env: {} });
    await expect(byDefault.dataset("users").count()).rejects.toThrow(
      "/tmp/airbyte_local/airbyte-ts-test-none/x.duckdb does not exist",
    );
  });

  test("a missing file names the path and the local directory", async () => {
    const absent = openDestination(destination("/local/absent.duckdb"), { localDirectory });
    expect(absent.databaseName).toBe("absent");
    const error = await absent
      .dataset("users")
      .count()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DestinationReadError);
    expect((error as Error).message).toContain(join(localDirectory, "absent.duckdb"));
    expect((error as Error).message).toContain("AIRBYTE_LOCAL_DIRECTORY");
  });

  test(":memory: has nothing to read; its names still resolve", async () => {
    const memory = openDestination(destination(":memory:"), { localDirectory });
    expect(memory.databaseName).toBe("memory");
    expect(memory.dataset("users").fullyQualifiedName).toBe('"memory"."main"."users"');
    await expect(memory.dataset("users").count()).rejects.toThrow(/in-memory database.*discarded/);
    await expect(memory.connection()).rejects.toBeInstanceOf(DestinationReadError);
  });

  test("a path outside /local is refused as Airbyte refuses it", async () => {
    for (const path of ["/etc/passwd.duckdb", "/local/../etc/x.duckdb"]) {
      const outside = openDestination(destination(path), { localDirectory });
      await expect(outside.dataset("users").count()).rejects.toThrow(/outside Airbyte's \/local mount/);
    }
  });

  test("the catalog is the file name up to its first dot, as DuckDB names it", async () => {
    const path = join(localDirectory, "my.sync.db.duckdb");
    await writeDatabase(path, typedTableSql("duckdb", "main.users"));
    const dotted = openDestination(destination("my.sync.db.duckdb"), { localDirectory });
    expect(dotted.databaseName).toBe("my");
    expect(await dotted.dataset("users").toArray()).toEqual(EXPECTED_ROWS);
    await dotted.close();
  });

  test("a file another process is writing is reported as locked, with that process", async () => {
    const path = join(localDirectory, "busy.duckdb");
    await writeDatabase(path, typedTableSql("duckdb", "main.users"));
    const writer = await holdWriteLock(path);
    try {
      const busy = openDestination(destination("/local/busy.duckdb"), { localDirectory });
      const error = await busy
        .dataset("users")
        .count()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DestinationReadError);
      expect((error as Error).message).toContain(`open for writing by another process (PID ${writer.pid})`);
    } finally {
      writer.kill("SIGKILL");
    }
  });
});

/** A child process that opens the file for writing (as a sync does) and keeps it open. */
function holdWriteLock(path: string): Promise<ChildProcess> {
  const script = `
    const { DuckDBInstance } = require("@duckdb/node-api");
    DuckDBInstance.create(${JSON.stringify(path)}).then(async (instance) => {
      await (await instance.connect()).run("SELECT 1");
      process.stdout.write("ready\\n");
      setInterval(() => {}, 1000);
    });`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the writer exited with ${code}`)));
    child.stdout?.once("data", () => resolve(child));
  });
}
