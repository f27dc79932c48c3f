/**
 * The destination writer DuckDB and Postgres share: Airbyte's typed final tables, staging for
 * full refresh, deduplication by primary key, all inside database transactions so that a
 * process killed at any moment leaves the tables as the last commit left them. Each database
 * brings a session (how it runs SQL and bulk-loads rows) and a dialect (how it names things).
 */
import { createHash } from "node:crypto";
import type { DestinationRecord, DestinationWriter, StreamTarget } from "../protocol.js";
import { columnKind, kindOfSqlType, type SqlTypes } from "./column-types.js";
import {
  AIRBYTE_COLUMNS,
  EXTRACTED_AT,
  encodeRecords,
  type EncodedBatch,
  type LayoutColumn,
  layoutColumns,
  META,
  RAW_ID,
  type RowLayout,
  WRITE_SEQUENCE,
} from "./record-encoding.js";

export interface TableName {
  /** DuckDB's temporary tables live in their own catalog. */
  catalog?: string;
  schema: string;
  name: string;
}

export interface SqlDialect {
  /** For messages: "DuckDB", "Postgres". */
  readonly name: string;
  readonly types: SqlTypes;
  /** DuckDB tells identifiers apart without regard to case, even quoted ones. */
  readonly caseInsensitiveIdentifiers: boolean;
  /** Postgres cuts identifiers at 63 bytes. */
  readonly maxIdentifierBytes?: number;
  /** Where a table private to this session (`CREATE TEMPORARY TABLE`) lives. */
  temporaryTable(name: string): TableName;
  /** Whether deduplicated final tables get an index on their primary key for the merges to look keys up. */
  readonly indexesPrimaryKeys: boolean;
}

export interface SqlSession {
  readonly dialect: SqlDialect;
  run(sql: string, params?: string[]): Promise<void>;
  rows(sql: string, params?: string[]): Promise<Record<string, unknown>[]>;
  /**
   * The fast path: appends rows inside the open transaction. It may return before the database
   * has checked them (Postgres' COPY stays open across batches): a row it refuses then fails the
   * next call, a commit at the latest.
   */
  insert(target: InsertTarget, batch: EncodedBatch): Promise<void>;
  close(): Promise<void>;
  /**
   * Waits until no other session writes for `scope` (the connection) and keeps it so until this
   * session closes. A database that admits one writer process at a time (DuckDB's file lock)
   * needs none.
   */
  holdWriterLock?(scope: string): Promise<void>;
  /** Inside the preparing transaction: one session at a time creates schemas and tables. */
  lockSchemaChanges?(): Promise<void>;
}

/** Where rows go: the batch's columns, and every column of the table in its order (DuckDB's appender fills them all). */
export interface InsertTarget {
  table: TableName;
  columns: readonly LayoutColumn[];
  tableColumns: readonly string[];
  /** How the database compares column names (for matching batch columns to table columns). */
  columnKey(name: string): string;
}

export interface SqlWriterOptions {
  /** Where the writer keeps what is not a stream's table (the checkpoints), Airbyte's `airbyte_internal`. */
  internalSchema: string;
  /** Whose checkpoints `commit` records and `lastCheckpoint` reads: the connection id. */
  checkpointScope: string;
  /** Postgres' `drop_cascade`: an overwrite may drop the views that depend on the table it replaces. */
  dropCascade?: boolean;
}

export const DEFAULT_INTERNAL_SCHEMA = "airbyte_internal";
const CHECKPOINTS_TABLE = "_airbyte_checkpoints";

/** What a full refresh stream does with its staged rows when the sync succeeds. */
type FinishAction = "replace" | "append" | "merge";

