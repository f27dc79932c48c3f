/**
 * Advisory locks that keep Postgres writers out of each other's way. A killed sync worker's
 * database session outlives it for a moment and may still finish a COMMIT it had begun: the
 * next attempt of the connection must not read the last committed checkpoint before that
 * session has ended, or it would copy those records again. And two connections' first syncs
 * into one database would otherwise race on `CREATE SCHEMA IF NOT EXISTS` (Postgres answers
 * one of them with a unique violation on pg_namespace).
 */
import type { SqlSession } from "./sql/session.js";

/** The first key of airbyte-ts' advisory locks ("Abyt"), so they do not meet an application's own. */
const WRITERS = 0x41627974;
/** The key space of the lock on schema changes; separate, so a writer's scope never blocks it. */
const SCHEMA_CHANGES = WRITERS + 1;
/** How long a writer waits for an earlier attempt's session: Postgres ends a dead client's session in moments. */
const WRITER_WAIT = "60s";
const LOCK_NOT_AVAILABLE = "55P03";

/**
 * Waits until no other session writes for `scope` (the connection), then holds the lock until
 * this session ends: at most one writer per connection, a dead one's session included.
 */
export async function holdWriterLock(session: SqlSession, scope: string): Promise<void> {
  await session.run(`SET lock_timeout = '${WRITER_WAIT}'`);
  try {
    await session.run("SELECT pg_advisory_lock($1::int, hashtext($2))", [String(WRITERS), scope]);
  } catch (error) {
    if ((error as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw error;
    throw new Error(
      `Another session still writes this connection's tables after ${WRITER_WAIT} (an earlier attempt's); ` +
        "the next attempt tries again.",
      { cause: error },
    );
  } finally {
    await session.run("RESET lock_timeout");
  }
}

/** Inside a transaction: one session at a time creates schemas and tables, until it commits. */
export async function lockSchemaChanges(session: SqlSession): Promise<void> {
  await session.run("SELECT pg_advisory_xact_lock($1::int, 0)", [String(SCHEMA_CHANGES)]);
}
