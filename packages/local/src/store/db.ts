/**
 * The embedded database: one SQLite file under the data directory (or memory for tests), in
 * WAL mode, migrated on open. better-sqlite3 is synchronous, so each statement is atomic with
 * respect to other requests; multi-statement writes go through `transaction`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";

type Db = Database.Database;

export interface StoreOptions {
  /** Directory of the database file; omitted with `inMemory`. */
  dataDir?: string;
  inMemory?: boolean;
}

export interface Store {
  readonly db: Db;
  /** Runs `work` in a transaction: all of its writes land, or none does. */
  transaction<T>(work: () => T): T;
  /** The file path, or ":memory:". */
  readonly location: string;
  close(): void;
}

const DATABASE_FILE = "airbyte-local.sqlite";

export function openStore(options: StoreOptions): Store {
  const location = options.inMemory || !options.dataDir ? ":memory:" : join(options.dataDir, DATABASE_FILE);
  if (location !== ":memory:" && options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(location);
  db.pragma("journal_mode = WAL");
  // FULL: a commit survives power loss, not only a crashed process.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  cachePreparedStatements(db);
  return {
    db,
    location,
    transaction: <T>(work: () => T): T => db.transaction(work)(),
    close: () => db.close(),
  };
}

const STATEMENT_CACHE_LIMIT = 2000;

/**
 * The records classes of store/ call `db.prepare(sql)` where they need a statement; compiling
 * SQL is the costliest part of a small query, so each distinct text is compiled once and
 * reused. (Statements here are never put in pluck/raw/expand mode, which would leak into other
 * users of the cache.)
 */
function cachePreparedStatements(db: Db): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
      statement = compile(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as Db["prepare"];
}

function migrate(db: Db): void {
  const applied = db.pragma("user_version", { simple: true }) as number;
  if (applied > MIGRATIONS.length) {
    throw new Error(
      `The database was written by a newer @airbyte-ts/local (schema ${applied}, this one knows ${MIGRATIONS.length}). Upgrade, or use another data directory.`,
    );
  }
  for (let version = applied; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Reads a JSON column. */
export function parseJsonColumn<T>(text: string | null | undefined): T | undefined {
  return text === null || text === undefined ? undefined : (JSON.parse(text) as T);
}

/** `?` for each value, for an SQL `IN (...)`; `NULL` for none, which matches nothing. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => "?").join(",") || "NULL";
}
