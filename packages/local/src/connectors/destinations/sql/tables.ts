/**
 * The tables a sync writes, made ready when the writer opens: schemas and final tables created
 * or widened with the columns the streams have gained, staging and batch tables created empty,
 * and the checkpoint table.
 */
import { columnKind, kindOfSqlType } from "./column-types.js";
import { derivedName, fitIdentifier, identifierKey, qualifiedName, quoteIdentifier } from "./identifiers.js";
import {
  AIRBYTE_COLUMNS,
  EXTRACTED_AT,
  type LayoutColumn,
  layoutColumns,
  META,
  RAW_ID,
  type RowLayout,
  WRITE_SEQUENCE,
} from "./record-encoding.js";
import type { SqlDialect, SqlSession, TableName } from "./session.js";
import type { StreamPlan } from "./stream-plan.js";

/**
 * One row per scope: the id of its last committed checkpoint, written in the transaction of
 * the records it covers. No key constraint: DuckDB's indexes refuse a key deleted and inserted
 * again in one transaction, and the writer replaces the row that way.
 */
export async function prepareCheckpoints(session: SqlSession, table: TableName): Promise<void> {
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

export async function prepareTables(session: SqlSession, plan: StreamPlan): Promise<void> {
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

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
