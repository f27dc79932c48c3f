/**
 * The Postgres source's check, as Airbyte's: the update method can run, the database answers
 * to this user, and the user may use every configured schema and read every table in them.
 */
import type { Config } from "../destinations/postgres-connect.js";
import { configurationErrors } from "../spec.js";
import type { CheckOutcome } from "../types.js";
import { configuredSchemas, connectSource, unsupportedMethodReason } from "./postgres-options.js";
import { postgresSourceSpecification } from "./postgres-spec.js";

const SCHEMAS_SQL = `
SELECT s.name, n.oid IS NOT NULL AS exists, n.oid IS NOT NULL AND has_schema_privilege(n.oid, 'USAGE') AS usable
FROM unnest($1::text[]) AS s(name) LEFT JOIN pg_namespace n ON n.nspname = s.name`;

const UNREADABLE_TABLES_SQL = `
SELECT format('%I.%I', n.nspname, c.relname) AS name
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY($1::text[])
  AND NOT has_table_privilege(c.oid, 'SELECT')
ORDER BY 1`;

export async function checkPostgresSource(config: Config): Promise<CheckOutcome> {
  const failed = (message: string): CheckOutcome => ({ status: "failed", message });
  // Without a host libpq would try the local socket: the configuration is checked first.
  const errors = configurationErrors(postgresSourceSpecification, config);
  if (errors.length > 0) return failed(errors.join("; "));
  const unsupported = unsupportedMethodReason(config);
  if (unsupported) return failed(unsupported);
  let schemas: string[];
  try {
    schemas = configuredSchemas(config);
  } catch (error) {
    return failed((error as Error).message);
  }
  let client;
  try {
    client = await connectSource(config);
  } catch (error) {
    return failed((error as Error).message);
  }
  const user = String(config.username ?? "");
  try {
    const schemaRows = (await client.query<{ name: string; exists: boolean; usable: boolean }>(SCHEMAS_SQL, [schemas]))
      .rows;
    const missing = schemaRows.filter((row) => !row.exists).map((row) => row.name);
    if (missing.length > 0) {
      return failed(`Schema ${quoteList(missing)} does not exist in database ${String(config.database)}.`);
    }
    const unusable = schemaRows.filter((row) => !row.usable).map((row) => row.name);
    if (unusable.length > 0) {
      return failed(
        `User ${user} lacks the USAGE privilege on schema ${quoteList(unusable)}: GRANT USAGE ON SCHEMA to it.`,
      );
    }
    const unreadable = (await client.query<{ name: string }>(UNREADABLE_TABLES_SQL, [schemas])).rows.map(
      (row) => row.name,
    );
    if (unreadable.length > 0) {
      return failed(
        `User ${user} lacks the SELECT privilege on ${unreadable.join(", ")}: GRANT SELECT on these tables to it, or replicate other schemas.`,
      );
    }
    return { status: "succeeded" };
  } catch (error) {
    return failed(`Postgres: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const quoteList = (names: readonly string[]) => names.map((name) => `"${name}"`).join(", ");