interface StreamPlan {
  target: StreamTarget;
  final: TableName;
  /** Full refresh (and overwrite) streams: rows wait here until `finish`. */
  staging?: TableName;
  /** Incremental deduplicated streams: rows written since the last commit, merged at the next. */
  batch?: TableName;
  onFinish?: FinishAction;
  /** Columns of the table `write` fills, with the kinds its rows are shaped for. */
  layout: RowLayout;
  /** Every column of that table, in its order. */
  tableColumns: string[];
  /** Primary key columns and cursor column of the merges. */
  key: string[];
  cursor?: string;
  /** A batch holds rows not yet merged. */
  pending: boolean;
}

export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function qualifiedName(table: TableName): string {
  const parts = table.catalog === undefined ? [table.schema, table.name] : [table.catalog, table.schema, table.name];
  return parts.map(quoteIdentifier).join(".");
}

/**
 * Prepares the streams' tables (schemas and final tables created or widened, staging tables
 * created empty) in one committed transaction, then opens the transaction writes go to.
 */
export async function openSqlWriter(
  session: SqlSession,
  streams: readonly StreamTarget[],
  options: SqlWriterOptions,
): Promise<DestinationWriter> {
  try {
    const plans = streams.map((target, index) => planStream(session.dialect, target, index));
    const checkpoints = { schema: fitIdentifier(session.dialect, options.internalSchema), name: CHECKPOINTS_TABLE };
    await session.holdWriterLock?.(options.checkpointScope);
    await session.run("BEGIN");
    await session.lockSchemaChanges?.();
    await prepareCheckpoints(session, checkpoints);
    for (const plan of plans) await prepareTables(session, plan);
    await session.run("COMMIT");
    await session.run("BEGIN");
    return new SqlDestinationWriter(session, plans, checkpoints, options);
  } catch (error) {
    await session.run("ROLLBACK").catch(() => undefined);
    await session.close().catch(() => undefined);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Planning: which tables a stream uses and what happens to them

function planStream(dialect: SqlDialect, target: StreamTarget, index: number): StreamPlan {
  checkColumnNames(dialect, target);
  const identifier = (name: string) => fitIdentifier(dialect, name);
  const final = { schema: identifier(target.schema), name: identifier(target.table) };
  const staged = target.syncMode === "full_refresh" || target.destinationSyncMode === "overwrite";
  const onFinish = staged ? finishAction(target) : undefined;
  const merges = onFinish === "merge" || (!staged && target.destinationSyncMode === "append_dedup");
  const plan: StreamPlan = {
    target,
    final,
    onFinish,
    layout: { dataColumns: [], generationId: target.generationId, withSequence: merges },
    tableColumns: [],
    key: merges ? primaryKeyColumns(target).map(identifier) : [],
    cursor: merges ? mapDefined(cursorColumn(target), identifier) : undefined,
    pending: false,
  };
  if (staged) plan.staging = { schema: final.schema, name: derivedName(dialect, final.name, "_airbyte_tmp") };
  else if (merges) plan.batch = dialect.temporaryTable(`_airbyte_batch_${index}`);
  return plan;
}

const mapDefined = <T, U>(value: T | undefined, map: (value: T) => U) => (value === undefined ? undefined : map(value));

function finishAction(target: StreamTarget): FinishAction {
  if (target.destinationSyncMode === "overwrite") return "replace";
  return target.destinationSyncMode === "append" ? "append" : "merge";
}

function primaryKeyColumns(target: StreamTarget): string[] {
  if (target.primaryKey.length === 0) {
    throw new Error(`The stream ${target.key} is deduplicated (append_dedup) but has no primary key.`);
  }
  return target.primaryKey.map((path) => topLevelColumn(target, path, "primary key"));
}

function cursorColumn(target: StreamTarget): string | undefined {
  return target.cursorField.length === 0 ? undefined : topLevelColumn(target, target.cursorField, "cursor");
}

function topLevelColumn(target: StreamTarget, path: string[], role: string): string {
  const [name] = path;
  if (path.length !== 1 || name === undefined || !target.columns.some((column) => column.name === name)) {
    throw new Error(
      `The ${role} ${path.join(".")} of the stream ${target.key} is not one of its selected top-level properties; ` +
        "the local server deduplicates on those only.",
    );
  }
  return name;
}

/** Refuses properties the database would confuse with each other or with Airbyte's own columns. */
function checkColumnNames(dialect: SqlDialect, target: StreamTarget): void {
  const seen = new Map<string, string>();
  for (const name of [...AIRBYTE_COLUMNS.map((c) => c.name), WRITE_SEQUENCE, ...target.columns.map((c) => c.name)]) {
    const key = identifierKey(dialect, name);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new Error(
        `The stream ${target.key} has properties ${JSON.stringify(other)} and ${JSON.stringify(name)}, ` +
          `which would be the same column in ${dialect.name}.`,
      );
    }
    seen.set(key, name);
  }
}

/** How the database tells a name apart from others: cut to its length limit, case folded where it ignores case. */
function identifierKey(dialect: SqlDialect, name: string): string {
  const fitted = fitIdentifier(dialect, name);
  return dialect.caseInsensitiveIdentifiers ? fitted.toLowerCase() : fitted;
}

/** The name as the database will store it (Postgres cuts long names, at a character boundary). */
function fitIdentifier(dialect: SqlDialect, name: string): string {
  const limit = dialect.maxIdentifierBytes;
  if (limit === undefined || Buffer.byteLength(name) <= limit) return name;
  let cut = "";
  let bytes = 0;
  for (const character of name) {
    bytes += Buffer.byteLength(character);
    if (bytes > limit) break;
    cut += character;
  }
  return cut;
}

/**
 * `<name><suffix>`; when that is too long for the database, the name is shortened and a hash of
 * it keeps two long names with the same beginning apart.
 */
function derivedName(dialect: SqlDialect, name: string, suffix: string): string {
  const full = `${name}${suffix}`;
  if (fitIdentifier(dialect, full) === full) return full;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  const limit = (dialect.maxIdentifierBytes ?? full.length) - Buffer.byteLength(`_${hash}${suffix}`);
  return `${fitIdentifier({ ...dialect, maxIdentifierBytes: limit }, name)}_${hash}${suffix}`;
}

// ---------------------------------------------------------------------------------------------
// Preparing tables at open

/**
 * One row per scope: the id of its last committed checkpoint, written in the transaction of
 * the records it covers. No key constraint: DuckDB's indexes refuse a key deleted and inserted
 * again in one transaction, and the writer replaces the row that way.
 */
async function prepareCheckpoints(session: SqlSession, table: TableName): Promise<void> {
  try {
    await ensureSchema(session, table.schema);
    await session.run(
      `CREATE TABLE IF NOT EXISTS ${qualifiedName(table)} ` +
        `("scope" VARCHAR NOT NULL, "checkpoint_id" VARCHAR NOT NULL, "committed_at" ${session.dialect.types.timestamptz} NOT NULL)`,
    );
  } catch (error) {
    throw new Error(`Could not prepare the checkpoint table ${qualifiedName(table)}: ${message(error)}`, {
      cause: error,
    });
  }
}

/**
 * Creates a schema only when it is missing: Postgres checks the right to create schemas before
 * it looks whether one exists, so a user who may only write into an existing schema would be
 * refused by a bare CREATE SCHEMA IF NOT EXISTS.
 */
async function ensureSchema(session: SqlSession, schema: string): Promise<void> {
  const matches = session.dialect.caseInsensitiveIdentifiers ? "lower(schema_name) = lower($1)" : "schema_name = $1";
  const found = await session.rows(
    `SELECT 1 FROM information_schema.schemata WHERE catalog_name = current_database() AND ${matches}`,
    [schema],
  );
  if (found.length === 0) await session.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
}

interface ExistingColumn {
  name: string;
  dataType: string;
}

async function prepareTables(session: SqlSession, plan: StreamPlan): Promise<void> {
  const { dialect } = session;
  const { target, final } = plan;
  try {
    await ensureSchema(session, final.schema);
    const finalColumns = await ensureFinalTable(session, plan);
    if (plan.key.length > 0 && plan.onFinish !== "replace" && dialect.indexesPrimaryKeys) {
      await indexPrimaryKey(session, plan);
    }
    const kindsOfFinal = new Map(finalColumns.map((c) => [identifierKey(dialect, c.name), kindOfSqlType(c.dataType)]));
    plan.layout.dataColumns = target.columns.map(({ name, schema }) => ({
      name: fitIdentifier(dialect, name),
      property: name,
      // An overwrite stages a new table typed from today's schema; the others write into columns as they exist.
      kind:
        plan.onFinish === "replace"
          ? columnKind(schema)
          : (kindsOfFinal.get(identifierKey(dialect, name)) ?? columnKind(schema)),
    }));
    plan.tableColumns =
      plan.onFinish === "replace"
        ? layoutColumns(plan.layout).map((column) => column.name)
        : [...finalColumns.map((column) => column.name), ...(plan.layout.withSequence ? [WRITE_SEQUENCE] : [])];
    if (plan.staging) {
      await session.run(`DROP TABLE IF EXISTS ${qualifiedName(plan.staging)}`);
      await createStagingTable(session, plan, plan.staging, "CREATE TABLE");
    }
    if (plan.batch) {
      await session.run(`DROP TABLE IF EXISTS ${qualifiedName(plan.batch)}`);
      await createStagingTable(session, plan, plan.batch, "CREATE TEMPORARY TABLE");
    }
  } catch (error) {
    throw new Error(
      `Could not prepare the table ${qualifiedName(final)} of the stream ${target.key}: ${message(error)}`,
      {
        cause: error,
      },
    );
  }
}

async function ensureFinalTable(session: SqlSession, plan: StreamPlan): Promise<ExistingColumn[]> {
  const { dialect } = session;
  const wanted = plan.target.columns.map(({ name, schema }) => ({
    name: fitIdentifier(dialect, name),
    kind: columnKind(schema),
  }));
  const layout: RowLayout = { dataColumns: wanted, generationId: plan.target.generationId, withSequence: false };
  const existing = await describeTable(session, plan.final);
  if (existing.length === 0) {
    await session.run(
      `CREATE TABLE IF NOT EXISTS ${qualifiedName(plan.final)} (${columnDefinitions(dialect, layout)})`,
    );
    return describeTable(session, plan.final);
  }
  const present = new Set(existing.map((column) => identifierKey(dialect, column.name)));
  const missing = [...AIRBYTE_COLUMNS, ...wanted].filter((column) => !present.has(identifierKey(dialect, column.name)));
  for (const column of missing) {
    await session.run(
      `ALTER TABLE ${qualifiedName(plan.final)} ADD COLUMN ${quoteIdentifier(column.name)} ${sqlType(dialect, column)}`,
    );
  }
  return missing.length === 0 ? existing : describeTable(session, plan.final);
}

async function describeTable(session: SqlSession, table: TableName): Promise<ExistingColumn[]> {
  const matches = session.dialect.caseInsensitiveIdentifiers
    ? "lower(table_schema) = lower($1) AND lower(table_name) = lower($2)"
    : "table_schema = $1 AND table_name = $2";
  const rows = await session.rows(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_catalog = current_database() AND ${matches} ORDER BY ordinal_position`,
    [table.schema, table.name],
  );
  return rows.map((row) => ({ name: String(row.column_name), dataType: String(row.data_type) }));
}

/**
 * An overwrite stages a new table typed from today's schema. Rows that end in the existing
 * final table wait in a copy of its columns (their exact types, whatever made them), plus the
 * arrival sequence when they are merged.
 */
async function createStagingTable(
  session: SqlSession,
  plan: StreamPlan,
  table: TableName,
  create: "CREATE TABLE" | "CREATE TEMPORARY TABLE",
): Promise<void> {
  // A temporary table takes its schema from the database (pg_temp, temp.main), never from its name.
  const name = create === "CREATE TABLE" ? qualifiedName(table) : quoteIdentifier(table.name);
  if (plan.onFinish === "replace") {
    await session.run(`${create} ${name} (${columnDefinitions(session.dialect, plan.layout)})`);
    return;
  }
  await session.run(`${create} ${name} AS SELECT * FROM ${qualifiedName(plan.final)} LIMIT 0`);
  if (plan.layout.withSequence) {
    await session.run(`ALTER TABLE ${qualifiedName(table)} ADD COLUMN ${quoteIdentifier(WRITE_SEQUENCE)} BIGINT`);
  }
}

async function indexPrimaryKey(session: SqlSession, plan: StreamPlan): Promise<void> {
  const name = derivedName(session.dialect, plan.final.name, "_airbyte_pk");
  const columns = plan.key.map(quoteIdentifier).join(", ");
  await session.run(`CREATE INDEX IF NOT EXISTS ${quoteIdentifier(name)} ON ${qualifiedName(plan.final)} (${columns})`);
}

const REQUIRED_COLUMNS = new Set([RAW_ID, EXTRACTED_AT, META]);

function columnDefinitions(dialect: SqlDialect, layout: RowLayout): string {
  return layoutColumns(layout)
    .map((column) => {
      const required = REQUIRED_COLUMNS.has(column.name) ? " NOT NULL" : "";
      return `${quoteIdentifier(column.name)} ${sqlType(dialect, column)}${required}`;
    })
    .join(", ");
}

/** Airbyte keeps raw ids as VARCHAR in every database; the other columns take their kind's type. */
const sqlType = (dialect: SqlDialect, column: LayoutColumn) =>
  column.name === RAW_ID ? "VARCHAR" : dialect.types[column.kind];

// ---------------------------------------------------------------------------------------------
// Writing

class SqlDestinationWriter implements DestinationWriter {
  private readonly plans: Map<string, StreamPlan>;
  private nextSequence = 0;
  /** The first failure: the transaction is lost, so nothing after it may pretend to commit. */
  private failure: unknown;
  private state: "open" | "finished" | "closed" = "open";

  constructor(
    private readonly session: SqlSession,
    plans: StreamPlan[],
    private readonly checkpoints: TableName,
    private readonly options: SqlWriterOptions,
  ) {
    this.plans = new Map(plans.map((plan) => [plan.target.key, plan]));
  }

  async lastCheckpoint(): Promise<string | null> {
    const rows = await this.session.rows(
      `SELECT "checkpoint_id" FROM ${qualifiedName(this.checkpoints)} WHERE "scope" = $1`,
      [this.options.checkpointScope],
    );
    return rows.length === 0 ? null : String(rows[0]?.checkpoint_id);
  }

  write(streamKey: string, records: DestinationRecord[]): Promise<void> {
    return this.guard(async () => {
      const plan = this.plans.get(streamKey);
      if (plan === undefined) throw new Error(`The stream ${streamKey} was not opened for writing.`);
      if (records.length === 0) return;
      const table = plan.staging ?? plan.batch ?? plan.final;
      const batch = encodeRecords(plan.layout, records, this.nextSequence);
      this.nextSequence += records.length;
      await this.session.insert(
        {
          table,
          columns: layoutColumns(plan.layout),
          tableColumns: plan.tableColumns,
          columnKey: (name) => identifierKey(this.session.dialect, name),
        },
        batch,
      );
      if (plan.batch) plan.pending = true;
    });
  }

  commit(checkpointId?: string): Promise<void> {
    return this.guard(async () => {
      await this.mergeBatches();
      if (checkpointId !== undefined) await this.recordCheckpoint(checkpointId);
      await this.session.run("COMMIT");
      await this.session.run("BEGIN");
    });
  }

  finish(): Promise<void> {
    return this.guard(async () => {
      await this.mergeBatches();
      for (const plan of this.plans.values()) await this.publishStaged(plan);
      await this.session.run("COMMIT");
      this.state = "finished";
    });
  }

  async close(succeeded: boolean): Promise<void> {
    if (this.state === "closed") return;
    const inTransaction = this.state === "open";
    this.state = "closed";
    try {
      if (inTransaction && succeeded && this.failure === undefined) {
        await this.mergeBatches();
        await this.session.run("COMMIT");
      } else if (inTransaction) {
        // A lost connection has rolled back already; its error says nothing new.
        await this.session.run("ROLLBACK").catch(() => undefined);
        await this.dropStaging();
      }
    } finally {
      await this.session.close();
    }
  }

  /**
   * Tidies the staging tables of a failed attempt (the next attempt empties them anyway, so
   * when this cannot run, nothing is wrong, only untidy).
   */
  private async dropStaging(): Promise<void> {
    for (const { staging } of this.plans.values()) {
      if (staging) await this.session.run(`DROP TABLE IF EXISTS ${qualifiedName(staging)}`).catch(() => undefined);
    }
  }

  private async guard(operation: () => Promise<void>): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.state !== "open") throw new Error(`The destination writer is ${this.state}.`);
    try {
      await operation();
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  private async recordCheckpoint(checkpointId: string): Promise<void> {
    const table = qualifiedName(this.checkpoints);
    const scope = this.options.checkpointScope;
    await this.session.run(`DELETE FROM ${table} WHERE "scope" = $1`, [scope]);
    await this.session.run(
      `INSERT INTO ${table} ("scope", "checkpoint_id", "committed_at") VALUES ($1, $2, CURRENT_TIMESTAMP)`,
      [scope, checkpointId],
    );
  }

  private async mergeBatches(): Promise<void> {
    for (const plan of this.plans.values()) {
      if (!plan.batch || !plan.pending) continue;
      await mergeRows(this.session, plan, plan.batch);
      await this.session.run(`TRUNCATE ${qualifiedName(plan.batch)}`);
      plan.pending = false;
    }
  }

  private async publishStaged(plan: StreamPlan): Promise<void> {
    const { staging, final } = plan;
    if (!staging) return;
    switch (plan.onFinish) {
      case "replace": {
        const cascade = this.options.dropCascade ? " CASCADE" : "";
        await this.session.run(`DROP TABLE IF EXISTS ${qualifiedName(final)}${cascade}`);
        await this.session.run(`ALTER TABLE ${qualifiedName(staging)} RENAME TO ${quoteIdentifier(final.name)}`);
        return;
      }
      case "append": {
        const columns = layoutColumns(plan.layout)
          .map((c) => quoteIdentifier(c.name))
          .join(", ");
        await this.session.run(
          `INSERT INTO ${qualifiedName(final)} (${columns}) SELECT ${columns} FROM ${qualifiedName(staging)}`,
        );
        break;
      }
      case "merge":
        await mergeRows(this.session, plan, staging);
        break;
    }
    await this.session.run(`DROP TABLE ${qualifiedName(staging)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Deduplication

/**
 * Merges rows into the final table: per primary key, the newest row by cursor wins (a row
 * without a cursor value is the oldest), and of equals the later one, new rows being later
 * than the final table's. So final rows whose key has a newer-or-equal new row are deleted,
 * then the newest new row of each key is inserted unless a newer final row remains.
 */
async function mergeRows(session: SqlSession, plan: StreamPlan, source: TableName): Promise<void> {
  const merge = new MergeSql(plan, source);
  // Keys are matched with `=` first: both databases then narrow the final table's scan to the
  // batch's keys (Postgres through the index, DuckDB through its zone maps), which a join on
  // IS NOT DISTINCT FROM defeats. Keys with a NULL in them, rare, get a pass of their own.
  await session.run(merge.deleteReplaced("strict", "all"));
  await session.run(merge.insertNewest("strict", "keyed"));
  if ((await session.rows(merge.anyNullKey())).length > 0) {
    await session.run(merge.deleteReplaced("nullSafe", "nullKeyed"));
    await session.run(merge.insertNewest("nullSafe", "nullKeyed"));
  }
}

type KeyEquality = "strict" | "nullSafe";
/** Which new rows a statement handles: all, those with a complete key, those with a null in theirs. */
type RowsByKey = "all" | "keyed" | "nullKeyed";

class MergeSql {
  private readonly final: string;
  private readonly source: string;
  private readonly columns: string[];
  private readonly keys: string[];
  private readonly cursor?: string;

  constructor(plan: StreamPlan, source: TableName) {
    this.final = qualifiedName(plan.final);
    this.source = qualifiedName(source);
    const finalColumns = [...AIRBYTE_COLUMNS, ...plan.layout.dataColumns];
    this.columns = finalColumns.map((c) => quoteIdentifier(c.name));
    this.keys = plan.key.map(quoteIdentifier);
    this.cursor = plan.cursor === undefined ? undefined : quoteIdentifier(plan.cursor);
  }

  deleteReplaced(equality: KeyEquality, rows: RowsByKey): string {
    const newerOrEqual =
      this.cursor === undefined ? "" : ` AND (f.${this.cursor} IS NULL OR n.${this.cursor} >= f.${this.cursor})`;
    return `DELETE FROM ${this.final} AS f USING ${this.newest(rows)} AS n WHERE ${this.sameKey(equality)}${newerOrEqual}`;
  }

  insertNewest(equality: KeyEquality, rows: RowsByKey): string {
    const selected = this.columns.map((column) => `n.${column}`).join(", ");
    return (
      `INSERT INTO ${this.final} (${this.columns.join(", ")}) SELECT ${selected} FROM ${this.newest(rows)} AS n ` +
      `WHERE NOT EXISTS (SELECT 1 FROM ${this.final} AS f WHERE ${this.sameKey(equality)})`
    );
  }

  anyNullKey(): string {
    return `SELECT 1 FROM ${this.source} WHERE ${this.keys.map((key) => `${key} IS NULL`).join(" OR ")} LIMIT 1`;
  }

  /**
   * The newest new row of each key: by cursor (nulls last), then by arrival. The window ranks
   * narrow rows (key, cursor, sequence) and the winners are picked by their unique sequence:
   * ranking whole rows costs DuckDB twice as much.
   */
  private newest(rows: RowsByKey): string {
    const sequence = quoteIdentifier(WRITE_SEQUENCE);
    const order = [...(this.cursor === undefined ? [] : [`${this.cursor} DESC NULLS LAST`]), `${sequence} DESC`].join(
      ", ",
    );
    const ranked =
      `SELECT ${sequence}, row_number() OVER (PARTITION BY ${this.keys.join(", ")} ORDER BY ${order}) AS "_airbyte_row_number" ` +
      `FROM ${this.source}${this.rowFilter(rows)}`;
    const winners = `SELECT ${sequence} FROM (${ranked}) AS ranked WHERE "_airbyte_row_number" = 1`;
    return `(SELECT * FROM ${this.source} WHERE ${sequence} IN (${winners}))`;
  }

  private rowFilter(rows: RowsByKey): string {
    if (rows === "all") return "";
    if (rows === "keyed") return ` WHERE ${this.keys.map((key) => `${key} IS NOT NULL`).join(" AND ")}`;
    return ` WHERE ${this.keys.map((key) => `${key} IS NULL`).join(" OR ")}`;
  }

  private sameKey(equality: KeyEquality): string {
    const operator = equality === "strict" ? "=" : "IS NOT DISTINCT FROM";
    return this.keys.map((key) => `f.${key} ${operator} n.${key}`).join(" AND ");
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
