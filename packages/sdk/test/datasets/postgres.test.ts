/**
 * The Postgres reader against a throwaway PostgreSQL 15 cluster: the same table as the DuckDB
 * test reads back as the same objects; iteration goes through a server-side cursor; masked
 * passwords come from the options or the environment and never show up anywhere.
 */
import { inspect } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MissingSecretError, TableNotFoundError } from "airbyte-ts";
import { DestinationReader, openDestination } from "airbyte-ts/datasets";
import { has } from "@airbyte-ts/test-support";
import { type PostgresServer, startPostgres } from "@airbyte-ts/test-support/postgres";
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

const PASSWORD = "S3cret-Reader-Pass!";
/** The cluster's superuser's, for setting up and watching. */
const ADMIN_PASSWORD = "Cluster-Admin-Pass";
const MASK = "**********";

let cluster: PostgresServer;
let reader: DestinationReader;

const destination = (overrides: Record<string, unknown> = {}) => ({
  destinationType: "postgres",
  configuration: {
    host: cluster.host,
    port: cluster.port,
    database: "warehouse",
    schema: "public",
    username: "reader",
    password: MASK,
    ssl_mode: { mode: "disable" },
    tunnel_method: { tunnel_method: "NO_TUNNEL" },
    ...overrides,
  },
});

async function sessionsOfReaders(): Promise<string[]> {
  const rows = await cluster.query<{ session: string }>(
    "SELECT state || ': ' || query AS session FROM pg_stat_activity WHERE application_name = 'airbyte-ts' ORDER BY backend_start",
  );
  return rows.map((row) => row.session);
}

beforeAll(async () => {
  // Every login over TCP gives its password: the superuser's for setting up, `reader`'s for the reader.
  cluster = await startPostgres({ password: ADMIN_PASSWORD });
  await cluster.query(`CREATE ROLE reader LOGIN PASSWORD '${PASSWORD}'`);
  await cluster.query("CREATE DATABASE warehouse OWNER reader");
  const setup = [
    ...typedTableSql("postgres", "public.users"),
    ...typedTableSql("postgres", "public.faker_users"),
    "CREATE SCHEMA sales",
    ...typedTableSql("postgres", "sales.users"),
    ...otherTypesSql("postgres", "public.other_types"),
    `CREATE TABLE public.events AS
       SELECT i::BIGINT AS id,
              repeat('x', ${PAYLOAD_BYTES}) || i::TEXT AS payload,
              gen_random_uuid()::TEXT AS _airbyte_raw_id,
              TIMESTAMPTZ '2024-01-01 00:00:00+00' + make_interval(secs => i) AS _airbyte_extracted_at,
              '{"changes": [], "sync_id": 1}'::JSONB AS _airbyte_meta,
              1::BIGINT AS _airbyte_generation_id
       FROM generate_series(0, ${LARGE_ROW_COUNT - 1}) AS t(i)`,
    "GRANT USAGE ON SCHEMA sales TO reader",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public, sales TO reader",
  ];
  await cluster.query(setup.join(";\n"), undefined, "warehouse");
  reader = openDestination(destination(), { secrets: { password: PASSWORD } });
});

afterAll(async () => {
  await reader?.close();
  await cluster?.close();
});

describe.skipIf(!has("postgres"))("a Postgres destination", () => {
  test("names: the database, the default schema public, quoted for Postgres", () => {
    expect(reader.destinationType).toBe("postgres");
    expect(reader.databaseName).toBe("warehouse");
    expect(reader.defaultSchemaName).toBe("public");
    const users = reader.dataset("users");
    expect([users.streamName, users.tableName, users.schemaName, users.databaseName]).toEqual([
      "users",
      "users",
      "public",
      "warehouse",
    ]);
    expect(users.fullyQualifiedName).toBe('"warehouse"."public"."users"');
    expect(reader.dataset("s".repeat(80)).tableName).toHaveLength(63);
  });

  test("reads back exactly what the DuckDB reader reads from the same data", async () => {
    const users = reader.dataset("users");
    expect(await users.columnNames()).toEqual(EXPECTED_COLUMNS);
    expect(await users.count()).toBe(2);
    expect(await users.toArray()).toEqual(EXPECTED_ROWS);
    const iterated = [];
    for await (const row of users) iterated.push(row);
    expect(iterated).toEqual(EXPECTED_ROWS);
    expect(await reader.dataset("other_types").toArray()).toEqual([EXPECTED_OTHER_ROW]);
  });

  test("rows({ limit, columns }), prefixes and schemas", async () => {
    const picked = [];
    for await (const row of reader.dataset("users").rows({ limit: 1, columns: ["id", "_airbyte_extracted_at"] })) {
      picked.push(row);
    }
    expect(picked).toEqual([{ id: 1, _airbyte_extracted_at: "2024-06-01T00:00:00.000Z" }]);
    expect(await reader.dataset("USERS", { prefix: "Faker_" }).count()).toBe(2);
    expect(await reader.dataset("users", { schemaName: "sales" }).toArray()).toEqual(EXPECTED_ROWS);
  });

  test("a table or schema that does not exist is a TableNotFoundError", async () => {
    await expect(reader.dataset("orders").count()).rejects.toBeInstanceOf(TableNotFoundError);
    await expect(reader.dataset("users", { schemaName: "nowhere" }).toArray()).rejects.toBeInstanceOf(
      TableNotFoundError,
    );
    const iterate = async () => {
      for await (const row of reader.dataset("orders")) void row;
    };
    await expect(iterate()).rejects.toBeInstanceOf(TableNotFoundError);
    expect(await reader.dataset("orders").exists()).toBe(false);
    expect(await reader.dataset("users").exists()).toBe(true);
  });

  test(`iterating ${LARGE_ROW_COUNT} rows goes through a cursor, one batch in memory`, async () => {
    const before = await retainedHeap();
    let count = 0;
    let peak = 0;
    let sessionsMidway: string[] = [];
    for await (const row of reader.dataset<{ id: number; payload: string }>("events").rows({ batchSize: 5_000 })) {
      count += 1;
      if (row.payload.length < PAYLOAD_BYTES) throw new Error("short payload");
      if (count === 100_000) sessionsMidway = await sessionsOfReaders();
      if (count % 50_000 === 0) peak = Math.max(peak, (await retainedHeap()) - before);
    }
    expect(count).toBe(LARGE_ROW_COUNT);
    expect(sessionsMidway).toContain("idle in transaction: FETCH FORWARD 5000 FROM airbyte_ts_rows");
    expect(peak).toBeLessThan(32 * 1024 * 1024);
  });

  test("stopping an iteration early closes the cursor and its transaction", async () => {
    for (let round = 0; round < 15; round++) {
      for await (const row of reader.dataset("events").rows({ batchSize: 100 })) {
        void row;
        break;
      }
    }
    expect((await sessionsOfReaders()).filter((session) => session.startsWith("idle in transaction"))).toEqual([]);
    expect(await reader.dataset("users").count()).toBe(2);
  });

  test("connection() is pg's own pool; query() and stream() take $1 parameters", async () => {
    const pool = await reader.connection();
    expect(pool).toBeInstanceOf(pg.Pool);
    const { rows } = await (pool as pg.Pool).query("SELECT count(*) AS n FROM sales.users");
    expect(rows).toEqual([{ n: 2 }]);
    expect(await reader.query("SELECT name FROM users WHERE id = $1", [1])).toEqual([{ name: "Ada" }]);
    const ids = [];
    for await (const row of reader.stream<{ id: number }>("SELECT id FROM events WHERE id < $1 ORDER BY id", {
      params: [3],
      batchSize: 2,
    })) {
      ids.push(row.id);
    }
    expect(ids).toEqual([0, 1, 2]);
  });
});

describe.skipIf(!has("postgres"))("Postgres secrets", () => {
  const countUsers = async (
    options: Parameters<typeof openDestination>[1],
    overrides: Record<string, unknown> = {},
  ) => {
    const own = openDestination(destination(overrides), options);
    try {
      return await own.dataset("users").count();
    } finally {
      await own.close();
    }
  };

  test("a masked password comes from options.secrets, then POSTGRES_PASSWORD", async () => {
    expect(await countUsers({ secrets: { password: PASSWORD }, env: {} })).toBe(2);
    expect(await countUsers({ env: { POSTGRES_PASSWORD: PASSWORD } })).toBe(2);
    expect(await countUsers({ secrets: { password: PASSWORD }, env: { POSTGRES_PASSWORD: "wrong" } })).toBe(2);
  });

  test("a password the configuration holds in clear is used as it is", async () => {
    expect(await countUsers({ env: {} }, { password: PASSWORD })).toBe(2);
  });

  test("a masked password with nothing to replace it names the option and the variable", async () => {
    const error = await countUsers({ env: { POSTGRES_PASSWORD: "  " } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingSecretError);
    expect((error as MissingSecretError).message).toBe(
      "The postgres destination's password is masked in its configuration: pass it as options.secrets.password or set the POSTGRES_PASSWORD environment variable.",
    );
    expect((error as MissingSecretError).environmentVariable).toBe("POSTGRES_PASSWORD");
  });

  test("no secret appears in errors or in inspect output", async () => {
    const wrong = "Wr0ng-Password-Value";
    const error = await countUsers({ secrets: { password: wrong } }).catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toMatch(/password authentication failed/);
    expect(inspect(error, { depth: 8 })).not.toContain(wrong);

    const own = openDestination(destination(), { secrets: { password: PASSWORD } });
    await own.dataset("users").count();
    for (const shown of [
      inspect(own, { depth: 8, showHidden: true }),
      inspect(own.dataset("users"), { depth: 8, showHidden: true }),
      JSON.stringify(own),
      JSON.stringify(own.dataset("users")),
    ]) {
      expect(shown).not.toContain(PASSWORD);
    }
    await own.close();
  });
});
